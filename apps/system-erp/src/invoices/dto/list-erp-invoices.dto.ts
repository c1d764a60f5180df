import { ErpInvoiceDto, IsIdentifier, IsIsoDate, IsOnOrAfter, ISO_DATE_PROPERTY } from '@app/contracts';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class ListErpInvoicesQueryDto {
  /** Only this project's invoices (canonical id). */
  @IsOptional()
  @IsIdentifier()
  projectId?: string;

  /** Invoice date on or after this day. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Invoice date on or before this day. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  @IsOnOrAfter('from')
  to?: string;

  /**
   * The external document number (the canonical invoice id the create sent) or the ERP's document
   * number: the lookup before retrying a create whose outcome is unknown.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  documentNumber?: string;

  /** Page size, 1-100 (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** Invoices to skip (default 0). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

@ApiSchema({ name: 'ErpInvoiceList' })
export class ErpInvoiceListDto {
  @ApiProperty({ type: () => [ErpInvoiceDto] })
  items: ErpInvoiceDto[];

  /** Invoices matching the filters. */
  total: number;
}
