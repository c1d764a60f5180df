import { bootstrapApp } from '@app/platform';
import { systemBillingApp } from './app.definition';

describe('systemBillingApp configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    ['STRIPE_API_URL', 'not a url'],
    ['STRIPE_SECRET_KEY', 'pk_test_public'],
    ['STRIPE_WEBHOOK_SECRET', 'short'],
    ['STRIPE_MAX_RETRIES', 'many'],
    ['STRIPE_REQUESTS_PER_SECOND', '0'],
  ])('refuses to start with a bad %s, naming it', async (variable, value) => {
    process.env[variable] = value;
    await expect(bootstrapApp(systemBillingApp, { port: 0, logger: false })).rejects.toThrow(variable);
  });
});
