import { Logger } from '@nestjs/common';
import { Pool } from 'pg';

/**
 * A pg pool for the bus with error handlers on the pool and on each client (an idle connection dropped by
 * the server must not crash the process; graphile-worker reconnects its LISTEN client by itself).
 */
export function makeBusPool(connectionString: string, max: number, applicationName: string): Pool {
  const log = new Logger(applicationName);
  const pool = new Pool({ connectionString, max, application_name: applicationName.slice(0, 63) });
  const onError = (err: Error) => log.warn(`Bus connection error: ${err.message}`);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}
