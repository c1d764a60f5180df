import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeadLetterEntity } from './dead-letter.entity';

export const DEAD_LETTER_ACTIONS = ['replay', 'resolve', 'reopen'] as const;
/** replay / resolve: an operator's action; reopen: a replayed event failed again (actor `system`). */
export type DeadLetterActionKind = (typeof DEAD_LETTER_ACTIONS)[number];

/** Audit trail of everything done to a dead letter: who, what, why, when. Append-only. */
@Entity({ name: 'dead_letter_actions' })
@Index('dead_letter_actions_dead_letter_idx', ['deadLetterId', 'at'])
export class DeadLetterActionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'dead_letter_id', type: 'uuid' })
  deadLetterId: string;

  @ManyToOne(() => DeadLetterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dead_letter_id' })
  deadLetter?: DeadLetterEntity;

  @Column({ type: 'varchar', length: 16 })
  action: DeadLetterActionKind;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
