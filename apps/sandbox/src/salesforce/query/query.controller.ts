import { Controller, Get, Headers, Param, Query, UseFilters, UseGuards } from '@nestjs/common';
import { SalesforceApiGuard } from '../auth/salesforce-api.guard';
import { SalesforceExceptionFilter } from '../common/salesforce-exception.filter';
import { batchSizeFrom, QueryResult, SoqlQueryService } from './soql-query.service';

/** `GET /services/data/vXX.X/query?q=` and its next batches (`queryAll` behaves the same: no recycle bin). */
@Controller('services/data/:version')
@UseGuards(SalesforceApiGuard)
@UseFilters(SalesforceExceptionFilter)
export class QueryController {
  constructor(private readonly queries: SoqlQueryService) {}

  @Get(['query', 'queryAll'])
  query(
    @Param('version') version: string,
    @Query('q') q: string | undefined,
    @Headers('sforce-query-options') options?: string,
  ): Promise<QueryResult> {
    return this.queries.query(q, version, batchSizeFrom(options));
  }

  @Get(['query/:locator', 'queryAll/:locator'])
  next(@Param('locator') locator: string): Promise<QueryResult> {
    return this.queries.next(locator);
  }
}
