import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { scaleOfResetBody } from '../../common/demo-firm';
import { OAuthTokenService } from '../auth/oauth-token.service';
import { ApiUsage, ApiUsageService } from '../limits/api-usage.service';
import { SalesforceSeedService, SeedSummary } from '../seed/salesforce-seed.service';
import { SObjectStore } from '../sobjects/sobject-store';
import { SandboxFaultDto } from './dto/sandbox-fault.dto';
import { SalesforceFaultSpec, SandboxFaultsService } from './sandbox-faults.service';

/**
 * Test and demo control of the sandbox, outside Salesforce's `/services` tree (our API, so errors
 * are problem+json): reset to the seed, inject faults, expire sessions.
 */
@Controller('__sandbox')
export class SandboxControlController {
  constructor(
    private readonly seed: SalesforceSeedService,
    private readonly faults: SandboxFaultsService,
    private readonly tokens: OAuthTokenService,
    private readonly usage: ApiUsageService,
    private readonly store: SObjectStore,
  ) {}

  /** Back to the deterministic seed (same ids every time); clears faults too. */
  @Post('reset')
  @HttpCode(200)
  async reset(@Body() body?: unknown): Promise<SeedSummary> {
    const scale = scaleOfResetBody(body);
    this.faults.clear();
    return this.seed.reset(scale);
  }

  @Get('state')
  async state(): Promise<{ records: number; apiUsage: ApiUsage; fault: SalesforceFaultSpec | null }> {
    return {
      records: await this.store.count(),
      apiUsage: await this.usage.current(),
      fault: this.faults.current() ?? null,
    };
  }

  @Post('faults')
  @HttpCode(204)
  setFault(@Body() fault: SandboxFaultDto): void {
    this.faults.set(fault);
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.faults.clear();
  }

  /** Every issued session expires now: clients get 401 INVALID_SESSION_ID and must log in again. */
  @Post('sessions/expire')
  @HttpCode(200)
  async expireSessions(): Promise<{ expired: number }> {
    return { expired: await this.tokens.expireAll() };
  }
}
