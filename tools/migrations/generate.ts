/**
 * `npm run migrations:generate [-- <app>...] [--name AddInvoices]` (runs from dist after the build):
 * for each app that keeps data in PostgreSQL, applies its migrations to a fresh empty database (a scratch
 * database on DATABASE_URL's server, else a throwaway embedded PostgreSQL), asks TypeORM what its entities
 * still need, and writes that as apps/<app>/src/migrations/<timestamp>-<Name>.ts (up and down), listing it
 * in the folder's index.ts. Apps already in sync get nothing. Review the file, then rebuild.
 */
import { appDefinitions, appPersistence } from '../launcher/apps';
import { generateMigrations, selectTargets } from './migration-tool';

function parseArgs(argv: string[]): { apps: string[]; name?: string } {
  const apps: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--name') name = argv[++i];
    else if (arg.startsWith('--name=')) name = arg.slice('--name='.length);
    else apps.push(arg);
  }
  return { apps, name };
}

async function main(): Promise<void> {
  const { apps, name } = parseArgs(process.argv.slice(2));
  const { targets, warnings } = selectTargets(appDefinitions, appPersistence, apps);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  const results = await generateMigrations(targets, { name });
  const written = results.filter((r) => r.file);
  process.stdout.write(
    written.length
      ? `\n${written.length} migration(s) written: rebuild before running them.\n`
      : '\nNothing to generate.\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`migrations:generate failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
