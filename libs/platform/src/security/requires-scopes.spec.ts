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
  it('publishes the scopes as the operation security under both schemes, read for GET and write otherwise', async () => {
    const app = await NestFactory.create(WidgetsModule, new FastifyAdapter(), { preview: true, logger: false });
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
    const paths = doc.paths;
    expect(paths['/system/widgets/v1/widgets'].get?.security).toEqual([
      { apiKey: ['widgets:read'] },
      { oauth2: ['widgets:read'] },
    ]);
    expect(paths['/system/widgets/v1/widgets'].post?.security).toEqual([
      { apiKey: ['widgets:write'] },
      { oauth2: ['widgets:write'] },
    ]);
    expect(paths['/system/widgets/v1/widgets/replay'].post?.security).toEqual([
      { apiKey: ['operations:write', 'admin'] },
      { oauth2: ['operations:write', 'admin'] },
    ]);
    expect(Reflect.getMetadata(REQUIRED_SCOPES, WidgetsController.prototype.list)).toEqual(['widgets:read']);
    expect(Reflect.getMetadata(REQUIRED_SCOPES, WidgetsController.prototype.helper)).toBeUndefined();
  });
});
