import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { BadRequestProblem, IDEMPOTENCY_IN_FLIGHT, ProblemError } from '@app/platform';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { policyConfig } from '../policy.config';

/** Response headers worth replaying (the rest are per-connection or per-call). */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'last-modified', 'content-language'];

export type IdempotencyClaim =
  { kind: 'claimed'; id: string } | { kind: 'replay'; status: number; headers: Record<string, string>; body: Buffer };

/**
 * 409 problem+json for a repeat while the first request with that key is still running: a retry later
 * gets the stored answer, so callers treat it as transient (its own type tells it from a business conflict).
 */
export class IdempotencyInFlightProblem extends ProblemError {
  constructor(detail: string) {
    super({ status: 409, type: IDEMPOTENCY_IN_FLIGHT, title: 'Conflict', detail });
  }
}

export class IdempotencyKeyReusedProblem extends ProblemError {
  constructor(key: string) {
    super({
      status: 422,
      type: 'idempotency-key-reused',
      title: 'Idempotency-Key reused',
      detail: `Idempotency-Key ${key} was already used with another request body`,
    });
  }
}

/**
 * Idempotency-Key on POST and PATCH (draft-ietf-httpapi-idempotency-key-header), in PostgreSQL:
 * the first request claims consumer + key by inserting a row (unique constraint), the response is
 * captured while it streams and stored; a repeat with the same body replays it, another body is 422,
 * a repeat while the first is in flight is 409. Keys expire after GATEWAY_IDEMPOTENCY_TTL_HOURS.
 */
@Injectable()
export class IdempotencyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(policyConfig.KEY) private readonly config: ConfigType<typeof policyConfig>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.purge().catch((err: unknown) => this.logger.warn({ err }, 'could not purge expired idempotency keys'));
    }, 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  static requestHash(method: string, path: string, body: Buffer | string | undefined): string {
    const h = createHash('sha256').update(method).update('\n').update(path).update('\n');
    if (body !== undefined) h.update(body);
    return h.digest('hex');
  }

  static validateKey(key: string): void {
    if (key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      throw new BadRequestProblem('Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
  }

  /** Claims the key for this request, or answers how an earlier request with it ended. */
  async claim(consumerId: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const expiresAt = new Date(Date.now() + this.config.idempotencyTtlHours * 3_600_000);
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = (await this.db.query(
        `INSERT INTO gateway.idempotency_keys (consumer_id, key, request_hash, state, expires_at)
         VALUES ($1, $2, $3, 'in-flight', $4)
         ON CONFLICT (consumer_id, key) DO NOTHING RETURNING id`,
        [consumerId, key, requestHash, expiresAt],
      )) as Array<{ id: string }>;
      if (inserted.length) return { kind: 'claimed', id: inserted[0].id };
      const rows = (await this.db.query(
        `SELECT id, request_hash, state, response_status, response_headers, response_body, expires_at
           FROM gateway.idempotency_keys WHERE consumer_id = $1 AND key = $2`,
        [consumerId, key],
      )) as Array<{
        id: string;
        request_hash: string;
        state: string;
        response_status: number | null;
        response_headers: Record<string, string> | null;
        response_body: Buffer | null;
        expires_at: Date;
      }>;
      const row = rows[0];
      if (!row) continue; // released in between: claim again
      if (row.expires_at.getTime() <= Date.now()) {
        await this.db.query(`DELETE FROM gateway.idempotency_keys WHERE id = $1 AND expires_at <= now()`, [row.id]);
        continue;
      }
      if (row.request_hash !== requestHash) throw new IdempotencyKeyReusedProblem(key);
      if (row.state !== 'completed') {
        throw new IdempotencyInFlightProblem(`A request with Idempotency-Key ${key} is still in flight; retry later`);
      }
      return {
        kind: 'replay',
        status: row.response_status ?? 200,
        headers: row.response_headers ?? {},
        body: row.response_body ?? Buffer.alloc(0),
      };
    }
    throw new IdempotencyInFlightProblem(`Idempotency-Key ${key} is contended; retry later`);
  }

  /** Stores the response the claimed request got (status below 500: a 5xx releases the key instead). */
  async complete(id: string, status: number, headers: Record<string, unknown>, body: Buffer): Promise<void> {
    if (status >= 500) return this.release(id);
    const kept: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const v = headers[name];
      if (typeof v === 'string') kept[name] = v;
    }
    await this.db.query(
      `UPDATE gateway.idempotency_keys
          SET state = 'completed', response_status = $2, response_headers = $3, response_body = $4
        WHERE id = $1`,
      [id, status, kept, body],
    );
  }

  /** Frees the key (the request failed before a storable answer): a retry may claim it again. */
  async release(id: string): Promise<void> {
    await this.db.query(`DELETE FROM gateway.idempotency_keys WHERE id = $1`, [id]);
  }

  async purge(): Promise<void> {
    await this.db.query(`DELETE FROM gateway.idempotency_keys WHERE expires_at <= now()`);
  }
}
