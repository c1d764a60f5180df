import type { Pool, PoolClient } from 'pg';
import { makeBusPool } from './bus-pool';
import { MESSAGING_SCHEMA, migrateBusWithPool } from './migrate-bus';

/** Which event types a consumer group receives. */
export interface GroupSubscription {
  group: string;
  types: string[];
}

/**
 * Records (or replaces) the event types of each group in `messaging.subscriptions`, in one transaction.
 * A bus does it for its own groups on start; a launcher may do it for every app before starting any, so
 * that an event published by an app started earlier is not missed by a group that registers later.
 */
export async function registerSubscriptions(databaseUrl: string, subscriptions: GroupSubscription[]): Promise<void> {
  const pool = makeBusPool(databaseUrl, 2, 'messaging:subscriptions');
  try {
    await migrateBusWithPool(pool);
    await replaceSubscriptions(pool, subscriptions);
  } finally {
    await pool.end();
  }
}

/** @internal */
export async function replaceSubscriptions(pool: Pool, subscriptions: GroupSubscription[]): Promise<void> {
  if (subscriptions.length === 0) return;
  const client: PoolClient = await pool.connect();
  try {
    await client.query('begin');
    for (const sub of subscriptions) {
      const types = [...new Set(sub.types)];
      await client.query(
        `delete from ${MESSAGING_SCHEMA}.subscriptions where group_name = $1 and not (event_type = any($2::text[]))`,
        [sub.group, types],
      );
      await client.query(
        `insert into ${MESSAGING_SCHEMA}.subscriptions (event_type, group_name) select t, $1 from unnest($2::text[]) t on conflict do nothing`,
        [sub.group, types],
      );
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
