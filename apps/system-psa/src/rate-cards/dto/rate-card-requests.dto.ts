import { BillRateDto, IsIsoDate, ISO_DATE_PROPERTY } from '@app/contracts';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

/** A new version of a rate card: the bill rates by role in force from `effectiveFrom`. */
@ApiSchema({ name: 'NewPsaRateCardVersion' })
export class CreateRateCardVersionDto {
  /** First day the version applies; after every existing version's. */
  @ApiProperty(ISO_DATE_PROPERTY)
  @IsIsoDate()
  effectiveFrom: string;

  /** Bill rates by role (role codes the PSA knows), in the card's currency. */
  @ApiProperty({ type: () => [BillRateDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BillRateDto)
  billRates: BillRateDto[];
}

export class RateCardIdParamDto {
  /** Canonical rate card id (or the PSA's own id). */
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  id: string;
}
