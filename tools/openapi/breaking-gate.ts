/**
 * The breaking-change gate (`npm run openapi:breaking`, run by CI): a published contract version only
 * grows compatibly. Each committed `openapi/<layer>.<product>.v<N>.json` is compared, with Optic's
 * breaking-change rules (`optic diff --check`), against the same file as it stood before the change:
 *
 * - with `--base <ref>` (or CONTRACT_BASE_REF), against that ref, e.g. `origin/main` in a branch;
 * - otherwise against every earlier state of the file on the current branch's history whose
 *   lifecycle was `active` or `deprecated` (fresh clones of main have no separate base, so the gate
 *   holds each contract to everything it ever published).
 *
 * A base whose `info.x-lifecycle` is `draft` (or absent) may still change and is skipped. A
 * published version may not disappear unless it was retired. A breaking change ships as a new
 * major version file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const CONTRACT_FILE = /^[a-z0-9-]+\.[a-z0-9-]+\.v\d+\.json$/;
const GATED_LIFECYCLES = new Set(['active', 'deprecated']);
const MAX_HISTORY = 20;

export interface GateFinding {
  file: string;
  base: string;
  verdict: 'breaking' | 'removed' | 'ok' | 'skipped-draft';
  detail?: string;
}

export interface GateOptions {
  /** The repository root (holds openapi/). */
  root: string;
  /** A git ref to compare against; without it, every published earlier state of each file. */
  base?: string;
  /** The optic executable (defaults to the project's node_modules/.bin/optic). */
  optic?: string;
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function lifecycleOf(text: string): string {
  try {
    const doc = JSON.parse(text) as { info?: { 'x-lifecycle'?: unknown } };
    const lifecycle = doc.info?.['x-lifecycle'];
    if (typeof lifecycle === 'string') return lifecycle;
    if (lifecycle && typeof lifecycle === 'object' && 'status' in lifecycle) {
      return String((lifecycle as { status: unknown }).status);
    }
    return 'draft';
  } catch {
    return 'draft';
  }
}

/** The file's content at `ref`, or undefined when it did not exist there. */
function showAt(root: string, ref: string, file: string): string | undefined {
  const result = spawnSync('git', ['show', `${ref}:${file}`], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return result.status === 0 ? result.stdout : undefined;
}

/** Distinct earlier states (newest first) of `file` on HEAD's history, excluding HEAD's own. */
function earlierStates(root: string, file: string): Array<{ ref: string; text: string }> {
  const current = showAt(root, 'HEAD', file);
  const commits = git(root, ['log', '--format=%H', '--', file]).split('\n').filter(Boolean);
  const seen = new Set<string>(current === undefined ? [] : [current]);
  const states: Array<{ ref: string; text: string }> = [];
  for (const commit of commits) {
    const text = showAt(root, commit, file);
    if (text === undefined || seen.has(text)) continue;
    seen.add(text);
    states.push({ ref: commit.slice(0, 12), text });
    if (states.length >= MAX_HISTORY) break;
  }
  return states;
}

function runOptic(optic: string, baseText: string, headPath: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'contract-gate-'));
  try {
    const basePath = path.join(dir, `base-${path.basename(headPath)}`);
    writeFileSync(basePath, baseText);
    const result = spawnSync(optic, ['diff', basePath, headPath, '--check', '--severity', 'error'], {
      encoding: 'utf8',
      // Its own scratch directory: under CI=true, optic leaves a ci-run-details.json in its cwd.
      cwd: dir,
      env: { ...process.env, OPTIC_TELEMETRY_LEVEL: 'off', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files a published (active/deprecated) base had that HEAD no longer has, unless it was retired. */
function removedFiles(root: string, base: string, present: Set<string>): GateFinding[] {
  const listed = git(root, ['ls-tree', '--name-only', base, 'openapi/'])
    .split('\n')
    .map((f) => path.basename(f))
    .filter((f) => CONTRACT_FILE.test(f) && !present.has(f));
  const findings: GateFinding[] = [];
  for (const file of listed) {
    const text = showAt(root, base, `openapi/${file}`);
    if (text !== undefined && GATED_LIFECYCLES.has(lifecycleOf(text))) {
      findings.push({
        file,
        base,
        verdict: 'removed',
        detail: `a ${lifecycleOf(text)} version was removed: retire it first`,
      });
    }
  }
  return findings;
}

export function runGate(options: GateOptions): GateFinding[] {
  const optic = options.optic ?? path.join(options.root, 'node_modules', '.bin', 'optic');
  const dir = path.join(options.root, 'openapi');
  const files = readdirSync(dir)
    .filter((f) => CONTRACT_FILE.test(f))
    .sort();
  const findings: GateFinding[] = [];
  for (const file of files) {
    const rel = `openapi/${file}`;
    const bases = options.base
      ? [{ ref: options.base, text: showAt(options.root, options.base, rel) }].filter(
          (b): b is { ref: string; text: string } => b.text !== undefined,
        )
      : earlierStates(options.root, rel);
    const head = readFileSync(path.join(dir, file), 'utf8');
    for (const base of bases) {
      if (base.text === head) continue;
      if (!GATED_LIFECYCLES.has(lifecycleOf(base.text))) {
        findings.push({ file, base: base.ref, verdict: 'skipped-draft' });
        continue;
      }
      const result = runOptic(optic, base.text, path.join(dir, file));
      findings.push({
        file,
        base: base.ref,
        verdict: result.ok ? 'ok' : 'breaking',
        detail: result.ok ? undefined : result.output,
      });
    }
  }
  if (options.base) findings.push(...removedFiles(options.root, options.base, new Set(files)));
  return findings;
}

/** The nearest directory above `from` holding package.json (works from src and from dist). */
function repositoryRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function main(): void {
  const argv = process.argv.slice(2);
  const baseFlag = argv.indexOf('--base');
  const base = baseFlag >= 0 ? argv[baseFlag + 1] : process.env.CONTRACT_BASE_REF || undefined;
  const root = repositoryRoot(__dirname);
  const findings = runGate({ root, base });
  const failed = findings.filter((f) => f.verdict === 'breaking' || f.verdict === 'removed');
  const compared = findings.filter((f) => f.verdict === 'ok').length;
  const drafts = findings.filter((f) => f.verdict === 'skipped-draft').length;
  for (const f of failed) {
    console.error(`contract gate: openapi/${f.file} breaks its published state at ${f.base}`);
    if (f.detail) console.error(f.detail);
  }
  console.log(
    `contract gate: ${compared} published state(s) compared compatibly, ${drafts} draft state(s) free to change, ` +
      `${failed.length} breaking` +
      (base ? ` (base ${base})` : ' (every published state in history)'),
  );
  if (failed.length) {
    console.error(
      'A breaking change to a published version ships as a new major version file (openapi/<...>.v<N+1>.json).',
    );
    process.exit(1);
  }
}

if (require.main === module) main();
