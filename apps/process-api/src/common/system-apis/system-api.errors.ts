/** A problem+json answer from a system API (through the gateway), typed by what the caller should do. */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  [key: string]: unknown;
}

/** Base of the errors the system API clients throw. */
export abstract class SystemApiError extends Error {
  abstract readonly technical: boolean;
  constructor(
    readonly api: string,
    readonly operation: string,
    readonly status: number | undefined,
    readonly problem: ProblemBody | undefined,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * 4xx (other than 408/429): the request was refused for a business or data reason (invalid input, not
 * found, conflict). Retrying the same call will not help; a person or a data fix will.
 */
export class SystemApiBusinessError extends SystemApiError {
  readonly technical = false;
}

/** 5xx, 408/429, timeouts, an open circuit, the network: retrying later may succeed. */
export class SystemApiTechnicalError extends SystemApiError {
  readonly technical = true;
}

/** Human-readable summary of a problem body: detail, else title, plus each invalid field. */
export function describeProblem(problem: ProblemBody | undefined, fallback: string): string {
  if (!problem || typeof problem !== 'object') return fallback;
  const fields = Array.isArray(problem.errors) ? problem.errors.map((e) => `${e.field}: ${e.message}`) : [];
  const head = problem.detail ?? problem.title ?? fallback;
  return fields.length && !fields.every((f) => head.includes(f)) ? `${head} (${fields.join('; ')})` : head;
}
