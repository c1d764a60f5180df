import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { DataSource } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { ConsumerEntity } from './consumer.entity';
import { identityConfig } from './identity.config';
import { IdentityEventsService } from './identity-events.service';
import type { ConsumerIdentity } from './identity';
import { OAuthClientEntity } from './oauth-client.entity';

export type ConsumerProfile = Omit<ConsumerIdentity, 'credential'>;

export interface CachedConsumer {
  profile: ConsumerProfile;
  disabled: boolean;
  /** Compiled IP allow-list, null when any address may call. */
  allow: BlockList | null;
}

export interface CachedKey {
  keyId: string;
  prefix: string;
  consumerId: string;
  expiresAt: number | null;
  revoked: boolean;
}

export interface CachedClient {
  clientId: string;
  consumerId: string;
  revoked: boolean;
}

interface Entry<T> {
  value: T;
  loadedAt: number;
}

/**
 * What the gateway knows about consumers, API keys (by hash) and OAuth clients, in memory: a valid
 * credential costs no database round trip. Entries expire after GATEWAY_IDENTITY_CACHE_TTL_MS (a
 * safety net) and are dropped at once on a NOTIFY from any replica (revocation within milliseconds).
 * A load that overlaps an invalidation is not cached (generation check), so a stale row never sticks.
 */
@Injectable()
export class IdentityCacheService {
  private readonly consumers = new Map<string, Entry<CachedConsumer>>();
  private readonly keys = new Map<string, Entry<CachedKey>>();
  private readonly keyHashById = new Map<string, string>();
  private readonly clients = new Map<string, Entry<CachedClient>>();
  private readonly loading = new Map<string, Promise<unknown>>();
  private generation = 0;

  /** Changes on every invalidation: what was derived from the cache before is stale once it moves. */
  get version(): number {
    return this.generation;
  }

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
    events: IdentityEventsService,
  ) {
    events.onChange((change) => this.invalidate(change));
  }

  invalidate(change: Parameters<Parameters<IdentityEventsService['onChange']>[0]>[0]): void {
    this.generation++;
    switch (change.kind) {
      case 'consumer':
        this.consumers.delete(change.id);
        break;
      case 'key': {
        const hash = this.keyHashById.get(change.id);
        if (hash) this.keys.delete(hash);
        this.keyHashById.delete(change.id);
        break;
      }
      case 'client':
        this.clients.delete(change.id);
        break;
      case 'all':
        this.consumers.clear();
        this.keys.clear();
        this.keyHashById.clear();
        this.clients.clear();
        break;
      case 'signing-keys':
        break;
    }
  }

  async key(hash: string): Promise<CachedKey | undefined> {
    const hit = this.fresh(this.keys.get(hash));
    if (hit) return hit;
    return this.once(`k:${hash}`, async () => {
      const gen = this.generation;
      const row = await this.db.getRepository(ApiKeyEntity).findOne({ where: { keyHash: hash } });
      if (!row) return undefined;
      const value: CachedKey = {
        keyId: row.id,
        prefix: row.prefix,
        consumerId: row.consumerId,
        expiresAt: row.expiresAt?.getTime() ?? null,
        revoked: row.revokedAt !== null,
      };
      if (gen === this.generation) {
        this.keys.set(hash, { value, loadedAt: Date.now() });
        this.keyHashById.set(row.id, hash);
      }
      return value;
    });
  }

  async client(clientId: string): Promise<CachedClient | undefined> {
    const hit = this.fresh(this.clients.get(clientId));
    if (hit) return hit;
    return this.once(`c:${clientId}`, async () => {
      const gen = this.generation;
      const row = await this.db.getRepository(OAuthClientEntity).findOne({ where: { clientId } });
      if (!row) return undefined;
      const value: CachedClient = { clientId, consumerId: row.consumerId, revoked: row.revokedAt !== null };
      if (gen === this.generation) this.clients.set(clientId, { value, loadedAt: Date.now() });
      return value;
    });
  }

  async consumer(consumerId: string): Promise<CachedConsumer | undefined> {
    const hit = this.fresh(this.consumers.get(consumerId));
    if (hit) return hit;
    return this.once(`u:${consumerId}`, async () => {
      const gen = this.generation;
      const row = await this.db.getRepository(ConsumerEntity).findOne({ where: { id: consumerId } });
      if (!row) return undefined;
      const value = toCachedConsumer(row);
      if (gen === this.generation) this.consumers.set(consumerId, { value, loadedAt: Date.now() });
      return value;
    });
  }

  private fresh<T>(entry: Entry<T> | undefined): T | undefined {
    if (!entry) return undefined;
    if (Date.now() - entry.loadedAt > this.config.cacheTtlMs) return undefined;
    return entry.value;
  }

  /** One database load per key at a time, however many requests wait for it. */
  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.loading.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const p = load().finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p;
  }
}

export function toCachedConsumer(row: ConsumerEntity): CachedConsumer {
  return {
    profile: {
      consumerId: row.id,
      name: row.name,
      kind: row.kind,
      plan: row.plan,
      scopes: row.scopes ?? [],
      products: row.products,
      legalEntities: row.legalEntities,
      ipAllowList: row.ipAllowList,
    },
    disabled: row.disabled,
    allow: row.ipAllowList ? compileAllowList(row.ipAllowList) : null,
  };
}

/** A BlockList of CIDRs (or single addresses); throws on an invalid entry. */
export function compileAllowList(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const entry of cidrs) {
    const [address, bits] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
    if (!type) throw new Error(`${entry} is not an IP address or CIDR`);
    const max = type === 'ipv4' ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) {
      throw new Error(`${entry} has an invalid prefix length`);
    }
    list.addSubnet(address, prefix, type);
  }
  return list;
}

/** Whether `ip` (as Fastify reports it, maybe IPv4-mapped IPv6) is in the allow-list. */
export function ipAllowed(allow: BlockList, ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return allow.check(mapped[1], 'ipv4') || allow.check(ip, 'ipv6');
  return allow.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4');
}
