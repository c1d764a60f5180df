import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OpportunityDto } from '@app/contracts';
import type { ProvisioningStatus } from './project-setup.constants';

/** One won deal to turn into a project: recorded once per opportunity, from `opportunity.closed_won`. */
@Entity({ name: 'provisionings' })
@Index('provisionings_opportunity_uq', ['opportunityId'], { unique: true })
@Index('provisionings_status_received_idx', ['status', 'receivedAt'])
export class ProvisioningEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Canonical id of the won opportunity (the business key: one provisioning per opportunity). */
  @Column({ name: 'opportunity_id', type: 'text' })
  opportunityId: string;

  @Column({ type: 'varchar', length: 32 })
  status: ProvisioningStatus;

  /** The canonical opportunity as carried by the event that created the provisioning. */
  @Column({ type: 'jsonb' })
  opportunity: OpportunityDto;

  /** The `opportunity.closed_won` event that created it. */
  @Column({ name: 'source_event_id', type: 'uuid' })
  sourceEventId: string;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
