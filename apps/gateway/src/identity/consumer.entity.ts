import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An internal app or a partner calling the gateway, with what it may call and see. */
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

  /** e.g. crm:read, project-setup:write, admin. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes: string[];

  /** Allowed product versions (`system.crm.v1`); null: all. */
  @Column({ type: 'text', array: true, nullable: true })
  products: string[] | null;

  /** Legal entities the consumer may see; null: all. */
  @Column({ name: 'legal_entities', type: 'text', array: true, nullable: true })
  legalEntities: string[] | null;

  /** CIDRs the consumer may call from; null: any address. */
  @Column({ name: 'ip_allow_list', type: 'text', array: true, nullable: true })
  ipAllowList: string[] | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
