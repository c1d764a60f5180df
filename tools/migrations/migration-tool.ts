import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  AppPersistence,
  createScratchDatabase,
  MigrationFile,
  migrationBaseName,
  openMigratedDataSource,
  PendingSchemaChanges,
  pendingSchemaChanges,
  renderMigration,
  renderMigrationIndex,
  startThrowawayPostgres,
} from '@app/persistence';
import type { AppDefinition } from '@app/platform';
import type { AppPersistenceEntry } from '../launcher/apps';

/** One app's schema, as the tools see it. */
export interface MigrationTarget {
  /** App name. */
  name: string;
  persistence: AppPersistence;
  /** Absolute directory of its migration files. */
  migrationsDir: string;
}

/** The repository root: the nearest folder above this file holding package.json. */
export function repoRoot(from = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/**
 * The targets for `only` (app names; all when empty), and warnings for apps whose definition declares a
 * schema that no AppPersistence entry covers: those are skipped, not failed.
 */
export function selectTargets(
  definitions: AppDefinition[],
  persistence: AppPersistenceEntry[],
  only: string[] = [],
  root = repoRoot(),
): { targets: MigrationTarget[]; warnings: string[] } {
  const warnings: string[] = [];
  const schemas = new Set(persistence.map((p) => p.persistence.schema));
  for (const def of definitions) {
    if (def.schema && !schemas.has(def.schema)) {
      warnings.push(`${def.name} declares schema "${def.schema}" but exports no AppPersistence for it: skipped`);
    }
  }
  const unknown = only.filter((name) => !persistence.some((p) => p.name === name));
  if (unknown.length) {
    throw new Error(
      `No schema for: ${unknown.join(', ')}. Apps with a schema: ${persistence.map((p) => p.name).join(', ') || 'none'}`,
    );
  }
  const targets = persistence
    .filter((p) => only.length === 0 || only.includes(p.name))
    .map((p) => ({ name: p.name, persistence: p.persistence, migrationsDir: resolve(root, p.migrationsDir) }));
  return { targets, warnings };
}

/**
 * Runs `work` on a fresh, empty database: a scratch database on the DATABASE_URL server when set (dropped
 * afterwards), otherwise a throwaway embedded PostgreSQL. Never touches an existing database.
 */
export async function withEmptyDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const server = process.env.DATABASE_URL?.trim();
  if (server) {
    const scratch = await createScratchDatabase(server, 'migrations');
    try {
      return await work(scratch.url);
    } finally {
      await scratch.drop();
    }
  }
  const pg = await startThrowawayPostgres({ maxConnections: 50 });
  try {
    return await work(pg.url);
  } finally {
    await pg.stop();
  }
}

/** Applies the target's migrations on `url`, then asks TypeORM what the entities still need. */
export async function pendingFor(target: MigrationTarget, url: string): Promise<PendingSchemaChanges> {
  const dataSource = await openMigratedDataSource({
    ...target.persistence,
    url,
    applicationName: `migrations:${target.name}`,
  });
  try {
    return await pendingSchemaChanges(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The migration files of a folder (index.ts excluded), as module names. */
function migrationModules(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3))
    .sort();
}

function exportedClass(file: string): string | undefined {
  const match = /export class (\w+)/.exec(readFileSync(file, 'utf8'));
  return match?.[1];
}

/** Names of the migration classes the app lists (its `migrations` array). */
function listedMigrationNames(persistence: AppPersistence): string[] {
  const list = Array.isArray(persistence.migrations) ? persistence.migrations : Object.values(persistence.migrations);
  return list.map((m) => (typeof m === 'function' ? m.name : String(m)));
}

/** Migration files of the folder that the app's migrations list does not include (forgotten in index.ts). */
export function unlistedMigrationFiles(target: MigrationTarget): string[] {
  const listed = new Set(listedMigrationNames(target.persistence));
  return migrationModules(target.migrationsDir).filter((module) => {
    const cls = exportedClass(join(target.migrationsDir, `${module}.ts`));
    return !cls || !listed.has(cls);
  });
}

/**
 * Rewrites apps/<folder>/src/migrations/index.ts to list every migration file of the folder, keeping the
 * name the index already exports (default `migrations`).
 */
export function writeMigrationIndex(dir: string): string {
  const indexFile = join(dir, 'index.ts');
  const existing = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : '';
  const exportName = /export const (\w+)/.exec(existing)?.[1] ?? 'migrations';
  const files: MigrationFile[] = migrationModules(dir).flatMap((module) => {
    const className = exportedClass(join(dir, `${module}.ts`));
    return className ? [{ module, className }] : [];
  });
  writeFileSync(
    indexFile,
    renderMigrationIndex(files).replace('export const migrations:', `export const ${exportName}:`),
  );
  return indexFile;
}

export interface GeneratedMigration {
  name: string;
  file?: string;
  statements: number;
}

/** Writes one migration per target whose entities differ from its migrations (nothing when in sync). */
export async function generateMigrations(
  targets: MigrationTarget[],
  options: { name?: string; now?: () => number; log?: (line: string) => void } = {},
): Promise<GeneratedMigration[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  return withEmptyDatabase(async (url) => {
    const results: GeneratedMigration[] = [];
    for (const target of targets) {
      const changes = await pendingFor(target, url);
      if (changes.up.length === 0) {
        log(`${target.name}: entities and migrations agree, nothing to generate`);
        results.push({ name: target.name, statements: 0 });
        continue;
      }
      const first = migrationModules(target.migrationsDir).length === 0;
      const baseName = migrationBaseName(options.name ?? (first ? 'InitialSchema' : 'SchemaChange'));
      const timestamp = now();
      mkdirSync(target.migrationsDir, { recursive: true });
      const file = join(target.migrationsDir, `${timestamp}-${baseName}.ts`);
      writeFileSync(file, renderMigration(baseName, timestamp, changes));
      const index = writeMigrationIndex(target.migrationsDir);
      log(`${target.name}: wrote ${file} (${changes.up.length} statement(s)) and updated ${index}`);
      results.push({ name: target.name, file, statements: changes.up.length });
    }
    return results;
  });
}

export interface CheckProblem {
  name: string;
  message: string;
  sql: string[];
}

/**
 * On one empty database: runs every target's migrations, then fails for each target whose entities still
 * need SQL, and for migration files an app forgot to list.
 */
export async function checkMigrations(targets: MigrationTarget[]): Promise<CheckProblem[]> {
  return withEmptyDatabase(async (url) => {
    const problems: CheckProblem[] = [];
    for (const target of targets) {
      const unlisted = unlistedMigrationFiles(target);
      if (unlisted.length) {
        problems.push({
          name: target.name,
          message: `migration file(s) not in the app's migrations list: ${unlisted.join(', ')} (list them in ${target.migrationsDir}/index.ts, or run migrations:generate which rewrites it)`,
          sql: [],
        });
      }
      const changes = await pendingFor(target, url);
      if (changes.up.length) {
        problems.push({
          name: target.name,
          message: `entities and migrations differ: run \`npm run migrations:generate -- ${target.name}\``,
          sql: changes.up.map((q) => q.query),
        });
      }
    }
    return problems;
  });
}
