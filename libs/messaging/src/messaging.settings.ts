import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { loadConfig } from '@app/platform';

/** Tunables of the messaging runtime, read from the environment (validated at boot). */
export class MessagingSettings {
  /** MESSAGING_TRANSPORT: the bus adapter. Only `graphile` (PostgreSQL) today; `nats` is the planned one. */
  @IsIn(['graphile'])
  transport = 'graphile' as const;

  /** MESSAGING_MAX_ATTEMPTS: deliveries of one event to one group before it is dead-lettered. */
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts: number = 5;

  /** MESSAGING_RETRY_BASE_MS: delay before the 2nd delivery; doubles each time, with jitter. */
  @IsInt()
  @Min(1)
  retryBaseMs: number = 1000;

  /** MESSAGING_RETRY_MAX_MS: cap of one retry delay. */
  @IsInt()
  @Min(1)
  retryMaxMs: number = 300_000;

  /** MESSAGING_CONCURRENCY: events handled at once by this process (all its groups together). */
  @IsInt()
  @Min(1)
  @Max(100)
  concurrency: number = 2;

  /** MESSAGING_POLL_INTERVAL_MS: fallback poll for delayed retries (new events arrive by LISTEN/NOTIFY). */
  @IsInt()
  @Min(50)
  pollIntervalMs: number = 1000;

  /** MESSAGING_POOL_SIZE: PostgreSQL connections of the bus (default concurrency + 2). */
  @IsOptional()
  @IsInt()
  @Min(2)
  poolSize?: number;

  /** OUTBOX_POLL_MS: how often the relay looks for unpublished outbox rows (recovery path). */
  @IsInt()
  @Min(10)
  outboxPollMs: number = 500;

  /** OUTBOX_BATCH_SIZE: rows published per relay transaction. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  outboxBatchSize: number = 100;

  /** MESSAGING_SHUTDOWN_TIMEOUT_MS: how long stop() waits for in-flight handlers. */
  @IsInt()
  @Min(0)
  shutdownTimeoutMs: number = 10_000;
}

export type MessagingSettingsOverrides = Partial<Omit<MessagingSettings, 'transport'>> & { transport?: 'graphile' };

/** Settings from `env`, then `overrides` (tests use them for fast retries). */
export function loadMessagingSettings(
  overrides: MessagingSettingsOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): MessagingSettings {
  const settings = loadConfig(
    'messaging',
    MessagingSettings,
    (e) => ({
      transport: e.MESSAGING_TRANSPORT,
      maxAttempts: e.MESSAGING_MAX_ATTEMPTS,
      retryBaseMs: e.MESSAGING_RETRY_BASE_MS,
      retryMaxMs: e.MESSAGING_RETRY_MAX_MS,
      concurrency: e.MESSAGING_CONCURRENCY,
      pollIntervalMs: e.MESSAGING_POLL_INTERVAL_MS,
      poolSize: e.MESSAGING_POOL_SIZE,
      outboxPollMs: e.OUTBOX_POLL_MS,
      outboxBatchSize: e.OUTBOX_BATCH_SIZE,
      shutdownTimeoutMs: e.MESSAGING_SHUTDOWN_TIMEOUT_MS,
    }),
    env,
  );
  Object.assign(settings, Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)));
  settings.poolSize ??= settings.concurrency + 2;
  return settings;
}
