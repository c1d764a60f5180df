import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Flattens class-validator errors to `path: message` lines, e.g. `lines.0.amount.currency: currency must be ...`. */
export function describeValidationErrors(errors: readonly ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    return [
      ...Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`),
      ...describeValidationErrors(error.children ?? [], path),
    ];
  });
}

/** Thrown by assertValid: names every problem. */
export class ContractValidationError extends Error {
  constructor(
    readonly contract: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid ${contract}: ${problems.join('; ')}`);
    this.name = 'ContractValidationError';
  }
}

export interface ValidateContractOptions {
  /** Reject properties the contract does not declare (default true: the model is a whitelist). */
  forbidUnknown?: boolean;
}

/**
 * Validates a plain object against a contract class the way the global ValidationPipe does
 * (transform, whitelist, forbid unknown properties) and returns the instance with the problems.
 * For code outside HTTP: mappers checking their output, consumers checking an event's data.
 */
export function validateContract<T extends object>(
  contract: new () => T,
  plain: unknown,
  options: ValidateContractOptions = {},
): { value: T; problems: string[] } {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { value: plain as T, problems: [`${contract.name} must be an object`] };
  }
  const value = plainToInstance(contract, plain);
  const forbid = options.forbidUnknown ?? true;
  const errors = validateSync(value, { whitelist: forbid, forbidNonWhitelisted: forbid });
  return { value, problems: describeValidationErrors(errors) };
}

/** validateContract, throwing ContractValidationError when anything is wrong. */
export function assertValidContract<T extends object>(
  contract: new () => T,
  plain: unknown,
  options?: ValidateContractOptions,
): T {
  const { value, problems } = validateContract(contract, plain, options);
  if (problems.length > 0) throw new ContractValidationError(contract.name, problems);
  return value;
}
