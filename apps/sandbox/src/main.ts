import { bootstrapApp, RunningApp } from '@app/platform';
import { sandboxApps } from './app.definition';

/**
 * Runs the vendor sandboxes standalone, each on its own port (SANDBOX_<VENDOR>_PORT), until SIGINT
 * or SIGTERM. Needs DATABASE_URL.
 */
async function main(): Promise<void> {
  const running: RunningApp[] = [];
  const stop = async () => {
    await Promise.allSettled(running.map((r) => r.close()));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  for (const def of sandboxApps) {
    const app = await bootstrapApp(def);
    running.push(app);
    process.stdout.write(`${def.name} listening on ${app.url}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
