import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A company of the environment (one per legal entity of the demo firm). */
@Entity({ name: 'companies' })
export class BcCompanyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 30 })
  name: string;

  @Column({ name: 'display_name', type: 'varchar', length: 250 })
  displayName: string;

  /** Local currency (LCY): a blank currencyCode means this one. */
  @Column({ type: 'char', length: 3 })
  currency: string;
}
