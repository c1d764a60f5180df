import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { SalesforceApiError } from '../common/salesforce-api.error';
import { makeSalesforceId } from '../common/salesforce-id';
import { sobjectRegistry } from '../schema/sobject-registry';
import { salesforceSandboxConfig, SalesforceSandboxSettings } from '../salesforce-sandbox.config';
import { SObjectStore } from '../sobjects/sobject-store';
import { bindQuery, BoundQuery, evaluateQuery, ParentLookup, projectRecord, SRecord } from '../soql/soql-engine';
import { parseSoql } from '../soql/soql-parser';
import { SoqlQuery } from '../soql/soql-ast';
import { narrowingOf } from './soql-narrowing';
import { SoqlError } from '../soql/soql-error';
import { QueryCursorEntity } from './entities/query-cursor.entity';

export interface QueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SRecord[];
}

export const DEFAULT_BATCH_SIZE = 2000;
export const MIN_BATCH_SIZE = 200;
const QUERY_LOCATOR_PREFIX = '01g';

/**
 * The batch size a `Sforce-Query-Options: batchSize=N` header asks for, clamped to Salesforce's
 * 200..2000 (an unparsable header is ignored, as Salesforce does).
 */
export function batchSizeFrom(header: string | string[] | undefined): number {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const m = /(?:^|[,;\s])batchSize\s*=\s*(\d+)/i.exec(text);
  if (!m) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(m[1])));
}

/**
 * `GET /query?q=` and `GET /query/{locator}`: runs SOQL against the stored records and pages the
 * result. The remainder beyond the first batch is kept as a snapshot (like Salesforce's query
 * cursor) and served by `nextRecordsUrl` until it has been idle for the configured TTL.
 */
@Injectable()
export class SoqlQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SObjectStore,
    @Inject(salesforceSandboxConfig.KEY) private readonly config: SalesforceSandboxSettings,
  ) {}

  async query(soql: string | undefined, apiVersion: string, batchSize: number): Promise<QueryResult> {
    if (soql === undefined || soql.trim() === '') {
      throw new SalesforceApiError(400, {
        message: 'A query string has to be specified',
        errorCode: 'MALFORMED_QUERY',
      });
    }
    let bound: BoundQuery;
    let ast: SoqlQuery;
    try {
      ast = parseSoql(soql);
      bound = bindQuery(ast, sobjectRegistry, new Date());
    } catch (e) {
      if (e instanceof SoqlError)
        throw new SalesforceApiError(400, { message: e.formatFor(soql), errorCode: e.errorCode });
      throw e;
    }
    // Only the rows the WHERE can match when it pins Id / a parent id / a text field (SQL), else all.
    const keys = narrowingOf(ast.where, bound.object, sobjectRegistry);
    const rows = keys
      ? await this.store.listMatching(bound.object.name, keys)
      : await this.store.list(bound.object.name);
    const parents = await this.loadParents(bound, rows);
    const result = evaluateQuery(bound, rows, parents);
    if (bound.count) return { totalSize: result.length, done: true, records: [] };
    const records = result.map((row) => projectRecord(bound, row, parents, apiVersion));
    if (records.length <= batchSize) return { totalSize: records.length, done: true, records };
    const cursorId = await this.createCursor(records, apiVersion, batchSize);
    return {
      totalSize: records.length,
      done: false,
      nextRecordsUrl: `/services/data/${apiVersion}/query/${cursorId}-${batchSize}`,
      records: records.slice(0, batchSize),
    };
  }

  /** The batch at `<cursorId>-<offset>`. */
  async next(locator: string): Promise<QueryResult> {
    const m = /^([a-zA-Z0-9]{18})-(\d+)$/.exec(locator);
    if (!m) throw this.invalidLocator();
    const [, cursorId, offsetText] = m;
    const offset = Number(offsetText);
    const repo = this.dataSource.getRepository(QueryCursorEntity);
    const cursor = await repo.findOneBy({ id: cursorId });
    const now = new Date();
    if (!cursor || cursor.lastAccessedAt.getTime() + this.config.queryCursorTtlSeconds * 1000 < now.getTime()) {
      throw this.invalidLocator();
    }
    if (offset > cursor.records.length) throw this.invalidLocator();
    await repo.update({ id: cursorId }, { lastAccessedAt: now });
    const end = offset + cursor.batchSize;
    const done = end >= cursor.records.length;
    return {
      totalSize: cursor.records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${cursor.apiVersion}/query/${cursorId}-${end}` }),
      records: cursor.records.slice(offset, end) as SRecord[],
    };
  }

  private invalidLocator(): SalesforceApiError {
    return new SalesforceApiError(400, { message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' });
  }

  private async loadParents(bound: BoundQuery, rows: SRecord[]): Promise<ParentLookup> {
    const byId = new Map<string, SRecord>();
    for (const reference of bound.references) {
      const ids = new Set(rows.map((r) => r[reference.name]).filter((v): v is string => typeof v === 'string'));
      const parents = await this.store.listByIds(reference.referenceTo![0], [...ids]);
      for (const p of parents) byId.set(String(p.Id), p);
    }
    return (_object, id) => byId.get(id);
  }

  private async createCursor(records: SRecord[], apiVersion: string, batchSize: number): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(QueryCursorEntity);
      const now = new Date();
      await repo.delete({
        lastAccessedAt: LessThan(new Date(now.getTime() - this.config.queryCursorTtlSeconds * 1000)),
      });
      const id = makeSalesforceId(QUERY_LOCATOR_PREFIX, await this.store.nextNumber(QUERY_LOCATOR_PREFIX, manager));
      await repo.insert({ id, apiVersion, records, batchSize, createdAt: now, lastAccessedAt: now });
      return id;
    });
  }
}
