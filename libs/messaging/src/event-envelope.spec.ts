import { Correlation } from '@app/platform';
import { assertEventEnvelope, newEvent, uuidv7 } from './event-envelope';

describe('newEvent', () => {
  it('takes the correlation id and traceparent of the current context', () => {
    const ctx = Correlation.create('corr-123');
    const e = Correlation.run(ctx, () => newEvent('thing.happened', 'thing/1', { a: 1 }, { source: 'test-app' }));
    expect(e).toMatchObject({
      type: 'thing.happened',
      version: 1,
      subject: 'thing/1',
      source: 'test-app',
      correlationId: 'corr-123',
      data: { a: 1 },
    });
    expect(e.traceparent).toBe(ctx.traceparent);
    expect(Date.parse(e.occurredAt)).not.toBeNaN();
    expect(() => assertEventEnvelope(e)).not.toThrow();
  });

  it('generates a correlation id outside any context and keeps explicit options', () => {
    const e = newEvent('x.y', 's', null, {
      source: 'a',
      version: 2,
      causationId: 'cause',
      occurredAt: '2026-01-01T00:00:00Z',
    });
    expect(e.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e).toMatchObject({ version: 2, causationId: 'cause', occurredAt: '2026-01-01T00:00:00.000Z' });
    expect(e.traceparent).toBeUndefined();
  });
});

describe('uuidv7', () => {
  it('is a version 7 RFC 9562 UUID that sorts by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.slice(0, 13) < b.slice(0, 13)).toBe(true);
    expect(a.replace(/-/g, '').slice(0, 12)).toBe((1_700_000_000_000).toString(16).padStart(12, '0'));
  });
});

describe('assertEventEnvelope', () => {
  it('names the first bad field', () => {
    const ok = newEvent('x.y', 's', {}, { source: 'a' });
    expect(() => assertEventEnvelope({ ...ok, id: 'x' })).toThrow('Invalid event envelope: id must be a UUID');
    expect(() => assertEventEnvelope({ ...ok, version: 0 })).toThrow(/version/);
    expect(() => assertEventEnvelope({ ...ok, source: '' })).toThrow(/source/);
    const { data: _d, ...noData } = ok;
    expect(() => assertEventEnvelope(noData)).toThrow(/data is required/);
  });
});
