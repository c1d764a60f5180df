import { AsyncLocalStorage } from 'node:async_hooks';
import { AsyncContext } from '../correlation/async-context';

const scope = new AsyncLocalStorage<string>();

/**
 * Which app the current async flow belongs to. bootstrapApp creates and starts each app inside its scope,
 * so everything that app's server, timers and workers do inherits it. Several apps co-hosted in one
 * process log with their own `app` field even through Nest's process-wide static Logger.
 */
export const AppScope = {
  current(): string | undefined {
    return AsyncContext.enabled() ? scope.getStore() : undefined;
  },
  run<T>(app: string, fn: () => T): T {
    return AsyncContext.enabled() ? scope.run(app, fn) : fn();
  },
};
