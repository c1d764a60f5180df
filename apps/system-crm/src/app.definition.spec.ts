import { bootstrapApp } from '@app/platform';
import { systemCrmApp } from './app.definition';

describe('systemCrmApp configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    ['SALESFORCE_LOGIN_URL', 'not a url'],
    ['SALESFORCE_API_VERSION', '60'],
    ['SALESFORCE_QUERY_BATCH_SIZE', '50'],
    ['CRM_POLL_INTERVAL_MS', 'often'],
  ])('refuses to start with a bad %s, naming it', async (variable, value) => {
    process.env[variable] = value;
    await expect(bootstrapApp(systemCrmApp, { port: 0, logger: false })).rejects.toThrow(variable);
  });
});
