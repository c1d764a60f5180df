import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The firm's tax table: rate (basis points) a legal entity charges a customer in a country, effective
 * from a date (inclusive) to an optional last day. Not per ERP: tax is the firm's, whichever ledger.
 */
@Entity({ name: 'tax_rates' })
export class TaxRateEntity {
  @PrimaryColumn({ name: 'firm_id', type: 'varchar', length: 63 })
  firmId: string;

  @PrimaryColumn({ name: 'legal_entity_id', type: 'varchar', length: 128 })
  legalEntityId: string;

  /** ISO 3166-1 alpha-2 country of the customer. */
  @PrimaryColumn({ name: 'customer_country', type: 'char', length: 2 })
  customerCountry: string;

  /** First day the rate applies (ISO date). */
  @PrimaryColumn({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  /** Last day the rate applies (inclusive); null while open-ended. */
  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  /** 0..10000 (1900 = 19 %). */
  @Column({ name: 'rate_basis_points', type: 'integer' })
  rateBasisPoints: number;

  @Column({ name: 'reverse_charge', type: 'boolean' })
  reverseCharge: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}
