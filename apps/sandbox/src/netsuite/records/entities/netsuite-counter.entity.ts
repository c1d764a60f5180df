import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last value handed out per id family (`entity`, `transaction`, ...) or document-number prefix. */
@Entity({ name: 'counters' })
export class NetSuiteCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  name: string;

  @Column({ name: 'last_value', type: 'integer' })
  lastValue: number;
}
