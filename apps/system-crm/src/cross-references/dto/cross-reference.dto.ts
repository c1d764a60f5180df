import { IsIdentifier } from '@app/contracts';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CrmResource, CrmResources } from '../cross-reference.store';

/** Where a canonical CRM object lives in the CRM. */
@ApiSchema({ name: 'CrmCrossReference' })
export class CrmCrossReferenceDto {
  @ApiProperty({ enum: CrmResources, enumName: 'CrmResource', example: 'account' })
  resource: CrmResource;

  /** The canonical id (the firm's external id, e.g. `ACC-0001`). */
  canonicalId: string;

  /** The CRM (`salesforce`). */
  system: string;

  /** Its id there (e.g. `0015g0000000001AAA`). */
  vendorId: string;

  /** Since when this pairing holds (RFC 3339). */
  @ApiProperty({ type: 'string', format: 'date-time' })
  updatedAt: string;
}

@ApiSchema({ name: 'CrmCrossReferenceList' })
export class CrmCrossReferenceListDto {
  items: CrmCrossReferenceDto[];

  /** How many match the filter (all pages). */
  total: number;
}

/** Query of `GET /system/crm/v1/cross-references`. */
export class CrossReferenceQueryDto {
  @ApiProperty({ enum: CrmResources, enumName: 'CrmResource', required: false })
  @IsOptional()
  @IsIn(CrmResources, { message: `resource must be one of: ${CrmResources.join(', ')}` })
  resource?: CrmResource;

  /** Only the pairing of this canonical id. */
  @IsOptional()
  @IsIdentifier()
  canonicalId?: string;

  /** Only the pairing of this CRM id. */
  @IsOptional()
  @IsIdentifier()
  vendorId?: string;

  @ApiProperty({ required: false, minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiProperty({ required: false, minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
