import type { AppDefinition } from '../app-definition';
import { AsyncContext } from '../correlation/async-context';
import { bootstrapApp, RunningApp } from './bootstrap-app';

export interface StandaloneOptions {
  /** Runs before the app is created, e.g. to provide DATABASE_URL; its cleanup runs after the app closed. */
  prepare?: () => Promise<(() => Promise<void>) | void>;
}

/**
 * `node dist/apps/<app>/main.js`: runs one app alone on its port (env[def.portEnv] or its default),
 * and closes it cleanly on SIGINT/SIGTERM. A start failure (bad configuration, port taken) is printed
 * as one sentence and exits 1.
 */
export async function runStandalone(def: AppDefinition, options: StandaloneOptions = {}): Promise<void> {
  let running: RunningApp | undefined;
  let cleanup: (() => Promise<void>) | void = undefined;
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await running?.close();
      if (cleanup) await cleanup();
    } finally {
      process.exit(code);
    }
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  try {
    cleanup = await options.prepare?.();
    if (def.asyncContext === false) AsyncContext.disable();
    running = await bootstrapApp(def);
    process.stdout.write(`${def.name} listening on ${running.url}\n`);
  } catch (err) {
    process.stderr.write(`${def.name} could not start: ${(err as Error)?.message ?? String(err)}\n`);
    await stop(1);
  }
}
