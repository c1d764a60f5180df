import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { Client } from 'pg';
import { DataSource, Repository } from 'typeorm';
import { PersistenceModule } from './persistence.module';
import { fixtureNotesPersistence, FixtureNoteEntity } from './testing';

@Injectable()
class NotesService {
  constructor(@InjectRepository(FixtureNoteEntity) readonly repo: Repository<FixtureNoteEntity>) {}
}

@Module({
  imports: [TypeOrmModule.forFeature([FixtureNoteEntity])],
  providers: [NotesService],
  exports: [NotesService],
})
class NotesModule {}

async function boot(options: { poolSize?: number } = {}) {
  const moduleRef = await Test.createTestingModule({
    imports: [PersistenceModule.forApp({ ...fixtureNotesPersistence, name: 'fixture-notes', ...options }), NotesModule],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

async function rows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('PersistenceModule.forApp', () => {
  const serverUrl = process.env.DATABASE_URL;
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase('persistence');
    process.env.DATABASE_URL = db.url;
  });
  afterEach(async () => {
    process.env.DATABASE_URL = serverUrl;
    delete process.env.DB_POOL_SIZE;
    await db.drop();
  });

  it('creates the schema, runs the migrations into a migrations table inside it, and serves repositories', async () => {
    const moduleRef = await boot();
    try {
      const notes = moduleRef.get(NotesService).repo;
      await notes.save(notes.create({ body: 'hello', amountMinor: '1250' }));
      expect(await notes.count()).toBe(1);

      const tables = await rows<{ table_name: string }>(
        db.url,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'fixture_notes' ORDER BY 1`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(['migrations', 'notes']);
      const applied = await rows<{ name: string }>(db.url, 'SELECT name FROM fixture_notes.migrations');
      expect(applied).toEqual([{ name: 'CreateNotes1732200000000' }]);

      const options = moduleRef.get(DataSource).options as {
        synchronize?: boolean;
        migrationsRun?: boolean;
        extra?: { max?: number };
      };
      expect(options).toMatchObject({ synchronize: false, migrationsRun: true, extra: { max: 5 } });
      const sessions = await rows<{ application_name: string }>(
        db.url,
        `SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = $1 AND application_name = 'fixture-notes'`,
        [db.name],
      );
      expect(sessions).toEqual([{ application_name: 'fixture-notes' }]);
    } finally {
      await moduleRef.close();
    }
  });

  it('takes the pool size from DB_POOL_SIZE over the app default', async () => {
    process.env.DB_POOL_SIZE = '7';
    const moduleRef = await boot({ poolSize: 3 });
    try {
      expect((moduleRef.get(DataSource).options as { extra?: { max?: number } }).extra?.max).toBe(7);
    } finally {
      await moduleRef.close();
    }
  });

  it('applies each migration once when replicas boot together, and again finds nothing to do', async () => {
    const booted = await Promise.all([boot(), boot(), boot()]);
    await Promise.all(booted.map((m) => m.close()));
    const again = await boot();
    await again.close();
    const applied = await rows<{ count: string }>(db.url, 'SELECT count(*) FROM fixture_notes.migrations');
    expect(applied).toEqual([{ count: '1' }]);
  });

  it('stops the boot with a sentence naming DATABASE_URL when it is missing or malformed', async () => {
    delete process.env.DATABASE_URL;
    await expect(boot()).rejects.toThrow(/Invalid configuration: DATABASE_URL is missing/);
    process.env.DATABASE_URL = 'mysql://localhost/x';
    await expect(boot()).rejects.toThrow(/DATABASE_URL must use the postgres:\/\/ scheme/);
    process.env.DATABASE_URL = db.url;
    process.env.DB_POOL_SIZE = 'many';
    await expect(boot()).rejects.toThrow(/DB_POOL_SIZE must be an integer/);
  });
});
