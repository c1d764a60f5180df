import { IsIdentifier, IsIsoDate, IsOnOrAfter, ISO_DATE_PROPERTY, InvoiceDto } from '@app/contracts';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Filters of the invoice listing (all optional, combined with AND). */
export class ListBillingInvoicesQueryDto {
  /** Only this project's invoices (canonical id, kept in the vendor's metadata). */
  @IsOptional()
  @IsIdentifier()
  projectId?: string;

  /** Only this customer's invoices (canonical id). */
  @IsOptional()
  @IsIdentifier()
  customerId?: string;

  /** Created at the billing platform on or after this day (UTC). */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Created on or before this day (UTC, inclusive). */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('from')
  to?: string;

  /** Page size, 1-100 (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** `nextPage` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  page?: string;
}

@ApiSchema({ name: 'BillingInvoiceList' })
export class BillingInvoiceListDto {
  @ApiProperty({ type: () => [InvoiceDto] })
  items: InvoiceDto[];

  /** Cursor of the next page; absent on the last page. */
  nextPage?: string;

  /**
   * Invoices on this page found at the billing platform that system-billing did not create (no record
   * of ours): left out of `items`, counted for reconciliation.
   */
  unknownVendorInvoices: number;
}
