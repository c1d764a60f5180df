import pino, { DestinationStream, Level, Logger, LoggerOptions } from 'pino';
import { Correlation } from '../correlation/correlation';
import { AppScope } from './app-scope';

export type LogLevel = Level | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface AppLoggerOptions {
  app: string;
  level: LogLevel;
  /** Where lines go (default: stdout). Tests pass a stream to read them. */
  destination?: DestinationStream;
}

/**
 * The app's root pino logger: JSON lines with `app` and, inside a request or event, `correlationId`
 * (read from AsyncLocalStorage by a mixin, so every line has it without passing loggers around).
 */
export function createAppLogger(o: AppLoggerOptions): Logger {
  const options: LoggerOptions = {
    level: o.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const ctx = Correlation.current();
      return ctx
        ? { app: AppScope.current() ?? o.app, correlationId: ctx.correlationId }
        : { app: AppScope.current() ?? o.app };
    },
    redact: {
      paths: ['headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  };
  return o.destination ? pino(options, o.destination) : pino(options);
}

/** LOG_LEVEL, else 'warn' under NODE_ENV=test, else 'info'. */
export function defaultLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const v = env.LOG_LEVEL?.trim().toLowerCase();
  if (v && (LOG_LEVELS as readonly string[]).includes(v)) return v as LogLevel;
  return env.NODE_ENV === 'test' ? 'warn' : 'info';
}
