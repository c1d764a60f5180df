import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge, Histogram, Metric, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricsOptions {
  app: string;
  /** Collect the default process metrics into this registry (default true). */
  defaultMetrics?: boolean;
}

/** Buckets (seconds) for HTTP latencies: 5 ms .. 30 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * This app's Prometheus metrics: one prom-client Registry per app instance (never the global one), so
 * several apps in one process never collide. `gauge`/`counter`/`histogram` create a metric or return the
 * existing one with that name.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(options: MetricsOptions) {
    this.registry.setDefaultLabels({ app: options.app });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.httpRequestDuration = this.histogram(
      'http_request_duration_seconds',
      'Duration of HTTP requests served, by route template',
      ['method', 'route', 'status'],
      LATENCY_BUCKETS,
    );
  }

  gauge<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.getOrCreate(name, Gauge, () => new Gauge<L>({ name, help, labelNames, registers: [this.registry] }));
  }

  counter<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.getOrCreate(
      name,
      Counter,
      () => new Counter<L>({ name, help, labelNames, registers: [this.registry] }),
    );
  }

  histogram<L extends string = string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets: number[] = LATENCY_BUCKETS,
  ): Histogram<L> {
    return this.getOrCreate(
      name,
      Histogram,
      () => new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] }),
    );
  }

  /** The exposition text (what GET /metrics serves). */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }

  private getOrCreate<M extends Metric>(
    name: string,
    kind: abstract new (...args: never[]) => unknown,
    create: () => M,
  ): M {
    const existing = this.registry.getSingleMetric(name);
    if (existing) {
      if (!(existing instanceof kind)) throw new Error(`Metric ${name} already exists with another type`);
      return existing as unknown as M;
    }
    return create();
  }
}
