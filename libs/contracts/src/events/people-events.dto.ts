import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { WorkerDto, WorkerStatuses, type WorkerStatus } from '../people/worker.dto';

/**
 * What happened to a worker, derived by the HRIS system API from successive HRIS snapshots: hired,
 * transferred (legal entity, cost centre, location or manager), on leave, back from leave,
 * terminated, or `update` (another canonical field such as role or cost rate changed).
 */
export const WorkerLifecycleKinds = ['hire', 'transfer', 'leave', 'return', 'termination', 'update'] as const;
export type WorkerLifecycleKind = (typeof WorkerLifecycleKinds)[number];

/** Where a worker sat before a transfer (only the fields that changed). */
@ApiSchema({ name: 'WorkerPlacement' })
export class WorkerPlacementDto {
  @IsOptional()
  @IsString()
  @MaxLength(50)
  legalEntityId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  costCentre?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  location?: string;

  /** Previous manager's worker id; null when there was none. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  managerId?: string | null;
}

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

  /** The lifecycle change this event reports. */
  @ApiProperty({ enum: WorkerLifecycleKinds, enumName: 'WorkerLifecycleKind', required: false, example: 'transfer' })
  @IsOptional()
  @IsIn(WorkerLifecycleKinds)
  lifecycle?: WorkerLifecycleKind;

  /** On a transfer: the previous values of the fields that moved. */
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkerPlacementDto)
  previous?: WorkerPlacementDto;

  /** Canonical field names that changed; absent when unknown or on hire. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  changedFields?: string[];
}
