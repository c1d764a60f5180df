import { ensureDatabase } from '@app/persistence';
import { runStandalone } from '@app/platform';
import { systemCrmApp } from './app.definition';

/** system-crm alone on SYSTEM_CRM_PORT (8091); DATABASE_URL or an embedded PostgreSQL. */
void runStandalone(systemCrmApp, {
  prepare: async () => {
    const db = await ensureDatabase();
    process.env.DATABASE_URL = db.url;
    return db.stop;
  },
});
