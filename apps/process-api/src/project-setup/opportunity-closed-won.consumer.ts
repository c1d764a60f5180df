import { Injectable, Logger } from '@nestjs/common';
import { OpportunityClosedWonData, OpportunityDto, validateContract } from '@app/contracts';
import { EventConsumer, EventEnvelope, HandlerContext, NonRetryableError, uuidv7 } from '@app/messaging';
import { ProvisioningEntity } from './provisioning.entity';
import { PROVISIONING_CHANNEL } from './provisioning.workflow';

/**
 * Records a provisioning for each won opportunity, once: the inbox drops a redelivered event, and the
 * unique opportunity id drops a second `closed_won` for the same deal (e.g. reopened and won again).
 * The provisioning workflow itself (project, customer, contract in the vendors) is a later step.
 */
@Injectable()
export class OpportunityClosedWonConsumer implements EventConsumer<OpportunityClosedWonData> {
  private readonly log = new Logger(OpportunityClosedWonConsumer.name);

  async handle(event: EventEnvelope<OpportunityClosedWonData>, { manager }: HandlerContext): Promise<void> {
    const opportunity = this.opportunityOf(event);
    const now = new Date();
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ProvisioningEntity)
      .values({
        id: uuidv7(),
        opportunityId: opportunity.id,
        status: 'received',
        opportunity,
        sourceEventId: event.id,
        correlationId: event.correlationId,
        receivedAt: now,
        updatedAt: now,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    // wakes the workflow runner once this transaction commits (else the next poll finds it)
    if (inserted.raw.length > 0) await manager.query(`SELECT pg_notify($1, '')`, [PROVISIONING_CHANNEL]);
    if (inserted.raw.length === 0) {
      this.log.log(`Opportunity ${opportunity.id} already has a provisioning; event ${event.id} recorded nothing`);
    } else {
      this.log.log(`Provisioning received for opportunity ${opportunity.id}`);
    }
  }

  /** The event's opportunity, checked against the canonical contract (extra fields tolerated). */
  private opportunityOf(event: EventEnvelope<OpportunityClosedWonData>): OpportunityDto {
    // Money values (a negative budget, say) are business problems the workflow's validation reports as a
    // business exception with its other reasons; only the rest of the contract is checked here.
    const raw = event.data?.opportunity as unknown as Record<string, unknown> | undefined;
    const withoutMoney = raw && typeof raw === 'object' ? { ...raw, amount: undefined, budget: undefined } : raw;
    const { value, problems } = validateContract(OpportunityDto, withoutMoney, { forbidUnknown: false });
    if (problems.length > 0) {
      throw new NonRetryableError(
        `opportunity.closed_won ${event.id} carries an invalid opportunity: ${problems.join('; ')}`,
      );
    }
    return { ...(event.data.opportunity as OpportunityDto), id: value.id }; // the snapshot keeps what the CRM sent
  }
}
