import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

export const BillingRecordKinds = ['customer', 'invoice'] as const;

/** Where a canonical object lives at the billing platform. */
@ApiSchema({ name: 'BillingCrossReference' })
export class CrossReferenceDto {
  @ApiProperty({ enum: BillingRecordKinds, enumName: 'BillingRecordKind' })
  @IsIn(BillingRecordKinds)
  kind: 'customer' | 'invoice';

  @IsString()
  canonicalId: string;

  /** The billing platform (`stripe`). */
  @IsString()
  system: string;

  /** Its id there (e.g. `in_...`); absent while the create has not completed. */
  @IsOptional()
  @IsString()
  vendorId?: string;

  /** Canonical status as last seen (invoices). */
  @IsOptional()
  @IsString()
  status?: string;
}

export class CrossReferenceParamsDto {
  @ApiProperty({ enum: BillingRecordKinds, enumName: 'BillingRecordKind' })
  @IsIn(BillingRecordKinds)
  kind: 'customer' | 'invoice';

  @IsString()
  id: string;
}
