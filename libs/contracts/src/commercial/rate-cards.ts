import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import type { Money } from '../common/money';

/** The parts of a rate card version the helpers read (RateCardVersionDto satisfies it). */
export interface RateCardVersionLike {
  version: number;
  effectiveFrom: string;
  effectiveTo?: string;
  billRates: ReadonlyArray<{ role: string; hourlyRate: Money }>;
}

/** True when `date` (YYYY-MM-DD) falls in [effectiveFrom, effectiveTo). */
export function isVersionEffectiveOn(
  version: Pick<RateCardVersionLike, 'effectiveFrom' | 'effectiveTo'>,
  date: string,
): boolean {
  return version.effectiveFrom <= date && (version.effectiveTo === undefined || date < version.effectiveTo);
}

/** The version in force on `date`, or undefined when none is. */
export function effectiveRateCardVersion<V extends RateCardVersionLike>(
  card: { versions: readonly V[] },
  date: string,
): V | undefined {
  return card.versions
    .filter((v) => isVersionEffectiveOn(v, date))
    .reduce<V | undefined>((best, v) => (best === undefined || v.version > best.version ? v : best), undefined);
}

/** The hourly bill rate for `role` in a version, or undefined when the card has no rate for it. */
export function billRateFor(version: RateCardVersionLike, role: string): Money | undefined {
  return version.billRates.find((r) => r.role === role)?.hourlyRate;
}

/** Why a list of versions is inconsistent (duplicate numbers, overlapping periods), or undefined. */
export function rateCardVersionsProblem(versions: readonly RateCardVersionLike[]): string | undefined {
  const numbers = new Set<number>();
  for (const v of versions) {
    if (numbers.has(v.version)) return `version ${v.version} appears twice`;
    numbers.add(v.version);
  }
  const sorted = [...versions].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    if (previous.effectiveTo === undefined || previous.effectiveTo > sorted[i].effectiveFrom) {
      return `versions ${previous.version} and ${sorted[i].version} overlap`;
    }
  }
  return undefined;
}

/** Class-validator rule on RateCardDto.versions: unique numbers, no overlapping periods. */
export function NoOverlappingVersions(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noOverlappingVersions',
      validator: {
        validate: (value: unknown) => {
          if (!Array.isArray(value) || !value.every(isVersionShape)) return true; // shape errors come from the nested rules
          return rateCardVersionsProblem(value) === undefined;
        },
        defaultMessage: buildMessage(
          (each) => `${each}$property must have unique version numbers and non-overlapping effective periods`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

function isVersionShape(v: unknown): v is RateCardVersionLike {
  const r = v as Partial<RateCardVersionLike> | null;
  return (
    r !== null &&
    typeof r === 'object' &&
    typeof r.version === 'number' &&
    typeof r.effectiveFrom === 'string' &&
    (r.effectiveTo === undefined || typeof r.effectiveTo === 'string')
  );
}
