import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Legal entity -> NetSuite subsidiary / Business Central company, per firm and ERP. */
@Entity({ name: 'legal_entity_mappings' })
export class LegalEntityMappingEntity {
  @PrimaryColumn({ name: 'firm_id', type: 'varchar', length: 63 })
  firmId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  vendor: string;

  @PrimaryColumn({ name: 'legal_entity_id', type: 'varchar', length: 128 })
  legalEntityId: string;

  @Column({ type: 'varchar', length: 100 })
  target: string;

  /** Functional currency of the entity (the ERP's local currency there). */
  @Column({ type: 'char', length: 3 })
  currency: string;
}
