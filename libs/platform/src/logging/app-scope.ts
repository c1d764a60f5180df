import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<string>();

/**
 * Which app the current async flow belongs to. bootstrapApp creates and starts each app inside its scope,
 * so everything that app's server, timers and workers do inherits it. Several apps co-hosted in one
 * process log with their own `app` field even through Nest's process-wide static Logger.
 */
export const AppScope = {
  current(): string | undefined {
    return scope.getStore();
  },
  run<T>(app: string, fn: () => T): T {
    return scope.run(app, fn);
  },
};
