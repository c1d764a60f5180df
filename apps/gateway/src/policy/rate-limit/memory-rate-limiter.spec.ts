import { MemoryRateLimiter } from './memory-rate-limiter';

describe('MemoryRateLimiter (sliding-window log)', () => {
  let now = 1_000_000;
  const limiter = new MemoryRateLimiter(() => now);
  const plan = { rate: 3, windowSeconds: 1 };

  it('admits exactly `rate` in any window, with no burst at the window edge', () => {
    const at = (t: number) => {
      now = 1_000_000 + t;
      return limiter.consume('c1', plan);
    };
    expect([at(0), at(100), at(900)].map((d) => d.allowed)).toEqual([true, true, true]);
    const refused = at(950);
    expect(refused).toMatchObject({ allowed: false, refusedBy: 'rate', retryAfterSeconds: 1 });
    // a fixed window would reset at 1000 and admit 3 more; the sliding window admits one as each leaves
    expect(at(999).allowed).toBe(false);
    expect(at(1000).allowed).toBe(true); // the one of t=0 is a full second old
    expect(at(1050).allowed).toBe(false);
    expect(at(1100).allowed).toBe(true); // the one of t=100 left
    expect(at(1101).allowed).toBe(false);
  });

  it('reports remaining and the seconds until the oldest admission leaves', () => {
    now = 5_000_000;
    const first = limiter.consume('c2', plan);
    expect(first.rate).toEqual({ limit: 3, remaining: 2, resetSeconds: 1 });
    now += 400;
    expect(limiter.consume('c2', plan).rate.remaining).toBe(1);
  });

  it('counts the daily quota per UTC day, refused calls not counted', () => {
    const daily = { rate: 100, windowSeconds: 1, daily: 2 };
    now = Date.UTC(2026, 10, 22, 23, 59, 59);
    expect(limiter.consume('c3', daily).allowed).toBe(true);
    expect(limiter.consume('c3', daily).daily).toMatchObject({ remaining: 0 });
    const refused = limiter.consume('c3', daily);
    expect(refused).toMatchObject({ allowed: false, refusedBy: 'daily', retryAfterSeconds: 1 });
    now = Date.UTC(2026, 10, 23, 0, 0, 1);
    expect(limiter.consume('c3', daily)).toMatchObject({ allowed: true, daily: { remaining: 1 } });
  });

  it('keeps consumers apart', () => {
    now = 9_000_000;
    for (let i = 0; i < 3; i++) limiter.consume('a', plan);
    expect(limiter.consume('a', plan).allowed).toBe(false);
    expect(limiter.consume('b', plan).allowed).toBe(true);
  });
});
