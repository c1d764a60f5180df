import type { Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../event-envelope';

/** What a handler gets besides the event. */
export interface HandlerContext {
  /** The transaction the inbox row is inserted in: write the handler's effects through it. */
  manager: EntityManager;
  /** 1 on first delivery. */
  attempt: number;
}

export type EventHandlerFn<T = unknown> = (event: EventEnvelope<T>, ctx: HandlerContext) => Promise<void>;

/**
 * A consumer is a Nest provider of some feature module implementing this interface. It must be idempotent
 * only through `ctx.manager`: the runtime skips an event already in the inbox, and rolls back its writes
 * when it throws.
 */
export interface EventConsumer<T = unknown> {
  handle(event: EventEnvelope<T>, ctx: HandlerContext): Promise<void>;
}

/** Declares a consumer group for `MessagingModule.forApp({ consumers: [...] })`. */
export interface ConsumerDefinition {
  /** Consumer group name, e.g. `process.project-setup`; also the inbox/dead-letter `consumer` value. */
  group: string;
  /** Event types delivered to `consumer`. */
  types: string[];
  /** A provider class (provided by any module of the app) resolved at bootstrap. */
  consumer: Type<EventConsumer<any>>;
}
