import { ensureDatabase } from '@app/persistence';
import { bootstrapApp, RunningApp } from '@app/platform';
import { sandboxApps } from './app.definition';

/**
 * Runs the vendor sandboxes standalone, each on its own port (SANDBOX_<VENDOR>_PORT), until SIGINT or
 * SIGTERM; DATABASE_URL or an embedded PostgreSQL.
 */
async function main(): Promise<void> {
  const db = await ensureDatabase();
  process.env.DATABASE_URL = db.url;
  const running: RunningApp[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled(running.map((r) => r.close()));
    await db.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  try {
    for (const def of sandboxApps) {
      const app = await bootstrapApp(def);
      running.push(app);
      process.stdout.write(`${def.name} listening on ${app.url}\n`);
    }
  } catch (error) {
    process.stderr.write(`sandbox could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
  }
}

void main();
