import { ConfigError } from '@app/platform';
import { loadMessagingSettings } from './messaging.settings';

describe('loadMessagingSettings', () => {
  it('has the documented defaults', () => {
    expect(loadMessagingSettings({}, {})).toMatchObject({
      transport: 'graphile',
      maxAttempts: 5,
      retryBaseMs: 1000,
      concurrency: 2,
      poolSize: 4,
      outboxPollMs: 500,
    });
  });

  it('reads the environment (strings coerced) and applies overrides last', () => {
    const s = loadMessagingSettings(
      { retryBaseMs: 50 },
      { MESSAGING_MAX_ATTEMPTS: '3', MESSAGING_RETRY_BASE_MS: '700', OUTBOX_POLL_MS: '250' },
    );
    expect(s).toMatchObject({ maxAttempts: 3, retryBaseMs: 50, outboxPollMs: 250 });
  });

  it('names the variable when a value is invalid', () => {
    expect(() => loadMessagingSettings({}, { MESSAGING_MAX_ATTEMPTS: 'zero' })).toThrow(ConfigError);
    expect(() => loadMessagingSettings({}, { MESSAGING_MAX_ATTEMPTS: '0' })).toThrow(/MESSAGING_MAX_ATTEMPTS/);
    expect(() => loadMessagingSettings({}, { MESSAGING_TRANSPORT: 'nats' })).toThrow(/MESSAGING_TRANSPORT/);
  });
});
