/**
 * Whether this process keeps an async context (AsyncLocalStorage) for the correlation and the app
 * scope. On Node 20 AsyncLocalStorage runs on async_hooks: once one store is entered, every promise
 * the process creates pays a hook. A process that hosts one app which carries its correlation on the
 * request instead (the gateway's hot path) may turn it off before the app starts; everything that
 * reads the context then gets undefined and falls back to what it is given explicitly.
 */
let enabled = true;

export const AsyncContext = {
  enabled(): boolean {
    return enabled;
  },
  /** Process-wide and for good: call before the app starts, only when the app has the process to itself. */
  disable(): void {
    enabled = false;
  },
};
