import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { identityConfig } from './identity.config';

/** The PostgreSQL channel every gateway replica listens on for credential changes. */
export const IDENTITY_CHANNEL = 'gateway_identity';

/** What changed: a consumer, an API key (by id), an OAuth client, or the signing keys. */
export type IdentityChange =
  | { kind: 'consumer'; id: string }
  | { kind: 'key'; id: string }
  | { kind: 'client'; id: string }
  | { kind: 'signing-keys' }
  /** The listening connection was lost: anything may have changed meanwhile. */
  | { kind: 'all' };

/**
 * Invalidation of the replicas' in-memory identity caches through PostgreSQL LISTEN/NOTIFY: a change is
 * published in the same transaction as the write (delivered on commit), and every replica, this one
 * included, drops what it cached. A lost connection clears everything and reconnects. With REDIS_URL
 * set, each committed change is also published on the Redis channel of the same name, and every
 * replica subscribes to it too (a second path; a Redis reconnect clears the caches as well).
 */
@Injectable()
export class IdentityEventsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IdentityEventsService.name);
  private readonly listeners: Array<(change: IdentityChange) => void> = [];
  private client?: Client;
  private closing = false;
  private reconnectTimer?: NodeJS.Timeout;
  private redisPub?: Redis;
  private redisSub?: Redis;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
  ) {}

  onChange(listener: (change: IdentityChange) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Runs `work` in a transaction; the changes it reports are NOTIFYed inside it (other replicas hear
   * them on commit) and applied to this replica's caches right after the commit, before the caller
   * answers, so a change is visible here at once and never before it is committed.
   */
  async transaction<T>(work: (tx: EntityManager, changed: (change: IdentityChange) => void) => Promise<T>): Promise<T> {
    const changes: IdentityChange[] = [];
    const result = await this.db.transaction(async (tx) => {
      const out = await work(tx, (change) => changes.push(change));
      for (const change of changes) {
        await tx.query('SELECT pg_notify($1, $2)', [IDENTITY_CHANNEL, JSON.stringify(change)]);
      }
      return out;
    });
    for (const change of changes) {
      this.emit(change);
      this.redisPub?.publish(IDENTITY_CHANNEL, JSON.stringify(change)).catch((err: Error) => {
        this.logger.warn({ err: err.message }, 'identity change not published on Redis (NOTIFY still carries it)');
      });
    }
    return result;
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
    if (this.config.redisUrl) await this.connectRedis(this.config.redisUrl);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
    this.redisSub?.disconnect();
    this.redisPub?.disconnect();
  }

  private async connectRedis(url: string): Promise<void> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false };
    this.redisPub = new Redis(url, options);
    this.redisSub = new Redis(url, { ...options, enableOfflineQueue: true });
    for (const r of [this.redisPub, this.redisSub]) {
      r.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'identity Redis connection error'));
    }
    this.redisSub.on('message', (channel: string, payload: string) => {
      if (channel !== IDENTITY_CHANNEL) return;
      try {
        this.emit(JSON.parse(payload) as IdentityChange);
      } catch {
        this.emit({ kind: 'all' });
      }
    });
    let first = true;
    this.redisSub.on('ready', () => {
      if (!first) this.emit({ kind: 'all' });
      first = false;
    });
    await Promise.all([this.redisPub.connect(), this.redisSub.connect()]);
    await this.redisSub.subscribe(IDENTITY_CHANNEL);
  }

  private async connect(): Promise<void> {
    const url = (this.db.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: 'gateway-identity-listener' });
    client.on('notification', (msg) => {
      if (msg.channel !== IDENTITY_CHANNEL || !msg.payload) return;
      try {
        this.emit(JSON.parse(msg.payload) as IdentityChange);
      } catch {
        this.emit({ kind: 'all' });
      }
    });
    client.on('error', (err) => {
      this.logger.warn({ err: err.message }, 'identity listener connection lost; caches cleared, reconnecting');
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${IDENTITY_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
  }

  private lost(client: Client): void {
    if (this.client !== client || this.closing) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.emit({ kind: 'all' });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.reconnectTimer = setTimeout(() => {
      if (this.closing) return;
      this.connect().catch(() => {
        this.emit({ kind: 'all' });
        this.scheduleReconnect();
      });
    }, 500);
    this.reconnectTimer.unref();
  }

  private emit(change: IdentityChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
