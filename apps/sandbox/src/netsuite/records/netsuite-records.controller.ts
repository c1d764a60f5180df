import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NetSuiteApiGuard, NetSuiteFaultAfter } from '../auth/netsuite-api.guard';
import { baseUrlOf } from '../auth/netsuite-oauth.controller';
import { NetSuiteError } from '../common/netsuite-error';
import { NetSuiteExceptionFilter } from '../common/netsuite-exception.filter';
import { NetSuiteBody } from '../common/netsuite-json-body';
import { NetSuiteRecordsService } from './netsuite-records.service';

const MAX_LIMIT = 1000;

function intParam(value: string | undefined, name: string, fallback: number, max?: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value))
    throw new NetSuiteError(400, 'INVALID_PARAMETER', `Invalid value for the parameter ${name}.`);
  const n = Number(value);
  if (max !== undefined && (n < 1 || n > max)) {
    throw new NetSuiteError(400, 'INVALID_PARAMETER', `The ${name} parameter must be between 1 and ${max}.`);
  }
  return n;
}

/** The record id of a path segment, or the external id of `eid:...`. */
function parseKey(key: string): { id?: string; externalId?: string } {
  if (key.startsWith('eid:')) return { externalId: decodeURIComponent(key.slice(4)) };
  return { id: key };
}

/** `/services/rest/record/v1/{type}`: list, get, create (204 + Location), update, delete and eid: upsert. */
@Controller('services/rest/record/v1')
@UseGuards(NetSuiteApiGuard)
@UseFilters(NetSuiteExceptionFilter)
@UseInterceptors(NetSuiteFaultAfter)
export class NetSuiteRecordsController {
  constructor(private readonly records: NetSuiteRecordsService) {}

  @Get(':type')
  list(
    @Param('type') type: string,
    @Query('limit') limit: string | undefined,
    @Query('offset') offset: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const size = intParam(limit, 'limit', MAX_LIMIT, MAX_LIMIT);
    const start = intParam(offset, 'offset', 0);
    if (start % size !== 0)
      throw new NetSuiteError(400, 'INVALID_PARAMETER', 'The offset must be a multiple of the limit.');
    return this.records.listPage(type, size, start, baseUrlOf(req));
  }

  @Get(':type/:key')
  async get(
    @Param('type') type: string,
    @Param('key') key: string,
    @Query('expandSubResources') expand: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    const def = this.records.typeOrThrow(type);
    const { id, externalId } = parseKey(key);
    const entity =
      id !== undefined
        ? await this.records.find(def.type, id)
        : await this.records.findByExternalId(def.type, externalId!);
    if (!entity) throw NetSuiteError.notFound(def.type, key);
    return this.records.render(entity, baseUrlOf(req), expand === 'true');
  }

  @Post(':type')
  @HttpCode(204)
  async create(
    @Param('type') type: string,
    @Body(NetSuiteBody) body: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const def = this.records.typeOrThrow(type);
    const id = await this.records.create(def.type, body);
    void reply.header('location', `${baseUrlOf(req)}/services/rest/record/v1/${def.type}/${id}`);
  }

  /** PUT exists only as an upsert on an external id. */
  @Put(':type/:key')
  @HttpCode(204)
  async upsert(
    @Param('type') type: string,
    @Param('key') key: string,
    @Body(NetSuiteBody) body: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const def = this.records.typeOrThrow(type);
    const { externalId } = parseKey(key);
    if (!externalId)
      throw new NetSuiteError(
        405,
        'INVALID_REQUEST',
        'PUT is supported only with an external ID (eid:...) for upsert.',
      );
    const { id } = await this.records.upsert(def.type, externalId, body);
    void reply.header('location', `${baseUrlOf(req)}/services/rest/record/v1/${def.type}/${id}`);
  }

  @Patch(':type/:key')
  @HttpCode(204)
  async update(
    @Param('type') type: string,
    @Param('key') key: string,
    @Body(NetSuiteBody) body: unknown,
  ): Promise<void> {
    const def = this.records.typeOrThrow(type);
    const id = await this.resolveId(def.type, key);
    await this.records.update(def.type, id, body);
  }

  @Delete(':type/:key')
  @HttpCode(204)
  async remove(@Param('type') type: string, @Param('key') key: string): Promise<void> {
    const def = this.records.typeOrThrow(type);
    await this.records.remove(def.type, await this.resolveId(def.type, key));
  }

  private async resolveId(type: string, key: string): Promise<string> {
    const { id, externalId } = parseKey(key);
    if (id !== undefined) return id;
    const entity = await this.records.findByExternalId(type, externalId!);
    if (!entity) throw NetSuiteError.notFound(type, key);
    return String(entity.id);
  }
}
