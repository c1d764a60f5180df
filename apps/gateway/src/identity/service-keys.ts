/** `a=key1,b=key2` -> { a: key1, b: key2 }; an entry without `=` or with an empty side is an error. */
export function parseServiceKeys(raw: string | undefined): Record<string, string> | undefined {
  if (!raw?.trim()) return undefined;
  const out: Record<string, string> = {};
  for (const entry of raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const name = at > 0 ? entry.slice(0, at).trim() : '';
    const key = at > 0 ? entry.slice(at + 1).trim() : '';
    out[name || `invalid entry "${entry}"`] = key;
  }
  return out;
}
