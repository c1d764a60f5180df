import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { WorkerDto, WorkerStatuses, type WorkerStatus } from '../people/worker.dto';

/** `worker.changed` (subject `worker/<id>`): the worker as the HRIS has them now. */
@ApiSchema({ name: 'WorkerChangedData' })
export class WorkerChangedData {
  @IsDefined()
  @ValidateNested()
  @Type(() => WorkerDto)
  worker: WorkerDto;

  /** Status before the change, when it changed (e.g. `active` on a termination). */
  @ApiProperty({ enum: WorkerStatuses, enumName: 'WorkerStatus', required: false })
  @IsOptional()
  @IsIn(WorkerStatuses)
  previousStatus?: WorkerStatus;

  /** Canonical field names that changed; absent when unknown or on hire. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  changedFields?: string[];
}
