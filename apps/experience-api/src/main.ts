import { ensureDatabase } from '@app/persistence';
import { runStandalone } from '@app/platform';
import { experienceApiApp } from './app.definition';

void runStandalone(experienceApiApp, {
  prepare: async () => {
    const db = await ensureDatabase();
    process.env.DATABASE_URL = db.url;
    return db.stop;
  },
});
