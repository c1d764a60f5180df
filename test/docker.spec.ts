/**
 * The container deployment (docker/) is checked against the code, since no Docker engine runs in
 * CI: every app has a service, only the gateway is published, every environment variable a service
 * sets is one its code reads, ports and upstream URLs agree with where each app listens, and the
 * Dockerfile has the stages the compose file builds. The truth is read from the sources (TypeScript
 * AST), so renaming a variable in code without updating compose.yaml fails here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..');
const composePath = path.join(root, 'docker', 'compose.yaml');
const dockerfilePath = path.join(root, 'docker', 'Dockerfile');

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | { target: number; published: number | string }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const compose = parse(readFileSync(composePath, 'utf8'), { merge: true }) as ComposeFile;
const services = compose.services;
/** Services built from this repository (as opposed to images such as postgres). */
const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);
const appFolders = readdirSync(path.join(root, 'apps')).filter((d) =>
  existsSync(path.join(root, 'apps', d, 'src', 'main.ts')),
);

// ---------- reading the compose file ----------

/** Environment as a map, with compose interpolation resolved: `${X:-default}` -> default, `$$` -> `$`. */
function environmentOf(service: ComposeService): Record<string, string> {
  const raw = service.environment ?? {};
  const entries: Array<[string, string]> = Array.isArray(raw)
    ? raw.map((line) => {
        const i = line.indexOf('=');
        return i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1)];
      })
    : Object.entries(raw).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v)]));
}

function interpolate(value: string): string {
  return value
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}/g, (_m, fallback: string | undefined) => fallback ?? '')
    .replace(/\$\$/g, '$');
}

function dependsOn(service: ComposeService): Record<string, string | undefined> {
  const d = service.depends_on ?? {};
  return Array.isArray(d)
    ? Object.fromEntries(d.map((n) => [n, undefined]))
    : Object.fromEntries(Object.entries(d).map(([n, v]) => [n, v?.condition]));
}

function healthcheckCommand(service: ComposeService): string {
  const t = service.healthcheck?.test;
  return Array.isArray(t) ? t.join(' ') : (t ?? '');
}

// ---------- reading the code ----------

const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

function sourceFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'test' || entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFilesUnder(full));
    else if (/\.(ts|js)$/.test(entry) && !/\.(spec|test)\.ts$/.test(entry) && !entry.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Environment variable names a set of files reads, exactly or by pattern (`${app}_URL`). */
interface EnvReads {
  names: Set<string>;
  patterns: RegExp[];
}

function isEnvObject(node: ts.Expression): boolean {
  return (
    (ts.isIdentifier(node) && node.text === 'env') || (ts.isPropertyAccessExpression(node) && node.name.text === 'env')
  );
}

/** `SANDBOX_${x}_PORT` -> /^SANDBOX_[A-Z0-9_]+_PORT$/ when the literal parts look like an env name. */
function templatePattern(node: ts.TemplateExpression): RegExp | undefined {
  const literals = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
  if (!literals.every((l) => /^[A-Z0-9_]*$/.test(l))) return undefined;
  const joined = literals.join('');
  if (!/_[A-Z]/.test(joined) && !/[A-Z]_/.test(joined)) return undefined;
  const body = literals.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[A-Z0-9_]+');
  return new RegExp(`^${body}$`);
}

function envReads(files: string[]): EnvReads {
  const names = new Set<string>();
  const patterns: RegExp[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && isEnvObject(node.expression)) {
        names.add(node.name.text); // process.env.X, env.X
      } else if (
        ts.isElementAccessExpression(node) &&
        isEnvObject(node.expression) &&
        ts.isStringLiteralLike(node.argumentExpression)
      ) {
        names.add(node.argumentExpression.text); // process.env['X']
      } else if (
        ts.isVariableDeclaration(node) &&
        ts.isObjectBindingPattern(node.name) &&
        node.initializer &&
        isEnvObject(node.initializer)
      ) {
        for (const el of node.name.elements) {
          const key = el.propertyName ?? el.name;
          if (ts.isIdentifier(key) || ts.isStringLiteralLike(key)) names.add(key.text); // const { X } = process.env
        }
      } else if (ts.isStringLiteralLike(node) && ENV_NAME.test(node.text)) {
        names.add(node.text); // portEnv: 'X', mapping tables { field: 'X' }, env[NAME_CONST]
      } else if (ts.isTemplateExpression(node)) {
        const pattern = templatePattern(node);
        if (pattern) patterns.push(pattern); // `${APP}_URL`
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { names, patterns };
}

const libReads = envReads(sourceFilesUnder(path.join(root, 'libs')));
/** What a container running `app` can read: its own sources and the libraries. */
function readsOfApp(app: string): EnvReads {
  const own = envReads(sourceFilesUnder(path.join(root, 'apps', app, 'src')));
  return { names: new Set([...own.names, ...libReads.names]), patterns: [...own.patterns, ...libReads.patterns] };
}

function isRead(reads: EnvReads, name: string): boolean {
  return reads.names.has(name) || reads.patterns.some((p) => p.test(name));
}

/**
 * The (portEnv, defaultPort) pairs declared in apps/<app>/src/app.definition.ts, the app's main one
 * first (the sandbox folder declares one per vendor emulator).
 */
function appPorts(app: string): Array<{ portEnv: string; defaultPort: number }> {
  const file = path.join(root, 'apps', app, 'src', 'app.definition.ts');
  if (!existsSync(file)) return [];
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ portEnv: string; defaultPort: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const props = new Map<string, ts.Expression>();
      for (const p of node.properties) {
        if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) props.set(p.name.text, p.initializer);
      }
      const portEnv = props.get('portEnv');
      const defaultPort = props.get('defaultPort');
      if (portEnv && defaultPort && ts.isStringLiteralLike(portEnv) && ts.isNumericLiteral(defaultPort)) {
        found.push({ portEnv: portEnv.text, defaultPort: Number(defaultPort.text) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The port an app listens on for one definition: env[portEnv] ?? defaultPort (as bootstrapApp resolves it). */
function resolvedPort(service: ComposeService, def: { portEnv: string; defaultPort: number }): number {
  const fromEnv = environmentOf(service)[def.portEnv];
  return fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : def.defaultPort;
}

/** The main port of an app service (its first definition), where its healthcheck probes. */
function listeningPort(name: string, service: ComposeService): number | undefined {
  const [main] = appPorts(service.build?.args?.APP ?? name);
  return main ? resolvedPort(service, main) : undefined;
}

/** Every port a service can be reached on inside the network: its app port and any *_PORT it is given. */
function reachablePorts(name: string, service: ComposeService): Set<number> {
  const ports = new Set(appPorts(service.build?.args?.APP ?? name).map((def) => resolvedPort(service, def)));
  if (name === 'postgres') ports.add(5432);
  return ports;
}

// ---------- the checks ----------

describe('docker/compose.yaml', () => {
  it('has a service for every app folder, built from it, and no service for an app that does not exist', () => {
    expect(appFolders.length).toBeGreaterThan(0);
    const built = new Map(appServices.map(([name, s]) => [s.build?.args?.APP, name]));
    expect(appFolders.filter((app) => !built.has(app))).toEqual([]);
    for (const [name, service] of appServices) {
      expect({ name, app: service.build?.args?.APP }).toEqual({ name, app: name });
      expect(service.build?.dockerfile).toBe('docker/Dockerfile');
      expect(path.resolve(path.dirname(composePath), service.build?.context ?? '.')).toBe(root);
      expect(appFolders).toContain(name);
    }
  });

  it('runs PostgreSQL 17 with a healthcheck, and points every app at it', () => {
    expect(services.postgres?.image).toMatch(/^postgres:17(\b|$)/);
    expect(healthcheckCommand(services.postgres)).toContain('pg_isready');
    for (const [name, service] of appServices) {
      const url = new URL(environmentOf(service).DATABASE_URL ?? 'missing://');
      expect({ name, host: url.hostname, port: url.port || '5432', protocol: url.protocol }).toEqual({
        name,
        host: 'postgres',
        port: '5432',
        protocol: 'postgres:',
      });
      expect({ name, condition: dependsOn(service).postgres }).toEqual({ name, condition: 'service_healthy' });
    }
  });

  it('publishes only the gateway, on 8080, where it listens', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports !== undefined && s.ports.length > 0)
      .map(([name]) => name);
    expect(published).toEqual(['gateway']);
    const gateway = services.gateway;
    expect(gateway.ports).toEqual(['8080:8080']);
    expect(listeningPort('gateway', gateway)).toBe(8080);
  });

  it('sets only environment variables the code reads (the app itself or the libraries)', () => {
    const unknown: string[] = [];
    for (const [name, service] of appServices) {
      const reads = readsOfApp(service.build?.args?.APP ?? name);
      for (const variable of Object.keys(environmentOf(service))) {
        if (!isRead(reads, variable)) unknown.push(`${name}: ${variable}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it("sets each app's main port variable, and probes /health/ready on that port", () => {
    for (const [name, service] of appServices) {
      const defs = appPorts(name);
      expect({ name, hasDefinition: defs.length > 0 }).toEqual({ name, hasDefinition: true });
      const environment = environmentOf(service);
      // The main port is stated; further ports (one per vendor emulator in the sandbox) may keep their defaults.
      expect({ name, [defs[0].portEnv]: environment[defs[0].portEnv] }).toEqual({
        name,
        [defs[0].portEnv]: expect.stringMatching(/^\d+$/),
      });
      const ports = defs.map((def) => resolvedPort(service, def));
      for (const port of ports) expect(port >= 1 && port <= 65535).toBe(true);
      expect({ name, distinctPorts: new Set(ports).size }).toEqual({ name, distinctPorts: ports.length });
      const port = listeningPort(name, service);
      expect({ name, healthcheck: healthcheckCommand(service) }).toEqual({
        name,
        healthcheck: expect.stringContaining(`:${port}/health/ready`),
      });
    }
  });

  it('points every upstream URL at a service and a port that service listens on', () => {
    const wrong: string[] = [];
    for (const [name, service] of appServices) {
      for (const [variable, value] of Object.entries(environmentOf(service))) {
        if (!/^https?:\/\//.test(value)) continue;
        const url = new URL(value);
        const target = services[url.hostname];
        if (!target) {
          wrong.push(`${name}: ${variable}=${value} names no service`);
          continue;
        }
        const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
        if (!reachablePorts(url.hostname, target).has(port))
          wrong.push(`${name}: ${variable}=${value} but ${url.hostname} does not listen on ${port}`);
        // The gateway's keys are fetched on the first call, not at start (and the gateway depends on the apps);
        // process-api calls the system APIs through the gateway only once it runs (GATEWAY_URL).
        if (!(url.hostname in dependsOn(service)) && variable !== 'GATEWAY_JWKS_URL' && variable !== 'GATEWAY_URL')
          wrong.push(`${name}: ${variable} targets ${url.hostname} without depends_on`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("points every app behind the gateway at the gateway's JWKS, for its internal tokens", () => {
    const behind = appServices.filter(([n]) => n !== 'gateway' && n !== 'sandbox');
    expect(behind.length).toBeGreaterThan(0);
    for (const [name, service] of behind) {
      expect({ name, jwks: environmentOf(service).GATEWAY_JWKS_URL }).toEqual({
        name,
        jwks: 'http://gateway:8080/.well-known/jwks.json',
      });
    }
  });

  it('gives a system API the credentials its vendor sandbox accepts (SANDBOX_<X> on the sandbox = <X> on the caller)', () => {
    const sandbox = environmentOf(services.sandbox ?? {});
    const mismatched: string[] = [];
    let compared = 0;
    for (const [name, service] of appServices) {
      if (name === 'sandbox') continue;
      for (const [variable, value] of Object.entries(environmentOf(service))) {
        const expected = sandbox[`SANDBOX_${variable}`];
        if (expected === undefined) continue;
        compared++;
        if (expected !== value)
          mismatched.push(`${name}: ${variable}=${value} but sandbox SANDBOX_${variable}=${expected}`);
      }
    }
    expect(mismatched).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });

  it('waits only for healthy dependencies that have a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(dependsOn(service))) {
        expect({ name, dependency, exists: dependency in services, condition }).toEqual({
          name,
          dependency,
          exists: true,
          condition: 'service_healthy',
        });
        expect(healthcheckCommand(services[dependency])).not.toBe('');
      }
    }
  });

  it('healthchecks every app on /health/ready with the bundled script (no curl in node:20-slim)', () => {
    for (const [name, service] of appServices) {
      expect({ name, test: service.healthcheck?.test }).toEqual({
        name,
        test: [
          'CMD',
          'node',
          'docker/healthcheck.js',
          expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/health\/ready$/),
        ],
      });
    }
    expect(existsSync(path.join(root, 'docker', 'healthcheck.js'))).toBe(true);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = readFileSync(dockerfilePath, 'utf8');
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({
    from: m[1],
    name: m[2],
  }));
  /** The instructions of one stage. */
  const stage = (name: string): string => {
    const start = dockerfile.search(new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${name}\\s*$`, 'im'));
    expect(start).toBeGreaterThanOrEqual(0);
    const rest = dockerfile.slice(start);
    const firstLineEnd = rest.indexOf('\n') + 1;
    const next = rest.slice(firstLineEnd).search(/^FROM\s/im);
    return next < 0 ? rest : rest.slice(0, firstLineEnd + next);
  };

  it('has the deps, build and runtime stages on node:20-slim', () => {
    expect(stages.map((s) => s.name)).toEqual(expect.arrayContaining(['deps', 'build', 'runtime']));
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-slim$/m);
    expect(stages[stages.length - 1].name).toBe('runtime');
  });

  it('installs with npm ci under the same npm as the project (allowScripts honoured)', () => {
    const npmVersion = /^ARG NPM_VERSION=(\d+)\./m.exec(dockerfile)?.[1];
    expect(Number(npmVersion)).toBeGreaterThanOrEqual(11);
    expect(stage('deps')).toMatch(/COPY package\.json package-lock\.json \.npmrc/);
    expect(stage('deps')).toMatch(/^RUN npm ci$/m);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts?: object };
    expect(pkg.allowScripts).toBeDefined();
  });

  it('builds with the nest CLI and the postbuild script', () => {
    expect(stage('build')).toMatch(/^FROM deps AS build$/m);
    expect(stage('build')).toContain('npx nest build && node scripts/postbuild.js');
    expect(existsSync(path.join(root, 'scripts', 'postbuild.js'))).toBe(true);
  });

  it('runs the chosen app as a non-root user with production dependencies only', () => {
    const runtime = stage('runtime');
    expect(runtime).toMatch(/^RUN npm ci --omit=dev/m);
    expect(runtime).toMatch(/^ARG APP$/m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^CMD exec node dist\/apps\/\$\{APP\}\/main\.js$/m);
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime).toContain('COPY openapi ./openapi');
    expect(runtime).toContain('COPY docker/healthcheck.js ./docker/healthcheck.js');
  });

  it('has a .dockerignore that keeps local state out of the build context', () => {
    const ignore = readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.data', '.env']));
    // What the image needs must not be ignored.
    for (const needed of [
      'openapi',
      'scripts',
      'docker',
      'apps',
      'libs',
      'tools',
      'test',
      'package.json',
      'package-lock.json',
      '.npmrc',
    ])
      expect(ignore).not.toContain(needed);
  });
});
