/**
 * Month-end volume: how long generating the demo firm at `month-end` scale takes (2,000 workers,
 * 500 projects, 200,000 time entries) and how long each vendor sandbox takes to load it through its
 * reset endpoint (`POST /__sandbox/reset {"scale":"month-end"}`: what `npm start -- --scale` does),
 * with the counts each one then holds.
 *
 *   npm run build && node dist/bench/seed-scale.js [--scale month-end|demo] [--only kantata,workday]
 *
 * Every sandbox runs in this process on loopback, on DATABASE_URL or a throwaway embedded PostgreSQL.
 */
import { startThrowawayPostgres } from '@app/persistence';
import { AppDefinition, bootstrapApp } from '@app/platform';
import { sandboxApps } from '../apps/sandbox/src/app.definition';
import { DEMO_FIRM_SIZES, DemoScale, generateDemoFirm } from '../apps/sandbox/src/common/demo-firm';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const scale = (option('scale') ?? 'month-end') as DemoScale;
const only = option('only')?.split(',');

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function main(): Promise<void> {
  if (!DEMO_FIRM_SIZES[scale]) throw new Error(`--scale must be demo or month-end`);
  let t = Date.now();
  const firm = generateDemoFirm(DEMO_FIRM_SIZES[scale], scale);
  const generation = Date.now() - t;
  console.log(`demo firm at scale ${scale}: generated in ${seconds(generation)}`);
  console.log(
    `  ${firm.customers.length} customers, ${firm.opportunities.length} opportunities, ${firm.workers.length} workers, ` +
      `${firm.projects.length} projects, ${firm.participations.length} participations, ` +
      `${firm.projects.reduce((n, p) => n + p.milestones.length, 0)} milestones, ${firm.timeEntries.length} time entries`,
  );

  const pg = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres({ database: 'bench' });
  process.env.DATABASE_URL ??= pg!.url;
  const apps: AppDefinition[] = sandboxApps.filter((a) => !only || only.some((o) => a.name.includes(o)));
  const rows: Array<{ app: string; boot: number; load: number; answer: string }> = [];
  try {
    for (const app of apps) {
      t = Date.now();
      // Boots with the demo-size seed (its schema empty), then loads the requested scale.
      const running = await bootstrapApp(app, { port: 0, host: '127.0.0.1', logger: false });
      const boot = Date.now() - t;
      try {
        t = Date.now();
        const res = await fetch(`${running.url}/__sandbox/reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scale }),
          signal: AbortSignal.timeout(600_000),
        });
        const answer = await res.text();
        const load = Date.now() - t;
        if (!res.ok) throw new Error(`${app.name}: ${res.status} ${answer}`);
        rows.push({ app: app.name, boot, load, answer });
        console.log(
          `${app.name.padEnd(28)} boot ${seconds(boot).padStart(8)}  load ${seconds(load).padStart(8)}  ${answer}`,
        );
      } finally {
        await running.close();
      }
    }
    const total = rows.reduce((n, r) => n + r.load, 0);
    console.log(`\ngenerate ${seconds(generation)} + load ${seconds(total)} = ${seconds(generation + total)}`);
  } finally {
    await pg?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
