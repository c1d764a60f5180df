import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { NetSuiteApiGuard, NetSuiteFaultAfter } from '../auth/netsuite-api.guard';
import { baseUrlOf } from '../auth/netsuite-oauth.controller';
import { NetSuiteError } from '../common/netsuite-error';
import { NetSuiteExceptionFilter } from '../common/netsuite-exception.filter';
import { NetSuiteBody } from '../common/netsuite-json-body';
import { netsuiteSandboxConfig, NetSuiteSandboxSettings } from '../netsuite-sandbox.config';
import { NetSuiteRecordsService } from '../records/netsuite-records.service';
import { SuiteQlError } from './suiteql-error';
import { parseSuiteQl, runSuiteQl, suiteQlPrefilters, suiteQlTableOf } from './suiteql-engine';

function invalidQuery(message: string): NetSuiteError {
  return new NetSuiteError(
    400,
    'INVALID_PARAMETER',
    `Invalid search query. Detailed unprocessed description follows. ${message}`,
    'q',
  );
}

/** `POST /services/rest/query/v1/suiteql?limit&offset` with `Prefer: transient` and `{"q": "SELECT ..."}`. */
@Controller('services/rest/query/v1')
@UseGuards(NetSuiteApiGuard)
@UseFilters(NetSuiteExceptionFilter)
@UseInterceptors(NetSuiteFaultAfter)
export class SuiteQlController {
  constructor(
    private readonly records: NetSuiteRecordsService,
    @Inject(netsuiteSandboxConfig.KEY) private readonly config: NetSuiteSandboxSettings,
  ) {}

  @Post('suiteql')
  @HttpCode(200)
  async query(
    @Body(NetSuiteBody) body: unknown,
    @Query('limit') limitText: string | undefined,
    @Query('offset') offsetText: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    if (!/\btransient\b/i.test(prefer ?? '')) {
      throw new NetSuiteError(400, 'INVALID_HEADER', 'SuiteQL requests must send the header Prefer: transient.');
    }
    const q = body && typeof body === 'object' ? (body as { q?: unknown }).q : undefined;
    if (typeof q !== 'string' || q.trim() === '')
      throw NetSuiteError.invalidContent('The request body must be {"q": "<SuiteQL statement>"}.', 'q');
    const limit = limitText === undefined ? this.config.defaultPageSize : Number(limitText);
    const offset = offsetText === undefined ? 0 : Number(offsetText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new NetSuiteError(400, 'INVALID_PARAMETER', 'The limit parameter must be between 1 and 1000.');
    if (!Number.isInteger(offset) || offset < 0 || offset % limit !== 0) {
      throw new NetSuiteError(400, 'INVALID_PARAMETER', 'The offset must be a non-negative multiple of the limit.');
    }
    let rows;
    try {
      const statement = parseSuiteQl(q);
      const table = await this.records.suiteQlTable(suiteQlTableOf(statement), suiteQlPrefilters(statement));
      if (!table) throw new SuiteQlError(`Search error occurred: Record '${statement.from.table}' was not found.`);
      rows = runSuiteQl(statement, table);
    } catch (error) {
      if (error instanceof SuiteQlError) throw invalidQuery(error.message);
      throw error;
    }
    const page = rows.slice(offset, offset + limit);
    const url = (o: number) => `${baseUrlOf(req)}/services/rest/query/v1/suiteql?limit=${limit}&offset=${o}`;
    const hasMore = offset + page.length < rows.length;
    const links = [{ rel: 'self', href: url(offset) }];
    if (offset > 0)
      links.unshift({ rel: 'first', href: url(0) }, { rel: 'previous', href: url(Math.max(0, offset - limit)) });
    if (hasMore)
      links.push(
        { rel: 'next', href: url(offset + limit) },
        { rel: 'last', href: url(Math.floor((rows.length - 1) / limit) * limit) },
      );
    return {
      links,
      count: page.length,
      hasMore,
      items: page.map((row) => ({ links: [], ...row })),
      offset,
      totalResults: rows.length,
    };
  }
}
