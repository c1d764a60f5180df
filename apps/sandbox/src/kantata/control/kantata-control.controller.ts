import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { scaleOfResetBody } from '../../common/demo-firm';
import { KantataOAuthService } from '../auth/kantata-oauth.service';
import { KantataRateLimiter } from '../limits/kantata-rate-limiter.service';
import { KantataRecordStore } from '../resources/kantata-record-store';
import { KantataSeedService, KantataSeedSummary } from '../seed/kantata-seed.service';
import { KantataFaultDto, KantataRateLimitDto } from './dto/kantata-fault.dto';
import { KantataFault, KantataFaultsService } from './kantata-faults.service';

/**
 * Test and demo control of the Kantata sandbox, outside Kantata's tree (our API, so errors are
 * problem+json): reset to the seed, state, faults, token expiry, rate limits.
 */
@Controller('__sandbox')
export class KantataControlController {
  constructor(
    private readonly seed: KantataSeedService,
    private readonly faults: KantataFaultsService,
    private readonly tokens: KantataOAuthService,
    private readonly limiter: KantataRateLimiter,
    private readonly store: KantataRecordStore,
  ) {}

  /** Back to the deterministic seed (same ids every time); clears faults, rate-limit counters and overrides. */
  @Post('reset')
  @HttpCode(200)
  async reset(@Body() body?: unknown): Promise<KantataSeedSummary> {
    const scale = scaleOfResetBody(body);
    this.faults.clear();
    this.limiter.configure(undefined);
    return this.seed.reset(scale);
  }

  @Get('state')
  async state(): Promise<{
    records: Record<string, number>;
    rateLimit: { requests: number; windowSeconds: number; used: number };
    fault: KantataFault | null;
  }> {
    return {
      records: await this.store.countByType(),
      rateLimit: { ...this.limiter.limits, used: this.limiter.usage() },
      fault: this.faults.current() ?? null,
    };
  }

  @Post('faults')
  @HttpCode(204)
  setFault(@Body() fault: KantataFaultDto): void {
    this.faults.set(fault);
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.faults.clear();
  }

  @Post('rate-limit')
  @HttpCode(204)
  setRateLimit(@Body() limits: KantataRateLimitDto): void {
    this.limiter.configure(limits);
  }

  /** Every issued token expires now: clients get 401 and must fetch a new one. */
  @Post('tokens/expire')
  @HttpCode(200)
  async expireTokens(): Promise<{ expired: number }> {
    return { expired: await this.tokens.expireAll() };
  }
}
