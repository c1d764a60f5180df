import type { FastifyReply } from 'fastify';
import type { ConsumerIdentity } from '../../identity/identity';
import { RateLimitService } from './rate-limit.service';

function recordingReply(): FastifyReply & { sent: Record<string, string> } {
  const sent: Record<string, string> = {};
  const reply = {
    sent,
    header(name: string, value: string) {
      sent[name] = value;
      return reply;
    },
  };
  return reply as unknown as FastifyReply & { sent: Record<string, string> };
}

const consumer = { consumerId: 'c-1', name: 'c', plan: 'partner' } as ConsumerIdentity;

describe('RateLimitService', () => {
  it('keeps limiting in memory, with the same headers, while Redis cannot answer', async () => {
    // nothing listens on port 1
    const service = new RateLimitService({
      plans: { partner: { rate: 2, windowSeconds: 60 } },
      redisUrl: 'redis://127.0.0.1:1',
    } as never);
    try {
      const first = recordingReply();
      await service.admit(consumer, first);
      expect(first.sent).toMatchObject({ 'RateLimit-Policy': '"partner";q=2;w=60', RateLimit: '"partner";r=1;t=60' });
      await service.admit(consumer, recordingReply());
      const refused = recordingReply();
      await expect(service.admit(consumer, refused)).rejects.toMatchObject({ status: 429 });
      expect(Number(refused.sent['Retry-After'])).toBeGreaterThan(0);
    } finally {
      await service.onApplicationShutdown();
    }
  });

  it('gives an unknown plan the free plan', async () => {
    const service = new RateLimitService({ plans: { free: { rate: 1, windowSeconds: 1, daily: 5 } } } as never);
    const reply = recordingReply();
    await service.admit({ ...consumer, consumerId: 'c-2', plan: 'gold' }, reply);
    expect(reply.sent['RateLimit-Policy']).toBe('"free";q=1;w=1, "free-daily";q=5;w=86400');
    expect(reply.sent.RateLimit).toBe('"free";r=0;t=1, "free-daily";r=4;t=' + reply.sent.RateLimit.split('t=').pop());
  });
});
