import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { uuidv7 } from '@app/messaging';
import { CallerIdentity, ConflictProblem, NotFoundProblem } from '@app/platform';
import { BusinessExceptionActionEntity, BusinessExceptionEntity } from './business-exception.entity';
import type { ExceptionAction, ExceptionStatus, OwningTeam } from './exceptions.constants';

export interface RaiseException {
  kind: string;
  owningTeam: OwningTeam;
  businessKey: string;
  legalEntity?: string | null;
  moneyAtStake?: { amountMinor: number; currency: string } | null;
  reasons: string[];
  details?: Record<string, unknown>;
  /** The workflow raising it, e.g. `project-setup`. */
  source: string;
}

export interface ExceptionFilter {
  kind?: string;
  owningTeam?: string;
  status?: string;
  legalEntity?: string;
  businessKey?: string;
  since?: Date;
  legalEntities?: string[] | null;
}

/**
 * Called by `retry-after-fix` for the exceptions of one kind: re-runs the work (e.g. a provisioning).
 * It may raise a new exception if the data is still wrong.
 */
export type RetryHandler = (exception: BusinessExceptionEntity) => Promise<void>;

/** Business exceptions: raised by the workflows, acted on by people, every step audited. */
@Injectable()
export class ExceptionsService {
  private readonly log = new Logger(ExceptionsService.name);
  private readonly retryHandlers = new Map<string, RetryHandler>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The workflow owning `kind` re-runs its work on `retry-after-fix`. */
  registerRetryHandler(kind: string, handler: RetryHandler): void {
    this.retryHandlers.set(kind, handler);
  }

  /**
   * Opens an exception, or, when one of the same kind and business key is still open, updates it (its
   * reasons, money and details become the latest; occurrences + 1). Pass `manager` to take part in the
   * caller's transaction.
   */
  async raise(input: RaiseException, manager: EntityManager = this.db.manager): Promise<BusinessExceptionEntity> {
    const table = manager.connection.getMetadata(BusinessExceptionEntity).tablePath;
    const now = new Date();
    const reasons = [...new Set(input.reasons.map((r) => r.trim()).filter(Boolean))];
    if (reasons.length === 0) throw new Error('A business exception needs at least one reason');
    const rows = (await manager.query(
      `INSERT INTO ${table} AS e
         (id, kind, owning_team, business_key, legal_entity, amount_minor, currency, reasons, details, source,
          status, occurrences, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, 'open', 1, $11, $11)
       ON CONFLICT (kind, business_key) WHERE status = 'open' DO UPDATE SET
         reasons = EXCLUDED.reasons, details = e.details || EXCLUDED.details,
         amount_minor = COALESCE(EXCLUDED.amount_minor, e.amount_minor),
         currency = COALESCE(EXCLUDED.currency, e.currency),
         legal_entity = COALESCE(EXCLUDED.legal_entity, e.legal_entity),
         occurrences = e.occurrences + 1, updated_at = EXCLUDED.updated_at
       RETURNING id, (xmax = 0) AS inserted`,
      [
        uuidv7(),
        input.kind,
        input.owningTeam,
        input.businessKey,
        input.legalEntity ?? null,
        input.moneyAtStake?.amountMinor ?? null,
        input.moneyAtStake?.currency ?? null,
        JSON.stringify(reasons),
        JSON.stringify(input.details ?? {}),
        input.source,
        now,
      ],
    )) as Array<{ id: string; inserted: boolean }>;
    const { id, inserted } = rows[0];
    await this.audit(
      manager,
      id,
      'raised',
      input.source,
      inserted ? reasons.join('; ') : `raised again: ${reasons.join('; ')}`,
      now,
    );
    if (inserted)
      this.log.log(`Business exception ${input.kind} opened for ${input.businessKey}: ${reasons.join('; ')}`);
    return manager.getRepository(BusinessExceptionEntity).findOneByOrFail({ id });
  }

  /** The open exception of this kind and key, if any. */
  findOpen(kind: string, businessKey: string): Promise<BusinessExceptionEntity | null> {
    return this.db.getRepository(BusinessExceptionEntity).findOneBy({ kind, businessKey, status: 'open' });
  }

  /** Closes the open exception of this kind and key (the workflow found the data fixed), audited. */
  async closeOpen(kind: string, businessKey: string, actor: string, reason: string): Promise<void> {
    const open = await this.findOpen(kind, businessKey);
    if (open) await this.transition(open.id, 'resolve', 'resolved', actor, reason);
  }

  async list(
    filter: ExceptionFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: BusinessExceptionEntity[]; total: number }> {
    const qb = this.db
      .getRepository(BusinessExceptionEntity)
      .createQueryBuilder('e')
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(page.limit)
      .skip(page.offset);
    if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
    if (filter.owningTeam) qb.andWhere('e.owningTeam = :team', { team: filter.owningTeam });
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.legalEntity) qb.andWhere('e.legalEntity = :le', { le: filter.legalEntity });
    if (filter.businessKey) qb.andWhere('e.businessKey = :bk', { bk: filter.businessKey });
    if (filter.since) qb.andWhere('e.createdAt >= :since', { since: filter.since });
    if (filter.legalEntities) qb.andWhere('e.legalEntity = ANY(:les)', { les: filter.legalEntities });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** 404 when unknown, 403 when of a legal entity the caller may not see. */
  async get(id: string, caller: CallerIdentity): Promise<BusinessExceptionEntity> {
    const row = await this.db.getRepository(BusinessExceptionEntity).findOneBy({ id });
    if (!row) throw new NotFoundProblem(`No business exception with id ${id}`);
    caller.assertSees(row.legalEntity, `Business exception ${id}`);
    return row;
  }

  history(id: string): Promise<BusinessExceptionActionEntity[]> {
    return this.db
      .getRepository(BusinessExceptionActionEntity)
      .find({ where: { exceptionId: id }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Resolved: the data was fixed; the exception closes and the workflow re-runs (its retry handler). */
  async retryAfterFix(id: string, reason: string, caller: CallerIdentity): Promise<BusinessExceptionEntity> {
    const row = await this.get(id, caller);
    const handler = this.retryHandlers.get(row.kind);
    if (!handler)
      throw new ConflictProblem(`Business exceptions of kind ${row.kind} cannot be retried: resolve or ignore it`);
    const closed = await this.transition(id, 'retry-after-fix', 'resolved', caller.consumerName, reason);
    await handler(closed);
    return closed;
  }

  async resolve(id: string, reason: string, caller: CallerIdentity): Promise<BusinessExceptionEntity> {
    await this.get(id, caller);
    return this.transition(id, 'resolve', 'resolved', caller.consumerName, reason);
  }

  async ignore(id: string, reason: string, caller: CallerIdentity): Promise<BusinessExceptionEntity> {
    await this.get(id, caller);
    return this.transition(id, 'ignore', 'ignored', caller.consumerName, reason);
  }

  /** open -> `to`, atomically (a concurrent action gets 409), audited. */
  private async transition(
    id: string,
    action: ExceptionAction,
    to: ExceptionStatus,
    actor: string,
    reason: string,
  ): Promise<BusinessExceptionEntity> {
    return this.db.transaction(async (manager) => {
      const now = new Date();
      const result = await manager
        .createQueryBuilder()
        .update(BusinessExceptionEntity)
        .set({ status: to, updatedAt: now, closedAt: now })
        .where('id = :id AND status = :open', { id, open: 'open' })
        .execute();
      if (!result.affected) {
        const current = await manager.getRepository(BusinessExceptionEntity).findOneBy({ id });
        throw new ConflictProblem(`Business exception ${id} is ${current?.status ?? 'gone'}, not open`, {
          status: current?.status ?? null,
        });
      }
      await this.audit(manager, id, action, actor, reason, now);
      return manager.getRepository(BusinessExceptionEntity).findOneByOrFail({ id });
    });
  }

  private async audit(
    manager: EntityManager,
    exceptionId: string,
    action: ExceptionAction,
    actor: string,
    reason: string | null,
    at: Date,
  ): Promise<void> {
    await manager
      .getRepository(BusinessExceptionActionEntity)
      .insert({ id: uuidv7(), exceptionId, action, actor, reason, at });
  }
}
