import { startTestStack, TestStack } from '@app/testing';
import { isAlive } from './process-helpers';
import { appDefinitions as fixtureApps } from './fixture-apps';

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

describe('launcher stack', () => {
  describe('in-process', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({ definitions: fixtureApps });
    });
    afterAll(() => stack?.stop());

    it('starts the apps in order, each on its own real port, the later ones told the URLs of the earlier ones', async () => {
      expect(stack.apps.map((a) => a.name)).toEqual(['fixture-upstream', 'fixture-downstream']);
      const upstream = stack.urls['fixture-upstream'];
      expect(upstream).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(new URL(upstream).port).not.toBe(new URL(stack.urls['fixture-downstream']).port);
      const relay = await getJson(`${stack.urls['fixture-downstream']}/fixture/downstream/v1/relay`);
      expect(relay).toEqual({
        status: 200,
        body: { upstreamUrl: upstream, upstream: { notes: ['seeded by a migration'], pid: process.pid } },
      });
      // The variables were only set while the apps were created.
      expect(process.env.FIXTURE_UPSTREAM_URL).toBeUndefined();
    });

    it('reports each app ready (its own database)', async () => {
      for (const url of Object.values(stack.urls)) {
        expect((await getJson(`${url}/health/ready`)).status).toBe(200);
      }
    });

    it('restarts one app on the same port', async () => {
      const url = stack.urls['fixture-upstream'];
      await stack.kill('fixture-upstream');
      expect(await refused(`${url}/health/live`)).toBe(true);
      const again = await stack.restart('fixture-upstream');
      expect(again.url).toBe(url);
      expect((await getJson(`${url}/fixture/upstream/v1/notes`)).body.notes).toEqual(['seeded by a migration']);
    });

    it('stops every app', async () => {
      const urls = Object.values(stack.urls);
      await stack.stop();
      for (const url of urls) expect(await refused(`${url}/health/live`)).toBe(true);
    });
  });

  describe('processes mode', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({
        definitions: fixtureApps,
        mode: 'processes',
        registryModule: require.resolve('./fixture-apps'),
      });
    }, 90_000);
    afterAll(() => stack?.stop());

    it('runs each app in its own process, wired to the others', async () => {
      const [upstream, downstream] = stack.apps;
      expect(upstream.pid).toEqual(expect.any(Number));
      expect(upstream.pid).not.toBe(downstream.pid);
      expect(upstream.pid).not.toBe(process.pid);
      const relay = await getJson(`${stack.urls['fixture-downstream']}/fixture/downstream/v1/relay`);
      expect(relay.body).toEqual({
        upstreamUrl: stack.urls['fixture-upstream'],
        upstream: { notes: ['seeded by a migration'], pid: upstream.pid },
      });
    });

    it('survives the kill -9 of one app, which restarts on the same address', async () => {
      const victim = stack.get('fixture-upstream');
      await stack.kill('fixture-upstream', 'SIGKILL');
      expect(isAlive(victim.pid!)).toBe(false);
      const meanwhile = await getJson(`${stack.urls['fixture-downstream']}/fixture/downstream/v1/relay`);
      expect(meanwhile.body.upstream.error).toBeDefined();

      const restarted = await stack.restart('fixture-upstream');
      expect(restarted.pid).not.toBe(victim.pid);
      const relay = await getJson(`${stack.urls['fixture-downstream']}/fixture/downstream/v1/relay`);
      expect(relay.body.upstream).toEqual({ notes: ['seeded by a migration'], pid: restarted.pid });
    }, 60_000);

    it('stops every child process', async () => {
      const pids = stack.apps.map((a) => a.pid!);
      await stack.stop();
      for (const pid of pids) expect(isAlive(pid)).toBe(false);
    });
  });
});
