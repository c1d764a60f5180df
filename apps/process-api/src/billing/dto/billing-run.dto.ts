import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { BillingRunStatuses, type BillingRunStatus } from '../entities/billing-run.entity';
import {
  BillingInvoiceStatuses,
  InvoiceSteps,
  type BillingInvoiceStatus,
  type InvoiceStep,
} from '../entities/billing-invoice.entity';
import { HoldReasons, type HoldReason } from '../billing.constants';
import { PageQueryDto } from '../../common/page-query.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LEGAL_ENTITY = /^[A-Z]{2}-[0-9A-Z]{2,10}$/;
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** The billed period, both days included. */
@ApiSchema({ name: 'BillingPeriod' })
export class BillingPeriodDto {
  @ApiProperty({ format: 'date', example: '2025-06-01' })
  @IsString()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from: string;

  @ApiProperty({ format: 'date', example: '2025-06-30' })
  @IsString()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to: string;
}

/** Starts a billing run: its preview, to approve (or a dry run, never billed). */
@ApiSchema({ name: 'BillingRunInput' })
export class CreateBillingRunDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => BillingPeriodDto)
  period: BillingPeriodDto;

  /** The issuing legal entity (`US-01`). */
  @ApiProperty({ example: 'US-01' })
  @IsString()
  @Matches(LEGAL_ENTITY, { message: 'legalEntity must be a legal entity id like US-01' })
  legalEntity: string;

  /** Only these customers (canonical ids). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(IDENTIFIER, { each: true, message: 'each customer must be a canonical id' })
  customers?: string[];

  /** Only these projects (canonical ids). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(IDENTIFIER, { each: true, message: 'each project must be a canonical id' })
  projects?: string[];

  /** A preview only: shown, never approved or billed. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class BillingRunIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class InvoiceIdParamsDto {
  /** Canonical invoice id (`inv-` and 32 hex digits). */
  @ApiProperty({ example: 'inv-0f1e2d3c4b5a69788796a5b4c3d2e1f0' })
  @IsString()
  @Matches(/^inv-[0-9a-f]{32}$/, { message: 'id must be a canonical invoice id (inv- and 32 hex digits)' })
  @MaxLength(36)
  id: string;
}

/** A line of a previewed invoice, with the items it bills. */
@ApiSchema({ name: 'BillingPreviewLine' })
export class BillingPreviewLineDto {
  sequence: number;
  /** time, expense, milestone, fixed-fee, retainer, adjustment. */
  kind: string;
  description: string;
  @ApiProperty({ type: String, nullable: true })
  role: string | null;
  @ApiProperty({ type: Number, nullable: true })
  minutes: number | null;
  /** Hourly rate (time lines), minor units. */
  @ApiProperty({ type: Number, nullable: true })
  rateMinor: number | null;
  amountMinor: number;
  taxRateBasisPoints: number;
  taxMinor: number;
  /** Billable item ids. */
  itemIds: string[];
  /** The PSA ids (time entries, expenses, milestone) or schedule item ids. */
  sourceIds: string[];
}

@ApiSchema({ name: 'BillingPreviewInvoice' })
export class BillingPreviewInvoiceDto {
  /** Canonical invoice id, derived from the invoice's own identity. */
  id: string;
  customerId: string;
  projectId: string;
  contractId: string;
  currency: string;
  @ApiProperty({ type: () => [BillingPreviewLineDto] })
  lines: BillingPreviewLineDto[];
  subtotalMinor: number;
  taxMinor: number;
  /** subtotal + tax. */
  totalMinor: number;
}

@ApiSchema({ name: 'BillingHeldItem' })
export class BillingHeldItemDto {
  itemId: string;
  kind: string;
  sourceId: string;
  projectId: string;
  @ApiProperty({ enum: HoldReasons, enumName: 'BillingHoldReason' })
  reason: HoldReason;
  detail: string;
}

@ApiSchema({ name: 'BillingPreviewCounts' })
export class BillingPreviewCountsDto {
  invoices: number;
  lines: number;
  items: number;
  held: number;
  /** Items left alone for good: time a fee covers, time approved as not billable. */
  settled: number;
}

@ApiSchema({ name: 'BillingPreview' })
export class BillingPreviewDto {
  @ApiProperty({ type: () => [BillingPreviewInvoiceDto] })
  invoices: BillingPreviewInvoiceDto[];
  @ApiProperty({ type: () => [BillingHeldItemDto] })
  held: BillingHeldItemDto[];
  counts: BillingPreviewCountsDto;
}

@ApiSchema({ name: 'BillingRunError' })
export class BillingRunErrorDto {
  invoiceId?: string;
  step?: string;
  message: string;
  at: string;
}

/** An invoice of an approved run and how far it got at the vendors. */
@ApiSchema({ name: 'BillingRunInvoice' })
export class BillingRunInvoiceDto {
  id: string;
  customerId: string;
  projectId: string;
  currency: string;
  totalMinor: number;
  @ApiProperty({ enum: BillingInvoiceStatuses, enumName: 'BillingInvoiceStatus' })
  status: BillingInvoiceStatus;
  @ApiProperty({ enum: InvoiceSteps, enumName: 'BillingInvoiceStep', isArray: true })
  stepsDone: InvoiceStep[];
  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;
  attempts: number;
}

/** A billing run: its preview, approval and progress. */
@ApiSchema({ name: 'BillingRun' })
export class BillingRunDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: BillingRunStatuses, enumName: 'BillingRunStatus' })
  status: BillingRunStatus;
  period: BillingPeriodDto;
  legalEntity: string;
  @ApiProperty({ type: [String], nullable: true })
  customers: string[] | null;
  @ApiProperty({ type: [String], nullable: true })
  projects: string[] | null;
  dryRun: boolean;
  /** Consumer (id) who started the run. */
  startedBy: string;
  /** Consumer (id) who approved it (never the one who started it). */
  @ApiProperty({ type: String, nullable: true })
  approvedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approvedAt: string | null;
  preview: BillingPreviewDto;
  /** Invoices of the run, done and failed at the vendors so far, and the percentage finished. */
  invoicesTotal: number;
  invoicesDone: number;
  invoicesFailed: number;
  percent: number;
  @ApiProperty({ type: () => [BillingRunErrorDto] })
  errors: BillingRunErrorDto[];
  @ApiProperty({ type: () => [BillingRunInvoiceDto] })
  invoices: BillingRunInvoiceDto[];
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;
}

/** Filters of the billing-run list. */
export class ListBillingRunsQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, example: 'US-01' })
  @IsOptional()
  @IsString()
  @Matches(LEGAL_ENTITY, { message: 'legalEntity must be a legal entity id like US-01' })
  legalEntity?: string;

  @ApiProperty({ enum: BillingRunStatuses, enumName: 'BillingRunStatus', required: false })
  @IsOptional()
  @IsIn(BillingRunStatuses)
  status?: BillingRunStatus;
}

/** A run in a list (without its preview). */
@ApiSchema({ name: 'BillingRunSummary' })
export class BillingRunSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: BillingRunStatuses, enumName: 'BillingRunStatus' })
  status: BillingRunStatus;
  period: BillingPeriodDto;
  legalEntity: string;
  dryRun: boolean;
  startedBy: string;
  @ApiProperty({ type: String, nullable: true })
  approvedBy: string | null;
  invoicesTotal: number;
  invoicesDone: number;
  invoicesFailed: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

@ApiSchema({ name: 'BillingRunList' })
export class BillingRunListDto {
  @ApiProperty({ type: () => [BillingRunSummaryDto] })
  items: BillingRunSummaryDto[];
  total: number;
  limit: number;
  offset: number;
}

/** Filters of the invoice list. */
export class ListBillingInvoicesQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, example: 'US-01' })
  @IsOptional()
  @IsString()
  @Matches(LEGAL_ENTITY, { message: 'legalEntity must be a legal entity id like US-01' })
  legalEntity?: string;

  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'runId must be a UUID' })
  runId?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @Matches(IDENTIFIER, { message: 'projectId must be a canonical id' })
  projectId?: string;
}

/** An invoice billing composed, with its totals and how far it got at the vendors. */
@ApiSchema({ name: 'BillingInvoice' })
export class BillingInvoiceDto {
  id: string;
  runId: string;
  customerId: string;
  projectId: string;
  contractId: string;
  legalEntity: string;
  currency: string;
  @ApiProperty({ format: 'date' })
  periodFrom: string;
  @ApiProperty({ format: 'date' })
  periodTo: string;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  @ApiProperty({ enum: BillingInvoiceStatuses, enumName: 'BillingInvoiceStatus' })
  status: BillingInvoiceStatus;
  @ApiProperty({ enum: InvoiceSteps, enumName: 'BillingInvoiceStep', isArray: true })
  stepsDone: InvoiceStep[];
  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;
}

@ApiSchema({ name: 'BillingInvoiceList' })
export class BillingInvoiceListDto {
  @ApiProperty({ type: () => [BillingInvoiceDto] })
  items: BillingInvoiceDto[];
  total: number;
  limit: number;
  offset: number;
}
