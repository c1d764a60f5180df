#!/usr/bin/env node
/**
 * Keeps package-lock.json installable by `npm ci` on every machine.
 *
 * Packages such as @swc/core and unrs-resolver (jest) list one optional native binary per platform.
 * The registry these machines reach serves only some of those binaries, and npm 11 leaves the ones it
 * cannot fetch out of the lockfile; `npm ci` (npm >= 11.6.2) then refuses the lockfile as out of sync.
 * This script adds the missing optional entries (version only, `optional: true`), which `npm ci`
 * accepts and skips on platforms they are not for. It runs after every `npm install` (the root
 * `postinstall` script) and in CI with `--check`, which fails when the committed lockfile lacks them.
 */
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const check = process.argv.includes('--check');
if (!fs.existsSync(file)) process.exit(0);

const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages ?? {};

/** Where npm would resolve `dep` from the package installed at `key` (nearest node_modules upwards). */
function resolves(key, dep) {
  let dir = key;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${dep}` : `node_modules/${dep}`;
    if (packages[candidate]) return true;
    if (!dir) return false;
    const idx = dir.lastIndexOf('/node_modules/');
    dir = idx === -1 ? '' : dir.slice(0, idx);
  }
}

const missing = [];
for (const [key, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    if (!resolves(key, dep)) missing.push({ key: `node_modules/${dep}`, version, dev: meta.dev === true });
  }
}

if (missing.length === 0) process.exit(0);
if (check) {
  console.error(
    `package-lock.json lacks ${missing.length} optional platform package(s) (${missing
      .slice(0, 3)
      .map((m) => m.key.slice('node_modules/'.length))
      .join(', ')}...): run \`node scripts/complete-lockfile.js\` and commit the lockfile.`,
  );
  process.exit(1);
}
for (const m of missing) {
  if (packages[m.key]) continue;
  packages[m.key] = { version: m.version, ...(m.dev ? { dev: true } : {}), optional: true };
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, 'en')));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  `complete-lockfile: added ${missing.length} optional platform entr${missing.length === 1 ? 'y' : 'ies'} to package-lock.json`,
);
