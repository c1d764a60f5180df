import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { IsNumber, Min } from 'class-validator';
import { scaleOfResetBody } from '../../common/demo-firm';
import { FaultSpec } from '../../common/fault-plan';
import { FaultSpecDto } from '../../common/fault-spec.dto';
import { NetSuiteConcurrency } from '../auth/netsuite-api.guard';
import { NetSuiteTokenService } from '../auth/netsuite-token.service';
import { NetSuiteRecordsService } from '../records/netsuite-records.service';
import { NetSuiteSeedService, NetSuiteSeedSummary } from '../seed/netsuite-seed.service';
import { NetSuiteFaultsService } from './netsuite-faults.service';

export class InvoicePaymentDto {
  /** Amount paid, in the invoice currency (NetSuite amounts are decimal). */
  @IsNumber()
  @Min(0.01)
  amount: number;
}

/** Test and demo control (our API, problem+json): reset, state, faults, token expiry, payments. */
@Controller('__sandbox')
export class NetSuiteControlController {
  constructor(
    private readonly seed: NetSuiteSeedService,
    private readonly faults: NetSuiteFaultsService,
    private readonly tokens: NetSuiteTokenService,
    private readonly records: NetSuiteRecordsService,
    private readonly concurrency: NetSuiteConcurrency,
  ) {}

  @Post('reset')
  @HttpCode(200)
  reset(@Body() body?: unknown): Promise<NetSuiteSeedSummary> {
    const scale = scaleOfResetBody(body);
    this.faults.clear();
    return this.seed.reset(scale);
  }

  @Get('state')
  async state(): Promise<{ records: number; inFlight: number; fault: FaultSpec | null }> {
    return {
      records: await this.records.count(),
      inFlight: this.concurrency.inFlight,
      fault: this.faults.current() ?? null,
    };
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

  /** A customer pays (part of) an invoice: amountPaid, amountRemaining, status and lastModifiedDate change. */
  @Post('invoices/:id/payments')
  @HttpCode(200)
  async pay(
    @Param('id') id: string,
    @Body() body: InvoicePaymentDto,
  ): Promise<{ id: string; status: unknown; amountRemaining: unknown }> {
    const invoice = await this.records.applyPayment(id, body.amount);
    return { id: String(invoice.id), status: invoice.fields.status, amountRemaining: invoice.fields.amountRemaining };
  }
}
