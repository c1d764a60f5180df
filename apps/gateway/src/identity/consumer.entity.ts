import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An internal app or a partner calling the gateway. Plans, scopes and entities grow in the gateway issue. */
@Entity({ name: 'consumers' })
export class ConsumerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  kind: 'internal' | 'partner';

  @Column({ type: 'text', default: 'internal' })
  plan: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
