/**
 * `npm run cli -- <command>`: the gateway admin CLI for product owners and operators (consumers, keys,
 * OAuth clients, signing keys), over the admin API. Human-readable output, or --json.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AdminApiError, AdminClient } from './admin-client';
import { CliFlags, COMMANDS, UsageError, usage } from './commands';

export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        key: { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        kind: { type: 'string' },
        plan: { type: 'string' },
        scopes: { type: 'string' },
        products: { type: 'string' },
        entities: { type: 'string' },
        ip: { type: 'string' },
        disable: { type: 'boolean' },
        enable: { type: 'boolean' },
        'expires-in-minutes': { type: 'string' },
        'overlap-minutes': { type: 'string' },
      },
    });
  } catch (e) {
    err(`${(e as Error).message}\n\n${usage()}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const name = positionals.slice(0, 2).join(' ');
  const command = COMMANDS[name];
  if (values.help || positionals.length === 0) {
    out(usage());
    return 0;
  }
  if (!command) {
    err(`unknown command: ${name}\n\n${usage()}`);
    return 2;
  }
  const client = new AdminClient({
    url: values.url ?? env.GATEWAY_URL ?? 'http://localhost:8080',
    apiKey: values.key ?? env.GATEWAY_ADMIN_KEY ?? env.DEMO_API_KEY ?? savedDemoKey(),
    token: values.token ?? env.GATEWAY_ADMIN_TOKEN,
  });
  try {
    const result = await command.run({ client, args: positionals.slice(2), flags: values as CliFlags, print: out });
    out(values.json ? JSON.stringify(result, null, 2) : command.render(result));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\nusage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (e instanceof AdminApiError && values.json) {
      err(JSON.stringify(e.problem, null, 2));
      return 1;
    }
    err((e as Error).message);
    return 1;
  }
}

/** The demo key `npm start` saved, when the CLI runs from the repository. */
function savedDemoKey(): string | undefined {
  const file = path.join(process.cwd(), '.data', 'demo-api-key');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
