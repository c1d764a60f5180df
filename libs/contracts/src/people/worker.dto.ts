import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ISO_DATE_PROPERTY } from '../common/api-properties';
import { CanonicalEntityDto } from '../common/canonical-entity.dto';
import { IsMoney } from '../common/money-field';
import { MoneyDto } from '../common/money.dto';
import { IsIdentifier, IsIsoDate, IsOnOrAfter } from '../common/validators';

export const WorkerStatuses = ['active', 'on-leave', 'terminated'] as const;
export type WorkerStatus = (typeof WorkerStatuses)[number];

/**
 * What one hour of a worker costs the firm (salary, overheads), used for margin. Cost rates live
 * only on workers and are never sent to customers; what a customer pays is a BillRate on a rate card.
 */
@ApiSchema({ name: 'CostRate' })
export class CostRateDto {
  /** Cost of one hour, usually in the legal entity's functional currency. */
  @IsMoney({ min: 0 })
  hourlyCost: MoneyDto;

  /** Date from which this cost rate applies. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  effectiveFrom: string;
}

/** A person who does the work (employee or contractor), as the HRIS knows them. */
@ApiSchema({ name: 'Worker' })
export class WorkerDto extends CanonicalEntityDto {
  /** HR employee number. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  employeeNumber?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  givenName: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  familyName: string;

  /** Work email. */
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: WorkerStatuses, enumName: 'WorkerStatus', example: 'active' })
  @IsIn(WorkerStatuses)
  status: WorkerStatus;

  /** The firm's legal entity employing the worker. */
  @IsIdentifier()
  legalEntityId: string;

  /** Cost centre code. */
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  costCentre: string;

  /** Work location (office or site code, e.g. `NYC`). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  location: string;

  /** Worker id of the line manager; absent at the top of the organisation. */
  @IsOptional()
  @IsIdentifier()
  managerId?: string;

  /** Job role code, e.g. `senior-consultant` (the default rate-card role). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  role: string;

  /** Current cost rate. */
  @IsDefined()
  @ValidateNested()
  @Type(() => CostRateDto)
  costRate: CostRateDto;

  @ApiProperty(ISO_DATE_PROPERTY)
  @IsOptional()
  @IsIsoDate()
  hireDate?: string;

  /** Last working day; required when terminated. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @ValidateIf((w: WorkerDto) => w.status === 'terminated' || w.terminationDate !== undefined)
  @IsIsoDate()
  @IsOnOrAfter('hireDate')
  terminationDate?: string;
}
