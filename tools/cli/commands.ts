import { AdminClient } from './admin-client';

/** Flags every command may receive (parsed by main.ts). */
export interface CliFlags {
  json?: boolean;
  kind?: string;
  plan?: string;
  scopes?: string;
  products?: string;
  entities?: string;
  ip?: string;
  disable?: boolean;
  enable?: boolean;
  'expires-in-minutes'?: string;
  'overlap-minutes'?: string;
}

export class UsageError extends Error {}

export interface CommandContext {
  client: AdminClient;
  args: string[];
  flags: CliFlags;
  print: (line: string) => void;
}

interface Command {
  usage: string;
  summary: string;
  run: (ctx: CommandContext) => Promise<unknown>;
  /** Human-readable rendering of the result (--json prints the result itself). */
  render: (result: any) => string;
}

/** `a,b,c` -> ['a','b','c']; `all`/`any` -> null (no restriction); `none` -> []. */
function list(value: string | undefined, allWord: 'all' | 'any'): string[] | null | undefined {
  if (value === undefined) return undefined;
  if (value === allWord) return null;
  if (value === 'none' || value === '') return [];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number of minutes`);
  return Number(value);
}

function arg(ctx: CommandContext, i: number, name: string): string {
  const v = ctx.args[i];
  if (!v) throw new UsageError(`missing <${name}>`);
  return encodeURIComponent(v);
}

function settings(flags: CliFlags): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (flags.kind !== undefined) out.kind = flags.kind;
  if (flags.plan !== undefined) out.plan = flags.plan;
  if (flags.scopes !== undefined) out.scopes = list(flags.scopes, 'all') ?? [];
  if (flags.products !== undefined) out.products = list(flags.products, 'all');
  if (flags.entities !== undefined) out.legalEntities = list(flags.entities, 'all');
  if (flags.ip !== undefined) out.ipAllowList = list(flags.ip, 'any');
  if (flags.disable) out.disabled = true;
  if (flags.enable) out.disabled = false;
  return out;
}

const all = (v: string[] | null, word = 'all') => (v === null ? word : v.length ? v.join(', ') : '(none)');

function consumerText(c: any): string {
  const lines = [
    `${c.name} (${c.consumerId})${c.disabled ? '  DISABLED' : ''}`,
    `  kind:           ${c.kind}`,
    `  plan:           ${c.plan}`,
    `  scopes:         ${all(c.scopes)}`,
    `  products:       ${all(c.products)}`,
    `  legal entities: ${all(c.legalEntities)}`,
    `  IP allow-list:  ${all(c.ipAllowList, 'any')}`,
  ];
  if (c.keys) {
    lines.push(`  API keys:`);
    for (const k of c.keys) lines.push(`    ${keyLine(k)}`);
    if (!c.keys.length) lines.push('    (none)');
  }
  if (c.clients) {
    lines.push(`  OAuth clients:`);
    for (const cl of c.clients) lines.push(`    ${cl.clientId}  ${cl.status}  created ${cl.createdAt}`);
    if (!c.clients.length) lines.push('    (none)');
  }
  return lines.join('\n');
}

function keyLine(k: any): string {
  return `${k.keyId}  ${k.prefix}…  ${k.status}${k.expiresAt ? `  expires ${k.expiresAt}` : ''}${
    k.revokedAt ? `  revoked ${k.revokedAt}` : ''
  }`;
}

function table(rows: string[][]): string {
  if (!rows.length) return '(none)';
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const secretNote = 'Store it now: it is shown only once.';

const setter = (field: string, allWord: 'all' | 'any', what: string): Command => ({
  usage: `${what} set <consumer> <${allWord === 'any' ? 'cidr,...|any' : `value,...|${allWord}`}>`,
  summary: `set the consumer's ${what}`,
  run: (ctx) => {
    if (ctx.args[1] === undefined) throw new UsageError(`missing <value> (comma-separated, or ${allWord})`);
    const value =
      field === 'plan'
        ? ctx.args[1]
        : field === 'scopes'
          ? (list(ctx.args[1], 'all') ?? [])
          : list(ctx.args[1], allWord);
    return ctx.client.call('PATCH', `/consumers/${arg(ctx, 0, 'consumer')}`, { [field]: value });
  },
  render: consumerText,
});

/** Every command: `<group> <action>`. */
export const COMMANDS: Record<string, Command> = {
  'consumers list': {
    usage: 'consumers list',
    summary: 'list consumers',
    run: (ctx) => ctx.client.call('GET', '/consumers'),
    render: (rows: any[]) =>
      table([
        ['NAME', 'KIND', 'PLAN', 'SCOPES', 'ENTITIES', 'STATUS'],
        ...rows.map((c) => [
          c.name,
          c.kind,
          c.plan,
          all(c.scopes),
          all(c.legalEntities),
          c.disabled ? 'disabled' : 'active',
        ]),
      ]),
  },
  'consumers show': {
    usage: 'consumers show <consumer>',
    summary: 'a consumer with its keys and clients (by name or id)',
    run: (ctx) => ctx.client.call('GET', `/consumers/${arg(ctx, 0, 'consumer')}`),
    render: consumerText,
  },
  'consumers create': {
    usage:
      'consumers create <name> [--kind partner|internal] [--plan P] [--scopes a,b] [--products p,q|all] [--entities e,f|all] [--ip cidr,...|any]',
    summary: 'create a consumer',
    run: (ctx) =>
      ctx.client.call('POST', '/consumers', { name: ctx.args[0] ?? arg(ctx, 0, 'name'), ...settings(ctx.flags) }),
    render: consumerText,
  },
  'consumers update': {
    usage:
      'consumers update <consumer> [--kind ..] [--plan ..] [--scopes ..] [--products ..] [--entities ..] [--ip ..] [--disable|--enable]',
    summary: 'change a consumer',
    run: (ctx) => ctx.client.call('PATCH', `/consumers/${arg(ctx, 0, 'consumer')}`, settings(ctx.flags)),
    render: consumerText,
  },
  'consumers delete': {
    usage: 'consumers delete <consumer>',
    summary: 'delete a consumer with its keys and clients',
    run: async (ctx) => {
      await ctx.client.call('DELETE', `/consumers/${arg(ctx, 0, 'consumer')}`);
      return { deleted: ctx.args[0] };
    },
    render: (r) => `deleted ${r.deleted}`,
  },
  'scopes set': setter('scopes', 'all', 'scopes'),
  'plan set': setter('plan', 'all', 'plan'),
  'entities set': setter('legalEntities', 'all', 'entities'),
  'products set': setter('products', 'all', 'products'),
  'ip set': setter('ipAllowList', 'any', 'ip'),
  'keys list': {
    usage: 'keys list <consumer>',
    summary: "a consumer's API keys (prefixes, never the keys)",
    run: (ctx) => ctx.client.call('GET', `/consumers/${arg(ctx, 0, 'consumer')}/keys`),
    render: (rows: any[]) => (rows.length ? rows.map(keyLine).join('\n') : '(none)'),
  },
  'keys issue': {
    usage: 'keys issue <consumer> [--expires-in-minutes N]',
    summary: 'issue an API key (shown once)',
    run: (ctx) =>
      ctx.client.call('POST', `/consumers/${arg(ctx, 0, 'consumer')}/keys`, {
        expiresInMinutes: int(ctx.flags['expires-in-minutes'], 'expires-in-minutes'),
      }),
    render: (k) =>
      `API key ${k.keyId} for ${k.consumerId}${k.expiresAt ? `, expires ${k.expiresAt}` : ''}:\n\n  ${k.key}\n\n${secretNote}`,
  },
  'keys rotate': {
    usage: 'keys rotate <consumer> <keyId> [--overlap-minutes N] [--expires-in-minutes N]',
    summary: 'replace a key; the old one works for the overlap window',
    run: (ctx) =>
      ctx.client.call('POST', `/consumers/${arg(ctx, 0, 'consumer')}/keys/${arg(ctx, 1, 'keyId')}/rotate`, {
        overlapMinutes: int(ctx.flags['overlap-minutes'], 'overlap-minutes'),
        expiresInMinutes: int(ctx.flags['expires-in-minutes'], 'expires-in-minutes'),
      }),
    render: (r) =>
      `New API key ${r.issued.keyId}:\n\n  ${r.issued.key}\n\n${secretNote}\nThe old key ${r.previous.prefix}… works until ${r.previous.expiresAt}.`,
  },
  'keys revoke': {
    usage: 'keys revoke <consumer> <keyId>',
    summary: 'revoke a key (every gateway replica refuses it within a second)',
    run: (ctx) => ctx.client.call('POST', `/consumers/${arg(ctx, 0, 'consumer')}/keys/${arg(ctx, 1, 'keyId')}/revoke`),
    render: (k) => `revoked ${k.prefix}… (${k.keyId})`,
  },
  'clients list': {
    usage: 'clients list <consumer>',
    summary: "a consumer's OAuth clients",
    run: (ctx) => ctx.client.call('GET', `/consumers/${arg(ctx, 0, 'consumer')}/clients`),
    render: (rows: any[]) =>
      rows.length ? rows.map((c) => `${c.clientId}  ${c.status}  created ${c.createdAt}`).join('\n') : '(none)',
  },
  'clients create': {
    usage: 'clients create <consumer>',
    summary: 'create an OAuth2 client-credentials client (secret shown once)',
    run: (ctx) => ctx.client.call('POST', `/consumers/${arg(ctx, 0, 'consumer')}/clients`),
    render: (c) =>
      `client_id:     ${c.clientId}\nclient_secret: ${c.clientSecret}\n\n${secretNote}\nToken: POST /oauth2/token grant_type=client_credentials`,
  },
  'clients rotate-secret': {
    usage: 'clients rotate-secret <consumer> <clientId> [--overlap-minutes N]',
    summary: 'a new client secret (shown once); the old one works for the overlap window',
    run: (ctx) =>
      ctx.client.call(
        'POST',
        `/consumers/${arg(ctx, 0, 'consumer')}/clients/${arg(ctx, 1, 'clientId')}/rotate-secret`,
        {
          overlapMinutes: int(ctx.flags['overlap-minutes'], 'overlap-minutes'),
        },
      ),
    render: (c) =>
      `client_id:     ${c.clientId}\nclient_secret: ${c.clientSecret}\n\n${secretNote}\nThe previous secret works until ${c.previousSecretExpiresAt}.`,
  },
  'clients revoke': {
    usage: 'clients revoke <consumer> <clientId>',
    summary: 'revoke a client and its tokens',
    run: (ctx) =>
      ctx.client.call('POST', `/consumers/${arg(ctx, 0, 'consumer')}/clients/${arg(ctx, 1, 'clientId')}/revoke`),
    render: (c) => `revoked ${c.clientId}`,
  },
  'signing-keys list': {
    usage: 'signing-keys list',
    summary: 'the token-signing keys',
    run: (ctx) => ctx.client.call('GET', '/signing-keys'),
    render: (rows: any[]) =>
      table([
        ['KID', 'ALG', 'STATUS', 'CREATED', 'VERIFIES UNTIL'],
        ...rows.map((k) => [k.kid, k.alg, k.active ? 'active' : 'retired', k.createdAt, k.verifyUntil ?? '-']),
      ]),
  },
  'signing-keys rotate': {
    usage: 'signing-keys rotate',
    summary: 'a new active signing key (the old one verifies until its tokens expire)',
    run: (ctx) => ctx.client.call('POST', '/signing-keys/rotate'),
    render: (rows: any[]) => `active signing key: ${rows.find((k) => k.active)?.kid}`,
  },
};

export function usage(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => (c.usage.length > 60 ? 0 : c.usage.length)));
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    'Talks to the gateway admin API (the admin scope). Options for every command:',
    '  --url URL      gateway address (GATEWAY_URL, default http://localhost:8080)',
    '  --key KEY      an API key with the admin scope (GATEWAY_ADMIN_KEY, else DEMO_API_KEY, else ./.data/demo-api-key)',
    '  --token JWT    an access token with the admin scope instead (GATEWAY_ADMIN_TOKEN)',
    '  --json         print the API answer as JSON',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((c) =>
      c.usage.length > 60
        ? `  ${c.usage}\n  ${''.padEnd(width)}  ${c.summary}`
        : `  ${c.usage.padEnd(width)}  ${c.summary}`,
    ),
  ].join('\n');
}
