import { bootstrapApp } from '@app/platform';
import { systemHrisApp } from './app.definition';

describe('systemHrisApp configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('declares the HRIS product as a draft system API', () => {
    expect(systemHrisApp).toMatchObject({ schema: 'system_hris', defaultPort: 8095 });
    expect(systemHrisApp.apis).toEqual([
      expect.objectContaining({ layer: 'system', product: 'hris', version: 1, lifecycle: 'draft' }),
    ]);
  });

  it.each([
    ['WORKDAY_API_URL', 'not a url'],
    ['WORKDAY_TENANT', 'a tenant/with slash'],
    ['WORKDAY_PAGE_SIZE', '500'],
    ['WORKDAY_MAX_REQUESTS_PER_SECOND', 'lots'],
    ['HRIS_POLL_INTERVAL_MS', 'often'],
    ['HRIS_FIRM', 'Demo Firm'],
  ])('refuses to start with a bad %s, naming it', async (variable, value) => {
    process.env[variable] = value;
    await expect(bootstrapApp(systemHrisApp, { port: 0, logger: false })).rejects.toThrow(variable);
  });
});
