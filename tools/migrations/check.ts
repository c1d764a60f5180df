/**
 * `npm run migrations:check` (CI): on one EMPTY database (scratch database on DATABASE_URL's server, else
 * a throwaway embedded PostgreSQL) runs the migrations of every app, then fails (exit 1) naming each app
 * whose entities would still produce SQL, with that SQL, or whose migration files are not all listed.
 */
import { appDefinitions, appPersistence } from '../launcher/apps';
import { checkMigrations, selectTargets } from './migration-tool';

async function main(): Promise<void> {
  const { targets, warnings } = selectTargets(appDefinitions, appPersistence, process.argv.slice(2));
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  const problems = await checkMigrations(targets);
  if (problems.length === 0) {
    process.stdout.write(
      `migrations:check: ${targets.length} app schema(s) (${targets.map((t) => t.name).join(', ') || 'none'}) match their migrations\n`,
    );
    return;
  }
  for (const problem of problems) {
    process.stderr.write(`\n${problem.name}: ${problem.message}\n`);
    for (const sql of problem.sql) process.stderr.write(`  ${sql};\n`);
  }
  process.stderr.write(`\nmigrations:check failed for ${[...new Set(problems.map((p) => p.name))].join(', ')}\n`);
  process.exit(1);
}

main().catch((err: unknown) => {
  process.stderr.write(`migrations:check failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
