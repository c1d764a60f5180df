import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SalesforceApiGuard } from '../auth/salesforce-api.guard';
import { SalesforceExceptionFilter } from '../common/salesforce-exception.filter';
import { SalesforceBody } from '../common/salesforce-json-body';
import { SRecord } from '../soql/soql-engine';
import { describeGlobalEntry, describeSObject } from './sobject-describe';
import { SaveResult, SObjectRecordsService, UpsertResult } from './sobject-records.service';

/** `/services/data/vXX.X/sobjects/...`: describe and record CRUD/upsert. */
@Controller('services/data/:version/sobjects')
@UseGuards(SalesforceApiGuard)
@UseFilters(SalesforceExceptionFilter)
export class SObjectsController {
  constructor(private readonly records: SObjectRecordsService) {}

  @Get()
  describeGlobal(@Param('version') version: string): Record<string, unknown> {
    return {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: this.records.registry.all().map((def) => describeGlobalEntry(def, version)),
    };
  }

  @Get(':sobject')
  basicInfo(@Param('version') version: string, @Param('sobject') sobject: string): Record<string, unknown> {
    return { objectDescribe: describeGlobalEntry(this.records.object(sobject), version), recentItems: [] };
  }

  @Get(':sobject/describe')
  describe(@Param('version') version: string, @Param('sobject') sobject: string): Record<string, unknown> {
    return describeSObject(this.records.object(sobject), version);
  }

  @Post(':sobject')
  @HttpCode(201)
  create(@Param('sobject') sobject: string, @Body(SalesforceBody) body: unknown): Promise<SaveResult> {
    return this.records.create(sobject, body);
  }

  @Get(':sobject/:id')
  get(
    @Param('version') version: string,
    @Param('sobject') sobject: string,
    @Param('id') id: string,
    @Query('fields') fields?: string,
  ): Promise<SRecord> {
    return this.records.get(sobject, id, version, fields);
  }

  @Patch(':sobject/:id')
  @HttpCode(204)
  async update(
    @Param('sobject') sobject: string,
    @Param('id') id: string,
    @Body(SalesforceBody) body: unknown,
  ): Promise<void> {
    await this.records.update(sobject, id, body);
  }

  @Delete(':sobject/:id')
  @HttpCode(204)
  async remove(@Param('sobject') sobject: string, @Param('id') id: string): Promise<void> {
    await this.records.delete(sobject, id);
  }

  @Get(':sobject/:field/:value')
  getByExternalId(
    @Param('version') version: string,
    @Param('sobject') sobject: string,
    @Param('field') field: string,
    @Param('value') value: string,
    @Query('fields') fields?: string,
  ): Promise<SRecord> {
    return this.records.getByExternalId(sobject, field, value, version, fields);
  }

  /** Upsert by external id: 201 when created, 200 when updated (both with a body, API v46+). */
  @Patch(':sobject/:field/:value')
  async upsert(
    @Param('sobject') sobject: string,
    @Param('field') field: string,
    @Param('value') value: string,
    @Body(SalesforceBody) body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UpsertResult> {
    const result = await this.records.upsert(sobject, field, value, body);
    void reply.status(result.created ? 201 : 200);
    return result;
  }
}
