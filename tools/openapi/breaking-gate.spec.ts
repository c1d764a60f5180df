import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runGate } from './breaking-gate';

const OPTIC = path.resolve(__dirname, '../../node_modules/.bin/optic');
const FILE = 'system.demo.v1.json';

/** A small OpenAPI 3.0 document as the generator emits it, with the parts the tests change. */
function contract(options: {
  lifecycle: string;
  responseFields?: string[];
  requiredRequest?: string[];
  amountType?: string;
  withDelete?: boolean;
}): string {
  const fields = options.responseFields ?? ['id', 'name', 'amount'];
  const properties: Record<string, unknown> = {};
  for (const f of fields) properties[f] = { type: f === 'amount' ? (options.amountType ?? 'number') : 'string' };
  const paths: Record<string, unknown> = {
    '/system/demo/v1/widgets': {
      post: {
        operationId: 'createWidget',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: options.requiredRequest ?? ['name'],
                properties: { name: { type: 'string' }, colour: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { schema: { type: 'object', properties } } },
          },
        },
      },
    },
  };
  if (options.withDelete !== false) {
    paths['/system/demo/v1/widgets/{id}'] = {
      delete: {
        operationId: 'deleteWidget',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '204': { description: 'deleted' } },
      },
    };
  }
  return `${JSON.stringify(
    { openapi: '3.0.0', info: { title: 'Demo', version: '1', 'x-lifecycle': options.lifecycle }, paths },
    null,
    2,
  )}\n`;
}

describe('breaking-change gate (optic over the contract history)', () => {
  let repo: string;

  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  const commit = (text: string, message: string) => {
    writeFileSync(path.join(repo, 'openapi', FILE), text);
    git('add', '-A');
    git('commit', '-q', '-m', message);
  };
  const failures = (base?: string) =>
    runGate({ root: repo, optic: OPTIC, base }).filter((f) => f.verdict === 'breaking' || f.verdict === 'removed');

  beforeEach(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'gate-repo-'));
    mkdirSync(path.join(repo, 'openapi'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'gate@test');
    git('config', 'user.name', 'gate test');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('lets a draft version change in any way', () => {
    commit(contract({ lifecycle: 'draft' }), 'draft');
    commit(contract({ lifecycle: 'draft', withDelete: false, responseFields: ['id'] }), 'draft changes');
    const findings = runGate({ root: repo, optic: OPTIC });
    expect(findings.map((f) => f.verdict)).toEqual(['skipped-draft']);
  });

  it('passes a compatible change to an active version (new optional field, new operation)', () => {
    commit(contract({ lifecycle: 'active', withDelete: false }), 'active');
    commit(contract({ lifecycle: 'active', responseFields: ['id', 'name', 'amount', 'currency'] }), 'grow');
    const findings = runGate({ root: repo, optic: OPTIC });
    expect(findings.map((f) => f.verdict)).toEqual(['ok']);
  }, 60_000);

  it.each([
    ['a removed operation', contract({ lifecycle: 'active', withDelete: false })],
    ['a removed response field', contract({ lifecycle: 'active', responseFields: ['id', 'amount'] })],
    ['a new required request field', contract({ lifecycle: 'active', requiredRequest: ['name', 'colour'] })],
    ['a narrowed type', contract({ lifecycle: 'active', amountType: 'integer' })],
  ])(
    'fails on %s to an active version',
    (_what, changed) => {
      commit(contract({ lifecycle: 'active' }), 'published');
      commit(changed, 'breaking');
      const failed = failures();
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ file: FILE, verdict: 'breaking' });
    },
    60_000,
  );

  it('holds a deprecated version too, and compares against an explicit base ref', () => {
    commit(contract({ lifecycle: 'deprecated' }), 'deprecated');
    git('branch', 'published');
    commit(contract({ lifecycle: 'deprecated', responseFields: ['id'] }), 'break it');
    expect(failures('published')).toHaveLength(1);
    expect(failures()).toHaveLength(1);
  }, 60_000);

  it('remembers a published state even after a later draft-looking commit', () => {
    commit(contract({ lifecycle: 'active' }), 'published');
    commit(contract({ lifecycle: 'draft', responseFields: ['id'] }), 'sneak it back to draft');
    expect(failures()).toHaveLength(1);
  }, 60_000);

  it('fails when a published version file disappears, but not a retired one', () => {
    commit(contract({ lifecycle: 'active' }), 'published');
    git('branch', 'base');
    unlinkSync(path.join(repo, 'openapi', FILE));
    writeFileSync(path.join(repo, 'openapi', 'system.demo.v2.json'), contract({ lifecycle: 'active' }));
    git('add', '-A');
    git('commit', '-q', '-m', 'drop v1');
    expect(failures('base').map((f) => f.verdict)).toEqual(['removed']);

    git('checkout', '-q', 'base');
    commit(contract({ lifecycle: 'retired' }), 'retire');
    git('branch', '-f', 'base2');
    unlinkSync(path.join(repo, 'openapi', FILE));
    git('add', '-A');
    git('commit', '-q', '-m', 'remove retired');
    expect(failures('base2')).toEqual([]);
  }, 60_000);
});
