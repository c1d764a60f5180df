import { ensureDatabase } from '@app/persistence';
import { runStandalone } from '@app/platform';
import { gatewayApp } from './app.definition';

void runStandalone(gatewayApp, {
  prepare: async () => {
    const db = await ensureDatabase();
    process.env.DATABASE_URL = db.url;
    return db.stop;
  },
});
