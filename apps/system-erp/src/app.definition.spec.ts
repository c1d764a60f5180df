import { bootstrapApp } from '@app/platform';
import { systemErpApp } from './app.definition';

describe('systemErpApp configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    ['ERP_VENDOR', 'sap'],
    ['ERP_FIRM_ID', 'Not A Slug'],
    ['NETSUITE_API_URL', 'not a url'],
    ['NETSUITE_ALGORITHM', 'RS256'],
    ['BUSINESS_CENTRAL_API_URL', 'nope'],
    ['BUSINESS_CENTRAL_PAGE_SIZE', '0'],
  ])('refuses to start with a bad %s, naming it', async (variable, value) => {
    process.env[variable] = value;
    await expect(bootstrapApp(systemErpApp, { port: 0, logger: false })).rejects.toThrow(variable);
  });
});
