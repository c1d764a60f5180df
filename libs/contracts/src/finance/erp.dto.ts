import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CURRENCY_CODE_PROPERTY, ISO_DATE_PROPERTY, MINUTES_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsCurrencyCode, IsIdentifier, IsIsoDate, IsMinutes, IsOnOrAfter } from '../common/validators';
import { InvoiceLineKind, InvoiceLineKinds } from './invoice.dto';

/**
 * The ERP's view of the canonical objects (system-erp, `/system/erp/v1`): what an ERP keeps of a
 * customer, project, employee, time bill and invoice, whichever ERP it is. Creates carry the
 * canonical id, which makes them safe to retry.
 */

/** An invoice in the ERP: `draft` (not posted to the ledger), `posted` (open receivable), `paid`, `void`. */
export const ErpInvoiceStatuses = ['draft', 'posted', 'paid', 'void'] as const;
export type ErpInvoiceStatus = (typeof ErpInvoiceStatuses)[number];

@ApiSchema({ name: 'ErpCustomerInput' })
export class ErpCustomerInputDto {
  /** Canonical customer id (the ERP keeps it as the external reference). */
  @IsIdentifier()
  id: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** The firm's legal entity that bills the customer (mapped to an ERP subsidiary or company). */
  @IsIdentifier()
  legalEntityId: string;

  /** Invoicing currency; the legal entity's currency when absent. */
  @ApiProperty({ ...CURRENCY_CODE_PROPERTY, required: false })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(80)
  billingEmail?: string;
}

@ApiSchema({ name: 'ErpCustomer' })
export class ErpCustomerDto extends CanonicalEntityDto {
  name: string;
  legalEntityId: string;
  @ApiProperty(CURRENCY_CODE_PROPERTY)
  currency: string;
  billingEmail?: string;
}

@ApiSchema({ name: 'ErpProjectInput' })
export class ErpProjectInputDto {
  @IsIdentifier()
  id: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** Canonical id of a customer already in the ERP. */
  @IsIdentifier()
  customerId: string;

  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  startDate?: string;
}

export const ErpProjectStatuses = ['active', 'inactive'] as const;
export type ErpProjectStatus = (typeof ErpProjectStatuses)[number];

@ApiSchema({ name: 'ErpProject' })
export class ErpProjectDto extends CanonicalEntityDto {
  name: string;
  customerId: string;
  legalEntityId: string;
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  startDate?: string;
  /** Projected end date (set by a PATCH, e.g. a contract amendment). */
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  endDate?: string;
  /** Fee budget (estimated revenue) in the project currency, when the ERP holds one. */
  @ApiProperty({ type: () => MoneyDto, required: false })
  budget?: MoneyDto;
  /** `inactive`: no more postings (a compensated or closed project). */
  @ApiProperty({ enum: ErpProjectStatuses, enumName: 'ErpProjectStatus', required: false })
  status?: ErpProjectStatus;
}

/** A partial update of an ERP project: only the fields present change. */
@ApiSchema({ name: 'ErpProjectPatch' })
export class ErpProjectPatchDto {
  /** New projected end date. */
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  endDate?: string;

  /** New fee budget (estimated revenue), in the project currency; not negative. */
  @IsMoney({ optional: true, min: 0 })
  budget?: MoneyDto;

  /** `inactive` stops postings on the project (compensation, closure); `active` reopens it. */
  @ApiProperty({ enum: ErpProjectStatuses, enumName: 'ErpProjectStatus', required: false })
  @IsOptional()
  @IsIn(ErpProjectStatuses)
  status?: ErpProjectStatus;
}

@ApiSchema({ name: 'ErpEmployeeInput' })
export class ErpEmployeeInputDto {
  /** Canonical worker id. */
  @IsIdentifier()
  id: string;

  @IsString()
  @MinLength(1)
  @MaxLength(30)
  givenName: string;

  @IsString()
  @MinLength(1)
  @MaxLength(30)
  familyName: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(80)
  email?: string;

  /** Employing legal entity. */
  @IsIdentifier()
  legalEntityId: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  jobTitle?: string;

  /**
   * What one hour of the employee costs the firm (the HRIS worker's hourly cost rate), in the legal
   * entity's functional currency. Payroll cost only: never a bill rate.
   */
  @IsMoney({ min: 0, optional: true })
  costRate?: MoneyDto;

  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  hireDate?: string;

  /** Last working day: the employee is terminated (inactive) from then on. */
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('hireDate')
  terminationDate?: string;

  /** False while the employee may not book time (terminated); true by default. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/**
 * A partial update of an employee: only the fields present change. `terminationDate: null` clears
 * the termination (a return or a rehire).
 */
@ApiSchema({ name: 'ErpEmployeePatch' })
export class ErpEmployeePatchDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(30)
  givenName?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(30)
  familyName?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(80)
  email?: string;

  @IsOptional()
  @IsIdentifier()
  legalEntityId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  jobTitle?: string;

  /** Hourly payroll cost in the legal entity's functional currency (never a bill rate). */
  @IsMoney({ min: 0, optional: true })
  costRate?: MoneyDto;

  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false, nullable: true })
  @IsOptional()
  @IsIsoDate()
  terminationDate?: string | null;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ApiSchema({ name: 'ErpEmployee' })
export class ErpEmployeeDto extends CanonicalEntityDto {
  givenName: string;
  familyName: string;
  email?: string;
  legalEntityId: string;
  jobTitle?: string;
  /** Hourly payroll cost as the ERP holds it (absent when the ERP keeps none for employees). */
  costRate?: MoneyDto;
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  hireDate?: string;
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  terminationDate?: string;
  /** False once terminated (inactive) in the ERP. */
  active: boolean;
}

@ApiSchema({ name: 'ErpTimeBillInput' })
export class ErpTimeBillInputDto {
  /** Canonical time entry id. */
  @IsIdentifier()
  id: string;

  /** Canonical worker id of an employee already in the ERP. */
  @IsIdentifier()
  workerId: string;

  @IsIdentifier()
  projectId: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  date: string;

  @ApiProperty({ ...MINUTES_PROPERTY, minimum: 1 })
  @IsMinutes({ min: 1, max: 1440 })
  minutes: number;

  /** Role the time is billed as (mapped to an ERP item). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  role: string;

  @IsBoolean()
  billable: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(250)
  description?: string;
}

@ApiSchema({ name: 'ErpTimeBill' })
export class ErpTimeBillDto extends CanonicalEntityDto {
  workerId: string;
  projectId: string;
  @ApiProperty(ISO_DATE_PROPERTY)
  date: string;
  @ApiProperty(MINUTES_PROPERTY)
  minutes: number;
  role: string;
  billable: boolean;
  description?: string;
}

@ApiSchema({ name: 'ErpInvoiceLineInput' })
export class ErpInvoiceLineInputDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  description: string;

  /** Role billed (mapped to an ERP item). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  role: string;

  /** Minutes billed; the quantity in hours in the ERP. */
  @ApiProperty({ ...MINUTES_PROPERTY, minimum: 1 })
  @IsMinutes({ min: 1 })
  quantityMinutes: number;

  /** Hourly rate. */
  @IsMoney({ min: 0 })
  unitPrice: MoneyDto;

  /** Line amount before tax (the ERP keeps it as sent). */
  @IsMoney()
  amount: MoneyDto;

  /**
   * The canonical trace of the line (with the invoice's `contractId`): what it bills, as in the
   * canonical InvoiceLine (`time` lines name their time entries and rate-card version, `milestone`
   * lines their milestone, `expense` lines their expenses). Kept by system-erp, not by the ERP, and
   * published with `invoice.posted`.
   */
  @ApiProperty({ enum: InvoiceLineKinds, enumName: 'InvoiceLineKind', required: false })
  @IsOptional()
  @IsIn(InvoiceLineKinds)
  kind?: InvoiceLineKind;

  /** Canonical line id; `<invoice id>-<n>` when absent. */
  @IsOptional()
  @IsIdentifier()
  lineId?: string;

  @IsOptional()
  @IsIdentifier()
  rateCardVersionId?: string;

  @ApiProperty({ type: [String], required: false })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10_000)
  @IsIdentifier({ each: true })
  timeEntryIds?: string[];

  @IsOptional()
  @IsIdentifier()
  milestoneId?: string;

  @ApiProperty({ type: [String], required: false })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10_000)
  @IsIdentifier({ each: true })
  expenseIds?: string[];
}

/** The canonical trace of an invoice line (see ErpInvoiceLineInput). */
export const ERP_LINE_TRACE_FIELDS = [
  'kind',
  'lineId',
  'rateCardVersionId',
  'timeEntryIds',
  'milestoneId',
  'expenseIds',
] as const;

@ApiSchema({ name: 'ErpInvoiceLine' })
export class ErpInvoiceLineDto {
  description: string;
  role: string;
  @ApiProperty(MINUTES_PROPERTY)
  quantityMinutes: number;
  unitPrice: MoneyDto;
  amount: MoneyDto;
  @ApiProperty({ enum: InvoiceLineKinds, enumName: 'InvoiceLineKind', required: false })
  kind?: InvoiceLineKind;
  lineId?: string;
  rateCardVersionId?: string;
  timeEntryIds?: string[];
  milestoneId?: string;
  expenseIds?: string[];
}

@ApiSchema({ name: 'ErpInvoiceInput' })
export class ErpInvoiceInputDto {
  /** Canonical invoice id. */
  @IsIdentifier()
  id: string;

  @IsIdentifier()
  customerId: string;

  @IsOptional()
  @IsIdentifier()
  projectId?: string;

  /** Contract billed (the canonical trace, published with `invoice.posted`); required when lines carry a `kind`. */
  @IsOptional()
  @IsIdentifier()
  contractId?: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  issueDate: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  @IsOnOrAfter('issueDate')
  dueDate: string;

  @ApiProperty({ type: () => [ErpInvoiceLineInputDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ErpInvoiceLineInputDto)
  lines: ErpInvoiceLineInputDto[];
}

@ApiSchema({ name: 'ErpInvoice' })
export class ErpInvoiceDto extends CanonicalEntityDto {
  /** The ERP's document number. */
  number: string;
  customerId: string;
  projectId?: string;
  /** The contract billed, when the invoice was created with its canonical trace. */
  contractId?: string;
  legalEntityId: string;
  @ApiProperty(CURRENCY_CODE_PROPERTY)
  currency: string;
  @ApiProperty(ISO_DATE_PROPERTY)
  issueDate: string;
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  dueDate?: string;
  @ApiProperty({ enum: ErpInvoiceStatuses, enumName: 'ErpInvoiceStatus' })
  status: ErpInvoiceStatus;
  @ApiProperty({ type: () => [ErpInvoiceLineDto] })
  lines: ErpInvoiceLineDto[];
  subtotal: MoneyDto;
  tax: MoneyDto;
  total: MoneyDto;
  amountPaid: MoneyDto;
  amountDue: MoneyDto;
}

/** Legal entity -> ERP subsidiary (NetSuite) or company (Business Central), per firm and ERP. */
@ApiSchema({ name: 'ErpLegalEntityMapping' })
export class ErpLegalEntityMappingDto {
  @IsIdentifier()
  legalEntityId: string;

  /** The ERP's subsidiary internal id or company id. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  target: string;

  /** The legal entity's functional currency (the ERP's local currency). */
  @ApiProperty(CURRENCY_CODE_PROPERTY)
  @IsCurrencyCode()
  currency: string;
}

/** How the time or cost of a role is billed (the firm's billing classes). */
export const BillingClasses = ['professional-services', 'expenses', 'milestone', 'fixed-fee', 'retainer'] as const;
export type BillingClass = (typeof BillingClasses)[number];

/** Role -> ERP item (service item id or item number) and billing class, per firm and ERP. */
@ApiSchema({ name: 'ErpItemMapping' })
export class ErpItemMappingDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'role must be a lowercase slug' })
  role: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  target: string;

  /** Billing class of the role's time; `professional-services` when absent on a PUT. */
  @ApiProperty({ enum: BillingClasses, enumName: 'BillingClass', required: false })
  @IsOptional()
  @IsIn(BillingClasses)
  billingClass?: BillingClass;
}

/** ISO 3166-1 alpha-2 country code. */
export const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;

/**
 * One row of the firm's tax table: the rate a legal entity charges a customer in a country, in basis
 * points (1900 = 19 %), valid from `effectiveFrom` to `effectiveTo` (inclusive, open when absent).
 * Reverse charge (intra-EU B2B services) is rate 0 with `reverseCharge` and the legal note printed on
 * the invoice.
 */
@ApiSchema({ name: 'ErpTaxRateInput' })
export class ErpTaxRateInputDto {
  /** Rate in basis points of the net amount: 0..10000 (1900 = 19 %). */
  @IsInt()
  @Min(0)
  @Max(10_000)
  rateBasisPoints: number;

  /** Last day the rate applies (inclusive); open-ended when absent. Not before the path's effectiveFrom. */
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  @IsOptional()
  @IsIsoDate()
  effectiveTo?: string;

  /** True when the customer accounts for the tax (rate 0, note required). */
  @IsOptional()
  @IsBoolean()
  reverseCharge?: boolean;

  /** The text the invoice must carry (e.g. the reverse-charge statement). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  note?: string;
}

@ApiSchema({ name: 'ErpTaxRate' })
export class ErpTaxRateDto {
  legalEntityId: string;
  /** ISO 3166-1 alpha-2 country of the customer. */
  @ApiProperty({ example: 'DE' })
  customerCountry: string;
  @ApiProperty(ISO_DATE_PROPERTY)
  effectiveFrom: string;
  @ApiProperty({ ...ISO_DATE_PROPERTY, required: false })
  effectiveTo?: string;
  rateBasisPoints: number;
  reverseCharge: boolean;
  note?: string;
}

@ApiSchema({ name: 'ErpTaxRateList' })
export class ErpTaxRateListDto {
  @ApiProperty({ type: () => [ErpTaxRateDto] })
  items: ErpTaxRateDto[];
}

@ApiSchema({ name: 'ErpMappings' })
export class ErpMappingsDto {
  /** Firm the mappings belong to. */
  firmId: string;
  legalEntities: ErpLegalEntityMappingDto[];
  items: ErpItemMappingDto[];
  @ApiProperty({ type: () => [ErpTaxRateDto] })
  taxRates: ErpTaxRateDto[];
}

@ApiSchema({ name: 'ErpCreditMemoInput' })
export class ErpCreditMemoInputDto {
  /** Canonical credit memo id. */
  @IsIdentifier()
  id: string;

  /** Canonical id of the invoice it credits (same customer and currency). */
  @IsIdentifier()
  invoiceId: string;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  issueDate: string;

  @ApiProperty({ type: () => [ErpInvoiceLineInputDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ErpInvoiceLineInputDto)
  lines: ErpInvoiceLineInputDto[];
}

/** A credit memo in the ERP: issued (posted) when created. */
@ApiSchema({ name: 'ErpCreditMemo' })
export class ErpCreditMemoDto extends CanonicalEntityDto {
  number: string;
  invoiceId: string;
  customerId: string;
  legalEntityId: string;
  @ApiProperty(CURRENCY_CODE_PROPERTY)
  currency: string;
  @ApiProperty(ISO_DATE_PROPERTY)
  issueDate: string;
  @ApiProperty({ enum: ErpInvoiceStatuses, enumName: 'ErpInvoiceStatus' })
  status: ErpInvoiceStatus;
  @ApiProperty({ type: () => [ErpInvoiceLineDto] })
  lines: ErpInvoiceLineDto[];
  total: MoneyDto;
}
