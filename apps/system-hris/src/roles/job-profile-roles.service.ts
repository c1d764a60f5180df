import type { WorkerDto } from '@app/contracts';
import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { HrisWorker } from '../adapters/hris-adapter';
import { JobProfileRoleEntity } from './entities/job-profile-role.entity';
import { hrisConfig, HrisSettings } from './hris.config';
import { UnmappedJobProfileProblem } from './unmapped-job-profile.problem';

/** A loaded mapping table: job profile -> role. */
export class RoleTable {
  constructor(private readonly roles: ReadonlyMap<string, string>) {}

  roleOf(jobProfile: string): string | undefined {
    return this.roles.get(jobProfile);
  }

  /** The canonical worker, or UnmappedJobProfileProblem. */
  toWorker(worker: HrisWorker, vendor: string): WorkerDto {
    const role = this.roleOf(worker.jobProfile);
    if (!role) throw new UnmappedJobProfileProblem(worker.jobProfile, [worker.id], vendor);
    return toCanonicalWorker(worker, role);
  }
}

/** HrisWorker + role -> WorkerDto (the vendor's job profile and change clock stay behind). */
export function toCanonicalWorker(worker: HrisWorker, role: string): WorkerDto {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { jobProfile, modifiedAt, ...rest } = worker;
  return { ...rest, role };
}

/** The firm's job profile -> role mappings: read, change, apply. */
@Injectable()
export class JobProfileRolesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(hrisConfig.KEY) private readonly config: HrisSettings,
  ) {}

  get firm(): string {
    return this.config.firm;
  }

  list(): Promise<JobProfileRoleEntity[]> {
    return this.dataSource.getRepository(JobProfileRoleEntity).find({
      where: { firm: this.firm },
      order: { jobProfile: 'ASC' },
    });
  }

  async get(jobProfile: string): Promise<JobProfileRoleEntity> {
    const found = await this.dataSource.getRepository(JobProfileRoleEntity).findOneBy({ firm: this.firm, jobProfile });
    if (!found) throw new NotFoundProblem(`No role is mapped for job profile "${jobProfile}"`);
    return found;
  }

  async put(jobProfile: string, role: string): Promise<{ mapping: JobProfileRoleEntity; created: boolean }> {
    const repo = this.dataSource.getRepository(JobProfileRoleEntity);
    const existing = await repo.findOneBy({ firm: this.firm, jobProfile });
    const mapping = await repo.save(
      Object.assign(new JobProfileRoleEntity(), { firm: this.firm, jobProfile, role, updatedAt: new Date() }),
    );
    return { mapping, created: !existing };
  }

  async remove(jobProfile: string): Promise<void> {
    const result = await this.dataSource.getRepository(JobProfileRoleEntity).delete({ firm: this.firm, jobProfile });
    if (!result.affected) throw new NotFoundProblem(`No role is mapped for job profile "${jobProfile}"`);
  }

  /** The whole table for this firm (one query; apply it to many workers). */
  async table(manager: EntityManager = this.dataSource.manager): Promise<RoleTable> {
    const rows = await manager.getRepository(JobProfileRoleEntity).findBy({ firm: this.firm });
    return new RoleTable(new Map(rows.map((r) => [r.jobProfile, r.role])));
  }
}
