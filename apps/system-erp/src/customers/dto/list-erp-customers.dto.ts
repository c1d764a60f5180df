import { isNameKey } from '@app/contracts';
import { IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';

export class ListErpCustomersQueryDto {
  /**
   * Only customers whose name has this key (the normalized name: lower case, accents, punctuation
   * and legal-form suffixes removed, `ACME, Inc.` -> `acme`): the duplicate check before a create.
   * Must already be a key (`Acme Inc` is refused; send `acme`).
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @ValidateBy({
    name: 'isNameKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isNameKey(value),
      defaultMessage: () =>
        'nameKey must be a normalized name (lower case a-z 0-9 and single spaces, no legal-form suffix), e.g. "acme widgets"',
    },
  })
  nameKey?: string;
}
