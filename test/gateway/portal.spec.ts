/**
 * The developer portal in a real headless Chromium: products and versions with lifecycle badges,
 * Swagger UI rendering every operation of a contract from local assets only, spec downloads and the
 * changelog between two versions of a product.
 */
import { startTestStack, TestStack } from '@app/testing';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { gatewayApp } from '../../apps/gateway/src/app.definition';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OPENAPI = path.resolve(__dirname, '../../openapi');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

type Doc = { info: Record<string, unknown>; paths: Record<string, Record<string, { operationId?: string }>> };
const operationCount = (doc: Doc) =>
  Object.values(doc.paths).reduce((n, item) => n + METHODS.filter((m) => item[m]).length, 0);

/** A v2 of the CRM product beside the real contracts: one operation fewer, one renamed field. */
function crmV2(v1: Doc): Doc {
  const doc = JSON.parse(JSON.stringify(v1).replace(/\/system\/crm\/v1\//g, '/system/crm/v2/')) as Doc & {
    components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
  };
  doc.info = { ...doc.info, version: '2', 'x-lifecycle': 'active' };
  const paths = Object.keys(doc.paths);
  delete doc.paths[paths[paths.length - 1]];
  const schema = Object.values(doc.components?.schemas ?? {}).find((s) => s.properties && 'name' in s.properties);
  if (schema?.properties) {
    schema.properties.displayName = schema.properties.name;
    delete schema.properties.name;
  }
  return doc;
}

describe('developer portal (headless Chromium)', () => {
  const chromiumThere = existsSync(CHROMIUM);
  // CI installs Chromium (.ci/run); a developer machine without it skips, but CI never does.
  const maybe = chromiumThere || process.env.CI === 'true' ? describe : describe.skip;

  maybe('with the committed contracts and a fixture v2', () => {
    let stack: TestStack;
    let browser: Browser;
    let base: string;
    let dir: string;
    let contracts: Map<string, Doc>;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'portal-contracts-'));
      contracts = new Map();
      for (const file of readdirSync(OPENAPI).filter((f) => f.endsWith('.json'))) {
        const text = readFileSync(path.join(OPENAPI, file), 'utf8');
        writeFileSync(path.join(dir, file), text);
        contracts.set(file.replace(/\.json$/, ''), JSON.parse(text) as Doc);
      }
      const v2 = crmV2(contracts.get('system.crm.v1') as Doc);
      writeFileSync(path.join(dir, 'system.crm.v2.json'), JSON.stringify(v2, null, 2));
      contracts.set('system.crm.v2', v2);

      stack = await startTestStack({ definitions: [gatewayApp], env: { GATEWAY_OPENAPI_DIR: dir } });
      base = stack.urls.gateway;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('lists every product and version with its lifecycle badge and download link', async () => {
      const page = await browser.newPage();
      const response = await page.goto(`${base}/portal`);
      expect(response?.status()).toBe(200);
      const rows = await page.$$eval('tr[data-contract]', (trs) =>
        trs.map((tr) => ({
          name: tr.getAttribute('data-contract'),
          lifecycle: tr.querySelector('.badge')?.getAttribute('data-lifecycle'),
          download: tr.querySelector('a.download-link')?.getAttribute('href'),
        })),
      );
      expect(rows.map((r) => r.name).sort()).toEqual([...contracts.keys()].sort());
      for (const row of rows) {
        expect(row.lifecycle).toBe(contracts.get(row.name as string)?.info['x-lifecycle']);
        expect(row.download).toBe(`/openapi/${row.name}.json`);
      }
      const products = await page.$$eval('section.product', (s) => s.map((e) => e.getAttribute('data-product')));
      expect(new Set(products).size).toBe(new Set([...contracts.keys()].map((n) => n.replace(/\.v\d+$/, ''))).size);
      await page.close();
    });

    it('renders every operation of a contract in Swagger UI, from local assets only', async () => {
      const page = await browser.newPage();
      const foreign: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url());
      });
      await page.goto(`${base}/portal`);
      await page.click('tr[data-contract="system.crm.v1"] a.docs-link');
      await page.waitForSelector('.opblock', { timeout: 30_000 });
      const expected = operationCount(contracts.get('system.crm.v1') as Doc);
      await page.waitForFunction(`document.querySelectorAll('.opblock').length === ${expected}`, undefined, {
        timeout: 30_000,
      });
      const paths = await page.$$eval('.opblock .opblock-summary-path', (els) =>
        els.map((e) => e.getAttribute('data-path')),
      );
      for (const p of Object.keys((contracts.get('system.crm.v1') as Doc).paths)) expect(paths).toContain(p);
      expect(foreign).toEqual([]);
      await page.close();
    }, 60_000);

    it('downloads the document byte for byte', async () => {
      const res = await fetch(`${base}/openapi/system.crm.v1.json`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(readFileSync(path.join(dir, 'system.crm.v1.json'), 'utf8'));
    });

    it('shows the changelog between the two versions of a product', async () => {
      const page = await browser.newPage();
      await page.goto(`${base}/portal`);
      await page.click('section[data-product="system.crm"] a.changelog-link');
      await page.waitForSelector('ul.changelog');
      const kinds = await page.$$eval('li.operation', (els) => els.map((e) => e.getAttribute('data-kind')));
      expect(kinds).toContain('removed');
      const text = await page.textContent('ul.changelog');
      expect(text).toContain('displayName');
      await page.close();

      const json = (await (
        await fetch(`${base}/portal/changelog/system.crm?from=v1&to=v2`, { headers: { accept: 'application/json' } })
      ).json()) as { from: string; to: string; operations: Array<{ kind: string }> };
      expect(json).toMatchObject({ from: 'system.crm.v1', to: 'system.crm.v2' });
      // the fixture drops v1's last path: each of its operations is removed
      const v1Paths = (contracts.get('system.crm.v1') as Doc).paths;
      const dropped = Object.keys(v1Paths[Object.keys(v1Paths).pop() as string] as object).length;
      expect(json.operations.filter((o) => o.kind === 'removed')).toHaveLength(dropped);
    }, 60_000);

    it('answers unknown products, versions and assets with 4xx problem+json', async () => {
      const cases: Array<[string, number]> = [
        ['/portal/docs/system.nope.v1', 404],
        ['/portal/changelog/system.nope', 404],
        ['/portal/changelog/system.crm?from=v9', 400],
        // an encoded traversal is refused at the edge, before any route (gateway hardening)
        ['/portal/assets/..%2Fpackage.json', 400],
        ['/portal/assets/index.html', 404],
      ];
      for (const [url, status] of cases) {
        const res = await fetch(`${base}${url}`);
        expect({ url, status: res.status }).toEqual({ url, status });
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    });
  });

  it('has Chromium available where CI runs', () => {
    if (process.env.CI === 'true') expect(chromiumThere).toBe(true);
  });
});
