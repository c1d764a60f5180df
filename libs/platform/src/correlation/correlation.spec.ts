import { Correlation } from './correlation';
import { formatTraceparent, newCorrelationIds, parseTraceparent, traceIdFrom } from './traceparent';

describe('traceparent', () => {
  it('parses valid W3C headers and rejects invalid ones', () => {
    expect(parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toEqual({
      version: '00',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      parentId: 'b7ad6b7169203331',
      flags: '01',
    });
    expect(parseTraceparent('01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-future')).toBeDefined();
    for (const bad of [
      undefined,
      '',
      'garbage',
      '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01',
      '00-00000000000000000000000000000000-b7ad6b7169203331-01',
      '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01',
      'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra',
      '00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01',
    ]) {
      expect(parseTraceparent(bad)).toBeUndefined();
    }
  });

  it('derives a trace id from a UUID correlation id', () => {
    expect(traceIdFrom('d38626dd-2f2f-4fc3-bd2d-e42b3a5fe015')).toBe('d38626dd2f2f4fc3bd2de42b3a5fe015');
    expect(traceIdFrom('order-77')).toBeUndefined();
    expect(formatTraceparent('a'.repeat(32), 'b'.repeat(16))).toBe(`00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`);
  });

  it('generates version 4 UUID correlation ids whose digits are the trace id, all distinct', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const { correlationId, traceId } = newCorrelationIds();
      expect(correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(traceIdFrom(correlationId)).toBe(traceId);
      seen.add(correlationId);
    }
    expect(seen.size).toBe(2000);
    const ctx = Correlation.fromHeaders({});
    expect(ctx.traceparent).toBe(formatTraceparent(traceIdFrom(ctx.correlationId)!, ctx.traceparent!.slice(36, 52)));
  });
});

describe('Correlation', () => {
  it('is undefined outside a context and follows async work inside one', async () => {
    expect(Correlation.current()).toBeUndefined();
    const ctx = Correlation.create('job-1');
    const seen = await Correlation.run(ctx, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return Correlation.current();
    });
    expect(seen).toBe(ctx);
    expect(Correlation.current()).toBeUndefined();
  });

  it('builds the context from headers', () => {
    const fromBoth = Correlation.fromHeaders({
      'x-correlation-id': 'abc',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00',
    });
    expect(fromBoth.correlationId).toBe('abc');
    const tp = parseTraceparent(fromBoth.traceparent);
    expect(tp).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', flags: '00' });
    expect(tp?.parentId).not.toBe('b7ad6b7169203331');

    expect(
      Correlation.fromHeaders({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }).correlationId,
    ).toBe('0af7651916cd43dd8448eb211c80319c');
    const generated = Correlation.fromHeaders({ 'x-correlation-id': 'bad id with spaces' });
    expect(generated.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(parseTraceparent(generated.traceparent)?.traceId).toBe(generated.correlationId.replace(/-/g, ''));
  });

  it('gives outgoing headers with the same trace and a new span, also for contexts without traceparent', () => {
    const ctx = Correlation.create();
    const h = Correlation.run(ctx, () => Correlation.outgoingHeaders());
    expect(h['x-correlation-id']).toBe(ctx.correlationId);
    expect(parseTraceparent(h.traceparent)?.traceId).toBe(parseTraceparent(ctx.traceparent)?.traceId);
    expect(parseTraceparent(h.traceparent)?.parentId).not.toBe(parseTraceparent(ctx.traceparent)?.parentId);

    const bare = Correlation.outgoingHeaders({ correlationId: 'evt-5' });
    expect(bare['x-correlation-id']).toBe('evt-5');
    expect(parseTraceparent(bare.traceparent)).toBeDefined();

    const outside = Correlation.outgoingHeaders();
    expect(outside['x-correlation-id']).toBeTruthy();
  });
});
