import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsService } from '@app/platform';

/** What became of one delivery to one consumer group. */
export type DeliveryOutcome = 'handled' | 'duplicate' | 'retry' | 'dead_lettered';

/** Buckets (seconds) for handler durations: 1 ms .. 30 s. */
const HANDLER_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The messaging metrics of one app, in its own registry (MetricsService); a no-op without one:
 * - `messaging_events_published_total{type}`: events the outbox relay handed to the bus;
 * - `messaging_deliveries_total{group,type,outcome}`: handled, duplicate (inbox), retry, dead_lettered;
 * - `messaging_handler_duration_seconds{group}`: handler + inbox transaction time;
 * - `messaging_outbox_pending`: unpublished outbox rows, read at scrape time.
 */
export class MessagingMetrics {
  private readonly published?: Counter<'type'>;
  private readonly deliveries?: Counter<'group' | 'type' | 'outcome'>;
  private readonly duration?: Histogram<'group'>;

  constructor(private readonly metrics?: MetricsService) {
    if (!metrics) return;
    this.published = metrics.counter(
      'messaging_events_published_total',
      'Events published to the bus by the outbox relay',
      ['type'],
    );
    this.deliveries = metrics.counter(
      'messaging_deliveries_total',
      'Deliveries to this app’s consumer groups, by outcome',
      ['group', 'type', 'outcome'],
    );
    this.duration = metrics.histogram(
      'messaging_handler_duration_seconds',
      'Time to handle one event (handler and inbox transaction)',
      ['group'],
      HANDLER_BUCKETS,
    );
  }

  eventsPublished(types: string[]): void {
    if (!this.published) return;
    for (const type of types) this.published.inc({ type });
  }

  delivery(group: string, type: string, outcome: DeliveryOutcome, seconds?: number): void {
    this.deliveries?.inc({ group, type, outcome });
    if (seconds !== undefined) this.duration?.observe({ group }, seconds);
  }

  /** Exposes the outbox backlog, read when /metrics is scraped. */
  outboxPending(read: () => Promise<number>): void {
    const registry = this.metrics?.registry;
    if (!registry || registry.getSingleMetric('messaging_outbox_pending')) return;
    new Gauge({
      name: 'messaging_outbox_pending',
      help: 'Outbox rows not yet published to the bus',
      registers: [registry],
      async collect() {
        try {
          this.set(await read());
        } catch {
          // database unavailable (or closing): keep the last value
        }
      },
    });
  }
}
