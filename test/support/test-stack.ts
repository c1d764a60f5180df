// The launcher is loaded on first use only: specs that just need a database stay quick to load.
import type { Stack, StackOptions } from '../../tools/launcher/stack';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestStack extends Stack {
  /** The fresh database this stack runs on. */
  database: TestDatabase;
}

export type TestStackOptions = Omit<StackOptions, 'databaseUrl'>;

/**
 * The launcher's stack on a fresh database with every port random (port 0), listening on 127.0.0.1,
 * logging silenced (LOG_LEVEL=silent; pass `env: { LOG_LEVEL: 'info' }` to see the logs). stop() stops
 * the apps and drops the database.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const { appDefinitions } = await import('../../tools/launcher/apps');
  const { startStack } = await import('../../tools/launcher/stack');
  const database = await createTestDatabase('stack');
  const registry = options.definitions;
  const ports: Record<string, number> = {};
  for (const def of registry ?? appDefinitions) ports[def.name] = 0;
  let stack: Stack;
  try {
    stack = await startStack({
      host: '127.0.0.1',
      logger: false,
      output: 'pipe',
      ...options,
      ports: { ...ports, ...(options.ports ?? {}) },
      env: { LOG_LEVEL: 'silent', NODE_ENV: 'test', ...(options.env ?? {}) },
      databaseUrl: database.url,
    });
  } catch (err) {
    await database.drop();
    throw err;
  }
  const stopStack = stack.stop;
  let stopped: Promise<void> | undefined;
  return Object.assign(stack, {
    database,
    stop: () =>
      (stopped ??= (async () => {
        try {
          await stopStack();
        } finally {
          await database.drop();
        }
      })()),
  });
}
