import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { policyConfig } from '../policy.config';

/** One call to record; kept flat so buffering costs one small object per request. */
export interface AuditEntry {
  at: number;
  consumerId: string | null;
  consumerName: string | null;
  contract: string | null;
  product: string | null;
  version: number | null;
  operationId: string | null;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  correlationId: string | null;
  reason: string | null;
  clientIp: string | null;
}

const COLUMNS: Array<[keyof AuditEntry, string, string]> = [
  ['at', 'at', 'timestamptz'],
  ['consumerId', 'consumer_id', 'text'],
  ['consumerName', 'consumer_name', 'text'],
  ['contract', 'contract', 'text'],
  ['product', 'product', 'text'],
  ['version', 'version', 'int'],
  ['operationId', 'operation_id', 'text'],
  ['method', 'method', 'text'],
  ['path', 'path', 'text'],
  ['status', 'status', 'int'],
  ['latencyMs', 'latency_ms', 'real'],
  ['bytesIn', 'bytes_in', 'int'],
  ['bytesOut', 'bytes_out', 'int'],
  ['correlationId', 'correlation_id', 'text'],
  ['reason', 'reason', 'text'],
  ['clientIp', 'client_ip', 'text'],
];

/**
 * One statement per batch, the batch as one JSON parameter (serialised natively, no per-value escaping
 * by the driver): the hot path of every call only appends an entry to the buffer.
 */
const INSERT = `INSERT INTO gateway.audit_records (${COLUMNS.map((c) => c[1]).join(', ')})
SELECT ${COLUMNS.map(([key]) => (key === 'at' ? 'to_timestamp(r."at" / 1000.0)' : `r."${key}"`)).join(', ')}
FROM json_to_recordset($1::json) AS r(${COLUMNS.map(([key, , type]) => `"${key}" ${key === 'at' ? 'double precision' : type}`).join(', ')})`;

const MAX_BUFFERED = 50_000;

/**
 * Records every call off the request path: entries are buffered in memory and written in batches
 * (every GATEWAY_AUDIT_FLUSH_MS, or at once when GATEWAY_AUDIT_BATCH are waiting) as one multi-row
 * INSERT (the batch as one JSON parameter). Shutdown writes what is left.
 */
@Injectable()
export class AuditService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  private buffer: AuditEntry[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private dropped = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(policyConfig.KEY) private readonly config: ConfigType<typeof policyConfig>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), this.config.auditFlushMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  record(entry: AuditEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length > MAX_BUFFERED) {
      this.buffer.shift();
      this.dropped++;
    }
    if (this.buffer.length >= this.config.auditBatch) void this.flush();
  }

  /** Writes what is buffered (serialised: one write at a time). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      await this.db.query(INSERT, [JSON.stringify(batch)]);
    } catch (err) {
      // keep them for the next flush (bounded), so a database blip loses nothing
      this.buffer = batch.concat(this.buffer).slice(-MAX_BUFFERED);
      this.logger.warn({ err, pending: this.buffer.length }, 'audit records could not be written; will retry');
    }
    if (this.dropped) {
      this.logger.warn({ dropped: this.dropped }, 'audit buffer overflowed; oldest records dropped');
      this.dropped = 0;
    }
  }
}
