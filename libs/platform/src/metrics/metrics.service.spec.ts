import { register as globalRegistry } from 'prom-client';
import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  it('creates or gets metrics in its own registry, never the global one', async () => {
    const a = new MetricsService({ app: 'a', defaultMetrics: false });
    const b = new MetricsService({ app: 'b', defaultMetrics: false });
    const ca = a.counter('jobs_total', 'Jobs', ['kind']);
    expect(a.counter('jobs_total', 'Jobs', ['kind'])).toBe(ca);
    b.counter('jobs_total', 'Jobs', ['kind']).inc({ kind: 'x' }, 3);
    ca.inc({ kind: 'x' });
    expect(await a.metrics()).toContain('jobs_total{kind="x",app="a"} 1');
    expect(await b.metrics()).toContain('jobs_total{kind="x",app="b"} 3');
    expect(globalRegistry.getSingleMetric('jobs_total')).toBeUndefined();
    a.gauge('queue_depth', 'Depth').set(4);
    a.histogram('step_seconds', 'Step', ['step'], [0.1, 1]).observe({ step: 's' }, 0.5);
    expect(await a.metrics()).toContain('queue_depth{app="a"} 4');
    expect(await a.metrics()).toContain('step_seconds_bucket{le="1",app="a",step="s"} 1');
  });

  it('refuses the same name with another metric type', () => {
    const m = new MetricsService({ app: 'a', defaultMetrics: false });
    m.counter('things', 'Things');
    expect(() => m.gauge('things', 'Things')).toThrow(/already exists with another type/);
  });

  it('collects default process metrics into its registry', async () => {
    const m = new MetricsService({ app: 'a' });
    expect(await m.metrics()).toContain('process_cpu_user_seconds_total');
    expect(m.contentType).toContain('text/plain');
  });
});
