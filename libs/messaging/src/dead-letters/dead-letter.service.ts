import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { EventBus } from '../event-bus';
import { EventEnvelope, uuidv7 } from '../event-envelope';
import { describeError, qualifiedTable } from '../sql';
import { DeadLetterActionEntity, DeadLetterActionKind } from './dead-letter-action.entity';
import { DeadLetterEntity, DeadLetterStatus } from './dead-letter.entity';
import { DeadLetterNotFoundError, DeadLetterStateError } from './dead-letter.errors';

export interface DeadLetterFilter {
  group?: string;
  type?: string;
  status?: DeadLetterStatus;
  /** Dead letters whose last failure is at or after this instant. */
  since?: Date;
  /** Only dead letters whose event names one of these legal entities (its data's first `legalEntity`, at any depth). */
  legalEntities?: string[];
}

export interface DeadLetterPage {
  items: DeadLetterEntity[];
  total: number;
}

/** Who does an operator action and why; both are required and end up in `dead_letter_actions`. */
export interface DeadLetterAudit {
  actor: string;
  reason: string;
}

/** Actor recorded for what the runtime does by itself (reopening a dead letter whose replay failed). */
export const SYSTEM_ACTOR = 'system';

/**
 * The app's dead letters: what operators see and act on. Replay re-delivers the event through the bus to
 * the failed group only (the inbox still guards against a double effect); every action is audited.
 */
@Injectable()
export class DeadLetterService {
  private readonly log = new Logger('DeadLetters');

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {}

  async list(filter: DeadLetterFilter = {}, page: { limit?: number; offset?: number } = {}): Promise<DeadLetterPage> {
    const qb = this.dataSource.getRepository(DeadLetterEntity).createQueryBuilder('d');
    applyFilter(qb, filter);
    qb.orderBy('d.failedAt', 'DESC').addOrderBy('d.id', 'DESC');
    qb.take(Math.min(Math.max(page.limit ?? 50, 1), 500)).skip(Math.max(page.offset ?? 0, 0));
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  async get(id: string): Promise<DeadLetterEntity> {
    const found = isUuid(id) ? await this.dataSource.getRepository(DeadLetterEntity).findOneBy({ id }) : null;
    if (!found) throw new DeadLetterNotFoundError(id);
    return found;
  }

  /** The audit trail of one dead letter, oldest first. */
  async history(id: string): Promise<DeadLetterActionEntity[]> {
    await this.get(id);
    return this.dataSource
      .getRepository(DeadLetterActionEntity)
      .find({ where: { deadLetterId: id }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Sends an open dead letter's event again to its group; the status becomes `replayed`. */
  async replay(id: string, audit: DeadLetterAudit): Promise<DeadLetterEntity> {
    assertAudit(audit);
    return this.dataSource.transaction(async (manager) => {
      const dl = await this.lock(manager, id);
      if (dl.status !== 'open') throw new DeadLetterStateError(id, dl.status, 'replay');
      await this.transition(manager, [dl], 'replayed', 'replay', audit);
      // Inside the transaction: if the bus refuses, nothing is marked replayed.
      await this.bus.redeliver(dl.consumerGroup, [dl.event]);
      return dl;
    });
  }

  /** Replays every open dead letter matching the filter; returns how many. */
  async replayMatching(filter: Omit<DeadLetterFilter, 'status'>, audit: DeadLetterAudit): Promise<number> {
    assertAudit(audit);
    return this.dataSource.transaction(async (manager) => {
      const qb = manager.getRepository(DeadLetterEntity).createQueryBuilder('d');
      applyFilter(qb, { ...filter, status: 'open' });
      const rows = await qb
        .orderBy('d.failedAt', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;
      await this.transition(manager, rows, 'replayed', 'replay', audit);
      const byGroup = new Map<string, EventEnvelope[]>();
      for (const r of rows) byGroup.set(r.consumerGroup, [...(byGroup.get(r.consumerGroup) ?? []), r.event]);
      for (const [group, events] of byGroup) {
        for (let i = 0; i < events.length; i += 500) await this.bus.redeliver(group, events.slice(i, i + 500));
      }
      return rows.length;
    });
  }

  /** Closes a dead letter by hand (the operator fixed the effect elsewhere or decided to drop it). */
  async resolve(id: string, audit: DeadLetterAudit): Promise<DeadLetterEntity> {
    assertAudit(audit);
    return this.dataSource.transaction(async (manager) => {
      const dl = await this.lock(manager, id);
      if (dl.status === 'resolved') throw new DeadLetterStateError(id, dl.status, 'resolve');
      await this.transition(manager, [dl], 'resolved', 'resolve', audit);
      return dl;
    });
  }

  /**
   * Used by the consumer runtime after the last failed attempt: records the dead letter (or reopens the
   * existing one of this group and event, auditing the reopen).
   */
  async record(group: string, event: EventEnvelope, error: unknown, attempts: number): Promise<DeadLetterEntity> {
    const { message, stack } = describeError(error);
    const table = qualifiedTable(this.dataSource, DeadLetterEntity);
    const saved = await this.dataSource.transaction(async (manager) => {
      const rows: { id: string; reopened: boolean }[] = await manager.query(
        `insert into ${table} as d (id, consumer_group, event_id, event_type, event, error_message, error_stack, attempts, status, created_at, failed_at, updated_at)
         values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, 'open', now(), now(), now())
         on conflict (consumer_group, event_id) do update set
           event = excluded.event, error_message = excluded.error_message, error_stack = excluded.error_stack,
           attempts = excluded.attempts, status = 'open', failed_at = now(), updated_at = now()
         returning d.id, (d.xmax <> 0) as reopened`,
        [uuidv7(), group, event.id, event.type, JSON.stringify(event), message, stack, attempts],
      );
      const [{ id, reopened }] = rows;
      if (reopened)
        await this.appendAction(manager, id, 'reopen', { actor: SYSTEM_ACTOR, reason: truncate(message, 2000) });
      return manager.getRepository(DeadLetterEntity).findOneByOrFail({ id });
    });
    this.log.error(`Event ${event.type} ${event.id} dead-lettered for ${group} after ${attempts} attempts: ${message}`);
    return saved;
  }

  private async lock(manager: EntityManager, id: string): Promise<DeadLetterEntity> {
    const dl = isUuid(id)
      ? await manager.getRepository(DeadLetterEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!dl) throw new DeadLetterNotFoundError(id);
    return dl;
  }

  private async transition(
    manager: EntityManager,
    rows: DeadLetterEntity[],
    status: DeadLetterStatus,
    action: DeadLetterActionKind,
    audit: DeadLetterAudit,
  ): Promise<void> {
    const now = new Date();
    await manager.getRepository(DeadLetterEntity).update(
      rows.map((r) => r.id),
      { status, updatedAt: now },
    );
    for (const r of rows) {
      r.status = status;
      r.updatedAt = now;
    }
    await manager.getRepository(DeadLetterActionEntity).insert(
      rows.map((r) => ({
        id: uuidv7(),
        deadLetterId: r.id,
        action,
        actor: audit.actor.trim(),
        reason: audit.reason.trim(),
        at: now,
      })),
    );
  }

  private async appendAction(
    manager: EntityManager,
    deadLetterId: string,
    action: DeadLetterActionKind,
    audit: DeadLetterAudit,
  ): Promise<void> {
    await manager
      .getRepository(DeadLetterActionEntity)
      .insert({ id: uuidv7(), deadLetterId, action, actor: audit.actor, reason: audit.reason, at: new Date() });
  }
}

function applyFilter(qb: SelectQueryBuilder<DeadLetterEntity>, f: DeadLetterFilter): void {
  if (f.group) qb.andWhere('d.consumerGroup = :group', { group: f.group });
  if (f.type) qb.andWhere('d.eventType = :type', { type: f.type });
  if (f.status) qb.andWhere('d.status = :status', { status: f.status });
  if (f.since) qb.andWhere('d.failedAt >= :since', { since: f.since });
  if (f.legalEntities) {
    qb.andWhere(`jsonb_path_query_first(d.event -> 'data', 'strict $.**.legalEntity') #>> '{}' = ANY(:entities)`, {
      entities: f.legalEntities,
    });
  }
}

function assertAudit(audit: DeadLetterAudit): void {
  if (typeof audit?.actor !== 'string' || audit.actor.trim() === '')
    throw new TypeError('Dead letter action: actor is required');
  if (typeof audit.reason !== 'string' || audit.reason.trim() === '')
    throw new TypeError('Dead letter action: reason is required');
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
