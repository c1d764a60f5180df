import {
  BadGatewayProblem,
  HttpClientFactory,
  HttpResponse,
  QueryValue,
  ResilientHttpClient,
  UpstreamUnavailableProblem,
} from '@app/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { workdayConfig, WorkdaySettings } from './workday.config';
import {
  WORKDAY_REPORT_COLUMNS,
  WorkdayErrorBody,
  WorkdayReportRow,
  WorkdayTokenResponse,
  WorkdayWorkersPage,
  WorkdayWorkerSummary,
} from './workday.types';

/** Dependency name in problems, metrics and /health/dependencies; `vendor` in problems. */
export const WORKDAY_DEPENDENCY = 'workday';

const RENEW_MARGIN_MS = 60_000;

interface Session {
  accessToken: string;
  renewAt: number;
}

function vendorCode(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as WorkdayErrorBody).error;
    return typeof error === 'string' ? error : undefined;
  }
  return undefined;
}

function vendorField(body: unknown): string | undefined {
  if (body && typeof body === 'object' && Array.isArray((body as WorkdayErrorBody).errors)) {
    return (body as WorkdayErrorBody).errors!.find((e) => typeof e.field === 'string')?.field;
  }
  return undefined;
}

/**
 * Keeps only the report columns system-hris reads. Personal columns (Personal_Email, Date_of_Birth,
 * Home_Address) and anything unknown are dropped here, right after the response is parsed, so they
 * never reach a mapper, a log line, a snapshot, an event or a response.
 */
export function withoutPersonalData(entry: Record<string, unknown>): WorkdayReportRow {
  const row: WorkdayReportRow = {};
  for (const column of WORKDAY_REPORT_COLUMNS) {
    const value = entry[column];
    if (typeof value === 'string') row[column] = value;
  }
  return row;
}

/**
 * Workday client over the platform's resilient HTTP client (timeouts, retries honouring
 * Retry-After, circuit breaker, correlation headers, metrics): OAuth 2.0 refresh-token grant with
 * the API client's credentials (Basic), the access token cached and renewed before its assumed
 * expiry and once on 401; the REST `workers` collection paged with limit/offset to the end; the
 * RaaS worker report. Vendor errors become problems naming `vendor: workday` and its code.
 */
@Injectable()
export class WorkdayClient {
  private readonly log = new Logger('WorkdayClient');
  private readonly http: ResilientHttpClient;
  private session?: Session;
  private renewing?: Promise<Session>;

  constructor(
    factory: HttpClientFactory,
    @Inject(workdayConfig.KEY) private readonly config: WorkdaySettings,
  ) {
    this.http = factory.create({
      name: WORKDAY_DEPENDENCY,
      baseUrl: new URL(config.apiUrl).origin,
      timeoutMs: config.timeoutMs,
      kind: 'vendor',
      // Workday's limits: calls beyond them queue here instead of drawing 429s
      rateBudget:
        config.maxRequestsPerSecond > 0
          ? { requestsPerSecond: config.maxRequestsPerSecond, burst: config.requestBurst }
          : undefined,
    });
  }

  /**
   * Every worker summary of the REST collection: the first page tells `total`, the other pages up to
   * it are then read concurrently (limit/offset).
   */
  async listWorkerSummaries(): Promise<WorkdayWorkerSummary[]> {
    const limit = this.config.pageSize;
    const page = (offset: number) =>
      this.get<WorkdayWorkersPage>(`/ccx/api/v1/${this.config.tenant}/workers`, { limit, offset });
    const first = await page(0);
    const all: WorkdayWorkerSummary[] = [...(first.data ?? [])];
    if (all.length < limit) return all;
    const offsets: number[] = [];
    for (let offset = limit; offset < first.total; offset += limit) offsets.push(offset);
    for (const rest of await Promise.all(offsets.map(page))) all.push(...(rest.data ?? []));
    return all;
  }

  /** One worker summary by Workday ID; undefined on 404. */
  async getWorkerSummary(wid: string): Promise<WorkdayWorkerSummary | undefined> {
    return this.get<WorkdayWorkerSummary>(
      `/ccx/api/v1/${this.config.tenant}/workers/${encodeURIComponent(wid)}`,
      {},
      true,
    );
  }

  /** The worker report (all rows, or those updated at or after `updatedFrom`), personal columns dropped. */
  async report(updatedFrom?: Date): Promise<WorkdayReportRow[]> {
    const { tenant, reportOwner, reportName } = this.config;
    const body = await this.get<{ Report_Entry?: unknown }>(
      `/ccx/service/customreport2/${tenant}/${encodeURIComponent(reportOwner)}/${encodeURIComponent(reportName)}`,
      { format: 'json', Updated_From: updatedFrom?.toISOString() },
    );
    const entries = Array.isArray(body?.Report_Entry) ? (body.Report_Entry as unknown[]) : undefined;
    if (!entries)
      throw new BadGatewayProblem(WORKDAY_DEPENDENCY, 'workday report without Report_Entry', { vendor: 'workday' });
    return entries.map((e) => withoutPersonalData((e ?? {}) as Record<string, unknown>));
  }

  private async get<T>(path: string, query: Record<string, QueryValue>, allowNotFound: true): Promise<T | undefined>;
  private async get<T>(path: string, query: Record<string, QueryValue>): Promise<T>;
  private async get<T>(path: string, query: Record<string, QueryValue>, allowNotFound = false): Promise<T | undefined> {
    let session = await this.currentSession();
    let res = await this.send<T>(session, path, query);
    if (res.status === 401) {
      this.log.log('Workday answered 401: renewing the access token once');
      session = await this.renew(session);
      res = await this.send<T>(session, path, query);
      if (res.status === 401) {
        throw new BadGatewayProblem(WORKDAY_DEPENDENCY, 'workday rejected a fresh access token (401)', {
          vendor: 'workday',
          vendorCode: vendorCode(res.body),
          upstreamStatus: 401,
        });
      }
    }
    if (res.status === 404 && allowNotFound) return undefined;
    if (res.status >= 400) throw this.problemFor(res, path);
    return res.body;
  }

  private async send<T>(session: Session, path: string, query: Record<string, QueryValue>): Promise<HttpResponse<T>> {
    return this.http.request<T>({
      method: 'GET',
      path,
      query,
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
  }

  private async currentSession(): Promise<Session> {
    const s = this.session;
    if (s && Date.now() < s.renewAt) return s;
    return this.renew(s);
  }

  /** One token request at a time; a caller holding an outdated token gets the newer one. */
  private renew(stale: Session | undefined): Promise<Session> {
    if (this.session && this.session !== stale && Date.now() < this.session.renewAt) {
      return Promise.resolve(this.session);
    }
    this.renewing ??= this.fetchToken().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async fetchToken(): Promise<Session> {
    const basic = Buffer.from(`${this.config.clientId}:${this.config.clientSecret}`).toString('base64');
    const res = await this.http.request<WorkdayTokenResponse | WorkdayErrorBody>({
      method: 'POST',
      path: `/ccx/oauth2/${this.config.tenant}/token`,
      form: { grant_type: 'refresh_token', refresh_token: this.config.refreshToken },
      headers: { authorization: `Basic ${basic}` },
      retryable: true,
    });
    const token = res.body as WorkdayTokenResponse;
    if (res.status !== 200 || typeof token?.access_token !== 'string') {
      const code = vendorCode(res.body);
      throw new BadGatewayProblem(
        WORKDAY_DEPENDENCY,
        `workday refused the token request (HTTP ${res.status}${code ? `: ${code}` : ''})`,
        { vendor: 'workday', vendorCode: code, upstreamStatus: res.status },
      );
    }
    const ttlMs = this.config.tokenTtlSeconds * 1000;
    const session: Session = {
      accessToken: token.access_token,
      renewAt: Date.now() + ttlMs - Math.min(RENEW_MARGIN_MS, ttlMs / 2),
    };
    this.session = session;
    return session;
  }

  private problemFor(res: HttpResponse<unknown>, path: string): Error {
    const code = vendorCode(res.body);
    const extra = {
      vendor: 'workday',
      vendorCode: code,
      vendorField: vendorField(res.body),
      upstreamStatus: res.status,
    };
    const where = path.includes('/customreport2/') ? 'the worker report' : path.split('?')[0];
    if (res.status === 429) {
      return new UpstreamUnavailableProblem(WORKDAY_DEPENDENCY, 'workday rate limit reached (429)', {
        ...extra,
        retryAfter: res.headers['retry-after'],
      });
    }
    return new BadGatewayProblem(
      WORKDAY_DEPENDENCY,
      `workday answered ${res.status} for ${where}: ${code ?? 'no error code'}`,
      extra,
    );
  }
}
