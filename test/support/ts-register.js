/* eslint-disable */
// Lets a child `node` process run the TypeScript sources directly (launcher tests spawn
// `node -r ./test/support/ts-register.js tools/launcher/main.ts`), without a `nest build`:
// .ts files are compiled on require by @swc/core with the same settings as @swc/jest, and the
// @app/* aliases of tsconfig.json are resolved to the libraries' index files.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const aliases = {
  '@app/contracts': path.join(root, 'libs/contracts/src/index.ts'),
  '@app/platform': path.join(root, 'libs/platform/src/index.ts'),
  '@app/persistence': path.join(root, 'libs/persistence/src/index.ts'),
  '@app/messaging': path.join(root, 'libs/messaging/src/index.ts'),
  '@app/testing': path.join(root, 'test/support/index.ts'),
};

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const alias = aliases[request];
  return originalResolve.call(this, alias ?? request, parent, ...rest);
};

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
