/** Injection token of this app's root pino logger. */
export const APP_PINO = Symbol('APP_PINO');
/** Injection token of the runtime options passed to bootstrapApp (optional). */
export const PLATFORM_RUNTIME_OPTIONS = Symbol('PLATFORM_RUNTIME_OPTIONS');
/** Injection token of the app name. */
export const APP_NAME = Symbol('APP_NAME');
