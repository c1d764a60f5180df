import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WorkdayWorkerEntity } from '../workers/entities/workday-worker.entity';
import { widOf } from '../workers/workday-org';
import { workdaySandboxConfig, WorkdaySandboxSettings } from '../workday-sandbox.config';
import { generateSeedWorkers } from './workday-seed-data';

const SEED_LOCK = 'sandbox_workday:seed';

/** Loads the demo workforce at boot when the tenant has no workers, and on `POST /__sandbox/reset`. */
@Injectable()
export class WorkdaySeedService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(workdaySandboxConfig.KEY) private readonly config: WorkdaySandboxSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedIfEmpty();
  }

  seedIfEmpty(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      if ((await manager.getRepository(WorkdayWorkerEntity).count()) > 0) return false;
      await this.insertSeed(manager);
      return true;
    });
  }

  /** Back to the seed, same ids; issued tokens stay valid. */
  reset(): Promise<{ workers: number }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      await manager.query(`TRUNCATE ${manager.connection.getMetadata(WorkdayWorkerEntity).tablePath}`);
      return { workers: await this.insertSeed(manager) };
    });
  }

  private async insertSeed(manager: EntityManager): Promise<number> {
    const workers = generateSeedWorkers(this.config.seedWorkers).map((w) =>
      manager.create(WorkdayWorkerEntity, { ...w, wid: widOf('worker', w.employeeId) }),
    );
    for (let i = 0; i < workers.length; i += 100) await manager.insert(WorkdayWorkerEntity, workers.slice(i, i + 100));
    return workers.length;
  }
}
