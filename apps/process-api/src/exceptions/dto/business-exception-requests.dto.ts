import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ExceptionStatuses, OwningTeams } from '../exceptions.constants';
import type { ExceptionStatus, OwningTeam } from '../exceptions.constants';
import { PageQueryDto } from '../../common/page-query.dto';

/** Filter and page of `GET /exceptions`. */
export class ListBusinessExceptionsQueryDto extends PageQueryDto {
  /** Kind, e.g. `provisioning-invalid-opportunity`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  kind?: string;

  @ApiProperty({ enum: OwningTeams, enumName: 'OwningTeam', required: false })
  @IsOptional()
  @IsIn(OwningTeams)
  owningTeam?: OwningTeam;

  @ApiProperty({ enum: ExceptionStatuses, enumName: 'BusinessExceptionStatus', required: false })
  @IsOptional()
  @IsIn(ExceptionStatuses)
  status?: ExceptionStatus;

  /** Legal entity, e.g. `US-01`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  legalEntity?: string;

  /** Business key, e.g. `opportunity/<id>`. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  businessKey?: string;

  /** Only those created at or after this instant (RFC 3339). */
  @ApiProperty({ format: 'date-time', required: false })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}

/** Why the operator acts; kept in the audit trail. */
export class BusinessExceptionActionRequestDto {
  /** Why (e.g. "tax profile added in the CRM"); required. */
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;
}

export class BusinessExceptionIdParamsDto {
  /** Exception id (UUID). */
  @IsUUID()
  id: string;
}
