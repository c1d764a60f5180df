import { Logger } from '@nestjs/common';
import { JobHelpers, Runner, run } from 'graphile-worker';
import type { Pool } from 'pg';
import { BusSubscription, Delivery, EventBus } from '../event-bus';
import { EventEnvelope, assertEventEnvelope } from '../event-envelope';
import { RetryPolicy, backoffDelayMs } from '../retry-policy';
import { makeBusPool } from './bus-pool';
import { graphileLogger } from './graphile-logger';
import { MESSAGING_SCHEMA, WORKER_SCHEMA, migrateBusWithPool } from './migrate-bus';
import { replaceSubscriptions } from './subscriptions';

export interface GraphileEventBusOptions {
  connectionString: string;
  /** Used in logs and as the PostgreSQL application_name. */
  appName: string;
  retry: RetryPolicy;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** Fallback poll (ms) for delayed retries; new jobs arrive by LISTEN/NOTIFY. */
  pollIntervalMs: number;
  /** Connections of this bus's own pool (LISTEN + job fetching + publishing). */
  poolSize: number;
  /** Upper bound for `stop()` waiting on in-flight handlers. */
  shutdownTimeoutMs: number;
}

/** What a job carries: the envelope and which delivery this is. */
interface DeliveryJob {
  event: EventEnvelope;
  attempt: number;
}

/**
 * graphile-worker's own retries stay as a slow safety net only: a job fails (from graphile's point of view)
 * only when the handler fails on its last attempt AND could not settle it (e.g. the database was down while
 * writing the dead letter). Normal retries are new jobs scheduled by this adapter with our own backoff.
 */
const SAFETY_NET_ATTEMPTS = 25;

/** One task identifier per consumer group; each process runs only the tasks of its own groups. */
export function taskIdentifier(group: string): string {
  return `deliver:${group}`;
}

/** One job key per (group, event): a double publish while the job waits is one delivery. */
function jobKeySql(groupExpr: string, eventExpr: string): string {
  return `${groupExpr} || ':' || (${eventExpr}->>'id')`;
}

/**
 * Fan-out: one job per (event, subscribed group), in event order, skipping (group, event) pairs that already
 * have a job waiting or running. add_jobs runs once, with all the jobs, and NOTIFYs the workers.
 */
const PUBLISH_SQL = `
with specs as (
  select coalesce(array_agg(row(
           'deliver:' || s.group_name,
           json_build_object('event', e.ev, 'attempt', 1),
           null, null, $2::int, ${jobKeySql('s.group_name', 'e.ev')}, null, null
         )::${WORKER_SCHEMA}.job_spec order by e.ord, s.group_name), '{}') as arr
  from jsonb_array_elements($1::jsonb) with ordinality as e(ev, ord)
  join ${MESSAGING_SCHEMA}.subscriptions s on s.event_type = e.ev->>'type'
  where not exists (select 1 from ${WORKER_SCHEMA}.jobs j where j.key = ${jobKeySql('s.group_name', 'e.ev')})
)
select (select count(*) from ${WORKER_SCHEMA}.add_jobs(arr, true))::int as jobs from specs where cardinality(arr) > 0`;

/** Same, for one named group whatever the subscriptions say (dead-letter replay). */
const REDELIVER_SQL = `
with specs as (
  select coalesce(array_agg(row(
           'deliver:' || $3::text,
           json_build_object('event', e.ev, 'attempt', 1),
           null, null, $2::int, ${jobKeySql('$3::text', 'e.ev')}, null, null
         )::${WORKER_SCHEMA}.job_spec order by e.ord), '{}') as arr
  from jsonb_array_elements($1::jsonb) with ordinality as e(ev, ord)
  where not exists (select 1 from ${WORKER_SCHEMA}.jobs j where j.key = ${jobKeySql('$3::text', 'e.ev')})
)
select (select count(*) from ${WORKER_SCHEMA}.add_jobs(arr, true))::int as jobs from specs where cardinality(arr) > 0`;

/**
 * Schedules the next delivery as a new job with the same key. The running job is locked, so graphile
 * detaches the key from it and inserts the new one; the running job then completes.
 */
const RETRY_SQL = `
select id from ${WORKER_SCHEMA}.add_job(
  $1::text, $2::json,
  run_at => now() + ($3::int * interval '1 millisecond'),
  max_attempts => $4::int,
  job_key => $5::text)`;

/**
 * EventBus on graphile-worker (PostgreSQL, LISTEN/NOTIFY). See docs/decisions/0001-event-bus-graphile-worker.md.
 *
 * - `messaging.subscriptions` holds (event type, group); `start()` replaces this process's groups' rows.
 * - `publish` adds one job per matching group: task `deliver:<group>`, key `<group>:<eventId>`, payload
 *   `{ event, attempt }`.
 * - this process runs a graphile runner for the tasks of its own groups only.
 * - a failed handler gets a new job for the next attempt after `backoffDelayMs`; a timer NOTIFYs the
 *   workers when it is due so the retry does not wait for the next poll.
 */
export class GraphileEventBus extends EventBus {
  private readonly log: Logger;
  private readonly pool: Pool;
  private readonly subscriptions = new Map<string, BusSubscription>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private runner: Runner | undefined;
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: GraphileEventBusOptions) {
    super();
    this.log = new Logger(`EventBus:${options.appName}`);
    this.pool = makeBusPool(options.connectionString, Math.max(2, options.poolSize), `${options.appName}:bus`);
  }

  override async publish(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    this.assertOpen();
    events.forEach((e) => assertEventEnvelope(e));
    await this.pool.query(PUBLISH_SQL, [JSON.stringify(events), SAFETY_NET_ATTEMPTS]);
  }

  override async redeliver(group: string, events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    this.assertOpen();
    events.forEach((e) => assertEventEnvelope(e));
    await this.pool.query(REDELIVER_SQL, [JSON.stringify(events), SAFETY_NET_ATTEMPTS, group]);
  }

  override subscribe(subscription: BusSubscription): void {
    if (this.starting) throw new Error(`EventBus: subscribe(${subscription.group}) after start()`);
    if (!/^[A-Za-z0-9._:-]{1,100}$/.test(subscription.group)) {
      throw new Error(`EventBus: invalid group name '${subscription.group}' (letters, digits, . _ : -)`);
    }
    if (this.subscriptions.has(subscription.group))
      throw new Error(`EventBus: group '${subscription.group}' subscribed twice`);
    if (subscription.types.length === 0) throw new Error(`EventBus: group '${subscription.group}' has no event types`);
    this.subscriptions.set(subscription.group, { ...subscription, types: [...new Set(subscription.types)] });
  }

  override start(): Promise<void> {
    this.starting ??= this.doStart();
    return this.starting;
  }

  override stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  override async health(): Promise<{ status: 'up' | 'down'; detail?: string }> {
    if (this.stopping) return { status: 'down', detail: 'stopped' };
    const tasks = [...this.subscriptions.keys()].map(taskIdentifier);
    const { rows } = await this.pool.query<{ waiting: number; retrying: number }>(
      `select count(*) filter (where run_at <= now())::int as waiting, count(*) filter (where run_at > now())::int as retrying
         from ${WORKER_SCHEMA}.jobs where task_identifier = any($1::text[])`,
      [tasks],
    );
    if (tasks.length === 0) return { status: 'up', detail: 'publishing only (no consumer group in this app)' };
    const consuming = this.runner ? 'consuming' : 'not consuming';
    return {
      status: this.runner ? 'up' : 'down',
      detail: `${consuming} for ${[...this.subscriptions.keys()].join(', ')}: ${rows[0].waiting} due, ${rows[0].retrying} scheduled retries`,
    };
  }

  private async doStart(): Promise<void> {
    this.assertOpen();
    await migrateBusWithPool(this.pool, graphileLogger(`EventBus:${this.options.appName}:migrate`));
    await replaceSubscriptions(this.pool, [...this.subscriptions.values()]);
    if (this.subscriptions.size === 0) return;
    const taskList: Record<string, (payload: unknown, helpers: JobHelpers) => Promise<void>> = {};
    for (const sub of this.subscriptions.values()) {
      taskList[taskIdentifier(sub.group)] = (payload) => this.deliver(sub, payload as DeliveryJob);
    }
    const runner = await run({
      pgPool: this.pool,
      schema: WORKER_SCHEMA,
      taskList,
      parsedCronItems: [],
      concurrency: this.options.concurrency,
      pollInterval: this.options.pollIntervalMs,
      noHandleSignals: true,
      logger: graphileLogger(`EventBus:${this.options.appName}:worker`),
    });
    this.runner = runner;
    runner.promise.catch((err: unknown) => this.log.error(`Event bus worker stopped with an error: ${String(err)}`));
    this.log.log(`Consuming for groups: ${[...this.subscriptions.keys()].join(', ')}`);
  }

  private async deliver(sub: BusSubscription, job: DeliveryJob): Promise<void> {
    const delivery: Delivery = { attempt: job.attempt, maxAttempts: this.options.retry.maxAttempts };
    try {
      await sub.handler(job.event, delivery);
    } catch (err) {
      if (job.attempt >= this.options.retry.maxAttempts) throw err;
      const delay = backoffDelayMs(this.options.retry, job.attempt + 1);
      await this.pool.query(RETRY_SQL, [
        taskIdentifier(sub.group),
        JSON.stringify({ event: job.event, attempt: job.attempt + 1 } satisfies DeliveryJob),
        delay,
        SAFETY_NET_ATTEMPTS,
        `${sub.group}:${job.event.id}`,
      ]);
      this.wakeWorkersIn(delay);
    }
  }

  /** A NOTIFY when a delayed retry becomes due, so it runs on time rather than at the next poll. */
  private wakeWorkersIn(delayMs: number): void {
    if (this.stopping) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopping) return;
      this.pool.query(`select pg_notify('jobs:insert', '{"count":1}')`).catch(() => undefined);
    }, delayMs + 5);
    timer.unref();
    this.timers.add(timer);
  }

  private async doStop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.starting?.catch(() => undefined);
    const runner = this.runner;
    this.runner = undefined;
    if (runner) {
      const stopped = await withTimeout(runner.stop(), this.options.shutdownTimeoutMs);
      if (!stopped)
        this.log.warn(`Event bus worker did not stop within ${this.options.shutdownTimeoutMs} ms; closing anyway`);
    }
    const ended = await withTimeout(this.pool.end(), this.options.shutdownTimeoutMs);
    if (!ended) this.log.warn('Event bus connections did not close in time');
  }

  private assertOpen(): void {
    if (this.stopping) throw new Error('EventBus is stopped');
  }
}

/** Resolves true when p settles within ms, false otherwise (p's rejection is logged by the caller's flow). */
async function withTimeout(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
