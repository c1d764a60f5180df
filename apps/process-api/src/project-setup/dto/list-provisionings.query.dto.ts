import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { ProvisioningStatus, ProvisioningStatuses } from '../project-setup.constants';

/** Filter and page of `GET /provisionings`. */
export class ListProvisioningsQueryDto extends PageQueryDto {
  /** Only provisionings in this status. */
  @ApiProperty({ enum: ProvisioningStatuses, enumName: 'ProvisioningStatus', required: false })
  @IsOptional()
  @IsIn(ProvisioningStatuses)
  status?: ProvisioningStatus;
}
