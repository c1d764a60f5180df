import { bootstrapApp } from '@app/platform';
import { stripeSandboxApp } from './stripe-sandbox.app';

describe('stripeSandboxApp configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    ['SANDBOX_STRIPE_SECRET_KEY', 'sk_live_real'],
    ['SANDBOX_STRIPE_RATE_LIMIT', '0'],
    ['SANDBOX_STRIPE_WEBHOOK_URL', 'nowhere'],
    ['SANDBOX_STRIPE_FAULT_ERROR_RATE', '2'],
  ])('refuses to start with a bad %s, naming it', async (variable, value) => {
    process.env[variable] = value;
    await expect(bootstrapApp(stripeSandboxApp, { port: 0, logger: false })).rejects.toThrow(variable);
  });
});
