import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WorkdayWorkerEntity } from '../workers/entities/workday-worker.entity';
import { widOf } from '../workers/workday-org';
import { workdaySandboxConfig, WorkdaySandboxSettings } from '../workday-sandbox.config';
import { configuredScale, DEMO_FIRM_SIZES, DemoScale } from '../../common/demo-firm';
import { generateSeedWorkers } from './workday-seed-data';

const SEED_LOCK = 'sandbox_workday:seed';

/**
 * Loads the demo firm's workforce (src/common/demo-firm) at boot when the tenant has no workers, and
 * on `POST /__sandbox/reset`: `SANDBOX_WORKDAY_SEED_WORKERS` workers (300), or 2,000 at the
 * `month-end` scale (`SANDBOX_SCALE`, or `{"scale": "month-end"}` on reset).
 */
@Injectable()
export class WorkdaySeedService implements OnApplicationBootstrap {
  private scale: DemoScale = configuredScale();

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

  /** Back to the seed, same ids; issued tokens stay valid; `scale` switches the size from now on. */
  reset(scale: DemoScale = this.scale): Promise<{ scale: DemoScale; workers: number }> {
    this.scale = scale;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      await manager.query(`TRUNCATE ${manager.connection.getMetadata(WorkdayWorkerEntity).tablePath}`);
      return { scale, workers: await this.insertSeed(manager) };
    });
  }

  private async insertSeed(manager: EntityManager): Promise<number> {
    const total = this.scale === 'month-end' ? DEMO_FIRM_SIZES['month-end'].workers : this.config.seedWorkers;
    const workers = generateSeedWorkers(total).map((w) =>
      manager.create(WorkdayWorkerEntity, { ...w, wid: widOf('worker', w.employeeId) }),
    );
    for (let i = 0; i < workers.length; i += 500) await manager.insert(WorkdayWorkerEntity, workers.slice(i, i + 500));
    return workers.length;
  }
}
