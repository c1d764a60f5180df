/** The gateway admin API over HTTP, as the CLI uses it. */
export interface AdminClientOptions {
  /** Gateway base URL, e.g. http://localhost:8080. */
  url: string;
  /** An API key holding the admin scope (X-API-Key)... */
  apiKey?: string;
  /** ...or an access token holding it (Authorization: Bearer). */
  token?: string;
}

/** A non-2xx answer of the admin API, carrying its problem+json detail. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: Array<{ field: string; message: string }> } | string,
  ) {
    super(
      typeof problem === 'string'
        ? `HTTP ${status}: ${problem}`
        : `HTTP ${status} ${problem.title ?? ''}: ${problem.detail ?? ''}${
            problem.errors?.length ? `\n${problem.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}` : ''
          }`,
    );
  }
}

export class AdminClient {
  constructor(private readonly options: AdminClientOptions) {}

  async call<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    else if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = `${this.options.url.replace(/\/+$/, '')}/gateway/admin/v1${path}`;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new Error(
        `cannot reach the gateway at ${this.options.url} (${(err as Error).cause ?? (err as Error).message})`,
      );
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    if (!res.ok) throw new AdminApiError(res.status, parsed as AdminApiError['problem']);
    return parsed as T;
  }
}
