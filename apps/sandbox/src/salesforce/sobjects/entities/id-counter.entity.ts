import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last record number handed out per key prefix (ids are deterministic after a reset). */
@Entity({ name: 'id_counters' })
export class IdCounterEntity {
  @PrimaryColumn({ name: 'key_prefix', type: 'char', length: 3 })
  keyPrefix: string;

  @Column({ name: 'last_value', type: 'bigint' })
  lastValue: string;
}
