import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ExceptionStatuses, OwningTeams } from '../exceptions.constants';
import type { ExceptionStatus, OwningTeam } from '../exceptions.constants';

/** Filter and page of `GET /exceptions`. */
export class ListBusinessExceptionsQueryDto {
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
