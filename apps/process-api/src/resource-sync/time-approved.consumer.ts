import { Inject, Injectable, Logger } from '@nestjs/common';
import { TimeApprovedData, TimeEntryDto, validateContract } from '@app/contracts';
import { EventConsumer, EventEnvelope, HandlerContext, NonRetryableError, uuidv7 } from '@app/messaging';
import { IsNull } from 'typeorm';
import { BillingHoldEntity } from './entities/billing-hold.entity';
import { WorkerSyncStateEntity } from './entities/worker-sync-state.entity';
import { valueOf } from './inactive-worker-check';
import { RESOURCE_DIRECTORY, type ResourceDirectory } from './resource-directory';
import { RESOURCE_EXCEPTIONS, type ResourceExceptions } from './resource-exceptions';
import { WORKER_INACTIVE_BUT_ASSIGNED } from './resource-sync.constants';
import { endOf } from './worker-sync.service';

/**
 * `time.approved` from the PSA: time approved later for a worker the sync knows as terminated or on
 * leave, dated after the end, is held like the time found at the termination, and the worker's
 * `worker-inactive-but-assigned` exception is brought up to date with every open hold.
 */
@Injectable()
export class TimeApprovedConsumer implements EventConsumer<TimeApprovedData> {
  private readonly log = new Logger(TimeApprovedConsumer.name);

  constructor(
    @Inject(RESOURCE_DIRECTORY) private readonly directory: ResourceDirectory,
    @Inject(RESOURCE_EXCEPTIONS) private readonly exceptions: ResourceExceptions,
  ) {}

  async handle(event: EventEnvelope<TimeApprovedData>, { manager }: HandlerContext): Promise<void> {
    const { problems } = validateContract(TimeEntryDto, event.data?.timeEntry, { forbidUnknown: false });
    if (problems.length > 0) {
      throw new NonRetryableError(`time.approved ${event.id} carries an invalid time entry: ${problems.join('; ')}`);
    }
    const entry = event.data.timeEntry;
    const state = await manager.getRepository(WorkerSyncStateEntity).findOne({ where: { workerId: entry.workerId } });
    if (!state || state.status === 'active') return;
    const end = endOf(
      { status: state.status as 'terminated' | 'on-leave', terminationDate: state.terminationDate ?? undefined },
      state.changedAt,
    );
    if (entry.date <= end) return;

    const project = await this.directory.getProject(entry.projectId);
    const value = project ? valueOf(entry, project, [], await this.directory.listRateCards()) : null;
    await manager
      .createQueryBuilder()
      .insert()
      .into(BillingHoldEntity)
      .values({
        id: uuidv7(),
        timeEntryId: entry.id,
        workerId: entry.workerId,
        projectId: entry.projectId,
        legalEntity: project?.legalEntityId ?? state.legalEntity,
        entryDate: entry.date,
        minutes: entry.minutes,
        amountMinor: value,
        currency: value === null ? null : project!.currency,
        reason: `${state.status} since ${end}`,
        createdAt: new Date(),
        releasedAt: null,
      })
      .orIgnore()
      .execute();

    const open = await manager
      .getRepository(BillingHoldEntity)
      .find({ where: { workerId: entry.workerId, releasedAt: IsNull() }, order: { projectId: 'ASC' } });
    const byProject = new Map<string, { minutes: number; amount: number | null; currency: string | null }>();
    for (const h of open) {
      const p = byProject.get(h.projectId) ?? { minutes: 0, amount: 0, currency: h.currency };
      p.minutes += h.minutes;
      p.amount = p.amount === null || h.amountMinor === null ? null : p.amount + h.amountMinor;
      byProject.set(h.projectId, p);
    }
    const reasons = [...byProject].map(
      ([projectId, p]) =>
        `Project ${projectId}: ${(p.minutes / 60).toFixed(2)} h booked after ${end}, ${
          p.amount === null ? 'value unknown' : `${p.amount} ${p.currency} (minor units)`
        }`,
    );
    const priced = [...byProject.values()].filter((p) => p.amount !== null && p.amount > 0);
    const money =
      priced.length > 0 && new Set(priced.map((p) => p.currency)).size === 1
        ? { amountMinor: priced.reduce((s, p) => s + (p.amount ?? 0), 0), currency: priced[0].currency! }
        : null;
    await this.exceptions.raise(
      {
        kind: WORKER_INACTIVE_BUT_ASSIGNED,
        owningTeam: 'resource-management',
        businessKey: `worker/${entry.workerId}`,
        legalEntity: state.legalEntity,
        money,
        reasons: [`Worker ${entry.workerId} is ${state.status} since ${end}`, ...reasons],
        details: { workerId: entry.workerId, endDate: end, heldEntries: open.length },
      },
      manager,
    );
    this.log.log(`Time entry ${entry.id} of ${state.status} worker ${entry.workerId} held from billing`);
  }
}
