import { bootstrapApp } from '@app/platform';
import { systemPsaApp } from './app.definition';

describe('systemPsaApp configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    ['KANTATA_API_URL', 'not a url'],
    ['KANTATA_PAGE_SIZE', '500'],
    ['KANTATA_TIMEOUT_MS', 'soon'],
    ['PSA_POLL_INTERVAL_MS', 'often'],
  ])('refuses to start with a bad %s, naming it', async (variable, value) => {
    process.env[variable] = value;
    await expect(bootstrapApp(systemPsaApp, { port: 0, logger: false })).rejects.toThrow(variable);
  });

  it('declares the draft product psa v1', () => {
    expect(systemPsaApp.apis).toEqual([
      expect.objectContaining({ layer: 'system', product: 'psa', version: 1, lifecycle: 'draft' }),
    ]);
  });
});
