import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WorkerChangedData, WorkerDto } from '@app/contracts';
import { SystemApiBusinessError } from '../common/system-apis';
import { WorkerSyncStateEntity } from './entities/worker-sync-state.entity';
import { checkInactiveWorker, type InactiveWorkerFindings } from './inactive-worker-check';
import { RESOURCE_DIRECTORY, type ResourceDirectory } from './resource-directory';
import { RESOURCE_EXCEPTIONS, type ResourceExceptions } from './resource-exceptions';
import { WORKER_INACTIVE_BUT_ASSIGNED, WORKER_SYSTEMS_MISMATCH } from './resource-sync.constants';

export interface WorkerSyncResult {
  applied: boolean;
  erpOutcome?: string;
  psaOutcome?: string;
  inactive?: InactiveWorkerFindings;
}

/**
 * Applies one `worker.changed` to the delivery and finance systems:
 * - ERP employee: created or brought up to date (legal entity, role as job title) on every change;
 * - PSA user: Kantata users are invited, not created by API, so the sync matches the user by work email
 *   and raises a `worker-systems-mismatch` exception when a working worker has none or a terminated one
 *   is still active;
 * - a terminated or on-leave worker still staffed or booking time after the end:
 *   `worker-inactive-but-assigned` naming the projects, hours and value, and the late entries held.
 * Only non-personal facts are stored (no names, emails, and the personal report fields never arrive).
 */
@Injectable()
export class WorkerSyncService {
  private readonly log = new Logger(WorkerSyncService.name);

  constructor(
    @Inject(RESOURCE_DIRECTORY) private readonly directory: ResourceDirectory,
    @Inject(RESOURCE_EXCEPTIONS) private readonly exceptions: ResourceExceptions,
  ) {}

  async apply(
    data: WorkerChangedData,
    meta: { eventId: string; occurredAt: Date },
    manager: EntityManager,
  ): Promise<WorkerSyncResult> {
    const worker = data.worker;
    const lifecycle = data.lifecycle ?? 'update';
    const repo = manager.getRepository(WorkerSyncStateEntity);
    const previous = await repo.findOne({ where: { workerId: worker.id }, lock: { mode: 'pessimistic_write' } });
    if (previous && previous.changedAt.getTime() > meta.occurredAt.getTime()) {
      this.log.log(`worker.changed ${meta.eventId} for ${worker.id} is older than the state applied; ignored`);
      return { applied: false };
    }

    const erpOutcome = await this.syncErp(worker, manager);
    const psaOutcome = await this.syncPsa(worker, manager);

    let inactive: InactiveWorkerFindings | undefined;
    if (worker.status !== 'active') {
      const endDate = endOf(worker, meta.occurredAt);
      const reason = `${worker.status} since ${endDate}`;
      inactive = await checkInactiveWorker(this.directory, manager, worker, endDate, reason);
      if (inactive.projects.length > 0) await this.raiseInactive(worker, endDate, inactive, manager);
    }

    await repo.save({
      workerId: worker.id,
      legalEntity: worker.legalEntityId,
      status: worker.status,
      costCentre: worker.costCentre,
      location: worker.location,
      role: worker.role,
      costRateMinor: worker.costRate?.hourlyCost?.amountMinor ?? null,
      costRateCurrency: worker.costRate?.hourlyCost?.currency ?? null,
      terminationDate: worker.terminationDate ?? null,
      lastLifecycle: lifecycle,
      changedAt: meta.occurredAt,
      lastEventId: meta.eventId,
      psaOutcome,
      erpOutcome,
      updatedAt: new Date(),
    });
    this.log.log(`Worker ${worker.id} ${lifecycle}: erp ${erpOutcome}, psa ${psaOutcome}`);
    return { applied: true, erpOutcome, psaOutcome, inactive };
  }

  /** Upserts the ERP employee; a refusal (4xx) is a business exception, anything technical is retried. */
  async syncErp(worker: WorkerDto, manager?: EntityManager): Promise<string> {
    try {
      await this.directory.upsertErpEmployee({
        id: worker.id,
        givenName: worker.givenName,
        familyName: worker.familyName,
        email: worker.email,
        legalEntityId: worker.legalEntityId,
        jobTitle: worker.role,
      });
      return 'synced';
    } catch (err) {
      if (!(err instanceof SystemApiBusinessError)) throw err;
      await this.exceptions.raise(
        {
          kind: WORKER_SYSTEMS_MISMATCH,
          owningTeam: 'resource-management',
          businessKey: `worker/${worker.id}/erp`,
          legalEntity: worker.legalEntityId,
          money: null,
          reasons: [`The ERP refused employee ${worker.id}: ${err.message}`],
        },
        manager,
      );
      return 'refused';
    }
  }

  /** Matches the PSA user by work email; what cannot be fixed by API becomes an exception. */
  async syncPsa(worker: WorkerDto, manager?: EntityManager): Promise<string> {
    const users = await this.directory.listPsaUsers(worker.email);
    const user = users.find((u) => u.email.toLowerCase() === worker.email.toLowerCase());
    if (!user && worker.status === 'terminated') return 'absent';
    const reason = !user
      ? `Worker ${worker.id} (${worker.status}) has no PSA user: invite them in the PSA`
      : worker.status === 'terminated' && user.active
        ? `Worker ${worker.id} is terminated but PSA user ${user.id} is still active: deactivate it in the PSA`
        : undefined;
    if (!reason) return 'synced';
    await this.exceptions.raise(
      {
        kind: WORKER_SYSTEMS_MISMATCH,
        owningTeam: 'resource-management',
        businessKey: `worker/${worker.id}/psa`,
        legalEntity: worker.legalEntityId,
        money: null,
        reasons: [reason],
      },
      manager,
    );
    return user ? 'deactivation-required' : 'missing';
  }

  private async raiseInactive(
    worker: WorkerDto,
    endDate: string,
    findings: InactiveWorkerFindings,
    manager: EntityManager,
  ): Promise<void> {
    const reasons = findings.projects.map((p) => {
      const hours = (p.minutesAfterEnd / 60).toFixed(2);
      const value = p.amountMinor === null ? 'value unknown' : `${p.amountMinor} ${p.currency} (minor units)`;
      return `Project ${p.projectId}: ${p.activeAssignments.length} active assignment(s), ${hours} h booked after ${endDate}, ${value}`;
    });
    const priced = findings.projects.filter((p) => p.amountMinor !== null && p.amountMinor > 0);
    const currencies = new Set(priced.map((p) => p.currency));
    const money =
      priced.length > 0 && currencies.size === 1
        ? { amountMinor: priced.reduce((s, p) => s + (p.amountMinor ?? 0), 0), currency: priced[0].currency! }
        : null;
    await this.exceptions.raise(
      {
        kind: WORKER_INACTIVE_BUT_ASSIGNED,
        owningTeam: 'resource-management',
        businessKey: `worker/${worker.id}`,
        legalEntity: worker.legalEntityId,
        money,
        reasons: [`Worker ${worker.id} is ${worker.status} since ${endDate}`, ...reasons],
        details: { workerId: worker.id, endDate, projects: findings.projects, heldEntries: findings.heldEntries },
      },
      manager,
    );
  }
}

/** The worker's last working day: the termination date, else the day the HRIS recorded the change. */
export function endOf(worker: Pick<WorkerDto, 'status' | 'terminationDate'>, occurredAt: Date): string {
  if (worker.status === 'terminated' && worker.terminationDate) return worker.terminationDate;
  return occurredAt.toISOString().slice(0, 10);
}
