import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A postal address. */
@ApiSchema({ name: 'Address' })
export class AddressDto {
  /** First address line (street and number). */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  line1: string;

  /** Second address line. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city: string;

  /** State, province or region. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  postalCode?: string;

  /** ISO 3166-1 alpha-2 country code. */
  @ApiProperty({ example: 'US' })
  @Matches(/^[A-Z]{2}$/)
  @IsISO31661Alpha2()
  countryCode: string;
}
