/** API versions the sandbox answers (`GET /services/data/` lists them); the newest is the default. */
export const MIN_API_VERSION = 31;
export const MAX_API_VERSION = 62;

const SEASONS = ['Winter', 'Spring', 'Summer'] as const;

export interface ApiVersionInfo {
  label: string;
  url: string;
  version: string;
}

/** `v60.0`-style path segment check. */
export function isSupportedApiVersion(segment: string): boolean {
  const m = /^v(\d+)\.0$/.exec(segment);
  if (!m) return false;
  const n = Number(m[1]);
  return n >= MIN_API_VERSION && n <= MAX_API_VERSION;
}

export function apiVersions(): ApiVersionInfo[] {
  const out: ApiVersionInfo[] = [];
  for (let n = MIN_API_VERSION; n <= MAX_API_VERSION; n++) {
    // v31.0 is Summer '14; three releases a year.
    const index = n - 31 + 2;
    const season = SEASONS[index % 3];
    const year = 14 + Math.floor(index / 3);
    out.push({ label: `${season} '${year}`, url: `/services/data/v${n}.0`, version: `${n}.0` });
  }
  return out;
}
