import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { ValidationProblem } from '../errors/problem-error';
import { createValidationPipe, flattenValidationErrors } from './validation';

class AmountDto {
  @IsInt() @Min(0) minor: number;
  @IsString() currency: string;
}
class LineDto {
  @ValidateNested() @Type(() => AmountDto) amount: AmountDto;
}
class AddressDto {
  @IsString() city: string;
}
class OrderDto {
  @ValidateNested({ each: true }) @Type(() => LineDto) lines: LineDto[];
  @ValidateNested() @Type(() => AddressDto) address: AddressDto;
}

describe('global validation', () => {
  const pipe = createValidationPipe();
  const run = (value: unknown) => pipe.transform(value, { type: 'body', metatype: OrderDto });

  it('lists every invalid field with array and object paths', async () => {
    const err = (await run({
      lines: [{ amount: { minor: 1, currency: 'EUR' } }, { amount: { minor: -1, currency: 7 } }],
      address: { city: 3, zip: '1' },
      unknown: true,
    }).catch((e: unknown) => e)) as ValidationProblem;
    expect(err).toBeInstanceOf(ValidationProblem);
    expect(err.errors).toEqual(
      expect.arrayContaining([
        { field: 'lines[1].amount.minor', message: 'lines[1].amount.minor must not be less than 0' },
        { field: 'lines[1].amount.currency', message: 'lines[1].amount.currency must be a string' },
        { field: 'address.city', message: 'address.city must be a string' },
        { field: 'address.zip', message: 'property address.zip should not exist' },
        { field: 'unknown', message: 'property unknown should not exist' },
      ]),
    );
    expect(err.errors).toHaveLength(5);
  });

  it('transforms valid input into the DTO class', async () => {
    const ok = (await run({
      lines: [{ amount: { minor: 5, currency: 'EUR' } }],
      address: { city: 'Lyon' },
    })) as OrderDto;
    expect(ok).toBeInstanceOf(OrderDto);
    expect(ok.lines[0].amount).toBeInstanceOf(AmountDto);
  });

  it('flattens class-validator errors without constraints on parents', () => {
    expect(
      flattenValidationErrors([{ property: 'a', constraints: { isInt: 'a must be an integer number' }, children: [] }]),
    ).toEqual([{ field: 'a', message: 'a must be an integer number' }]);
  });
});
