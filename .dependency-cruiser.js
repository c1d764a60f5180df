/**
 * Import boundaries (CI runs this through `npm run lint`):
 *  - an app never imports another app;
 *  - a library never imports an app;
 *  - a library is used through its index only (libs/<lib>/src/index.ts), never by deep path;
 *  - libs/contracts is the shared vocabulary and imports no other library;
 *  - only tools/, test/ and bench/ may compose apps (the launcher, the generators, the e2e stack).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-app-to-app',
      severity: 'error',
      comment: 'An app never imports another app: talk over HTTP or events.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-to-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-through-index-only',
      severity: 'error',
      comment: 'Use @app/<lib> (its index), never a deep path into another package.',
      from: { path: '^(apps|tools|test|bench)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'lib-to-other-lib-through-index-only',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^(libs/(?!contracts/)|apps/)' },
    },
    {
      name: 'not-to-test-from-product',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular-libs',
      severity: 'error',
      from: { path: '^libs/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^node_modules/|\\.data/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
