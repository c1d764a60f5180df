import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import type { Logger as PinoInstance } from 'pino';
import { PlatformConfig, platformConfig } from '../config/platform.config';
import { DependencyRegistry } from '../health/dependency-registry';
import { APP_PINO } from '../logging/logging.constants';
import { MetricsService } from '../metrics/metrics.service';
import { HttpTarget } from './http-client.types';
import { ResilientHttpClient } from './resilient-http-client';

/**
 * Creates one ResilientHttpClient per target (its own pool, breaker and metrics labels) and registers it
 * in DependencyRegistry. Creating the same target name again returns the existing client. Pools are
 * closed with the app.
 */
@Injectable()
export class HttpClientFactory implements OnModuleDestroy {
  private readonly clients = new Map<string, ResilientHttpClient>();

  constructor(
    private readonly metrics: MetricsService,
    private readonly dependencies: DependencyRegistry,
    @Inject(platformConfig.KEY) private readonly config: PlatformConfig,
    @Optional() @Inject(APP_PINO) private readonly log?: PinoInstance,
  ) {}

  create(target: HttpTarget): ResilientHttpClient {
    const existing = this.clients.get(target.name);
    if (existing) {
      if (existing.baseUrl !== target.baseUrl)
        throw new Error(`HTTP target ${target.name} already exists with baseUrl ${existing.baseUrl}`);
      return existing;
    }
    const client = new ResilientHttpClient(target, {
      metrics: this.metrics,
      dependencies: this.dependencies,
      log: this.log,
      defaults: {
        timeoutMs: this.config.httpClientTimeoutMs,
        retries: this.config.httpClientRetries,
        breakerThreshold: this.config.httpClientBreakerThreshold,
        halfOpenAfterMs: this.config.httpClientHalfOpenAfterMs,
        connections: this.config.httpClientConnections,
      },
    });
    this.clients.set(target.name, client);
    return client;
  }

  get(name: string): ResilientHttpClient | undefined {
    return this.clients.get(name);
  }

  async onModuleDestroy(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    for (const c of clients) this.dependencies.unregister(c.name);
    await Promise.all(clients.map((c) => c.close()));
  }
}
