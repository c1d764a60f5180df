import { MetricsService } from '../metrics/metrics.service';
import { Correlation } from '../correlation/correlation';
import { PollingLoop } from './polling-loop';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PollingLoop', () => {
  it('polls repeatedly, never two at once, each in its own correlation context', async () => {
    const metrics = new MetricsService({ app: 'test', defaultMetrics: false });
    let inFlight = 0;
    let peak = 0;
    const ids = new Set<string>();
    const loop = new PollingLoop(
      {
        name: 'Test',
        metricPrefix: 'test',
        intervalMs: 5,
        poll: async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          ids.add(Correlation.current()!.correlationId);
          await sleep(15);
          inFlight--;
          return 1;
        },
      },
      metrics,
    );
    loop.start();
    await sleep(150);
    await loop.stop();
    expect(peak).toBe(1);
    expect(ids.size).toBeGreaterThanOrEqual(3);
    expect(inFlight).toBe(0);
    expect(await metrics.registry.metrics()).toMatch(/test_polls_total\{outcome="ok",app="test"\} \d+/);
  });

  it('backs off while polls fail and reports the recovery', async () => {
    const metrics = new MetricsService({ app: 'test', defaultMetrics: false });
    const at: number[] = [];
    let fail = true;
    const seen: number[] = [];
    const loop = new PollingLoop(
      {
        name: 'Test',
        metricPrefix: 'test2',
        intervalMs: 20,
        poll: async () => {
          at.push(Date.now());
          if (fail) throw new Error('down');
          return 7;
        },
        onSuccess: (r) => seen.push(r),
      },
      metrics,
    );
    loop.start();
    await sleep(250);
    expect(loop.consecutiveFailures).toBeGreaterThanOrEqual(2);
    // pauses grow: 40, 80, 160 ms... (lower bounds: a loaded machine only makes timers later)
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(35);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(75);
    fail = false;
    await sleep(400);
    await loop.stop();
    expect(loop.consecutiveFailures).toBe(0);
    expect(seen[0]).toBe(7);
    expect(await metrics.registry.metrics()).toMatch(/test2_polls_total\{outcome="failed",app="test"\} [2-9]/);
  });

  it('stop() waits for the poll in flight and nothing runs after it', async () => {
    const metrics = new MetricsService({ app: 'test', defaultMetrics: false });
    let finished = 0;
    let started = 0;
    const loop = new PollingLoop(
      {
        name: 'Test',
        metricPrefix: 'test3',
        intervalMs: 1,
        poll: async () => {
          started++;
          await sleep(30);
          finished++;
        },
      },
      metrics,
    );
    loop.start();
    await sleep(10);
    await loop.stop();
    expect(finished).toBe(started);
    const after = started;
    await sleep(50);
    expect(started).toBe(after);
    expect(loop.isRunning).toBe(false);
  });
});
