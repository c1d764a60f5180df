/** Jest global teardown: stops the throwaway PostgreSQL the global setup started (if any). */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __EMBEDDED_PG__?: { stop(): Promise<void> } };
  const pg = holder.__EMBEDDED_PG__;
  holder.__EMBEDDED_PG__ = undefined;
  if (pg) await pg.stop();
}
