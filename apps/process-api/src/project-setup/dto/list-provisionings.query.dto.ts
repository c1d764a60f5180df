import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ProvisioningStatus, ProvisioningStatuses } from '../project-setup.constants';

/** Filter and page of `GET /provisionings`. */
export class ListProvisioningsQueryDto {
  /** Only provisionings in this status. */
  @ApiProperty({ enum: ProvisioningStatuses, enumName: 'ProvisioningStatus', required: false })
  @IsOptional()
  @IsIn(ProvisioningStatuses)
  status?: ProvisioningStatus;

  /** Page size (1-200). */
  @ApiProperty({ type: 'integer', required: false, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  /** Items to skip. */
  @ApiProperty({ type: 'integer', required: false, default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}
