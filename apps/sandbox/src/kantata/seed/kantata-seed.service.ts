import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { configuredScale, demoFirm, DemoFirm, DemoScale } from '../../common/demo-firm';
import { KantataRecordStore } from '../resources/kantata-record-store';
import { RESOURCES } from '../resources/resource-definitions';
import { validateAttributes } from '../resources/resource-validator';
import { KantataRecordEntity } from '../resources/record.entity';
import { SEED_CREATED_AT, SEED_RATE_CARD_SET_TITLE, SEED_SERVICE_NAME } from './kantata-seed-data';

export interface KantataSeedSummary {
  scale: DemoScale;
  workspaces: number;
  users: number;
  timeEntries: number;
}

interface Reference {
  model: string;
  ref: string;
  externalId?: string;
}

const SEED_LOCK = 'sandbox_kantata:seed';
const MINUTE = 60_000;
const CHUNK = 10_000;

/**
 * Loads the demo firm (src/common/demo-firm) as a Kantata account holds it: roles, one user per
 * worker, the rate card set, a workspace per project with its team, milestones and a month of time.
 * At boot when there are no records (advisory lock: once), and on reset. Records are validated by
 * the resource definitions, then bulk-inserted (200,000 time entries in seconds).
 */
@Injectable()
export class KantataSeedService implements OnApplicationBootstrap {
  private scale: DemoScale = configuredScale();

  constructor(private readonly store: KantataRecordStore) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.store.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      if ((await this.store.count(manager)) > 0) return;
      await this.store.clear(manager);
      await this.insertSeed(manager, demoFirm(this.scale));
    });
  }

  /** Back to the seed with the same ids (tokens stay valid); `scale` switches the size from now on. */
  async reset(scale: DemoScale = this.scale): Promise<KantataSeedSummary> {
    this.scale = scale;
    return this.store.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      await this.store.clear(manager);
      return this.insertSeed(manager, demoFirm(scale));
    });
  }

  private async insertSeed(manager: EntityManager, firm: DemoFirm): Promise<KantataSeedSummary> {
    let tick = 0;
    const insert = (plural: string, items: Array<Record<string, unknown>>, refs?: (i: number) => Reference[]) =>
      this.bulkInsert(manager, plural, items, new Date(SEED_CREATED_AT.getTime() + tick++ * MINUTE), refs);

    const roleIds = await insert(
      'roles',
      firm.roles.map((r) => ({ name: r.name })),
    );
    const roleId = new Map(firm.roles.map((r, i) => [r.key, roleIds[i]]));
    const userIds = await insert(
      'users',
      firm.workers.map((w) => ({
        full_name: `${w.givenName} ${w.familyName}`,
        email_address: w.workEmail,
        headline: w.businessTitle,
        role_id: roleId.get(w.role),
        disabled: w.status === 'Terminated',
      })),
      (i) => [{ model: 'worker', ref: firm.workers[i].employeeId }],
    );
    const userId = new Map(firm.workers.map((w, i) => [w.employeeId, userIds[i]]));

    // One rate card set, its effective-dated versions, a rate card per currency (= per legal entity).
    const [setId] = await insert('rate_card_sets', [{ title: SEED_RATE_CARD_SET_TITLE }]);
    const versions = firm.rateCards[0].versions;
    const setVersionIds = await insert(
      'rate_card_set_versions',
      versions.map((v) => ({ rate_card_set_id: setId, effective_date: v.effectiveDate })),
    );
    const cardIds = await insert(
      'rate_cards',
      firm.rateCards.map((c) => ({ rate_card_set_id: setId, currency: c.currency })),
    );
    const cardVersions = firm.rateCards.flatMap((card, ci) =>
      card.versions.map((version, vi) => ({ card, ci, version, vi })),
    );
    const cardVersionIds = await insert(
      'rate_card_versions',
      cardVersions.map(({ ci, vi }) => ({ rate_card_id: cardIds[ci], rate_card_set_version_id: setVersionIds[vi] })),
    );
    await insert(
      'rate_card_roles',
      cardVersions.flatMap(({ version }, i) =>
        firm.roles.map((r) => ({
          rate_card_version_id: cardVersionIds[i],
          role_id: roleId.get(r.key),
          rate_in_cents: version.rates[r.key],
        })),
      ),
    );

    const workspaceIds = await insert(
      'workspaces',
      firm.projects.map((p) => ({
        title: p.name,
        currency: p.currency,
        price_in_cents: p.budgetMinor,
        budgeted: p.billingModel !== 'Retainer',
        start_date: p.startDate,
        due_date: p.endDate,
        status: p.status,
        creator_role: 'maven',
        rate_card_set_id: setId,
      })),
      (i) => {
        const p = firm.projects[i];
        const value = (model: string, externalId: string) => ({ model, ref: `${p.id}:${externalId}`, externalId });
        return [
          { model: 'project', ref: p.id },
          value('customer', p.customerId),
          value('contract', p.contractId),
          value('legal_entity', p.legalEntity),
          value('billing_model', p.billingModel.toLowerCase().replace(/_/g, '-')),
        ];
      },
    );
    const workspaceId = new Map(firm.projects.map((p, i) => [p.id, workspaceIds[i]]));
    await insert(
      'participations',
      firm.participations.map((m) => ({
        workspace_id: workspaceId.get(m.projectId),
        user_id: userId.get(m.workerId),
        role_id: roleId.get(m.role),
      })),
    );
    const milestones = firm.projects.flatMap((p) => p.milestones);
    const milestoneIds = await insert(
      'stories',
      milestones.map((m) => ({
        workspace_id: workspaceId.get(m.projectId),
        title: m.title,
        story_type: 'milestone',
        state: m.state,
        due_date: m.dueDate,
        budget_estimate_in_cents: m.amountMinor,
      })),
      (i) => [{ model: 'milestone', ref: milestones[i].id }],
    );
    const firstMilestone = new Map<string, string>();
    milestones.forEach((m, i) => {
      if (!firstMilestone.has(m.projectId)) firstMilestone.set(m.projectId, milestoneIds[i]);
    });
    await insert(
      'stories',
      firm.projects.map((p) => ({
        workspace_id: workspaceId.get(p.id),
        title: 'Project management',
        story_type: 'task',
        state: p.status === 'completed' ? 'completed' : 'started',
        parent_id: firstMilestone.get(p.id),
      })),
    );
    const timeEntries = await insert(
      'time_entries',
      firm.timeEntries.map((t) => ({
        workspace_id: workspaceId.get(t.projectId),
        user_id: userId.get(t.workerId),
        date_performed: t.date,
        time_in_minutes: t.minutes,
        billable: t.billable,
        notes: t.notes,
        rate_in_cents: t.rateMinor,
        cost_rate_in_cents: t.costRateMinor,
        currency: t.currency,
        approved: t.approved,
      })),
    );
    const active = firm.projects.filter((p) => p.status === 'active');
    await insert(
      'expenses',
      active.flatMap((p) => [
        {
          workspace_id: workspaceId.get(p.id),
          user_id: userId.get(p.team[0].workerId),
          date: '2025-06-10',
          amount_in_cents: 48250,
          currency: p.currency,
          category: 'travel',
          notes: 'Client workshop travel',
          approved: true,
        },
        {
          workspace_id: workspaceId.get(p.id),
          user_id: userId.get(p.team[1 % p.team.length].workerId),
          date: '2025-06-26',
          amount_in_cents: 6400,
          currency: p.currency,
          category: 'meals',
          approved: false,
        },
      ]),
    );
    return {
      scale: this.scale,
      workspaces: workspaceIds.length,
      users: userIds.length,
      timeEntries: timeEntries.length,
    };
  }

  /**
   * Validates each object against the resource definition (defaults applied, as a create would),
   * reserves consecutive ids and inserts in chunks; external references (`ps-gateway`) alongside.
   */
  private async bulkInsert(
    manager: EntityManager,
    plural: string,
    items: Array<Record<string, unknown>>,
    now: Date,
    refs?: (i: number) => Reference[],
  ): Promise<string[]> {
    if (items.length === 0) return [];
    const def = RESOURCES.get(plural)!;
    const data = items.map((item) => {
      const v = validateAttributes(def, item, 'create');
      if (v.errors.length) throw new Error(`demo firm ${plural}: ${v.errors.map((e) => e.message).join('; ')}`);
      return v.data;
    });
    const first = BigInt(await this.store.nextIds(manager, plural, def.idBase, data.length));
    const ids = data.map((_, i) => String(first + BigInt(i)));
    await this.insertRows(manager, plural, ids, data, now);
    if (refs) {
      const refData = ids.flatMap((subjectId, i) =>
        refs(i).map((r) => ({
          subject_type: def.singular,
          subject_id: subjectId,
          service_name: SEED_SERVICE_NAME,
          service_model: r.model,
          service_model_ref: r.ref,
          ...(r.externalId ? { external_id: r.externalId } : {}),
        })),
      );
      await this.bulkInsert(manager, 'external_references', refData, now);
    }
    return ids;
  }

  private async insertRows(
    manager: EntityManager,
    type: string,
    ids: string[],
    data: Array<Record<string, unknown>>,
    now: Date,
  ): Promise<void> {
    const table = manager.connection.getMetadata(KantataRecordEntity).tablePath;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = ids.slice(i, i + CHUNK).map((id, k) => ({ id, data: data[i + k] }));
      await manager.query(
        `INSERT INTO ${table} (type, id, data, created_at, updated_at)
         SELECT $1, (r->>'id')::bigint, r->'data', $2, $2 FROM jsonb_array_elements($3::jsonb) r`,
        [type, now, JSON.stringify(rows)],
      );
    }
  }
}
