/**
 * `npm run openapi`: writes every API product version's OpenAPI document to openapi/.
 * `--check`: fails when a committed document differs from what the code generates, or when a
 * committed document has no app serving it any more.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createAppForOpenApi } from '@app/platform';
import { appDefinitions } from '../launcher/apps';
import { buildProductDocument, contractFileName } from './document';

const OPENAPI_DIR = path.resolve(__dirname, '../../../openapi');

async function generateAll(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const def of appDefinitions) {
    if (def.apis.length === 0) continue;
    const app = await createAppForOpenApi(def);
    try {
      for (const api of def.apis) {
        const doc = buildProductDocument(app, def, api);
        if (Object.keys(doc.paths).length === 0) {
          throw new Error(`${def.name} declares ${contractFileName(api)} but serves no operation under its base path`);
        }
        out.set(contractFileName(api), `${JSON.stringify(doc, null, 2)}\n`);
      }
    } finally {
      await app.close();
    }
  }
  return out;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const generated = await generateAll();
  await fs.mkdir(OPENAPI_DIR, { recursive: true });
  const committed = (await fs.readdir(OPENAPI_DIR)).filter((f) => f.endsWith('.json'));
  if (!check) {
    for (const [file, text] of generated) await fs.writeFile(path.join(OPENAPI_DIR, file), text);
    for (const file of committed.filter((f) => !generated.has(f))) await fs.rm(path.join(OPENAPI_DIR, file));
    console.log(`openapi: wrote ${generated.size} document(s) to openapi/: ${[...generated.keys()].join(', ')}`);
    return;
  }
  const problems: string[] = [];
  for (const [file, text] of generated) {
    const current = await fs.readFile(path.join(OPENAPI_DIR, file), 'utf8').catch(() => undefined);
    if (current === undefined) problems.push(`openapi/${file} is missing: run npm run openapi and commit it`);
    else if (current !== text)
      problems.push(`openapi/${file} differs from what the code generates: run npm run openapi and commit it`);
  }
  for (const file of committed.filter((f) => !generated.has(f))) {
    problems.push(`openapi/${file} is committed but no app serves it any more`);
  }
  if (problems.length) {
    for (const p of problems) console.error(`openapi drift: ${p}`);
    process.exit(1);
  }
  console.log(`openapi: ${generated.size} committed document(s) match the code`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
