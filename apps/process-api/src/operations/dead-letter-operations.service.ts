import { Injectable } from '@nestjs/common';
import {
  DeadLetterActionEntity,
  DeadLetterAudit,
  DeadLetterEntity,
  DeadLetterNotFoundError,
  DeadLetterService,
  DeadLetterStateError,
} from '@app/messaging';
import { ConflictProblem, NotFoundProblem } from '@app/platform';
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

  async list(query: ListDeadLettersQueryDto): Promise<DeadLetterListDto> {
    const page = await this.deadLetters.list(toFilter(query), { limit: query.limit, offset: query.offset });
    return { items: page.items.map(toSummary), total: page.total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<DeadLetterDto> {
    return this.detail(await translate(() => this.deadLetters.get(id)));
  }

  async replay(id: string, audit: DeadLetterAudit): Promise<DeadLetterDto> {
    return this.detail(await translate(() => this.deadLetters.replay(id, audit)));
  }

  async replayMatching(filter: DeadLetterFilterDto, audit: DeadLetterAudit): Promise<ReplayResultDto> {
    return { replayed: await this.deadLetters.replayMatching(toFilter(filter), audit) };
  }

  async resolve(id: string, audit: DeadLetterAudit): Promise<DeadLetterDto> {
    return this.detail(await translate(() => this.deadLetters.resolve(id, audit)));
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

function toFilter(f: DeadLetterFilterDto & { status?: ListDeadLettersQueryDto['status'] }) {
  return { group: f.group, type: f.type, status: f.status, since: f.since ? new Date(f.since) : undefined };
}

function toSummary(d: DeadLetterEntity): DeadLetterSummaryDto {
  return {
    id: d.id,
    consumerGroup: d.consumerGroup,
    eventId: d.eventId,
    eventType: d.eventType,
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
