import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last number handed out per company and series. */
@Entity({ name: 'number_series' })
export class BcNumberSeriesEntity {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  series: string;

  @Column({ name: 'last_value', type: 'integer' })
  lastValue: number;
}
