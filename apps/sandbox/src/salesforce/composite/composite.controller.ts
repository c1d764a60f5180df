import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { SalesforceApiGuard } from '../auth/salesforce-api.guard';
import { SalesforceApiError } from '../common/salesforce-api.error';
import { SalesforceExceptionFilter } from '../common/salesforce-exception.filter';
import { SalesforceBody } from '../common/salesforce-json-body';
import { SObjectRecordsService } from '../sobjects/sobject-records.service';
import { SObjectStore } from '../sobjects/sobject-store';

export type CompositeSaveResult =
  | { id: string; success: true; errors: [] }
  | { success: false; errors: Array<{ statusCode: string; message: string; fields: string[] }> };

const MAX_RECORDS = 200;

class RolledBack extends Error {}

/** `POST /composite/sobjects`: insert up to 200 records of any types in one call (what jsforce uses). */
@Controller('services/data/:version/composite')
@UseGuards(SalesforceApiGuard)
@UseFilters(SalesforceExceptionFilter)
export class CompositeController {
  constructor(
    private readonly records: SObjectRecordsService,
    private readonly store: SObjectStore,
  ) {}

  @Post('sobjects')
  @HttpCode(200)
  async createMany(@Body(SalesforceBody) body: unknown): Promise<CompositeSaveResult[]> {
    const { allOrNone, records } = (body ?? {}) as { allOrNone?: unknown; records?: unknown };
    if (!Array.isArray(records)) {
      throw new SalesforceApiError(400, { message: 'records is required', errorCode: 'JSON_PARSER_ERROR' });
    }
    if (records.length > MAX_RECORDS) {
      throw new SalesforceApiError(400, {
        message: `Maximum number of records allowed is ${MAX_RECORDS}`,
        errorCode: 'EXCEEDED_ID_LIMIT',
      });
    }
    const typeOf = (record: unknown): string => {
      const type = (record as { attributes?: { type?: unknown } } | null)?.attributes?.type;
      if (typeof type !== 'string') throw SalesforceApiError.dml('INVALID_TYPE', 'Must send a concrete entity type.');
      return type;
    };
    if (allOrNone === true) {
      const results: CompositeSaveResult[] = [];
      try {
        await this.store.transaction(async (manager) => {
          for (const record of records) {
            try {
              results.push(await this.records.create(typeOf(record), record, { manager }));
            } catch (e) {
              results.push(this.failure(e));
              throw new RolledBack();
            }
          }
        });
        return results;
      } catch (e) {
        if (!(e instanceof RolledBack)) throw e;
        return records.map((_, i) =>
          i === results.length - 1
            ? results[i]
            : {
                success: false,
                errors: [
                  {
                    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                    message:
                      'Record rolled back because not all records were valid and the request was using AllOrNone header',
                    fields: [],
                  },
                ],
              },
        );
      }
    }
    const results: CompositeSaveResult[] = [];
    for (const record of records) {
      try {
        results.push(await this.records.create(typeOf(record), record));
      } catch (e) {
        results.push(this.failure(e));
      }
    }
    return results;
  }

  private failure(error: unknown): CompositeSaveResult {
    if (!(error instanceof SalesforceApiError)) throw error;
    return {
      success: false,
      errors: error.errors.map((e) => ({ statusCode: e.errorCode, message: e.message, fields: e.fields ?? [] })),
    };
  }
}
