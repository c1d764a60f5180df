import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { KantataAfterFaultInterceptor, KantataApiGuard } from '../auth/kantata-api.guard';
import { KantataExceptionFilter } from '../common/kantata-exception.filter';
import { KantataBody } from '../common/kantata-json-body';
import { KantataEnvelope } from './envelope';
import { KantataResourcesService } from './kantata-resources.service';

/**
 * Kantata's REST API v1: `GET /api/v1/{plural}[.json]`, `GET /api/v1/{plural}/{id}[.json]`,
 * `POST /api/v1/{plural}` (`{"<plural>":[...]}`, up to 100), `PUT /api/v1/{plural}/{id}`
 * (`{"<singular>":{...}}`), `DELETE /api/v1/{plural}/{id}`.
 */
@Controller('api/v1')
@UseGuards(KantataApiGuard)
@UseInterceptors(KantataAfterFaultInterceptor)
@UseFilters(KantataExceptionFilter)
export class KantataResourcesController {
  constructor(private readonly resources: KantataResourcesService) {}

  @Get(':resource')
  list(@Param('resource') resource: string, @Query() query: Record<string, unknown>): Promise<KantataEnvelope> {
    return this.resources.list(resource, query);
  }

  @Get(':resource/:id')
  show(
    @Param('resource') resource: string,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<KantataEnvelope> {
    return this.resources.show(resource, id, query);
  }

  @Post(':resource')
  @HttpCode(200)
  create(@Param('resource') resource: string, @Body(KantataBody) body: unknown): Promise<KantataEnvelope> {
    return this.resources.create(resource, body);
  }

  @Put(':resource/:id')
  update(
    @Param('resource') resource: string,
    @Param('id') id: string,
    @Body(KantataBody) body: unknown,
  ): Promise<KantataEnvelope> {
    return this.resources.update(resource, id, body);
  }

  @Delete(':resource/:id')
  @HttpCode(204)
  async remove(@Param('resource') resource: string, @Param('id') id: string): Promise<void> {
    await this.resources.remove(resource, id);
  }
}
