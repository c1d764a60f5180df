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
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  /** Items to skip. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}
