import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictProblem, NotFoundProblem } from '@app/platform';
import type { DataSource } from 'typeorm';
import { ConsumerEntity } from './consumer.entity';
import { IdentityEventsService } from './identity-events.service';

/** The fields of a consumer an admin sets. */
export interface ConsumerSettings {
  kind: 'internal' | 'partner';
  plan: string;
  scopes: string[];
  products: string[] | null;
  legalEntities: string[] | null;
  ipAllowList: string[] | null;
  disabled: boolean;
}

/** Consumers in PostgreSQL; every change is announced to every replica's identity cache. */
@Injectable()
export class ConsumersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: IdentityEventsService,
  ) {}

  async create(name: string, settings: Partial<ConsumerSettings>): Promise<ConsumerEntity> {
    const repo = this.db.getRepository(ConsumerEntity);
    if (await repo.exists({ where: { name } })) throw new ConflictProblem(`A consumer named ${name} already exists`);
    return repo
      .save({
        name,
        kind: settings.kind ?? 'partner',
        plan: settings.plan ?? 'free',
        scopes: normalise(settings.scopes) ?? [],
        products: normalise(settings.products),
        legalEntities: normalise(settings.legalEntities),
        ipAllowList: normalise(settings.ipAllowList),
        disabled: settings.disabled ?? false,
      })
      .catch((err: { code?: string }) => {
        // Two admins creating the same name at once: the unique index decides.
        if (err.code === '23505') throw new ConflictProblem(`A consumer named ${name} already exists`);
        throw err;
      });
  }

  list(): Promise<ConsumerEntity[]> {
    return this.db.getRepository(ConsumerEntity).find({ order: { name: 'ASC' } });
  }

  /** By id (a UUID) or by name. */
  async get(ref: string): Promise<ConsumerEntity> {
    const repo = this.db.getRepository(ConsumerEntity);
    const row = UUID.test(ref)
      ? await repo.findOne({ where: [{ id: ref }, { name: ref }] })
      : await repo.findOne({ where: { name: ref } });
    if (!row) throw new NotFoundProblem(`No consumer ${ref}`);
    return row;
  }

  async update(ref: string, changes: Partial<ConsumerSettings>): Promise<ConsumerEntity> {
    const row = await this.get(ref);
    const next: Partial<ConsumerEntity> = {};
    if (changes.kind !== undefined) next.kind = changes.kind;
    if (changes.plan !== undefined) next.plan = changes.plan;
    if (changes.scopes !== undefined) next.scopes = normalise(changes.scopes) ?? [];
    if (changes.products !== undefined) next.products = normalise(changes.products);
    if (changes.legalEntities !== undefined) next.legalEntities = normalise(changes.legalEntities);
    if (changes.ipAllowList !== undefined) next.ipAllowList = normalise(changes.ipAllowList);
    if (changes.disabled !== undefined) next.disabled = changes.disabled;
    await this.events.transaction(async (tx, changed) => {
      if (Object.keys(next).length) await tx.update(ConsumerEntity, { id: row.id }, next);
      changed({ kind: 'consumer', id: row.id });
    });
    return this.get(row.id);
  }

  async remove(ref: string): Promise<void> {
    const row = await this.get(ref);
    await this.events.transaction(async (tx, changed) => {
      await tx.delete(ConsumerEntity, { id: row.id });
      // Its keys and clients go with it (ON DELETE CASCADE); the consumer entry is what they resolve to.
      changed({ kind: 'consumer', id: row.id });
    });
  }

  /** Creates or updates a consumer by name (the demo consumer at start). */
  async ensure(name: string, settings: ConsumerSettings): Promise<ConsumerEntity> {
    const existing = await this.db.getRepository(ConsumerEntity).findOne({ where: { name } });
    if (!existing) {
      await this.db
        .createQueryBuilder()
        .insert()
        .into(ConsumerEntity)
        .values({ name, ...settings })
        .orIgnore()
        .execute();
      return this.get(name);
    }
    return this.update(existing.id, settings);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sorted, de-duplicated; null stays null ("all"). */
function normalise(values: string[] | null | undefined): string[] | null {
  if (values === null || values === undefined) return null;
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))].sort();
}
