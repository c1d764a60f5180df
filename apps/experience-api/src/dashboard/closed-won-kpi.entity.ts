import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The dashboard's own projection of won deals, fed by `opportunity.closed_won` events: one row per
 * legal entity and currency (amounts never mix currencies).
 */
@Entity({ name: 'closed_won_kpis' })
export class ClosedWonKpiEntity {
  @PrimaryColumn({ name: 'legal_entity', type: 'text' })
  legalEntity: string;

  @PrimaryColumn({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'integer', default: 0 })
  count: number;

  /** Sum of won amounts in minor units (bigint: no precision loss, read back as a string). */
  @Column({ name: 'amount_minor', type: 'bigint', default: '0' })
  amountMinor: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
