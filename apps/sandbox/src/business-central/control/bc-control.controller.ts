import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { IsNumber, Min } from 'class-validator';
import { DemoScale, scaleOfResetBody } from '../../common/demo-firm';
import { FaultSpec } from '../../common/fault-plan';
import { FaultSpecDto } from '../../common/fault-spec.dto';
import { BcTokenService } from '../auth/bc-token.service';
import { BcEntitiesService } from '../entities/bc-entities.service';
import { BcSeedService } from '../seed/bc-seed.service';
import { BcFaultsService } from './bc-faults.service';
import { BcRateLimiter } from './bc-rate-limiter';

export class BcPaymentDto {
  /** Amount paid, in the invoice currency (decimal, as BC amounts are). */
  @IsNumber()
  @Min(0.01)
  amount: number;
}

/** Test and demo control (our API, problem+json): reset, state, faults, token expiry, payments. */
@Controller('__sandbox')
export class BcControlController {
  constructor(
    private readonly seed: BcSeedService,
    private readonly faults: BcFaultsService,
    private readonly tokens: BcTokenService,
    private readonly entities: BcEntitiesService,
    private readonly limiter: BcRateLimiter,
  ) {}

  @Post('reset')
  @HttpCode(200)
  reset(@Body() body?: unknown): Promise<{ scale: DemoScale; companies: number; records: number }> {
    const scale = scaleOfResetBody(body);
    this.faults.clear();
    this.limiter.reset();
    return this.seed.reset(scale);
  }

  @Get('state')
  async state(): Promise<{ records: number; fault: FaultSpec | null }> {
    return { records: await this.entities.count(), fault: this.faults.current() ?? null };
  }

  @Post('faults')
  @HttpCode(204)
  setFault(@Body() fault: FaultSpecDto): void {
    this.faults.set(fault);
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.faults.clear();
  }

  @Post('tokens/expire')
  @HttpCode(200)
  async expireTokens(): Promise<{ expired: number }> {
    return { expired: await this.tokens.expireAll() };
  }

  /** A customer pays (part of) a posted invoice: remainingAmount and status change, subscribers hear of it. */
  @Post('companies/:companyId/salesInvoices/:id/payments')
  @HttpCode(200)
  async pay(
    @Param('companyId') companyId: string,
    @Param('id') id: string,
    @Body() body: BcPaymentDto,
  ): Promise<Record<string, unknown>> {
    const doc = await this.entities.pay(companyId, id, body.amount);
    return { id: doc.id, status: doc.fields.status, remainingAmount: doc.fields.remainingAmount };
  }
}
