/**
 * The gateway's cost over a bare reverse proxy and over calling the upstream directly (issue 4's bar:
 * >= 0.7x the bare proxy's requests per second with the full policy chain on; at 40% of the gateway's
 * maximum load, at most +1 ms at p50 and +5 ms at p99 over the upstream called directly).
 *
 * Set-up, all on loopback, each in its own process: one small upstream (bench/support/upstream), the
 * gateway (dist/apps/gateway/main.js, full policy chain: key auth, scope check, contract validation,
 * rate limit, audit, metrics) on its own PostgreSQL (DATABASE_URL, or a throwaway embedded one), the
 * bare peer (bench/support/bare-proxy: Fastify + @fastify/http-proxy) and the load generator wrk
 * (Debian's package). Each figure is the median of RUNS runs; the runs alternate between targets.
 *
 *   npm run build && node dist/bench/gateway-overhead.js [--runs 5] [--duration 8] [--connections 64]
 *
 * Prints its figures; never fails on a machine's speed (it exits non-zero only when something does
 * not work, e.g. non-2xx answers).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { startThrowawayPostgres } from '@app/persistence';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = flag('runs', 5);
const DURATION_S = flag('duration', 8);
const CONNECTIONS = flag('connections', 64);
const LATENCY_CONNECTIONS = 8;
const LOAD_SHARE = 0.4;
const API_KEY = 'bench-key-0123456789abcdefghijklmnopqrstuv';
const PATH = '/system/crm/v1/opportunities/OPP-0001';
const DIST = path.resolve(__dirname, '..');

interface WrkResult {
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  p50: number;
  p75: number;
  p90: number;
  p99: number;
}

function startProcess(
  label: string,
  command: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${label} did not start in 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code}:\n${out}`));
    });
  });
}

async function waitFor(url: string, headers: Record<string, string> = {}): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(url, { headers });
      if (res.status === 200) return;
      if (Date.now() > deadline) throw new Error(`${url} answers ${res.status}: ${await res.text()}`);
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

function wrk(
  url: string,
  options: { connections: number; durationS: number; script?: string; threads?: number },
): WrkResult {
  const argv = [
    `-t${options.threads ?? 2}`,
    `-c${options.connections}`,
    `-d${options.durationS}s`,
    '--latency',
    '-H',
    `X-API-Key: ${API_KEY}`,
    ...(options.script ? ['-s', options.script] : []),
    url,
  ];
  const out = execFileSync('wrk', argv, { encoding: 'utf8' });
  const pick = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  const pct = (p: string) => toMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '');
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: pick(/Requests\/sec:\s+([\d.]+)/),
    requests: pick(/(\d+) requests in/),
    non2xx: pick(/Non-2xx or 3xx responses: (\d+)/),
    errors: errors ? errors.slice(1).reduce((n, v) => n + Number(v), 0) : 0,
    p50: pct('50'),
    p75: pct('75'),
    p90: pct('90'),
    p99: pct('99'),
  };
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A wrk script pacing each connection so all of them together send about `rps` requests a second. */
function pacingScript(dir: string, rps: number, connections: number): string {
  const delayMs = Math.max(0, (connections * 1000) / rps);
  const file = path.join(dir, `pace-${Math.round(rps)}.lua`);
  writeFileSync(file, `function delay()\n  return ${delayMs.toFixed(3)}\nend\n`);
  return file;
}

function check(label: string, r: WrkResult): void {
  if (r.non2xx > 0 || r.errors > 0 || r.requests === 0) {
    throw new Error(`${label}: ${r.non2xx} non-2xx answers and ${r.errors} socket errors in ${r.requests} requests`);
  }
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-gateway-'));
  const children: ChildProcess[] = [];
  const pg = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres({ database: 'bench' });
  const databaseUrl = process.env.DATABASE_URL ?? (pg as NonNullable<typeof pg>).url;
  try {
    const upstream = await startProcess(
      'upstream',
      process.execPath,
      [path.join(DIST, 'bench/support/upstream.js'), '0'],
      {},
    );
    children.push(upstream.child);
    const upstreamUrl = `http://127.0.0.1:${upstream.port}`;
    const bare = await startProcess(
      'bare proxy',
      process.execPath,
      [path.join(DIST, 'bench/support/bare-proxy.js'), '0', upstreamUrl],
      {},
    );
    children.push(bare.child);

    const gatewayPort = 18080 + Math.floor(Math.random() * 1000);
    const gateway = spawn(process.execPath, [path.join(DIST, 'apps/gateway/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        GATEWAY_PORT: String(gatewayPort),
        HOST: '127.0.0.1',
        SYSTEM_CRM_URL: upstreamUrl,
        DEMO_API_KEY: API_KEY,
        // The benchmark measures the chain, not the quota: the demo consumer's plan must admit the load.
        GATEWAY_PLANS: process.env.GATEWAY_PLANS ?? JSON.stringify({ internal: { rate: 1_000_000, windowSeconds: 1 } }),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(gateway);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitFor(`${gatewayUrl}${PATH}`, { 'X-API-Key': API_KEY });
    await waitFor(`http://127.0.0.1:${bare.port}${PATH}`);

    const targets = {
      direct: `${upstreamUrl}${PATH}`,
      bare: `http://127.0.0.1:${bare.port}${PATH}`,
      gateway: `${gatewayUrl}${PATH}`,
    };
    console.log(`gateway benchmark: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), Node ${process.version}`);
    console.log(`GET ${PATH}, wrk -t2 -c${CONNECTIONS} -d${DURATION_S}s, median of ${RUNS} runs, runs alternate\n`);

    // Warm-up: JIT, pools, caches.
    for (const url of Object.values(targets)) wrk(url, { connections: CONNECTIONS, durationS: 2 });

    const throughput: Record<keyof typeof targets, WrkResult[]> = { direct: [], bare: [], gateway: [] };
    for (let run = 1; run <= RUNS; run++) {
      for (const name of ['bare', 'gateway', 'direct'] as const) {
        const r = wrk(targets[name], { connections: CONNECTIONS, durationS: DURATION_S });
        check(`${name} run ${run}`, r);
        throughput[name].push(r);
      }
      console.log(
        `run ${run}: direct ${fmt(throughput.direct[run - 1].rps)} req/s, bare proxy ${fmt(throughput.bare[run - 1].rps)} req/s, gateway ${fmt(throughput.gateway[run - 1].rps)} req/s`,
      );
    }
    const rps = {
      direct: median(throughput.direct.map((r) => r.rps)),
      bare: median(throughput.bare.map((r) => r.rps)),
      gateway: median(throughput.gateway.map((r) => r.rps)),
    };
    const ratio = rps.gateway / rps.bare;

    const target = rps.gateway * LOAD_SHARE;
    const script = pacingScript(scratch, target, LATENCY_CONNECTIONS);
    // One wrk thread is plenty for 40% of the gateway's maximum, and leaves the second core to the proxies.
    const latency: Record<'direct' | 'bare' | 'gateway', WrkResult[]> = { direct: [], bare: [], gateway: [] };
    for (let run = 1; run <= RUNS; run++) {
      for (const name of ['direct', 'bare', 'gateway'] as const) {
        const r = wrk(targets[name], { connections: LATENCY_CONNECTIONS, durationS: DURATION_S, script, threads: 1 });
        check(`${name} paced run ${run}`, r);
        latency[name].push(r);
      }
    }
    const lat = (name: 'direct' | 'bare' | 'gateway', p: 'p50' | 'p99') => median(latency[name].map((r) => r[p]));
    const achieved = median(latency.gateway.map((r) => r.rps));

    console.log('\nthroughput (median req/s)');
    console.log(`  upstream direct      ${fmt(rps.direct)}`);
    console.log(`  bare proxy           ${fmt(rps.bare)}`);
    console.log(`  gateway (full chain) ${fmt(rps.gateway)}`);
    console.log(`  gateway / bare proxy ${fmt(ratio, 2)}x   (bar: >= 0.70x)`);
    console.log(
      `\nlatency at ${LOAD_SHARE * 100}% of the gateway's maximum (target ${fmt(target)} req/s, achieved ${fmt(achieved)} req/s, ${LATENCY_CONNECTIONS} connections)`,
    );
    console.log(`  direct   p50 ${fmt(lat('direct', 'p50'), 3)} ms   p99 ${fmt(lat('direct', 'p99'), 3)} ms`);
    console.log(`  bare     p50 ${fmt(lat('bare', 'p50'), 3)} ms   p99 ${fmt(lat('bare', 'p99'), 3)} ms`);
    console.log(`  gateway  p50 ${fmt(lat('gateway', 'p50'), 3)} ms   p99 ${fmt(lat('gateway', 'p99'), 3)} ms`);
    console.log(
      `  added    p50 ${fmt(lat('gateway', 'p50') - lat('direct', 'p50'), 3)} ms (bar: <= 1 ms)   p99 ${fmt(lat('gateway', 'p99') - lat('direct', 'p99'), 3)} ms (bar: <= 5 ms)`,
    );
    console.log(
      `  (the bare proxy adds p50 ${fmt(lat('bare', 'p50') - lat('direct', 'p50'), 3)} ms, p99 ${fmt(lat('bare', 'p99') - lat('direct', 'p99'), 3)} ms at the same pace)`,
    );
  } finally {
    for (const child of children.reverse()) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await pg?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
