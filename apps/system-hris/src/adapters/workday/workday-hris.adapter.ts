import { BadGatewayProblem } from '@app/platform';
import { Injectable, Logger } from '@nestjs/common';
import { HrisAdapter, HrisWorker, HrisWorkerFilter } from '../hris-adapter';
import { WORKDAY_DEPENDENCY, WorkdayClient } from './workday-client';
import { toHrisWorker, WorkdayMappingError } from './workday-worker.mapper';
import { WorkdayReportRow, WorkdayWorkerSummary } from './workday.types';

const WID = /^[0-9a-f]{32}$/;

function byEmployeeId(a: HrisWorker, b: HrisWorker): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * HrisAdapter for Workday: the worker report (RaaS) carries status, dates, organisation, job profile
 * and cost rate; the REST `workers` collection carries the name and the Workday ID. They are joined
 * on the work email (the one field both share).
 */
@Injectable()
export class WorkdayHrisAdapter implements HrisAdapter {
  readonly system = WORKDAY_DEPENDENCY;
  private readonly log = new Logger('WorkdayHrisAdapter');

  constructor(private readonly client: WorkdayClient) {}

  async listWorkers(filter: HrisWorkerFilter): Promise<HrisWorker[]> {
    const [rows, directory] = await Promise.all([this.client.report(), this.directory()]);
    return rows
      .map((row) => this.map(row, directory))
      .filter(
        (w) =>
          (!filter.status || w.status === filter.status) &&
          (!filter.legalEntityId || w.legalEntityId === filter.legalEntityId),
      )
      .sort(byEmployeeId);
  }

  async getWorker(id: string): Promise<HrisWorker | undefined> {
    const rows = await this.client.report();
    let row: WorkdayReportRow | undefined;
    if (WID.test(id)) {
      const summary = await this.client.getWorkerSummary(id);
      const email = summary?.primaryWorkEmail?.toLowerCase();
      row = email ? rows.find((r) => r.Work_Email?.toLowerCase() === email) : undefined;
      if (row && summary) return this.map(row, new Map([[email!, summary]]));
    }
    row = rows.find((r) => r.Employee_ID === id);
    if (!row) return undefined;
    return this.map(row, await this.directory());
  }

  async changesSince(since: Date): Promise<HrisWorker[]> {
    const rows = await this.client.report(since);
    if (rows.length === 0) return [];
    const directory = await this.directory();
    const workers: HrisWorker[] = [];
    for (const row of rows) {
      try {
        workers.push(toHrisWorker(row, summaryFor(row, directory)));
      } catch (e) {
        if (!(e instanceof WorkdayMappingError)) throw e;
        this.log.warn(
          { employeeId: row.Employee_ID, field: e.field, reason: e.message },
          'skipping a Workday worker the canonical model cannot hold',
        );
      }
    }
    return workers.sort((a, b) =>
      a.modifiedAt < b.modifiedAt ? -1 : a.modifiedAt > b.modifiedAt ? 1 : byEmployeeId(a, b),
    );
  }

  private async directory(): Promise<Map<string, WorkdayWorkerSummary>> {
    const summaries = await this.client.listWorkerSummaries();
    const map = new Map<string, WorkdayWorkerSummary>();
    for (const s of summaries) if (s.primaryWorkEmail) map.set(s.primaryWorkEmail.toLowerCase(), s);
    return map;
  }

  private map(row: WorkdayReportRow, directory: Map<string, WorkdayWorkerSummary>): HrisWorker {
    try {
      return toHrisWorker(row, summaryFor(row, directory));
    } catch (e) {
      if (e instanceof WorkdayMappingError) {
        throw new BadGatewayProblem(WORKDAY_DEPENDENCY, e.message, {
          vendor: 'workday',
          vendorCode: 'INVALID_REPORT_ROW',
          field: e.field,
        });
      }
      throw e;
    }
  }
}

function summaryFor(
  row: WorkdayReportRow,
  directory: Map<string, WorkdayWorkerSummary>,
): WorkdayWorkerSummary | undefined {
  return row.Work_Email ? directory.get(row.Work_Email.toLowerCase()) : undefined;
}
