import { INestApplicationContext, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client } from 'pg';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { dataSourceOptionsFor } from '@app/persistence';
import { createTestDatabase, TestDatabase } from '@app/testing';
import {
  ConsumerDefinition,
  MessagingModule,
  MessagingSettingsOverrides,
  messagingEntities,
  migrateBus,
} from '@app/messaging';

/** A business row written by test handlers and producers, to observe effects (one per key). */
@Entity({ name: 'effects' })
export class EffectEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export const FAST: MessagingSettingsOverrides = {
  maxAttempts: 3,
  retryBaseMs: 50,
  retryMaxMs: 200,
  pollIntervalMs: 200,
  outboxPollMs: 100,
  shutdownTimeoutMs: 5000,
};

/** A fresh database with the bus migrated. */
export async function busDatabase(prefix: string): Promise<TestDatabase> {
  const db = await createTestDatabase(prefix);
  await migrateBus(db.url);
  return db;
}

export interface MessagingAppOptions {
  appName: string;
  schema: string;
  consumers?: ConsumerDefinition[];
  providers?: Provider[];
  settings?: MessagingSettingsOverrides;
}

/**
 * A Nest application context with TypeORM (schema created and synchronized: throwaway test database) and
 * MessagingModule.forApp, initialised (consumers started).
 */
export async function startMessagingApp(db: TestDatabase, opts: MessagingAppOptions): Promise<INestApplicationContext> {
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  try {
    await admin.query(`create schema if not exists "${opts.schema}"`);
  } finally {
    await admin.end();
  }
  const moduleRef = await Test.createTestingModule({
    imports: [
      TypeOrmModule.forRoot({
        ...dataSourceOptionsFor({
          schema: opts.schema,
          entities: [...messagingEntities, EffectEntity],
          migrations: [],
          url: db.url,
          poolSize: 5,
        }),
        synchronize: true,
      }),
      MessagingModule.forApp({
        appName: opts.appName,
        schema: opts.schema,
        consumers: opts.consumers,
        settings: { ...FAST, ...opts.settings },
      }),
    ],
    providers: opts.providers ?? [],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` elapses. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  timeoutMs = 5000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export type { Type };
