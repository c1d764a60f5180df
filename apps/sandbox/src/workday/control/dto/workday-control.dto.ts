import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^\d{1,8}(\.\d{1,2})?$/;

/** `POST /__sandbox/workers`: HR hires someone. */
export class HireWorkerDto {
  @IsString() @MinLength(1) @MaxLength(100) givenName: string;
  @IsString() @MinLength(1) @MaxLength(100) familyName: string;
  @IsString() @MinLength(1) @MaxLength(100) jobProfile: string;
  @IsOptional() @IsString() @MaxLength(200) businessTitle?: string;
  @IsString() legalEntity: string;
  @IsString() @MinLength(1) @MaxLength(50) costCenter: string;
  @IsString() @MinLength(1) @MaxLength(50) location: string;
  @IsOptional() @IsString() managerId?: string;
  @Matches(DATE, { message: 'hireDate must be YYYY-MM-DD' }) hireDate: string;
  /** Decimal string in major units, e.g. "85.50". */
  @Matches(DECIMAL, { message: 'hourlyCostRate must be a decimal string with up to 2 decimals' })
  hourlyCostRate: string;
  @IsOptional() @Matches(/^[A-Z]{3}$/) costRateCurrency?: string;
  @IsOptional() @IsString() @MaxLength(254) workEmail?: string;
  @IsOptional() @IsString() @MaxLength(254) personalEmail?: string;
  @IsOptional() @Matches(DATE, { message: 'dateOfBirth must be YYYY-MM-DD' }) dateOfBirth?: string;
  @IsOptional() @IsString() @MaxLength(500) homeAddress?: string;
}

/** `POST /__sandbox/workers/{employeeId}/job-change`: a transfer and/or a new job profile or cost rate. */
export class JobChangeDto {
  @IsOptional() @IsString() legalEntity?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50) costCenter?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50) location?: string;
  /** The new manager's employee id; null: no manager. */
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() managerId?: string | null;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) jobProfile?: string;
  @IsOptional() @IsString() @MaxLength(200) businessTitle?: string;
  @IsOptional()
  @Matches(DECIMAL, { message: 'hourlyCostRate must be a decimal string with up to 2 decimals' })
  hourlyCostRate?: string;
  @IsOptional() @Matches(/^[A-Z]{3}$/) costRateCurrency?: string;
}

/** `POST /__sandbox/workers/{employeeId}/terminate`. */
export class TerminateWorkerDto {
  @IsOptional() @Matches(DATE, { message: 'terminationDate must be YYYY-MM-DD' }) terminationDate?: string;
}

/** `POST /__sandbox/rate-limit`. */
export class RateLimitDto {
  /** Requests per second per tenant; 0 turns the limit off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100000)
  requestsPerSecond: number;
}
