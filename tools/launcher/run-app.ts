/**
 * Runs one app of the registry in this process: `node dist/tools/launcher/run-app.js <app-name>`.
 * The launcher's processes mode forks it once per app, with the app's environment (port, DATABASE_URL,
 * upstream URLs). It tells the parent when the app listens, stops cleanly on SIGTERM/SIGINT (exit 0),
 * and also stops when the parent goes away (its IPC channel closes), so a killed launcher leaves no app behind.
 */
import { AppDefinition, AsyncContext, bootstrapApp, RunningApp } from '@app/platform';
import { appDefinitions as productApps } from './apps';

/** The product's registry, or LAUNCHER_REGISTRY: a module exporting `appDefinitions` (tests). */
function registry(): AppDefinition[] {
  const custom = process.env.LAUNCHER_REGISTRY?.trim();
  if (!custom) return productApps;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(custom) as { appDefinitions: AppDefinition[] }).appDefinitions;
}

async function main(): Promise<void> {
  const name = process.argv[2];
  const appDefinitions = registry();
  const def = appDefinitions.find((d) => d.name === name);
  if (!def) {
    process.stderr.write(`Unknown app "${name ?? ''}". Known apps: ${appDefinitions.map((d) => d.name).join(', ')}\n`);
    process.exit(2);
  }
  const state: { running?: RunningApp; stopping: boolean } = { stopping: false };
  const stop = async (code: number): Promise<void> => {
    if (state.stopping) return;
    state.stopping = true;
    try {
      await state.running?.close();
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.on('disconnect', () => void stop(0));

  // The app has this process to itself: it may do without an async context (AppDefinition.asyncContext).
  if (def.asyncContext === false) AsyncContext.disable();
  const running = await bootstrapApp(def);
  state.running = running;
  if (state.stopping) {
    await running.close();
    return;
  }
  process.send?.({ type: 'ready', name: def.name, url: running.url });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
