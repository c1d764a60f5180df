import { ensureDatabase } from '@app/persistence';
import { runStandalone } from '@app/platform';
import { systemPsaApp } from './app.definition';

/** system-psa alone on SYSTEM_PSA_PORT (8092); DATABASE_URL or an embedded PostgreSQL. */
void runStandalone(systemPsaApp, {
  prepare: async () => {
    const db = await ensureDatabase();
    process.env.DATABASE_URL = db.url;
    return db.stop;
  },
});
