import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One sObject record. Field values live in `fields` (canonical API names); the system fields and the
 * external id are columns so they can be indexed (the external id is unique per sObject type).
 */
@Entity({ name: 'sobject_records' })
@Index('uq_sobject_records_external_id', ['sobjectType', 'externalId'], {
  unique: true,
  where: '"external_id" IS NOT NULL',
})
@Index('idx_sobject_records_type_modified', ['sobjectType', 'lastModifiedDate'])
export class SObjectRecordEntity {
  /** 18-character Salesforce id. */
  @PrimaryColumn({ type: 'char', length: 18 })
  id: string;

  @Column({ name: 'sobject_type', type: 'varchar', length: 80 })
  sobjectType: string;

  /** Copy of `External_Id__c` (null when the record has none). */
  @Column({ name: 'external_id', type: 'varchar', length: 255, nullable: true })
  externalId: string | null;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  @Column({ name: 'created_date', type: 'timestamptz' })
  createdDate: Date;

  @Column({ name: 'last_modified_date', type: 'timestamptz' })
  lastModifiedDate: Date;

  @Column({ name: 'system_modstamp', type: 'timestamptz' })
  systemModstamp: Date;
}
