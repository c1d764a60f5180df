import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { ProvisioningStatus, ProvisioningStatuses } from '../project-setup.constants';

/** Filter and page of `GET /provisionings`. */
export class ListProvisioningsQueryDto extends PageQueryDto {
  /** Only provisionings in this status. */
  @ApiProperty({ enum: ProvisioningStatuses, enumName: 'ProvisioningStatus', required: false })
  @IsOptional()
  @IsIn(ProvisioningStatuses)
  status?: ProvisioningStatus;

  /** Only provisionings received at or after this instant (RFC 3339). */
  @ApiProperty({ format: 'date-time', required: false })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Only provisionings received before this instant (RFC 3339). */
  @ApiProperty({ format: 'date-time', required: false })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
