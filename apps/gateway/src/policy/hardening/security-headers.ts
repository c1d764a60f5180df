import helmet, { HelmetOptions } from 'helmet';

/** The gateway's helmet options: strict defaults, a CSP that lets the portal's own scripts and styles run. */
export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
    },
  },
};

/**
 * The headers helmet sets for these options, computed once: helmet's middleware run against a
 * recording response. Its headers do not depend on the request (no CSP nonces), so the gateway sets
 * this fixed list on every answer instead of building helmet's middleware per request (which is what
 * @fastify/helmet does, and halved the gateway's throughput).
 */
export function securityHeaders(options: Readonly<HelmetOptions> = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]): void {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string): void {
      delete headers[name];
    },
  };
  let failure: unknown;
  helmet(options)({} as never, recorder as never, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return headers;
}

/**
 * The headers of an API answer (JSON from an app behind the gateway, or a problem): the OWASP REST
 * set, with helmet's values where helmet has one. An API answer is never rendered as a page, so the
 * page-oriented headers (a CSP with sources, cross-origin isolation, DNS prefetch...) are left to the
 * portal's HTML; fewer header bytes on every call is throughput (see docs/performance.md).
 */
export function apiSecurityHeaders(): Record<string, string> {
  const full = securityHeaders();
  return {
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Strict-Transport-Security': full['Strict-Transport-Security'],
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Paths whose answers are pages (the portal, the contracts index): they get helmet's full set. */
export const PAGE_PATHS = /^\/(portal|docs)(\/|\?|$)/;
