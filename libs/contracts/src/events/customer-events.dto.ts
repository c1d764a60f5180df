import { ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CustomerDto } from '../commercial/customer.dto';

/** `customer.changed` (subject `customer/<id>`): the customer as it is now. */
@ApiSchema({ name: 'CustomerChangedData' })
export class CustomerChangedData {
  @IsDefined()
  @ValidateNested()
  @Type(() => CustomerDto)
  customer: CustomerDto;

  /** Canonical field names that changed; absent when unknown or on creation. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  changedFields?: string[];
}
