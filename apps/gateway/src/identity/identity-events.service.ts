import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

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
 * included, drops what it cached. A lost connection clears everything and reconnects.
 */
@Injectable()
export class IdentityEventsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IdentityEventsService.name);
  private readonly listeners: Array<(change: IdentityChange) => void> = [];
  private client?: Client;
  private closing = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
    for (const change of changes) this.emit(change);
    return result;
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
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
    await client.connect();
    await client.query(`LISTEN ${IDENTITY_CHANNEL}`);
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
