import { Injectable } from '@nestjs/common';
import {
  DeadLetterActionEntity,
  DeadLetterAudit,
  DeadLetterEntity,
  DeadLetterNotFoundError,
  DeadLetterService,
  DeadLetterStateError,
} from '@app/messaging';
import { CallerIdentity, ConflictProblem, NotFoundProblem } from '@app/platform';
import { DeadLetterFilterDto, ListDeadLettersQueryDto } from './dto/list-dead-letters.query.dto';
import {
  DeadLetterDto,
  DeadLetterListDto,
  DeadLetterSummaryDto,
  EventEnvelopeDto,
  ReplayResultDto,
} from './dto/dead-letter.dto';

/** The operations use cases over the process layer's dead letters: HTTP shapes in, problems out. */
@Injectable()
export class DeadLetterOperationsService {
  constructor(private readonly deadLetters: DeadLetterService) {}

  /** A consumer bound to legal entities sees the dead letters whose event names one of them. */
  async list(query: ListDeadLettersQueryDto, caller: CallerIdentity): Promise<DeadLetterListDto> {
    const page = await this.deadLetters.list(scoped(toFilter(query), caller), {
      limit: query.limit,
      offset: query.offset,
    });
    return { items: page.items.map(toSummary), total: page.total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, caller: CallerIdentity): Promise<DeadLetterDto> {
    return this.detail(await this.visible(id, caller));
  }

  async replay(id: string, audit: DeadLetterAudit, caller: CallerIdentity): Promise<DeadLetterDto> {
    await this.visible(id, caller);
    return this.detail(await translate(() => this.deadLetters.replay(id, audit)));
  }

  async replayMatching(
    filter: DeadLetterFilterDto,
    audit: DeadLetterAudit,
    caller: CallerIdentity,
  ): Promise<ReplayResultDto> {
    return { replayed: await this.deadLetters.replayMatching(scoped(toFilter(filter), caller), audit) };
  }

  async resolve(id: string, audit: DeadLetterAudit, caller: CallerIdentity): Promise<DeadLetterDto> {
    await this.visible(id, caller);
    return this.detail(await translate(() => this.deadLetters.resolve(id, audit)));
  }

  /** The dead letter, or 404; 403 when its event belongs to a legal entity the caller may not see. */
  private async visible(id: string, caller: CallerIdentity): Promise<DeadLetterEntity> {
    const entity = await translate(() => this.deadLetters.get(id));
    caller.assertSees(legalEntityOf(entity), `Dead letter ${id}`);
    return entity;
  }

  private async detail(entity: DeadLetterEntity): Promise<DeadLetterDto> {
    const actions = await this.deadLetters.history(entity.id);
    return {
      ...toSummary(entity),
      event: toEnvelope(entity),
      errorStack: entity.errorStack,
      actions: actions.map(toAction),
    };
  }
}

async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DeadLetterNotFoundError) throw new NotFoundProblem(err.message);
    if (err instanceof DeadLetterStateError) throw new ConflictProblem(err.message, { status: err.status });
    throw err;
  }
}

function scoped<F extends object>(filter: F, caller: CallerIdentity): F & { legalEntities?: string[] } {
  const entities = caller.entityFilter();
  return entities ? { ...filter, legalEntities: entities } : filter;
}

/**
 * The legal entity the dead letter's event names: the first `legalEntity` string in its data, at any
 * depth (`data.opportunity.legalEntity` for a won deal), as the list filter reads it; null if none.
 */
function legalEntityOf(d: DeadLetterEntity): string | null {
  const queue: unknown[] = [d.event.data];
  while (queue.length) {
    const node = queue.shift();
    if (!node || typeof node !== 'object') continue;
    const value = (node as { legalEntity?: unknown }).legalEntity;
    if (typeof value === 'string') return value;
    queue.push(...Object.values(node as Record<string, unknown>));
  }
  return null;
}

function toFilter(f: DeadLetterFilterDto & { status?: ListDeadLettersQueryDto['status'] }) {
  return { group: f.group, type: f.type, status: f.status, since: f.since ? new Date(f.since) : undefined };
}

function toSummary(d: DeadLetterEntity): DeadLetterSummaryDto {
  return {
    id: d.id,
    consumerGroup: d.consumerGroup,
    eventId: d.eventId,
    eventType: d.eventType,
    legalEntity: legalEntityOf(d),
    subject: d.event.subject,
    correlationId: d.event.correlationId,
    status: d.status,
    attempts: d.attempts,
    errorMessage: d.errorMessage,
    createdAt: d.createdAt.toISOString(),
    failedAt: d.failedAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

function toEnvelope(d: DeadLetterEntity): EventEnvelopeDto {
  const e = d.event;
  const out: EventEnvelopeDto = {
    id: e.id,
    type: e.type,
    version: e.version,
    occurredAt: e.occurredAt,
    correlationId: e.correlationId,
    source: e.source,
    subject: e.subject,
    data: (e.data ?? {}) as Record<string, unknown>,
  };
  if (e.traceparent) out.traceparent = e.traceparent;
  if (e.causationId) out.causationId = e.causationId;
  return out;
}

function toAction(a: DeadLetterActionEntity) {
  return { action: a.action, actor: a.actor, reason: a.reason, at: a.at.toISOString() };
}
