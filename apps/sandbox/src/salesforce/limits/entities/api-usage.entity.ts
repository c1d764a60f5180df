import { Column, Entity, PrimaryColumn } from 'typeorm';

/** API requests counted per UTC day (the daily limit behind `Sforce-Limit-Info`). */
@Entity({ name: 'api_usage' })
export class ApiUsageEntity {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'int' })
  calls: number;
}
