import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PsaUserDto, WorkerChangedData, WorkerDto } from '@app/contracts';
import { SystemApiBusinessError } from '../common/system-apis';
import { WorkerSyncStateEntity } from './entities/worker-sync-state.entity';
import { checkInactiveWorker, type InactiveWorkerFindings } from './inactive-worker-check';
import {
  RESOURCE_DIRECTORY,
  type ErpEmployeeWrite,
  type PsaUserWrite,
  type ResourceDirectory,
} from './resource-directory';
import { RESOURCE_EXCEPTIONS, type ResourceExceptions } from './resource-exceptions';
import { parseCostCentres, resourceSyncConfig, type ResourceSyncConfig } from './resource-sync.config';
import { WORKER_DATA_INVALID, WORKER_INACTIVE_BUT_ASSIGNED, WORKER_SYSTEMS_MISMATCH } from './resource-sync.constants';

export interface WorkerSyncResult {
  applied: boolean;
  erpOutcome?: string;
  psaOutcome?: string;
  inactive?: InactiveWorkerFindings;
}

/** The ERP employee of a worker: payroll cost rate, hire and termination; never a bill rate. */
export function erpEmployeeOf(worker: WorkerDto): ErpEmployeeWrite {
  const terminated = worker.status === 'terminated';
  return {
    id: worker.id,
    givenName: worker.givenName,
    familyName: worker.familyName,
    email: worker.email,
    legalEntityId: worker.legalEntityId,
    jobTitle: worker.role,
    ...(worker.costRate?.hourlyCost
      ? {
          costRate: {
            amountMinor: worker.costRate.hourlyCost.amountMinor,
            currency: worker.costRate.hourlyCost.currency,
          },
        }
      : {}),
    ...(worker.hireDate ? { hireDate: worker.hireDate } : {}),
    ...(terminated && worker.terminationDate ? { terminationDate: worker.terminationDate } : {}),
    active: !terminated,
  };
}

/**
 * The PSA user of a worker: name, work email, role, active. No rate of any kind: bill rates come from
 * the role's rate card in the PSA, and the payroll cost stays in the HRIS and the ERP. A worker on
 * leave keeps an active user (time booked before the leave is still approved and billed); the
 * `worker-inactive-but-assigned` exception flags one who is still staffed.
 */
export function psaUserOf(worker: WorkerDto): PsaUserWrite {
  return {
    id: worker.id,
    name: `${worker.givenName} ${worker.familyName}`,
    email: worker.email,
    role: worker.role,
    active: worker.status !== 'terminated',
  };
}

/**
 * Applies one `worker.changed` to the delivery and finance systems:
 * - the change is checked first (a cost centre the firm does not know: `worker-data-invalid` with the
 *   reasons, and nothing is written anywhere);
 * - ERP employee: created or brought up to date on every change (legal entity, role as job title, the
 *   hourly cost rate, hire date; terminated with the termination date and inactive; a return clears it);
 * - PSA user: created on the hire (or the first change that finds none), brought up to date on a transfer
 *   or update, deactivated on the termination, reactivated on a return or rehire;
 * - a refusal by either system (4xx) is a `worker-systems-mismatch` exception; anything technical is
 *   retried by the messaging layer (every write is idempotent);
 * - a terminated or on-leave worker still staffed or booking time after the end:
 *   `worker-inactive-but-assigned` naming the projects, hours and value, and the late entries held.
 * Only non-personal facts are stored (no names, emails, and the personal report fields never arrive).
 */
@Injectable()
export class WorkerSyncService {
  private readonly log = new Logger(WorkerSyncService.name);
  private readonly costCentres: ReturnType<typeof parseCostCentres>;

  constructor(
    @Inject(RESOURCE_DIRECTORY) private readonly directory: ResourceDirectory,
    @Inject(RESOURCE_EXCEPTIONS) private readonly exceptions: ResourceExceptions,
    @Optional() @Inject(resourceSyncConfig.KEY) config?: ResourceSyncConfig,
  ) {
    this.costCentres = parseCostCentres(config?.costCentres ?? '');
  }

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

    const invalid = this.validate(worker);
    let erpOutcome = 'rejected';
    let psaOutcome = 'rejected';
    let inactive: InactiveWorkerFindings | undefined;
    if (invalid.length > 0) {
      await this.exceptions.raise(
        {
          kind: WORKER_DATA_INVALID,
          owningTeam: 'resource-management',
          businessKey: `worker/${worker.id}/data`,
          legalEntity: worker.legalEntityId,
          money: null,
          reasons: invalid,
          details: { workerId: worker.id, lifecycle, eventId: meta.eventId },
        },
        manager,
      );
    } else {
      erpOutcome = await this.syncErp(worker, manager);
      psaOutcome = await this.syncPsa(worker, lifecycle, manager);
      if (worker.status !== 'active') {
        const endDate = endOf(worker, meta.occurredAt);
        const reason = `${worker.status} since ${endDate}`;
        inactive = await checkInactiveWorker(this.directory, manager, worker, endDate, reason);
        if (inactive.projects.length > 0) await this.raiseInactive(worker, endDate, inactive, manager);
      }
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

  /** Every reason the change cannot be applied as it is (empty: it can). */
  validate(worker: WorkerDto): string[] {
    const reasons: string[] = [];
    const known = this.costCentres;
    if (
      known &&
      !known.any.has(worker.costCentre) &&
      !known.byEntity.has(`${worker.legalEntityId}/${worker.costCentre}`)
    ) {
      reasons.push(
        `Worker ${worker.id}: cost centre ${worker.costCentre} is not a cost centre of legal entity ${worker.legalEntityId} (RESOURCE_SYNC_COST_CENTRES): fix it in the HRIS`,
      );
    }
    return reasons;
  }

  /** Upserts the ERP employee; a refusal (4xx) is a business exception, anything technical is retried. */
  async syncErp(worker: WorkerDto, manager?: EntityManager): Promise<string> {
    try {
      await this.directory.upsertErpEmployee(erpEmployeeOf(worker));
      return worker.status === 'terminated' ? 'terminated' : 'synced';
    } catch (err) {
      if (!(err instanceof SystemApiBusinessError)) throw err;
      await this.raiseMismatch(worker, 'erp', `The ERP refused employee ${worker.id}: ${err.message}`, manager);
      return 'refused';
    }
  }

  /**
   * Creates, updates, deactivates or reactivates the worker's PSA user (idempotent: the PSA keeps the
   * worker id as the user's external reference). A terminated worker without a user gets none.
   */
  async syncPsa(worker: WorkerDto, lifecycle: string, manager?: EntityManager): Promise<string> {
    const desired = psaUserOf(worker);
    try {
      let user = lifecycle === 'hire' ? null : await this.directory.updatePsaUser(worker.id, patchOf(desired));
      if (!user) {
        if (!desired.active) return 'absent';
        user = await this.directory.createPsaUser(desired);
        // It was there already (a hand-made user linked by work email, or a replay): bring it up to date.
        if (!sameUser(user, desired)) await this.directory.updatePsaUser(worker.id, patchOf(desired));
        return 'created';
      }
      return desired.active ? 'synced' : 'deactivated';
    } catch (err) {
      if (!(err instanceof SystemApiBusinessError)) throw err;
      await this.raiseMismatch(worker, 'psa', `The PSA refused user ${worker.id}: ${err.message}`, manager);
      return 'refused';
    }
  }

  private async raiseMismatch(worker: WorkerDto, system: 'erp' | 'psa', reason: string, manager?: EntityManager) {
    await this.exceptions.raise(
      {
        kind: WORKER_SYSTEMS_MISMATCH,
        owningTeam: 'resource-management',
        businessKey: `worker/${worker.id}/${system}`,
        legalEntity: worker.legalEntityId,
        money: null,
        reasons: [reason],
      },
      manager,
    );
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

function patchOf(user: PsaUserWrite): Omit<PsaUserWrite, 'id'> {
  const { id: _id, ...patch } = user;
  void _id;
  return patch;
}

function sameUser(user: PsaUserDto, desired: PsaUserWrite): boolean {
  return (
    user.name === desired.name &&
    user.email.toLowerCase() === desired.email.toLowerCase() &&
    user.active === desired.active &&
    (desired.role === undefined || user.role === desired.role)
  );
}
