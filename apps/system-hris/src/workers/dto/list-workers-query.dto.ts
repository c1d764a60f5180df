import { WorkerStatus, WorkerStatuses } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Query of `GET /system/hris/v1/workers`. */
export class ListWorkersQueryDto {
  /** Only workers in this status. */
  @ApiProperty({ enum: WorkerStatuses, enumName: 'WorkerStatus', required: false, example: 'active' })
  @IsOptional()
  @IsIn(WorkerStatuses, { message: `status must be one of: ${WorkerStatuses.join(', ')}` })
  status?: WorkerStatus;

  /** Only workers of this legal entity (e.g. `US-01`). */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  legalEntityId?: string;

  /** Page size (1..200, default 50). */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 200, default: 50, required: false })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** Workers to skip (default 0). */
  @ApiProperty({ type: 'integer', minimum: 0, default: 0, required: false })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
