import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Role -> ERP item (NetSuite service item id / Business Central item number) and billing class, per firm and ERP. */
@Entity({ name: 'item_mappings' })
export class ItemMappingEntity {
  @PrimaryColumn({ name: 'firm_id', type: 'varchar', length: 63 })
  firmId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  vendor: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  role: string;

  @Column({ type: 'varchar', length: 100 })
  target: string;

  /** `professional-services`, `expenses`, `milestone`, `fixed-fee` or `retainer`. */
  @Column({ name: 'billing_class', type: 'varchar', length: 40 })
  billingClass: string;
}
