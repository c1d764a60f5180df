#!/usr/bin/env node
/*
 * Container healthcheck without curl or wget (node:20-slim has neither):
 *   node docker/healthcheck.js http://127.0.0.1:8091/health/ready
 * Exits 0 when the URL answers 2xx within 3 seconds, 1 otherwise.
 */
'use strict';
const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node docker/healthcheck.js <url>\n');
  process.exit(2);
}
fetch(url, { signal: AbortSignal.timeout(3000) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
