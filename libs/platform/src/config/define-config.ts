import { ConfigFactoryKeyHost, registerAs } from '@nestjs/config';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { ConfigError } from './config-error';

/** Maps the environment to the raw (string) values of a config DTO's properties. */
export type EnvMapper<T> = (env: NodeJS.ProcessEnv) => { [K in keyof T]?: unknown };

/** A config namespace: callable (validates and returns the config) with its injection KEY. */
export type TypedConfig<T> = (() => T) & ConfigFactoryKeyHost<T>;

const MARK = '\u0000';

/**
 * A typed, validated configuration namespace:
 *
 * ```ts
 * export class CrmConfig {
 *   @IsUrl({ require_tld: false }) salesforceUrl: string;
 *   @IsInt() @Min(1) pollIntervalMs = 5000;
 * }
 * export const crmConfig = defineConfig('crm', CrmConfig, (env) => ({
 *   salesforceUrl: env.SYSTEM_CRM_SALESFORCE_URL,
 *   pollIntervalMs: env.SYSTEM_CRM_POLL_INTERVAL_MS,
 * }));
 * // module: imports: [ConfigModule.forFeature(crmConfig)]
 * // inject: constructor(@Inject(crmConfig.KEY) private readonly cfg: ConfigType<typeof crmConfig>) {}
 * ```
 *
 * The mapper should pass the variables through untouched (strings): numbers and booleans are converted
 * from the property's declared type, and property initialisers are the defaults when a variable is unset.
 * A missing or bad variable throws a ConfigError naming it when the factory runs (at boot).
 */
export function defineConfig<T extends Record<string, any>>(
  key: string,
  dto: ClassConstructor<T>,
  mapper: EnvMapper<T>,
): TypedConfig<T> {
  return registerAs<T, () => T>(key, (): T => loadConfig(key, dto, mapper)) as TypedConfig<T>;
}

/** Builds and validates a config object outside of Nest (also what defineConfig's factory does). */
export function loadConfig<T extends object>(
  key: string,
  dto: ClassConstructor<T>,
  mapper: EnvMapper<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const raw = { ...mapper(env) } as Record<string, unknown>;
  const proto = dto.prototype as object;
  for (const [prop, value] of Object.entries(raw)) {
    if (value === undefined || value === null || value === '') {
      delete raw[prop];
      continue;
    }
    raw[prop] = coerce(Reflect.getMetadata('design:type', proto, prop), value);
  }
  const instance = plainToInstance(dto, raw, { exposeDefaultValues: true });
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length === 0) return instance;
  const names = variableNames(mapper);
  const problems = flatten(errors).map(({ property, messages }) => {
    const variable = names.get(property) ?? `${key}.${property}`;
    return {
      variable,
      message: messages
        .map((m) => (m.startsWith(property) ? variable + m.slice(property.length) : `${variable}: ${m}`))
        .join(', '),
    };
  });
  throw new ConfigError(key, problems);
}

function coerce(type: unknown, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim();
  if (type === Number) return v === '' || Number.isNaN(Number(v)) ? value : Number(v);
  if (type === Boolean) {
    if (/^(true|1|yes|on)$/i.test(v)) return true;
    if (/^(false|0|no|off)$/i.test(v)) return false;
  }
  return value;
}

function flatten(errors: ValidationError[], prefix = ''): { property: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const property = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ property, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], property)];
  });
}

/** Which environment variable feeds which property: the mapper runs once on marker values. */
function variableNames<T>(mapper: EnvMapper<T>): Map<string, string> {
  const read: string[] = [];
  const names = new Map<string, string>();
  const probe = new Proxy(
    {},
    {
      get: (_t, k) => {
        if (typeof k !== 'string') return undefined;
        read.push(k);
        return `${MARK}${k}${MARK}`;
      },
    },
  ) as NodeJS.ProcessEnv;
  let mapped: Record<string, unknown> = {};
  try {
    mapped = { ...mapper(probe) } as Record<string, unknown>;
  } catch {
    /* a mapper that computes on its input: fall back to name matching below */
  }
  for (const [prop, value] of Object.entries(mapped)) {
    const m = typeof value === 'string' ? new RegExp(`${MARK}([^${MARK}]+)${MARK}`).exec(value) : null;
    if (m) names.set(prop, read.find((v) => v.toLowerCase() === m[1].toLowerCase()) ?? m[1]);
  }
  // Fallback: a variable read by the mapper whose name ends with the property in UPPER_SNAKE_CASE.
  for (const prop of Object.keys(mapped)) {
    if (names.has(prop)) continue;
    const snake = prop.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
    const hit = read.find((v) => v === snake || v.endsWith(`_${snake}`));
    if (hit) names.set(prop, hit);
  }
  return names;
}
