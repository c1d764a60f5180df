import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { checkMigrations, generateMigrations, MigrationTarget, selectTargets } from './migration-tool';

@Entity({ name: 'widgets' })
class WidgetEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'price_minor', type: 'bigint' })
  priceMinor: string;
}

@Entity({ name: 'widgets' })
class WidgetWithColourEntity extends WidgetEntity {
  @Column({ type: 'text', nullable: true })
  colour: string | null;
}

describe('migration tools', () => {
  let dir: string;
  const quiet = (): void => undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'migrations-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const target = (entities: unknown[], migrations: unknown[]): MigrationTarget => ({
    name: 'widget-app',
    migrationsDir: dir,
    persistence: { schema: 'widget_app', entities: entities as never, migrations: migrations as never },
  });

  it('generates a migration class (up and down) and the index from the entities, after which check is clean', async () => {
    const [result] = await generateMigrations([target([WidgetEntity], [])], { now: () => 1732400000000, log: quiet });
    expect(result).toMatchObject({
      name: 'widget-app',
      statements: 1,
      file: join(dir, '1732400000000-InitialSchema.ts'),
    });
    const source = readFileSync(result.file!, 'utf8');
    expect(source).toContain('export class InitialSchema1732400000000 implements MigrationInterface');
    expect(source).toContain('CREATE TABLE "widget_app"."widgets"');
    expect(source).toContain('DROP TABLE "widget_app"."widgets"');
    expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toContain(
      "import { InitialSchema1732400000000 } from './1732400000000-InitialSchema';",
    );

    // The generated file is a real migration: with it, entities and migrations agree.
    const { InitialSchema1732400000000 } = require(result.file!) as Record<string, unknown>;
    expect(await checkMigrations([target([WidgetEntity], [InitialSchema1732400000000])])).toEqual([]);

    // A new column: check names the app and the SQL; generate writes the next migration, keeping the index's name.
    writeFileSync(
      join(dir, 'index.ts'),
      readFileSync(join(dir, 'index.ts'), 'utf8').replace('const migrations', 'const widgetMigrations'),
    );
    const problems = await checkMigrations([target([WidgetWithColourEntity], [InitialSchema1732400000000])]);
    expect(problems).toEqual([
      {
        name: 'widget-app',
        message: expect.stringContaining('entities and migrations differ'),
        sql: ['ALTER TABLE "widget_app"."widgets" ADD "colour" text'],
      },
    ]);
    const [next] = await generateMigrations([target([WidgetWithColourEntity], [InitialSchema1732400000000])], {
      name: 'add widget colour',
      now: () => 1732400000001,
      log: quiet,
    });
    expect(next.file).toBe(join(dir, '1732400000001-AddWidgetColour.ts'));
    const index = readFileSync(join(dir, 'index.ts'), 'utf8');
    expect(index).toContain('export const widgetMigrations: Array<new () => MigrationInterface> = [');
    expect(index.indexOf('InitialSchema1732400000000,')).toBeLessThan(index.indexOf('AddWidgetColour1732400000001,'));
  });

  it('generates nothing when entities and migrations agree', async () => {
    const results = await generateMigrations([target([], [])], { log: quiet });
    expect(results).toEqual([{ name: 'widget-app', statements: 0 }]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails the check for a migration file the app does not list', async () => {
    writeFileSync(join(dir, '1732400000000-Forgotten.ts'), 'export class Forgotten1732400000000 {}\n');
    const problems = await checkMigrations([target([], [])]);
    expect(problems).toEqual([
      { name: 'widget-app', message: expect.stringContaining('1732400000000-Forgotten'), sql: [] },
    ]);
  });

  it('selects apps by name and warns about a declared schema nobody exports', () => {
    const persistence = [
      { name: 'widget-app', migrationsDir: 'apps/widget/src/migrations', persistence: target([], []).persistence },
    ];
    const definitions = [
      { name: 'widget-app', module: class {}, portEnv: 'W_PORT', defaultPort: 0, schema: 'widget_app', apis: [] },
      { name: 'gadget-app', module: class {}, portEnv: 'G_PORT', defaultPort: 0, schema: 'gadget_app', apis: [] },
    ];
    const { targets, warnings } = selectTargets(definitions, persistence, [], '/repo');
    expect(targets).toEqual([
      {
        name: 'widget-app',
        persistence: persistence[0].persistence,
        migrationsDir: '/repo/apps/widget/src/migrations',
      },
    ]);
    expect(warnings).toEqual([expect.stringContaining('gadget-app declares schema "gadget_app"')]);
    expect(() => selectTargets(definitions, persistence, ['gadget-app'], '/repo')).toThrow(/No schema for: gadget-app/);
  });
});
