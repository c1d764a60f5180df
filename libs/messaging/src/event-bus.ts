import type { EventEnvelope } from './event-envelope';

/** What the bus tells a subscriber about one delivery. */
export interface Delivery {
  /** 1 for the first delivery, incremented on each retry. */
  attempt: number;
  /** The attempt after which the bus stops retrying. */
  maxAttempts: number;
}

/**
 * A subscriber's callback. Resolving acknowledges the event. Rejecting asks the bus to deliver it again
 * after a backoff, up to `maxAttempts`; a handler that rejects on the last attempt is redelivered by the
 * transport's own slow safety net, so it must settle its failures itself (the messaging consumer wrapper
 * writes a dead letter and resolves).
 */
export type BusHandler = (event: EventEnvelope, delivery: Delivery) => Promise<void>;

export interface BusSubscription {
  /**
   * Consumer group: every group gets its own copy of each matching event; the replicas of one group
   * compete for it (one of them handles each event). Convention: `<app layer>.<feature>`, e.g.
   * `process.project-setup`.
   */
  group: string;
  /** Event types this group receives. */
  types: string[];
  handler: BusHandler;
}

/**
 * The event bus port. Callers (outbox relay, consumers, dead-letter replay) only see this class; the
 * transport (graphile-worker on PostgreSQL today, NATS JetStream later) is an adapter chosen at wiring time.
 * Semantics every adapter keeps: at-least-once delivery per group, retries with exponential backoff and
 * jitter, duplicate publishes of one event id to one group collapse where the transport can, and consumers
 * dedupe the rest (inbox).
 */
export abstract class EventBus {
  /** Makes the events durable on the bus for every subscribed group; resolves once accepted. */
  abstract publish(events: EventEnvelope[]): Promise<void>;
  /** Delivers the events again to one group only (dead-letter replay), whatever other groups exist. */
  abstract redeliver(group: string, events: EventEnvelope[]): Promise<void>;
  /** Registers a group's handler. Call before `start()`. */
  abstract subscribe(subscription: BusSubscription): void;
  /** Announces the subscriptions and begins consuming. Idempotent. */
  abstract start(): Promise<void>;
  /** Stops consuming (waits for in-flight handlers, bounded) and releases connections. Idempotent. */
  abstract stop(): Promise<void>;
  /** A cheap check of the transport for /health/dependencies (reachable, consuming, backlog in `detail`). */
  abstract health(): Promise<{ status: 'up' | 'down'; detail?: string }>;
}
