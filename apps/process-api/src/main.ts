import { migrateBus } from '@app/messaging';
import { ensureDatabase } from '@app/persistence';
import { runStandalone } from '@app/platform';
import { processApiApp } from './app.definition';

void runStandalone(processApiApp, {
  prepare: async () => {
    const db = await ensureDatabase();
    process.env.DATABASE_URL = db.url;
    await migrateBus(db.url);
    return db.stop;
  },
});
