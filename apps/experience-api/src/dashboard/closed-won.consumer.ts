import { Injectable } from '@nestjs/common';
import type { OpportunityClosedWonData } from '@app/contracts';
import type { EventConsumer, EventEnvelope, HandlerContext } from '@app/messaging';
import { ClosedWonKpiEntity } from './closed-won-kpi.entity';

export const UNASSIGNED_ENTITY = 'unassigned';
export const NO_CURRENCY = 'XXX';

/** Adds each won deal once to the dashboard projection (the inbox guards against redelivery). */
@Injectable()
export class ClosedWonConsumer implements EventConsumer<OpportunityClosedWonData> {
  async handle(event: EventEnvelope<OpportunityClosedWonData>, { manager }: HandlerContext): Promise<void> {
    const opportunity = event.data.opportunity;
    const legalEntity = opportunity.legalEntity ?? UNASSIGNED_ENTITY;
    const currency = opportunity.amount?.currency ?? NO_CURRENCY;
    const amountMinor = String(opportunity.amount?.amountMinor ?? 0);
    await manager.query(
      `INSERT INTO ${manager.getRepository(ClosedWonKpiEntity).metadata.tablePath} AS k (legal_entity, currency, count, amount_minor, updated_at)
       VALUES ($1, $2, 1, $3::bigint, now())
       ON CONFLICT (legal_entity, currency)
       DO UPDATE SET count = k.count + 1, amount_minor = k.amount_minor + EXCLUDED.amount_minor, updated_at = now()`,
      [legalEntity, currency, amountMinor],
    );
  }
}
