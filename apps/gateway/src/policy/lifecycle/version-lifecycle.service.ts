import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundProblem, ProblemError, UnprocessableProblem } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ContractRegistry, PublishedContract } from '../../contracts/contract-registry.service';
import { policyConfig } from '../policy.config';
import { VersionLifecycleEntity } from './version-lifecycle.entity';

export type LifecycleState = 'draft' | 'active' | 'deprecated' | 'retired';

/** A version's effective lifecycle, with its response headers rendered once. */
export interface VersionLifecycle {
  contract: string;
  state: LifecycleState;
  /** Where the state comes from: the published contract or the admin's override. */
  source: 'contract' | 'override';
  deprecatedAt: Date | null;
  sunsetAt: Date | null;
  successor: string | null;
  /** Rendered headers for a deprecated version still answering. */
  headers: Array<[string, string]>;
}

/** 410 Gone: the version is retired or past its sunset; names the successor. */
export class VersionGoneProblem extends ProblemError {
  constructor(v: VersionLifecycle, successorPath: string | null) {
    super({
      status: 410,
      type: 'version-retired',
      title: 'Gone',
      detail:
        `${v.contract} is ${v.state === 'retired' ? 'retired' : `past its sunset (${v.sunsetAt?.toISOString()})`}` +
        (v.successor ? `: use ${v.successor}${successorPath ? ` at ${successorPath}` : ''}` : ''),
      extra: { version: v.contract, successor: v.successor, successorPath },
    });
  }
}

/**
 * Each product version's lifecycle: the contract's `info.x-lifecycle` (and `x-sunset`), overridden
 * by the admin API (stored in PostgreSQL, reloaded by every replica every GATEWAY_LIFECYCLE_REFRESH_MS
 * off the request path). A deprecated version answers with Deprecation (RFC 9745), Sunset (RFC 8594)
 * and Link successor-version / deprecation; a retired one, or one past its sunset, with 410.
 */
@Injectable()
export class VersionLifecycleService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(VersionLifecycleService.name);
  private readonly started = new Date();
  private byContract = new Map<string, VersionLifecycle>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly contracts: ContractRegistry,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(policyConfig.KEY) private readonly config: ConfigType<typeof policyConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.rebuild([]);
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.logger.warn({ err }, 'could not reload version lifecycles'));
    }, this.config.lifecycleRefreshMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    this.rebuild(await this.db.getRepository(VersionLifecycleEntity).find());
  }

  /** The effective lifecycle of every published version. */
  list(): VersionLifecycle[] {
    return [...this.byContract.values()].sort((a, b) => a.contract.localeCompare(b.contract));
  }

  get(contract: string): VersionLifecycle | undefined {
    return this.byContract.get(contract);
  }

  /**
   * The request path's step: 410 for a gone version, the deprecation headers for a deprecated one.
   * No allocation for an active version.
   */
  apply(contract: string, reply: FastifyReply, now = Date.now()): void {
    const v = this.byContract.get(contract);
    if (!v || (v.state !== 'deprecated' && v.state !== 'retired')) return;
    if (v.state === 'retired' || (v.sunsetAt && v.sunsetAt.getTime() <= now)) {
      throw new VersionGoneProblem(v, v.successor ? (this.contracts.contract(v.successor)?.basePath ?? null) : null);
    }
    for (const [name, value] of v.headers) void reply.header(name, value);
  }

  async deprecate(contract: string, sunset: Date, successor?: string): Promise<VersionLifecycle> {
    this.known(contract);
    if (successor !== undefined) this.known(successor);
    if (Number.isNaN(sunset.getTime())) throw new UnprocessableProblem('sunset must be a date');
    await this.save({
      contract,
      state: 'deprecated',
      deprecatedAt: new Date(),
      sunsetAt: sunset,
      successor: successor ?? this.defaultSuccessor(contract),
    });
    return this.byContract.get(contract)!;
  }

  async retire(contract: string, successor?: string): Promise<VersionLifecycle> {
    this.known(contract);
    if (successor !== undefined) this.known(successor);
    const current = this.byContract.get(contract);
    await this.save({
      contract,
      state: 'retired',
      deprecatedAt: current?.deprecatedAt ?? new Date(),
      sunsetAt: current?.sunsetAt && current.sunsetAt.getTime() < Date.now() ? current.sunsetAt : new Date(),
      successor: successor ?? current?.successor ?? this.defaultSuccessor(contract),
    });
    return this.byContract.get(contract)!;
  }

  /** Drops the override: the contract's published lifecycle applies again. */
  async reset(contract: string): Promise<VersionLifecycle> {
    this.known(contract);
    await this.db.getRepository(VersionLifecycleEntity).delete({ contract });
    await this.refresh();
    return this.byContract.get(contract)!;
  }

  private async save(row: Omit<VersionLifecycleEntity, 'updatedAt'>): Promise<void> {
    await this.db.getRepository(VersionLifecycleEntity).upsert(row, ['contract']);
    await this.refresh();
  }

  private known(contract: string): PublishedContract {
    const found = this.contracts.contract(contract);
    if (!found) throw new NotFoundProblem(`No published contract is named ${contract}`);
    return found;
  }

  /** The next major version of the same product, when one is published. */
  private defaultSuccessor(contract: string): string | null {
    const c = this.contracts.contract(contract);
    if (!c) return null;
    const later = this.contracts
      .contracts()
      .filter((o) => o.product === c.product && o.version > c.version)
      .sort((a, b) => a.version - b.version);
    return later[0]?.name ?? null;
  }

  private rebuild(overrides: VersionLifecycleEntity[]): void {
    const byName = new Map(overrides.map((o) => [o.contract, o]));
    const next = new Map<string, VersionLifecycle>();
    for (const c of this.contracts.contracts()) {
      const o = byName.get(c.name);
      const v: VersionLifecycle = o
        ? {
            contract: c.name,
            state: o.state,
            source: 'override',
            deprecatedAt: o.deprecatedAt,
            sunsetAt: o.sunsetAt,
            successor: o.successor,
            headers: [],
          }
        : {
            contract: c.name,
            state: asState(c.lifecycle),
            source: 'contract',
            deprecatedAt:
              c.lifecycle === 'deprecated' || c.lifecycle === 'retired'
                ? c.deprecatedAt
                  ? new Date(c.deprecatedAt)
                  : this.started
                : null,
            sunsetAt: c.sunset ? new Date(c.sunset) : null,
            successor: this.defaultSuccessor(c.name),
            headers: [],
          };
      v.headers = this.headersFor(v, c);
      next.set(c.name, v);
    }
    this.byContract = next;
  }

  private headersFor(v: VersionLifecycle, c: PublishedContract): Array<[string, string]> {
    if (v.state !== 'deprecated') return [];
    const headers: Array<[string, string]> = [];
    if (v.deprecatedAt) headers.push(['Deprecation', `@${Math.floor(v.deprecatedAt.getTime() / 1000)}`]);
    if (v.sunsetAt) headers.push(['Sunset', v.sunsetAt.toUTCString()]);
    const links = [`</portal/docs/${c.name}>; rel="deprecation"; type="text/html"`];
    const successor = v.successor ? this.contracts.contract(v.successor) : undefined;
    if (successor) links.unshift(`<${successor.basePath}>; rel="successor-version"`);
    headers.push(['Link', links.join(', ')]);
    return headers;
  }
}

function asState(lifecycle: string): LifecycleState {
  return lifecycle === 'active' || lifecycle === 'deprecated' || lifecycle === 'retired' ? lifecycle : 'draft';
}
