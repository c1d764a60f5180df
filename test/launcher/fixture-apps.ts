/**
 * Two tiny apps for the launcher specs: `fixture-upstream` keeps notes in its own schema (PersistenceModule
 * with a real migration); `fixture-downstream` is told the upstream's URL by the launcher
 * (FIXTURE_UPSTREAM_URL, read at boot) and calls it.
 */
import { Controller, Get, Inject, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PersistenceModule } from '@app/persistence';
import { AppDefinition, PlatformModule } from '@app/platform';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFixtureNotes1732300000000 implements MigrationInterface {
  name = 'CreateFixtureNotes1732300000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "fixture_upstream"."notes" ("id" serial PRIMARY KEY, "body" text NOT NULL)`);
    await queryRunner.query(`INSERT INTO "fixture_upstream"."notes" ("body") VALUES ('seeded by a migration')`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "fixture_upstream"."notes"`);
  }
}

@Controller('fixture/upstream/v1/notes')
class NotesController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  async list(): Promise<{ notes: string[]; pid: number }> {
    const rows = (await this.db.query('SELECT body FROM "fixture_upstream"."notes" ORDER BY id')) as { body: string }[];
    return { notes: rows.map((r) => r.body), pid: process.pid };
  }
}

@Module({
  imports: [
    PlatformModule.forApp({ name: 'fixture-upstream' }),
    PersistenceModule.forApp({
      schema: 'fixture_upstream',
      entities: [],
      migrations: [CreateFixtureNotes1732300000000],
      poolSize: 2,
    }),
  ],
  controllers: [NotesController],
})
class FixtureUpstreamModule {}

const UPSTREAM_URL = Symbol('UPSTREAM_URL');

@Controller('fixture/downstream/v1/relay')
class RelayController {
  constructor(@Inject(UPSTREAM_URL) private readonly upstream: string) {}

  @Get()
  async relay(): Promise<{ upstreamUrl: string; upstream: unknown }> {
    try {
      const res = await fetch(`${this.upstream}/fixture/upstream/v1/notes`, { signal: AbortSignal.timeout(2000) });
      return { upstreamUrl: this.upstream, upstream: await res.json() };
    } catch (err) {
      return { upstreamUrl: this.upstream, upstream: { error: (err as Error).message } };
    }
  }
}

@Module({
  imports: [PlatformModule.forApp({ name: 'fixture-downstream' })],
  controllers: [RelayController],
  providers: [
    {
      provide: UPSTREAM_URL,
      useFactory: (): string => {
        const url = process.env.FIXTURE_UPSTREAM_URL;
        if (!url) throw new Error('Invalid configuration: FIXTURE_UPSTREAM_URL is missing');
        return url;
      },
    },
  ],
})
class FixtureDownstreamModule {}

export const appDefinitions: AppDefinition[] = [
  {
    name: 'fixture-upstream',
    module: FixtureUpstreamModule,
    portEnv: 'FIXTURE_UPSTREAM_PORT',
    defaultPort: 0,
    schema: 'fixture_upstream',
    apis: [],
  },
  {
    name: 'fixture-downstream',
    module: FixtureDownstreamModule,
    portEnv: 'FIXTURE_DOWNSTREAM_PORT',
    defaultPort: 0,
    apis: [],
  },
];
