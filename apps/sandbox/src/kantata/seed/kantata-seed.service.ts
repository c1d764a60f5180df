import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KantataRecordStore } from '../resources/kantata-record-store';
import { KantataResourcesService } from '../resources/kantata-resources.service';
import {
  SEED_CREATED_AT,
  SEED_MONTH,
  SEED_RATE_CARD,
  SEED_ROLES,
  SEED_SERVICE_NAME,
  SEED_UNAPPROVED_FROM,
  SEED_USERS,
  SEED_WORKSPACES,
  seedMinutes,
  SeedRoleKey,
} from './kantata-seed-data';

export interface KantataSeedSummary {
  workspaces: number;
  users: number;
  timeEntries: number;
}

const SEED_LOCK = 'sandbox_kantata:seed';
const MINUTE = 60_000;

function weekdays(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d = new Date(d.getTime() + 86_400_000)
  ) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/** Loads the demo firm: at boot when there are no records (advisory lock: once), and on reset. */
@Injectable()
export class KantataSeedService implements OnApplicationBootstrap {
  constructor(
    private readonly store: KantataRecordStore,
    private readonly resources: KantataResourcesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.store.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      if ((await this.store.count(manager)) > 0) return;
      await this.store.clear(manager);
      await this.insertSeed(manager);
    });
  }

  /** Back to the seed with the same ids (tokens stay valid). */
  async reset(): Promise<KantataSeedSummary> {
    return this.store.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK]);
      await this.store.clear(manager);
      return this.insertSeed(manager);
    });
  }

  private async insertSeed(manager: EntityManager): Promise<KantataSeedSummary> {
    let tick = 0;
    const at = () => new Date(SEED_CREATED_AT.getTime() + tick++ * MINUTE);
    const create = async (plural: string, items: unknown[], now = at()): Promise<string[]> => {
      const env = await this.resources.create(plural, { [plural]: items }, { manager, now });
      return env.results.map((r) => r.id);
    };
    const roleIds = new Map<SeedRoleKey, string>();
    const ids = await create(
      'roles',
      SEED_ROLES.map((r) => ({ name: r.name })),
    );
    SEED_ROLES.forEach((r, i) => roleIds.set(r.key, ids[i]));
    const userIds = await create(
      'users',
      SEED_USERS.map((u) => ({
        full_name: u.full_name,
        email_address: u.email_address,
        headline: u.headline,
        role_id: roleIds.get(u.role),
      })),
    );

    // Rate card set with two effective-dated versions, one rate card per currency.
    const [setId] = await create('rate_card_sets', [{ title: SEED_RATE_CARD.title }]);
    const setVersionIds = await create(
      'rate_card_set_versions',
      SEED_RATE_CARD.versions.map((v) => ({ rate_card_set_id: setId, effective_date: v.effective_date })),
    );
    const currencies = Object.keys(SEED_RATE_CARD.rates) as Array<keyof typeof SEED_RATE_CARD.rates>;
    const cardIds = await create(
      'rate_cards',
      currencies.map((currency) => ({ rate_card_set_id: setId, currency })),
    );
    const billRate = new Map<string, number>(); // `${currency}:${role}` -> first version's rate
    for (const [ci, currency] of currencies.entries()) {
      for (const [vi, version] of SEED_RATE_CARD.versions.entries()) {
        const [versionId] = await create('rate_card_versions', [
          { rate_card_id: cardIds[ci], rate_card_set_version_id: setVersionIds[vi] },
        ]);
        await create(
          'rate_card_roles',
          SEED_ROLES.map((r) => {
            const rate = Math.round(SEED_RATE_CARD.rates[currency][r.key] * version.factor);
            if (vi === 0) billRate.set(`${currency}:${r.key}`, rate);
            return { rate_card_version_id: versionId, role_id: roleIds.get(r.key), rate_in_cents: rate };
          }),
        );
      }
    }

    let timeEntries = 0;
    const days = weekdays(SEED_MONTH.from, SEED_MONTH.to);
    for (const ws of SEED_WORKSPACES) {
      const [workspaceId] = await create('workspaces', [
        {
          title: ws.title,
          currency: ws.currency,
          price_in_cents: ws.price_in_cents,
          budgeted: ws.budgeted,
          start_date: ws.start_date,
          due_date: ws.due_date,
          status: 'active',
          creator_role: 'maven',
          rate_card_set_id: setId,
          external_references: [
            { service_name: SEED_SERVICE_NAME, service_model: 'project', service_model_ref: ws.project },
            {
              service_name: SEED_SERVICE_NAME,
              service_model: 'customer',
              service_model_ref: `${ws.project}:${ws.customer}`,
              external_id: ws.customer,
            },
            {
              service_name: SEED_SERVICE_NAME,
              service_model: 'contract',
              service_model_ref: `${ws.project}:${ws.contract}`,
              external_id: ws.contract,
            },
            {
              service_name: SEED_SERVICE_NAME,
              service_model: 'legal_entity',
              service_model_ref: `${ws.project}:${ws.legalEntity}`,
              external_id: ws.legalEntity,
            },
            {
              service_name: SEED_SERVICE_NAME,
              service_model: 'billing_model',
              service_model_ref: `${ws.project}:${ws.billingModel}`,
              external_id: ws.billingModel,
            },
          ],
        },
      ]);
      await create(
        'participations',
        ws.team.map((u) => ({
          workspace_id: workspaceId,
          user_id: userIds[u],
          role_id: roleIds.get(SEED_USERS[u].role),
        })),
      );
      const storyIds = await create(
        'stories',
        ws.milestones.map((m) => ({
          workspace_id: workspaceId,
          title: m.title,
          story_type: 'milestone',
          state: m.state,
          due_date: m.due_date,
          budget_estimate_in_cents: m.budget_estimate_in_cents,
        })),
      );
      await create('stories', [
        {
          workspace_id: workspaceId,
          title: 'Project management',
          story_type: 'task',
          state: 'started',
          parent_id: storyIds[0],
        },
      ]);
      for (const u of ws.team) {
        const role = SEED_USERS[u].role;
        const items = days.map((date, d) => ({
          workspace_id: workspaceId,
          user_id: userIds[u],
          date_performed: date,
          time_in_minutes: seedMinutes(u, d),
          billable: role !== 'partner' || d % 5 !== 4,
          notes: `Work on ${ws.title.split(' - ')[1]}`,
          rate_in_cents: billRate.get(`${ws.currency}:${role}`),
          cost_rate_in_cents: SEED_ROLES.find((r) => r.key === role)!.costRateInCents,
          approved: date < SEED_UNAPPROVED_FROM,
        }));
        timeEntries += (await create('time_entries', items)).length;
      }
      await create('expenses', [
        {
          workspace_id: workspaceId,
          user_id: userIds[ws.team[0]],
          date: '2025-06-10',
          amount_in_cents: 48250,
          category: 'travel',
          notes: 'Client workshop travel',
          approved: true,
        },
        {
          workspace_id: workspaceId,
          user_id: userIds[ws.team[1]],
          date: '2025-06-26',
          amount_in_cents: 6400,
          category: 'meals',
          approved: false,
        },
      ]);
    }
    return { workspaces: SEED_WORKSPACES.length, users: SEED_USERS.length, timeEntries };
  }
}
