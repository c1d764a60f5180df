/*
 * Whether dist/ is a build of the sources as they are: used by `npm start` (scripts/start.js: build
 * when not) and by the launcher run from sources (tests: run the apps from dist/ when it is current,
 * which boots far faster than compiling them on the fly).
 *
 * Stale when dist/ or its build stamp (scripts/postbuild.js) is missing, or when any .ts file under
 * apps/, libs/ or tools/ (specs and test folders aside) or a build configuration file is newer.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stampFile = path.join(root, 'dist', '.build-stamp');
const entry = path.join(root, 'dist', 'tools', 'launcher', 'main.js');
const SOURCE_DIRS = ['apps', 'libs', 'tools'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json'];

/** Newest modification time of the sources that make dist/, in ms. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      // test/ folders and specs are not part of the build.
      if (e.name === 'node_modules' || e.name === 'test' || e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(root, dir));
  for (const file of CONFIG_FILES) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
    } catch {
      /* optional */
    }
  }
  return newest;
}

/** Why dist/ needs a build, or null when it is current. */
function buildNeeded() {
  if (!fs.existsSync(entry) || !fs.existsSync(stampFile)) return 'no build yet';
  const stamp = fs.statSync(stampFile).mtimeMs;
  return newestSource() > stamp ? 'sources changed since the last build' : null;
}

module.exports = { buildNeeded };
