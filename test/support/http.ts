/** The answer of one real HTTP call: JSON parsed when it is JSON, else the text. */
export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

/** One real HTTP call with an optional JSON body, for the integration harnesses. */
export async function jsonRequest(
  url: string,
  method = 'GET',
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const res = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
