import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, CallerIdentity, ProductScopes, RequiresScopes } from '@app/platform';
import { ApiProblems } from '../common/api-problems';
import { BILLING_APPROVER_SCOPE } from './billing.constants';
import {
  BillingInvoiceListDto,
  BillingRunDto,
  BillingRunIdParamsDto,
  BillingRunListDto,
  CreateBillingRunDto,
  InvoiceIdParamsDto,
  ListBillingInvoicesQueryDto,
  ListBillingRunsQueryDto,
} from './dto/billing-run.dto';
import { InvoiceLineageDto } from './dto/lineage.dto';
import type { BillingInvoiceEntity, BillingRunEntity } from './entities';
import { InvoiceLineageService } from './lineage/invoice-lineage.service';
import { toSafeNumber } from './money/money';
import { BillingRunsService, type RunPreview } from './runs/billing-runs.service';

@ApiTags('billing')
@ProductScopes('billing')
@Controller('process/billing/v1')
export class BillingController {
  constructor(
    private readonly runs: BillingRunsService,
    private readonly lineage: InvoiceLineageService,
  ) {}

  /**
   * Starts a billing run over a period and legal entity: the preview of its invoices (one per customer,
   * project and currency; time lines by role and rate, then expenses, milestones, fixed-fee instalments and
   * retainer drawdowns) and the items held with their reasons. Billed only once another consumer approves it.
   */
  @Post('billing-runs')
  @ApiCreatedResponse({ type: BillingRunDto })
  @ApiProblems(400, 403)
  async start(@Body() body: CreateBillingRunDto, @Caller() caller: CallerIdentity): Promise<BillingRunDto> {
    return toDto(await this.runs.start(body, caller), []);
  }

  /** Runs, newest first, filtered by legal entity and status (a bound consumer sees its entities only). */
  @Get('billing-runs')
  @ApiOkResponse({ type: BillingRunListDto })
  @ApiProblems(400, 403)
  async list(@Query() query: ListBillingRunsQueryDto, @Caller() caller: CallerIdentity): Promise<BillingRunListDto> {
    const page = await this.runs.list(query, caller);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        status: r.status,
        period: { from: r.periodFrom, to: r.periodTo },
        legalEntity: r.legalEntity,
        dryRun: r.dryRun,
        startedBy: r.startedBy,
        approvedBy: r.approvedBy,
        invoicesTotal: r.invoicesTotal,
        invoicesDone: r.invoicesDone,
        invoicesFailed: r.invoicesFailed,
        createdAt: r.createdAt.toISOString(),
      })),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Invoices the runs composed, newest first, by legal entity, run and project. */
  @Get('invoices')
  @ApiOkResponse({ type: BillingInvoiceListDto })
  @ApiProblems(400, 403)
  async listInvoices(
    @Query() query: ListBillingInvoicesQueryDto,
    @Caller() caller: CallerIdentity,
  ): Promise<BillingInvoiceListDto> {
    const page = await this.runs.listInvoices(query, caller);
    return {
      items: page.items.map((i) => ({
        id: i.id,
        runId: i.runId,
        customerId: i.customerId,
        projectId: i.projectId,
        contractId: i.contractId,
        legalEntity: i.legalEntity,
        currency: i.currency,
        periodFrom: i.periodFrom,
        periodTo: i.periodTo,
        subtotalMinor: toSafeNumber(i.subtotalMinor),
        taxMinor: toSafeNumber(i.taxMinor),
        totalMinor: toSafeNumber(i.totalMinor),
        status: i.status,
        stepsDone: i.steps.map((s) => s.step),
        lastError: i.lastError,
      })),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** A run with its preview, counts, percentage done and errors. */
  @Get('billing-runs/:id')
  @ApiOkResponse({ type: BillingRunDto })
  @ApiProblems(400, 403, 404)
  async get(@Param() params: BillingRunIdParamsDto, @Caller() caller: CallerIdentity): Promise<BillingRunDto> {
    const run = await this.runs.get(params.id, caller);
    return toDto(run, await this.runs.invoicesOf(run.id));
  }

  /**
   * Progress as server-sent events (`text/event-stream`): an `event: progress` with the run's status,
   * invoices total, done and failed, percent and error count each time they change (checked every
   * 500 ms), then `event: done` when the run has finished; the stream ends after 10 minutes at most.
   */
  @Get('billing-runs/:id/events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-sent events: progress, then done', schema: { type: 'string' } })
  @ApiProblems(400, 403, 404)
  async events(
    @Param() params: BillingRunIdParamsDto,
    @Caller() caller: CallerIdentity,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.runs.get(params.id, caller); // 404 / 403 as problem+json before the stream starts
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let closed = false;
    raw.on('close', () => (closed = true));
    const until = Date.now() + 10 * 60_000;
    let last = '';
    while (!closed && Date.now() < until) {
      const run = toDto(await this.runs.get(params.id, caller), []);
      const data = JSON.stringify({
        id: run.id,
        status: run.status,
        invoicesTotal: run.invoicesTotal,
        invoicesDone: run.invoicesDone,
        invoicesFailed: run.invoicesFailed,
        percent: run.percent,
        errors: run.errors.length,
      });
      if (data !== last) raw.write(`event: progress\ndata: ${data}\n\n`);
      last = data;
      if (run.status !== 'running' && run.status !== 'awaiting-approval') {
        raw.write(`event: done\ndata: ${data}\n\n`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    raw.end();
  }

  /**
   * Four-eyes approval by a consumer other than the one who started the run (scope `billing-approver`):
   * commits each item's invoice line, then the invoices go to the billing platform and the ERP.
   */
  @Post('billing-runs/:id/approve')
  @HttpCode(200)
  @RequiresScopes(BILLING_APPROVER_SCOPE)
  @ApiOkResponse({ type: BillingRunDto })
  @ApiResponse({
    status: 403,
    description: 'The consumer started the run (four-eyes), lacks billing-approver, or may not see the legal entity',
    content: { 'application/problem+json': {} },
  })
  @ApiProblems(400, 404, 409)
  async approve(@Param() params: BillingRunIdParamsDto, @Caller() caller: CallerIdentity): Promise<BillingRunDto> {
    const run = await this.runs.approve(params.id, caller);
    return toDto(run, await this.runs.invoicesOf(run.id));
  }

  /** Each line of an invoice -> its time entries, expenses or milestone, approvals, rate-card version, contract. */
  @Get('invoices/:id/lineage')
  @ApiOkResponse({ type: InvoiceLineageDto })
  @ApiProblems(400, 403, 404)
  getLineage(@Param() params: InvoiceIdParamsDto, @Caller() caller: CallerIdentity): Promise<InvoiceLineageDto> {
    return this.lineage.lineage(params.id, caller);
  }
}

function toDto(run: BillingRunEntity, invoices: BillingInvoiceEntity[]): BillingRunDto {
  const finished = run.invoicesDone + run.invoicesFailed;
  const percent =
    run.status === 'completed' || run.status === 'completed-with-errors'
      ? 100
      : run.invoicesTotal === 0
        ? 0
        : Math.floor((finished * 100) / run.invoicesTotal);
  return {
    id: run.id,
    status: run.status,
    period: { from: run.periodFrom, to: run.periodTo },
    legalEntity: run.legalEntity,
    customers: run.customers,
    projects: run.projects,
    dryRun: run.dryRun,
    startedBy: run.startedBy,
    approvedBy: run.approvedBy,
    approvedAt: run.approvedAt?.toISOString() ?? null,
    preview: run.preview as RunPreview,
    invoicesTotal: run.invoicesTotal,
    invoicesDone: run.invoicesDone,
    invoicesFailed: run.invoicesFailed,
    percent,
    errors: run.errors,
    invoices: invoices.map((i) => ({
      id: i.id,
      customerId: i.customerId,
      projectId: i.projectId,
      currency: i.currency,
      totalMinor: toSafeNumber(i.totalMinor),
      status: i.status,
      stepsDone: i.steps.map((s) => s.step),
      lastError: i.lastError,
      attempts: i.attempts,
    })),
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
