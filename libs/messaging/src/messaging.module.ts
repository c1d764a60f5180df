import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DependencyRegistry, MetricsService } from '@app/platform';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { ConsumerRuntime } from './consumers/consumer-runtime';
import type { ConsumerDefinition, EventConsumer } from './consumers/event-consumer';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { EventBus } from './event-bus';
import { GraphileEventBus } from './graphile/graphile-event-bus';
import { MessagingMetrics } from './messaging.metrics';
import { MessagingSettings, MessagingSettingsOverrides, loadMessagingSettings } from './messaging.settings';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxEntity } from './outbox/outbox.entity';
import { OutboxService } from './outbox/outbox.service';

export interface MessagingModuleOptions {
  /** The app's name (event `source`, logs, PostgreSQL application_name). */
  appName: string;
  /** The app's schema, where its outbox, inbox and dead letters live (checked against the DataSource). */
  schema: string;
  /** Consumer groups of this app. */
  consumers?: ConsumerDefinition[];
  /** Overrides of the environment settings (tests: fast retries). */
  settings?: MessagingSettingsOverrides;
  /** Defaults to the app DataSource's url, then DATABASE_URL. */
  databaseUrl?: string;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/**
 * Wires the app's messaging: EventBus (graphile-worker adapter), OutboxService + relay, DeadLetterService,
 * and the declared consumers. Needs the app's TypeORM DataSource (PersistenceModule) with
 * `messagingEntities` in its entities. Starts consuming on application bootstrap, stops on close.
 */
@Module({})
export class MessagingModule {
  static forApp(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: MessagingSettings, useFactory: () => loadMessagingSettings(options.settings) },
        {
          provide: EventBus,
          inject: [DataSource, MessagingSettings],
          useFactory: (dataSource: DataSource, s: MessagingSettings): EventBus =>
            new GraphileEventBus({
              connectionString: connectionStringOf(options, dataSource),
              appName: options.appName,
              retry: { maxAttempts: s.maxAttempts, baseDelayMs: s.retryBaseMs, maxDelayMs: s.retryMaxMs },
              concurrency: s.concurrency,
              pollIntervalMs: s.pollIntervalMs,
              poolSize: s.poolSize ?? s.concurrency + 2,
              shutdownTimeoutMs: s.shutdownTimeoutMs,
            }),
        },
        {
          provide: MessagingMetrics,
          inject: [{ token: MetricsService, optional: true }],
          useFactory: (metrics?: MetricsService) => new MessagingMetrics(metrics),
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, EventBus, MessagingSettings, MessagingMetrics],
          useFactory: (dataSource: DataSource, bus: EventBus, s: MessagingSettings, metrics: MessagingMetrics) =>
            new OutboxRelay(dataSource, bus, metrics).configure({
              pollMs: s.outboxPollMs,
              batchSize: s.outboxBatchSize,
            }),
        },
        OutboxService,
        DeadLetterService,
        ConsumerRuntime,
        MessagingLifecycle,
      ],
      exports: [EventBus, OutboxService, OutboxRelay, DeadLetterService, MessagingSettings, MESSAGING_OPTIONS],
    };
  }
}

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Messaging');

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly relay: OutboxRelay,
    private readonly runtime: ConsumerRuntime,
    @Optional() private readonly dependencies?: DependencyRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.checkSchema();
    for (const def of this.options.consumers ?? []) {
      const consumer = this.moduleRef.get<EventConsumer>(def.consumer, { strict: false });
      this.bus.subscribe({
        group: def.group,
        types: def.types,
        handler: this.runtime.wrap(def.group, (event, ctx) => consumer.handle(event, ctx)),
      });
    }
    await this.bus.start();
    this.relay.start();
    this.dependencies?.register('event-bus', () => this.bus.health(), { kind: 'infrastructure' });
    if (this.relay.enabled)
      this.dependencies?.register('outbox', () => this.relay.health(), { kind: 'infrastructure' });
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
    await this.bus.stop();
  }

  private checkSchema(): void {
    if (!this.dataSource.hasMetadata(OutboxEntity)) {
      this.log.warn(`${this.options.appName}: messagingEntities are not in the DataSource; outbox relay disabled`);
      return;
    }
    const schema = this.dataSource.getMetadata(OutboxEntity).schema;
    if (schema && schema !== this.options.schema) {
      throw new Error(
        `MessagingModule(${this.options.appName}): schema '${this.options.schema}' but the DataSource uses '${schema}'`,
      );
    }
  }
}

function connectionStringOf(options: MessagingModuleOptions, dataSource: DataSource): string {
  if (options.databaseUrl) return options.databaseUrl;
  const o = dataSource.options as PostgresConnectionOptions;
  if (o.url) return o.url;
  if (o.host || o.database) {
    const auth = o.username
      ? `${encodeURIComponent(o.username)}${o.password ? `:${encodeURIComponent(String(o.password))}` : ''}@`
      : '';
    return `postgres://${auth}${o.host ?? 'localhost'}:${o.port ?? 5432}/${encodeURIComponent(o.database ?? 'postgres')}`;
  }
  const env = process.env.DATABASE_URL;
  if (!env) throw new Error('MessagingModule: no database URL (DataSource url, options.databaseUrl or DATABASE_URL)');
  return env;
}
