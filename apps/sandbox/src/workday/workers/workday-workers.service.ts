import { ConflictProblem, NotFoundProblem, ValidationProblem } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WorkdayWorkerEntity, WorkdayWorkerStatus } from './entities/workday-worker.entity';
import { LEGAL_ENTITIES, widOf } from './workday-org';

/** A hire as HR enters it (control API). */
export interface HireInput {
  givenName: string;
  familyName: string;
  jobProfile: string;
  businessTitle?: string;
  legalEntity: string;
  costCenter: string;
  location: string;
  managerId?: string;
  hireDate: string;
  hourlyCostRate: string;
  costRateCurrency?: string;
  workEmail?: string;
  personalEmail?: string;
  dateOfBirth?: string;
  homeAddress?: string;
}

/** A job change: any of these (a transfer when legal entity, cost centre, location or manager move). */
export interface JobChangeInput {
  legalEntity?: string;
  costCenter?: string;
  location?: string;
  managerId?: string | null;
  jobProfile?: string;
  businessTitle?: string;
  hourlyCostRate?: string;
  costRateCurrency?: string;
}

const LOCK = 'sandbox_workday:workers';

/** The tenant's workers: reads for the REST API and the report, and HR's business processes. */
@Injectable()
export class WorkdayWorkersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(WorkdayWorkerEntity);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  /** REST listing: ordered by employee id; `search` matches the name (case-insensitive, any of the words). */
  async list(
    limit: number,
    offset: number,
    search?: string,
  ): Promise<{ total: number; workers: WorkdayWorkerEntity[] }> {
    const qb = this.repo.createQueryBuilder('w').orderBy('w.employee_id', 'ASC');
    const words = (search ?? '').split(/\s+/).filter(Boolean);
    if (words.length > 0) {
      const conditions = words.map((_, i) => `(w.given_name || ' ' || w.family_name) ILIKE :word${i}`);
      qb.where(
        `(${conditions.join(' OR ')})`,
        Object.fromEntries(words.map((w, i) => [`word${i}`, `%${likeEscape(w)}%`])),
      );
    }
    const [workers, total] = await qb.skip(offset).take(limit).getManyAndCount();
    return { total, workers };
  }

  findByWid(wid: string): Promise<WorkdayWorkerEntity | null> {
    return this.repo.findOneBy({ wid });
  }

  /** Employee ids among `ids` that manage at least one worker who is not terminated. */
  async managers(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.repo
      .createQueryBuilder('w')
      .select('DISTINCT w.manager_id', 'id')
      .where('w.manager_id IN (:...ids)', { ids })
      .andWhere(`w.status <> 'Terminated'`)
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /** Report rows, oldest change first; `updatedFrom` keeps those changed at or after it. */
  report(updatedFrom?: Date): Promise<WorkdayWorkerEntity[]> {
    const qb = this.repo.createQueryBuilder('w').orderBy('w.last_updated', 'ASC').addOrderBy('w.employee_id', 'ASC');
    if (updatedFrom) qb.where('w.last_updated >= :from', { from: updatedFrom });
    return qb.getMany();
  }

  async hire(input: HireInput): Promise<WorkdayWorkerEntity> {
    return this.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK]);
      const entity = LEGAL_ENTITIES[input.legalEntity];
      if (!entity) throw unknownLegalEntity(input.legalEntity);
      if (input.managerId) await this.activeManager(manager, input.managerId);
      const [{ next }] = (await manager.query(
        `SELECT COALESCE(MAX(substring(employee_id from 2)::int), 0) + 1 AS next FROM ${this.table(manager)} WHERE employee_id ~ '^W[0-9]+$'`,
      )) as Array<{ next: number }>;
      const employeeId = `W${String(next).padStart(5, '0')}`;
      const worker = manager.create(WorkdayWorkerEntity, {
        employeeId,
        wid: widOf('worker', employeeId),
        givenName: input.givenName,
        familyName: input.familyName,
        businessTitle: input.businessTitle ?? input.jobProfile,
        workEmail: input.workEmail ?? `${slug(input.givenName)}.${slug(input.familyName)}.${next}@demo-firm.example`,
        status: 'Active' as WorkdayWorkerStatus,
        hireDate: input.hireDate,
        terminationDate: null,
        legalEntity: input.legalEntity,
        costCenter: input.costCenter,
        location: input.location,
        managerId: input.managerId ?? null,
        jobProfile: input.jobProfile,
        personalEmail: input.personalEmail ?? null,
        dateOfBirth: input.dateOfBirth ?? null,
        homeAddress: input.homeAddress ?? null,
        hourlyCostRate: input.hourlyCostRate,
        costRateCurrency: input.costRateCurrency ?? entity.currency,
        lastUpdated: new Date(),
      });
      return manager.save(worker);
    });
  }

  /** Change job: transfer (legal entity, cost centre, location, manager) and/or job profile, title, cost rate. */
  async changeJob(employeeId: string, change: JobChangeInput): Promise<WorkdayWorkerEntity> {
    return this.update(employeeId, async (manager, worker) => {
      if (worker.status === 'Terminated') throw new ConflictProblem(`Worker ${employeeId} is terminated`);
      if (change.legalEntity !== undefined) {
        const entity = LEGAL_ENTITIES[change.legalEntity];
        if (!entity) throw unknownLegalEntity(change.legalEntity);
        if (change.legalEntity !== worker.legalEntity) worker.costRateCurrency = entity.currency;
        worker.legalEntity = change.legalEntity;
      }
      if (change.managerId !== undefined) {
        if (change.managerId === employeeId) throw new ConflictProblem('A worker cannot manage themself');
        if (change.managerId !== null) await this.activeManager(manager, change.managerId);
        worker.managerId = change.managerId;
      }
      if (change.costCenter !== undefined) worker.costCenter = change.costCenter;
      if (change.location !== undefined) worker.location = change.location;
      if (change.jobProfile !== undefined) worker.jobProfile = change.jobProfile;
      if (change.businessTitle !== undefined) worker.businessTitle = change.businessTitle;
      if (change.hourlyCostRate !== undefined) worker.hourlyCostRate = change.hourlyCostRate;
      if (change.costRateCurrency !== undefined) worker.costRateCurrency = change.costRateCurrency;
    });
  }

  /** Place on leave (Active -> On_Leave). */
  leave(employeeId: string): Promise<WorkdayWorkerEntity> {
    return this.moveStatus(employeeId, 'Active', 'On_Leave');
  }

  /** Return from leave (On_Leave -> Active). */
  returnFromLeave(employeeId: string): Promise<WorkdayWorkerEntity> {
    return this.moveStatus(employeeId, 'On_Leave', 'Active');
  }

  /** Terminate (last day of work `terminationDate`, default today). */
  terminate(employeeId: string, terminationDate?: string): Promise<WorkdayWorkerEntity> {
    return this.update(employeeId, (_manager, worker) => {
      if (worker.status === 'Terminated') throw new ConflictProblem(`Worker ${employeeId} is already terminated`);
      const date = terminationDate ?? new Date().toISOString().slice(0, 10);
      if (date < worker.hireDate) {
        throw new ValidationProblem([{ field: 'terminationDate', message: 'terminationDate is before the hire date' }]);
      }
      worker.status = 'Terminated';
      worker.terminationDate = date;
      return Promise.resolve();
    });
  }

  private moveStatus(employeeId: string, from: WorkdayWorkerStatus, to: WorkdayWorkerStatus) {
    return this.update(employeeId, (_manager, worker) => {
      if (worker.status !== from) {
        throw new ConflictProblem(`Worker ${employeeId} is ${worker.status}, not ${from}`);
      }
      worker.status = to;
      return Promise.resolve();
    });
  }

  private update(
    employeeId: string,
    apply: (manager: EntityManager, worker: WorkdayWorkerEntity) => Promise<void>,
  ): Promise<WorkdayWorkerEntity> {
    return this.transaction(async (manager) => {
      const worker = await manager
        .getRepository(WorkdayWorkerEntity)
        .createQueryBuilder('w')
        .setLock('pessimistic_write')
        .where('w.employee_id = :employeeId', { employeeId })
        .getOne();
      if (!worker) throw new NotFoundProblem(`No worker ${employeeId}`);
      await apply(manager, worker);
      worker.lastUpdated = new Date();
      return manager.save(worker);
    });
  }

  private async activeManager(manager: EntityManager, managerId: string): Promise<void> {
    const found = await manager.getRepository(WorkdayWorkerEntity).findOneBy({ employeeId: managerId });
    if (!found || found.status === 'Terminated') {
      throw new ValidationProblem([{ field: 'managerId', message: `managerId ${managerId} is not an active worker` }]);
    }
  }

  private table(manager: EntityManager): string {
    return manager.connection.getMetadata(WorkdayWorkerEntity).tablePath;
  }
}

function unknownLegalEntity(value: string): ValidationProblem {
  return new ValidationProblem([
    {
      field: 'legalEntity',
      message: `legalEntity must be one of ${Object.keys(LEGAL_ENTITIES).join(', ')} (got ${value})`,
    },
  ]);
}

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}
