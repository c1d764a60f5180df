import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { PsaUserDto, WorkerDto } from '@app/contracts';
import { uuidv7 } from '@app/messaging';
import { BadGatewayProblem, CallerIdentity, NotFoundProblem, UpstreamUnavailableProblem } from '@app/platform';
import { SystemApiBusinessError, SystemApiError } from '../common/system-apis';
import { ReconciliationReportEntity, type StoredMismatch } from './entities/reconciliation-report.entity';
import { recordAssignmentVersion } from './inactive-worker-check';
import { WorkerSyncStateEntity } from './entities/worker-sync-state.entity';
import { RESOURCE_DIRECTORY, type ResourceDirectory } from './resource-directory';
import { RESOURCE_EXCEPTIONS, type ResourceExceptions } from './resource-exceptions';
import { WORKER_SYSTEMS_MISMATCH, type ReconciliationTrigger } from './resource-sync.constants';
import { erpEmployeeOf, psaUserOf } from './worker-sync.service';

const COMPARE_CONCURRENCY = 8;

/** Maps with at most `limit` calls in flight, results in input order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(lanes);
  return out;
}

export interface ReconciliationFilter {
  legalEntity?: string;
  runId?: string;
  limit: number;
  offset: number;
}

/**
 * Compares the worker sets of the HRIS (the system of record), the PSA (users by work email) and the
 * ERP (employees by worker id), plus what the sync last applied, and reports every mismatch:
 * missing, status differs, cost centre differs, legal entity differs. What the ERP API can fix (a
 * missing employee, a wrong legal entity) is fixed; the rest raises a business exception.
 */
@Injectable()
export class ReconciliationService {
  private readonly log = new Logger(ReconciliationService.name);

  constructor(
    private readonly data: DataSource,
    @Inject(RESOURCE_DIRECTORY) private readonly directory: ResourceDirectory,
    @Inject(RESOURCE_EXCEPTIONS) private readonly exceptions: ResourceExceptions,
  ) {}

  private inFlight?: { runId: string; done: Promise<unknown> };

  /**
   * Starts a run in the background (the comparison is a round trip per worker) and answers its id; while
   * a run is in flight, a second request joins it. Its reports appear in the list when it finishes.
   */
  start(trigger: ReconciliationTrigger, caller?: CallerIdentity): { runId: string; joined: boolean } {
    if (this.inFlight) return { runId: this.inFlight.runId, joined: true };
    const runId = uuidv7();
    const done = this.run(trigger, caller, runId)
      .catch((err: unknown) => this.log.error(`Resource reconciliation ${runId} failed: ${(err as Error).message}`))
      .finally(() => {
        this.inFlight = undefined;
      });
    this.inFlight = { runId, done };
    return { runId, joined: false };
  }

  /** Waits for the run in flight, if any (shutdown, tests). */
  async settle(): Promise<void> {
    await this.inFlight?.done;
  }

  /** One run: a report per legal entity the caller may see (all of them for the schedule). */
  async run(
    trigger: ReconciliationTrigger,
    caller?: CallerIdentity,
    runId: string = uuidv7(),
  ): Promise<ReconciliationReportEntity[]> {
    try {
      return await this.compareAll(trigger, runId, caller);
    } catch (err) {
      // A system API that failed mid-run: the run is not recorded; the caller may try again.
      if (err instanceof SystemApiError) {
        throw err.technical
          ? new UpstreamUnavailableProblem(`system-${err.api}`, err.message)
          : new BadGatewayProblem(`system-${err.api}`, err.message);
      }
      throw err;
    }
  }

  private async compareAll(
    trigger: ReconciliationTrigger,
    runId: string,
    caller?: CallerIdentity,
  ): Promise<ReconciliationReportEntity[]> {
    const startedAt = new Date();
    const workers = (await this.directory.listWorkers()).filter((w) => !caller || caller.sees(w.legalEntityId));
    const users = await this.directory.listPsaUsers();
    const byEmail = new Map<string, PsaUserDto>(users.map((u) => [u.email.toLowerCase(), u]));
    const states = await this.data.getRepository(WorkerSyncStateEntity).find({
      where: { workerId: In(workers.map((w) => w.id)) },
    });
    const stateOf = new Map(states.map((s) => [s.workerId, s]));

    const byEntity = new Map<string, StoredMismatch[]>();
    const counts = new Map<string, number>();
    for (const worker of workers) counts.set(worker.legalEntityId, (counts.get(worker.legalEntityId) ?? 0) + 1);
    // A few workers at a time: each comparison is a round trip through the gateway.
    const perWorker = await mapLimit(workers, COMPARE_CONCURRENCY, async (worker) => [
      ...(await this.compareErp(worker)),
      ...(await this.comparePsa(worker, byEmail.get(worker.email.toLowerCase()))),
      ...(await this.compareSyncState(worker, stateOf.get(worker.id))),
    ]);
    perWorker.forEach((found, i) => {
      const entity = workers[i].legalEntityId;
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), ...found]);
    });

    // Every assignment's current content, as a new version when it changed since the last run.
    const projects = (await this.directory.listProjects()).filter((p) => !caller || caller.sees(p.legalEntityId));
    await mapLimit(projects, COMPARE_CONCURRENCY, async (project) => {
      for (const a of await this.directory.listAssignments(project.id)) {
        await recordAssignmentVersion(this.data.manager, a, project);
      }
    });

    const finishedAt = new Date();
    const reports = [...counts.keys()].sort().map((legalEntity) =>
      Object.assign(new ReconciliationReportEntity(), {
        id: uuidv7(),
        runId,
        trigger,
        legalEntity,
        workersCompared: counts.get(legalEntity) ?? 0,
        mismatches: byEntity.get(legalEntity) ?? [],
        startedAt,
        finishedAt,
      }),
    );
    await this.data.getRepository(ReconciliationReportEntity).save(reports);
    const total = reports.reduce((s, r) => s + r.mismatches.length, 0);
    this.log.log(
      `Resource reconciliation ${runId} (${trigger}): ${workers.length} workers, ${total} mismatches, ${finishedAt.getTime() - startedAt.getTime()} ms`,
    );
    return reports;
  }

  async list(filter: ReconciliationFilter, caller: CallerIdentity) {
    const qb = this.data
      .getRepository(ReconciliationReportEntity)
      .createQueryBuilder('r')
      .orderBy('r.started_at', 'DESC')
      .addOrderBy('r.legal_entity', 'ASC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.runId) qb.andWhere('r.run_id = :runId', { runId: filter.runId });
    if (filter.legalEntity) qb.andWhere('r.legal_entity = :le', { le: filter.legalEntity });
    const visible = caller.entityFilter();
    if (visible) qb.andWhere('r.legal_entity = ANY(:visible)', { visible });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  async get(id: string, caller: CallerIdentity): Promise<ReconciliationReportEntity> {
    const report = await this.data.getRepository(ReconciliationReportEntity).findOne({ where: { id } });
    if (!report) throw new NotFoundProblem(`Reconciliation report ${id} does not exist`);
    caller.assertSees(report.legalEntity, `Reconciliation report ${id}`);
    return report;
  }

  private async compareErp(worker: WorkerDto): Promise<StoredMismatch[]> {
    const employee = await this.directory.getErpEmployee(worker.id);
    const base = { workerId: worker.id, legalEntity: worker.legalEntityId, system: 'erp' as const };
    if (worker.status === 'terminated') return [];
    if (!employee) {
      return [{ ...base, kind: 'missing', expected: worker.id, actual: null, ...(await this.fixErp(worker)) }];
    }
    if (employee.legalEntityId !== worker.legalEntityId) {
      return [
        {
          ...base,
          kind: 'legal-entity-differs',
          expected: worker.legalEntityId,
          actual: employee.legalEntityId,
          ...(await this.fixErp(worker)),
        },
      ];
    }
    return [];
  }

  /** Writes the PSA user through the system API; a refusal becomes the worker's PSA exception. */
  private async fixPsa(
    worker: WorkerDto,
    what: string,
    write: (worker: WorkerDto) => Promise<unknown>,
  ): Promise<Pick<StoredMismatch, 'outcome' | 'detail'>> {
    try {
      await write(worker);
      return { outcome: 'fixed', detail: `PSA user ${what}` };
    } catch (err) {
      if (!(err instanceof SystemApiBusinessError)) throw err;
      const detail = `The PSA refused the user of ${worker.id}: ${err.message}`;
      await this.raise(worker, 'psa', detail);
      return { outcome: 'exception-raised', detail };
    }
  }

  private async fixErp(worker: WorkerDto): Promise<Pick<StoredMismatch, 'outcome' | 'detail'>> {
    try {
      await this.directory.upsertErpEmployee(erpEmployeeOf(worker));
      return { outcome: 'fixed', detail: 'ERP employee written from the HRIS worker' };
    } catch (err) {
      if (!(err instanceof SystemApiBusinessError)) throw err;
      const detail = `The ERP refused the employee: ${err.message}`;
      await this.raise(worker, 'erp', detail);
      return { outcome: 'exception-raised', detail };
    }
  }

  private async comparePsa(worker: WorkerDto, user: PsaUserDto | undefined): Promise<StoredMismatch[]> {
    const base = { workerId: worker.id, legalEntity: worker.legalEntityId, system: 'psa' as const };
    if (!user) {
      if (worker.status === 'terminated') return [];
      const fix = await this.fixPsa(worker, 'created from the HRIS worker', (w) =>
        this.directory.createPsaUser(psaUserOf(w)),
      );
      return [{ ...base, kind: 'missing', expected: worker.status, actual: null, ...fix }];
    }
    const expectedActive = worker.status !== 'terminated';
    if (user.active === expectedActive) return [];
    const fix = await this.fixPsa(worker, expectedActive ? 'reactivated' : 'deactivated', () =>
      this.directory.updatePsaUser(user.id, { active: expectedActive }),
    );
    return [
      {
        ...base,
        kind: 'status-differs',
        expected: expectedActive ? 'active' : 'inactive',
        actual: user.active ? 'active' : 'inactive',
        ...fix,
      },
    ];
  }

  /** The sync's last applied state against the HRIS: a change the sync missed is applied again. */
  private async compareSyncState(
    worker: WorkerDto,
    state: WorkerSyncStateEntity | undefined,
  ): Promise<StoredMismatch[]> {
    if (!state) return [];
    const base = { workerId: worker.id, legalEntity: worker.legalEntityId, system: 'hris' as const };
    const out: StoredMismatch[] = [];
    if (state.costCentre !== worker.costCentre) {
      out.push({
        ...base,
        kind: 'cost-centre-differs',
        expected: worker.costCentre,
        actual: state.costCentre,
        outcome: 'fixed',
        detail: 'The synchronised state takes the HRIS cost centre',
      });
    }
    if (state.status !== worker.status) {
      out.push({
        ...base,
        kind: 'status-differs',
        expected: worker.status,
        actual: state.status,
        outcome: 'fixed',
        detail: 'The synchronised state takes the HRIS status',
      });
    }
    if (out.length) {
      await this.data
        .getRepository(WorkerSyncStateEntity)
        .update(
          { workerId: worker.id },
          { costCentre: worker.costCentre, status: worker.status, updatedAt: new Date() },
        );
    }
    return out;
  }

  private raise(worker: WorkerDto, system: string, detail: string): Promise<void> {
    return this.exceptions.raise({
      kind: WORKER_SYSTEMS_MISMATCH,
      owningTeam: 'resource-management',
      businessKey: `worker/${worker.id}/${system}`,
      legalEntity: worker.legalEntityId,
      money: null,
      reasons: [detail],
    });
  }
}
