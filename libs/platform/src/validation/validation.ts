import { ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { FieldError, ValidationProblem } from '../errors/problem-error';

/**
 * Flattens class-validator errors into one entry per invalid field, with paths such as
 * `lines[0].amount` for nested arrays and `address.city` for nested objects.
 */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((e) => walk(e, parentPath ? `${parentPath}.${e.property}` : e.property));
}

function walk(e: ValidationError, path: string): FieldError[] {
  const out: FieldError[] = Object.values(e.constraints ?? {}).map((message) => ({
    field: path,
    message: rewrite(message, e.property, path),
  }));
  const isArray = Array.isArray(e.value);
  for (const child of e.children ?? []) {
    const childPath =
      isArray || /^\d+$/.test(child.property) ? `${path}[${child.property}]` : `${path}.${child.property}`;
    out.push(...walk(child, childPath));
  }
  return out;
}

/** class-validator messages start with the bare property; name the full path instead. */
function rewrite(message: string, property: string, path: string): string {
  if (path !== property && message.startsWith(`${property} `)) return `${path}${message.slice(property.length)}`;
  if (message.startsWith('property ') && path !== property)
    return message.replace(`property ${property} `, `property ${path} `);
  return message;
}

export const VALIDATION_PIPE_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  validationError: { target: false, value: true },
  exceptionFactory: (errors: ValidationError[]) => new ValidationProblem(flattenValidationErrors(errors)),
};

/** The platform's global pipe: whitelist, forbid unknown fields, transform, every invalid field listed. */
export function createValidationPipe(overrides: ValidationPipeOptions = {}): ValidationPipe {
  return new ValidationPipe({ ...VALIDATION_PIPE_OPTIONS, ...overrides });
}
