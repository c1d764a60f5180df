import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_KEY, IdentityHarness, tokenRequest } from './identity-harness';

const root = join(__dirname, '..', '..');
const run = promisify(execFile);

describe('CLI: npm run cli -- <command> against a running gateway (real process, real HTTP)', () => {
  let h: IdentityHarness;

  /** Runs tools/cli/main.ts in its own node process; resolves with exit code, stdout and stderr. */
  async function cli(
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number; out: string; err: string }> {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['-r', join(root, 'test/support/ts-register.js'), join(root, 'tools/cli/main.ts'), ...args],
        { cwd: root, env: { PATH: process.env.PATH, GATEWAY_URL: h.url, GATEWAY_ADMIN_KEY: DEMO_KEY, ...env } },
      );
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  }

  beforeAll(async () => {
    h = await IdentityHarness.start();
  });
  afterAll(() => h?.stop());

  it('creates a consumer, sets scopes, plan, entities and IP allow-list, and shows it', async () => {
    const created = await cli([
      'consumers',
      'create',
      'acme-portal',
      '--kind',
      'partner',
      '--plan',
      'free',
      '--scopes',
      'crm:read',
      '--entities',
      'LE-UK,LE-DE',
    ]);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/acme-portal \(/);
    expect(created.out).toMatch(/legal entities: LE-DE, LE-UK/);
    expect((await cli(['scopes', 'set', 'acme-portal', 'crm:read,psa:read'])).code).toBe(0);
    expect((await cli(['plan', 'set', 'acme-portal', 'partner'])).code).toBe(0);
    expect((await cli(['entities', 'set', 'acme-portal', 'all'])).code).toBe(0);
    expect((await cli(['ip', 'set', 'acme-portal', '10.0.0.0/8'])).code).toBe(0);
    const shown = await cli(['consumers', 'show', 'acme-portal', '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toMatchObject({
      name: 'acme-portal',
      kind: 'partner',
      plan: 'partner',
      scopes: ['crm:read', 'psa:read'],
      legalEntities: null,
      ipAllowList: ['10.0.0.0/8'],
    });
    const listed = await cli(['consumers', 'list']);
    expect(listed.out).toMatch(/^NAME\s+KIND\s+PLAN/m);
    expect(listed.out).toMatch(/acme-portal\s+partner\s+partner/);
  });

  it('issues, rotates and revokes keys: the key printed once works, the revoked one does not', async () => {
    await cli(['consumers', 'create', 'ops-bot', '--kind', 'internal', '--scopes', 'admin']);
    const issued = await cli(['keys', 'issue', 'ops-bot', '--json']);
    expect(issued.code).toBe(0);
    const { key, keyId } = JSON.parse(issued.out);
    expect(key).toMatch(/^psk_/);
    // The key works as the CLI's own credential.
    const asBot = await cli(['consumers', 'list', '--key', key], { GATEWAY_ADMIN_KEY: '' });
    expect(asBot.code).toBe(0);
    const rotated = await cli(['keys', 'rotate', 'ops-bot', keyId, '--overlap-minutes', '0']);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/New API key/);
    const newKey = /\n {2}(psk_\S+)\n/.exec(rotated.out)![1];
    expect((await cli(['consumers', 'list', '--key', key])).code).toBe(1);
    expect((await cli(['consumers', 'list', '--key', newKey])).code).toBe(0);
    const keys = JSON.parse((await cli(['keys', 'list', 'ops-bot', '--json'])).out);
    const current = keys.find((k: { status: string }) => k.status === 'active');
    const revoked = await cli(['keys', 'revoke', 'ops-bot', current.keyId]);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toMatch(/^revoked /);
    const refused = await cli(['consumers', 'list', '--key', newKey]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/HTTP 401.*revoked/);
  });

  it('creates an OAuth client whose secret gets a token', async () => {
    await cli(['consumers', 'create', 'erp-sync', '--scopes', 'erp:write']);
    const created = await cli(['clients', 'create', 'erp-sync']);
    expect(created.code).toBe(0);
    const clientId = /client_id:\s+(\S+)/.exec(created.out)![1];
    const clientSecret = /client_secret:\s+(\S+)/.exec(created.out)![1];
    const token = await tokenRequest(h.url, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(token.status).toBe(200);
    expect(token.body.scope).toBe('erp:write');
  });

  it('bad input: a problem named on stderr with exit code 1; a usage error with exit code 2', async () => {
    const bad = await cli(['consumers', 'create', 'Bad Name!']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/HTTP 400/);
    expect(bad.err).toMatch(/name/);
    const missing = await cli(['consumers', 'show', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/HTTP 404/);
    const unknown = await cli(['consumers', 'explode']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command/);
    const noKey = await cli(['consumers', 'list'], { GATEWAY_ADMIN_KEY: 'psk_wrong-wrong-wrong-wrong' });
    expect(noKey.code).toBe(1);
    expect(noKey.err).toMatch(/HTTP 401/);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/keys rotate <consumer> <keyId>/);
  });
});
