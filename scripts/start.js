#!/usr/bin/env node
/*
 * `npm start`: builds when needed, then runs the launcher (dist/tools/launcher/main.js) with the
 * arguments given (e.g. `npm start -- --processes`), forwarding SIGINT/SIGTERM/SIGHUP to it.
 *
 * A build happens when dist/ or its build stamp is missing, or when any .ts file under apps/, libs/
 * or tools/ (or a build configuration file) is newer than the stamp that scripts/postbuild.js writes.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'tools', 'launcher', 'main.js');
const { buildNeeded } = require('./build-freshness');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(
      `\n${path.basename(args[0] || command)} failed (${result.signal || `exit ${result.status}`})\n`,
    );
    process.exit(result.status || 1);
  }
}

const reason = buildNeeded();
if (reason) {
  process.stdout.write(`Building (${reason})...\n`);
  run(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js', { paths: [root] }), 'build']);
  run(process.execPath, [path.join(root, 'scripts', 'postbuild.js')]);
}

// The launcher runs in its own process group: a terminal Ctrl-C reaches this script only, which
// forwards it once, so the launcher sees one signal and shuts down in order (a second one forces).
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
  detached: true,
  env: { ...process.env, LAUNCHER_PARENT_PID: String(process.pid) },
});

let firstSignalAt = 0;
const forward = (signal) => {
  const now = Date.now();
  // npm and the terminal may both deliver the same Ctrl-C: forward a repeat only when it is a new one.
  if (firstSignalAt && now - firstSignalAt < 1500) return;
  firstSignalAt = firstSignalAt || now;
  try {
    child.kill(signal);
  } catch {
    /* already gone */
  }
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
process.on('exit', () => {
  if (child.exitCode === null && child.signalCode === null) {
    try {
      child.kill('SIGTERM');
    } catch {
      /* already gone */
    }
  }
});
child.on('exit', (code, signal) =>
  process.exit(code ?? (signal ? 128 + (require('node:os').constants.signals[signal] || 0) : 1)),
);
