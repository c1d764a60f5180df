import { Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProductScopes, REQUIRED_SCOPES, RequiresScopes } from './requires-scopes';

@ProductScopes('widgets')
@Controller('system/widgets/v1/widgets')
class WidgetsController {
  @Get()
  list(): string[] {
    return [];
  }

  @Post()
  create(): string {
    return 'ok';
  }

  @Post('replay')
  @RequiresScopes('operations:write', 'admin')
  replay(): string {
    return 'ok';
  }

  helper(): string {
    return 'not an operation';
  }
}

@Module({ controllers: [WidgetsController] })
class WidgetsModule {}

describe('RequiresScopes / ProductScopes', () => {
  it('publishes the scopes as x-required-scopes and the oauth2 requirement (apiKey lists none, as OpenAPI 3.0 asks), read for GET and write otherwise', async () => {
    const app = await NestFactory.create(WidgetsModule, new FastifyAdapter(), { preview: true, logger: false });
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
    const paths = doc.paths;
    const scopesOf = (op: unknown) => ({
      security: (op as { security?: unknown }).security,
      required: (op as Record<string, unknown>)['x-required-scopes'],
    });
    expect(scopesOf(paths['/system/widgets/v1/widgets'].get)).toEqual({
      security: [{ apiKey: [] }, { oauth2: ['widgets:read'] }],
      required: ['widgets:read'],
    });
    expect(scopesOf(paths['/system/widgets/v1/widgets'].post)).toEqual({
      security: [{ apiKey: [] }, { oauth2: ['widgets:write'] }],
      required: ['widgets:write'],
    });
    expect(scopesOf(paths['/system/widgets/v1/widgets/replay'].post)).toEqual({
      security: [{ apiKey: [] }, { oauth2: ['operations:write', 'admin'] }],
      required: ['operations:write', 'admin'],
    });
    expect(Reflect.getMetadata(REQUIRED_SCOPES, WidgetsController.prototype.list)).toEqual(['widgets:read']);
    expect(Reflect.getMetadata(REQUIRED_SCOPES, WidgetsController.prototype.helper)).toBeUndefined();
  });
});
