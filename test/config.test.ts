/**
 * The project config file (`.scaling-plan.yaml` / `.json`): its schema and messages, the lookup
 * (nearest wins, up to the root), precedence (defaults < editor settings < config file <
 * frontmatter; the CLI's flags over the config file), the CLI in process, and the language
 * server over the protocol: the same findings as the CLI for a folder with a config file, the
 * config file's problems published on it, and open plans checked again when it changes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { parseConfig } from '../src/engine/config';
import { ConfigLookup } from '../src/config/lookup';
import { main } from '../src/cli/main';
import { CONFIG_SCHEMA_PATH, generateConfigSchema } from '../scripts/generate-schema';
import { fullCapabilities, LspClient } from './fixtures/server/lsp-client';
import { fixture, ROOT, writeTree } from './helpers';

const PLAN = fixture('suppress/plan.md');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'scaling-plan-config-'));
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A fresh folder under the temp folder, with the given files. */
const folder = (name: string, files: Record<string, string | Uint8Array> = {}): string => writeTree(join(work, name), files);

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

/** The project used by several tests: a config at the root, another nearer for sub/, drafts/ ignored. */
const PROJECT = {
  '.scaling-plan.yaml': 'rules:\n  explicit-arithmetic: warning\n  missing-section: off\ntolerance: 15%\nignores:\n  - drafts/**\n',
  'plan.md': PLAN,
  'sub/.scaling-plan.json': '{ "rules": { "totals": "off" }, "reportUnusedDisables": true }\n',
  // totals is off in sub/: the comment above the total silences nothing (reported, as a warning).
  'sub/plan.md': PLAN.replace('- Total:', '<!-- scaling-plan-disable-next-line totals -->\n- Total:'),
  'drafts/plan.md': PLAN,
};

describe('config schema', () => {
  it('reads every key into engine options', () => {
    const r = parseConfig('rules:\n  totals: warning\n  blanks: off\nmonth: 730h\ntolerance: 2%\ncurrency: EUR\nnumbers: comma\nglobs: [plans/*.md]\nignores: [drafts/**]\nmaxSize: 4096\nreportUnusedDisables: true\n');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.options, { rules: { totals: 'warning', blanks: 'off' }, month: '730h', tolerance: 0.02, numbers: 'comma', currency: 'EUR', maxSize: 4096, reportUnusedDisables: true });
    assert.deepEqual([r.values.globs, r.values.ignores], [['plans/*.md'], ['drafts/**']]);
  });

  it('reads JSON (with a BOM) the same way', () => {
    const r = parseConfig('\uFEFF{ "$schema": "./schemas/scaling-plan-config.schema.json", "rules": { "totals": "off" }, "tolerance": 0.01 }', true);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.options, { rules: { totals: 'off' }, tolerance: 0.01 });
  });

  it('names each bad key and value, where it is, and keeps the keys that read', () => {
    const text = 'rules:\n  totls: off\n  totals: loud\ntolerance: 50%\nmonth: 31d\nplans: [a]\ncurrency: EUR\n';
    const r = parseConfig(text);
    assert.deepEqual(
      r.problems.map((p) => [p.message, text.slice(p.span.start, p.span.end)]),
      [
        ['Unknown key `rules.totls`: not a rule of Scaling Plan.', 'totls'],
        ['Invalid value for `rules.totals`: expected off, error, warning, information or hint, got "loud".', 'loud'],
        ['Invalid value for `tolerance`: expected a percentage below 20% such as 1%, got "50%".', '50%'],
        ['Invalid value for `month`: expected auto, 30d or 730h, got "31d".', '31d'],
        ['Unknown key `plans`: expected one of rules, month, tolerance, currency, numbers, blanks, globs, ignores, maxSize, reportUnusedDisables.', 'plans'],
      ],
    );
    assert.deepEqual(r.options, { rules: {}, currency: 'EUR' });
  });

  it('is untrusted input: bad YAML, a list, prototype keys, aliases and a huge file are messages', () => {
    assert.match(parseConfig('rules: [\n').problems[0]!.message, /^Not valid YAML: /);
    assert.match(parseConfig('{ "rules": ', true).problems[0]!.message, /^Not valid JSON: /);
    assert.deepEqual(parseConfig('- a\n- b\n').problems.map((p) => p.message), ['A config file is a mapping of keys to values.']);
    const proto = parseConfig('{ "__proto__": { "polluted": 1 }, "rules": { "__proto__": "off", "constructor": "off" } }', true);
    assert.deepEqual(proto.problems.map((p) => p.message), [
      'Unknown key `__proto__`: expected one of rules, month, tolerance, currency, numbers, blanks, globs, ignores, maxSize, reportUnusedDisables.',
      'Unknown key `rules.__proto__`: not a rule of Scaling Plan.',
      'Unknown key `rules.constructor`: not a rule of Scaling Plan.',
    ]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(proto.options, { rules: {} });
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n';
    assert.ok(parseConfig(bomb).problems.length > 0);
    assert.deepEqual(parseConfig('rules: {}\n'.padEnd(300 * 1024, '#')).problems.map((p) => p.message), ['The config file is 300 KB; a config file has at most 256 KB. Not read.']);
    assert.deepEqual(parseConfig('').problems, []);
  });

  it('never throws, whatever the text (random YAML-ish text and random JSON values)', () => {
    const pieces = fc.constantFrom('rules:', '  totals: ', 'off', 'loud', '\n', '- ', '[', ']', '{', '}', ': ', '&a ', '*a', '!!binary ', '__proto__', 'tolerance: ', '1%', '"', "'", '#', '\t', 'globs:', '~');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => void parseConfig(parts.join(''))), { numRuns: 300, seed: 15 });
    fc.assert(fc.property(fc.jsonValue(), (v) => void parseConfig(JSON.stringify(v), true)), { numRuns: 300, seed: 15 });
  });

  it('is published as a JSON Schema that accepts what the zod schema accepts', () => {
    assert.equal(readFileSync(CONFIG_SCHEMA_PATH, 'utf8'), generateConfigSchema(), 'schemas/ is up to date (npm run schema)');
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(generateConfigSchema()));
    assert.equal(validate({ rules: { totals: 'off', 'unused-disable': 'error' }, month: '30d', tolerance: '1%', globs: ['a/*.md'] }), true);
    assert.equal(validate({ rules: { totls: 'off' } }), false);
    assert.equal(validate({ plans: ['a'] }), false);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string[]; url: string }[]; yamlValidation: { fileMatch: string[]; url: string }[] } };
    const url = './schemas/scaling-plan-config.schema.json';
    assert.ok(manifest.contributes.jsonValidation.some((v) => v.url === url && v.fileMatch.includes('.scaling-plan.json')));
    assert.ok(manifest.contributes.yamlValidation.some((v) => v.url === url && v.fileMatch.includes('.scaling-plan.yaml') && v.fileMatch.includes('.scaling-plan.yml')));
  });
});

describe('config lookup', () => {
  it('finds the nearest file from the folder up to the root, and nothing above the root', () => {
    const dir = folder('lookup', { '.scaling-plan.yaml': 'month: 30d\n', 'a/b/.scaling-plan.json': '{ "month": "730h" }', 'a/b/c/x.md': '' });
    const lookup = new ConfigLookup();
    assert.equal(lookup.find(join(dir, 'a', 'b', 'c'), dir)?.path, join(dir, 'a', 'b', '.scaling-plan.json'));
    assert.equal(lookup.find(join(dir, 'a'), dir)?.path, join(dir, '.scaling-plan.yaml'));
    assert.equal(lookup.find(join(dir, 'a'), join(dir, 'a')), undefined, 'the root bounds the search');
    // YAML before JSON in one folder.
    writeFileSync(join(dir, 'a', 'b', '.scaling-plan.yml'), 'month: auto\n');
    assert.equal(new ConfigLookup().find(join(dir, 'a', 'b'), dir)?.path, join(dir, 'a', 'b', '.scaling-plan.yml'));
  });
});

describe('config in the CLI', () => {
  it('applies the nearest config file to each plan; ignores leave files out', async () => {
    const dir = folder('cli-project', PROJECT);
    const r = await cli(['check'], dir);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        // Root config: explicit-arithmetic as warnings, missing-section off, 15% tolerance (the $90 total is 12.5% off).
        'plan.md:9:20 warning Result $70/month does not match 3 × 20 = $60/month explicit-arithmetic',
        'plan.md:11:20 warning Result $40/month does not match 2 × 15 = $30/month explicit-arithmetic',
        'plan.md:13:17 warning Result $25/month does not match 4 × 5 = $20/month explicit-arithmetic',
        // sub/: its own config only (totals off, unused comments reported), nothing of the root's.
        'sub/plan.md:5:3 information Missing 7 sections of a scaling plan: growth projection model, infrastructure roadmap with milestones, architecture evolution, team scaling plan, operational playbooks, risk assessment with mitigations, success metrics per stage missing-section',
        'sub/plan.md:9:20 error Result $70/month does not match 3 × 20 = $60/month explicit-arithmetic',
        'sub/plan.md:11:20 error Result $40/month does not match 2 × 15 = $30/month explicit-arithmetic',
        'sub/plan.md:13:17 error Result $25/month does not match 4 × 5 = $20/month explicit-arithmetic',
        'sub/plan.md:19:37 warning scaling-plan-disable-next-line totals silences no finding. unused-disable',
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, '3 errors, 4 warnings, 1 information in 2 files\n');
  });

  it('--no-config uses none, --config one file for every path; flags override the file', async () => {
    const dir = folder('cli-flags', PROJECT);
    const none = await cli(['check', '--no-config', 'plan.md', '-q'], dir);
    assert.equal(none.stdout.split('\n').filter(Boolean).length, 4, 'three explicit-arithmetic errors and the total');
    const given = await cli(['check', '--config', 'sub/.scaling-plan.json', 'plan.md', '-q'], dir);
    assert.deepEqual(given.stdout.split('\n').filter(Boolean).map((l) => l.split(' ').pop()), ['explicit-arithmetic', 'explicit-arithmetic', 'explicit-arithmetic']);
    // --no-blanks and --month are flags over the config; the frontmatter's month wins over both.
    writeFileSync(join(dir, 'up.md'), '---\nscaling-plan: 1\nmonth: 30d\n---\n\n# Uptime\n\nUptime: 99.9% (43.8 minutes downtime/month)\n');
    writeFileSync(join(dir, 'up-config.yaml'), 'month: 730h\n');
    const up = await cli(['check', '--config', 'up-config.yaml', '--month', '730h', 'up.md', '-q'], dir);
    assert.match(up.stdout, /^up\.md:8:\d+ error .* downtime\n$/, 'the frontmatter month (30d) is used');
  });

  it('a bad config file is named with line and column, exit 2, and its valid keys still apply', async () => {
    const dir = folder('cli-bad', { '.scaling-plan.yaml': 'rules:\n  totals: off\n  totls: off\nmonth: 31d\n', 'plan.md': PLAN });
    const r = await cli(['check', '-q'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout.includes(' totals\n'), false, 'totals is off');
    assert.equal(
      r.stderr,
      '.scaling-plan.yaml:3:3: Unknown key `rules.totls`: not a rule of Scaling Plan.\n.scaling-plan.yaml:4:8: Invalid value for `month`: expected auto, 30d or 730h, got "31d".\n3 errors in 1 file\n',
    );
  });

  it('ignores name folders as .gitignore does: `drafts`, `drafts/`, `drafts/**`', async () => {
    for (const glob of ['drafts', 'drafts/', 'drafts/**', '/drafts/']) {
      const dir = folder(`cli-ignores-${glob.replace(/\W/g, '_')}`, { '.scaling-plan.yaml': `ignores: [${JSON.stringify(glob)}]\n`, 'plan.md': PLAN, 'drafts/plan.md': PLAN, 'drafts/deep/plan.md': PLAN });
      const files = new Set((await cli(['check', '-q'], dir)).stdout.split('\n').filter(Boolean).map((l) => l.split(':')[0]));
      assert.deepEqual([...files], ['plan.md'], glob);
    }
  });

  it('config globs make plans of files found in folders', async () => {
    const dir = folder('cli-globs', { 'notes/costs.md': '# Costs\n\nHosting: 2 × $10 = $25/month\n', 'notes/other.md': '# Other\n\nHosting: 2 × $10 = $25/month\n' });
    assert.match((await cli(['check'], dir)).stderr, /no plans found/);
    writeFileSync(join(dir, '.scaling-plan.yaml'), 'globs: [notes/costs.md]\n');
    const r = await cli(['check', '-q'], dir);
    assert.equal(r.stdout, 'notes/costs.md:3:20 error Result $25/month does not match 2 × 10 = $20/month explicit-arithmetic\n');
  });
});

/** A server over `dir` that watches files; `settings` are the editor's. */
async function server(dir: string, settings?: Record<string, unknown>): Promise<LspClient> {
  const capabilities = { ...fullCapabilities, workspace: { ...fullCapabilities.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };
  return (await LspClient.start({ workspace: dir, capabilities, ...(settings ? { settings } : {}) })).client;
}

const rows = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${SEVERITY[d.severity!]} ${d.message} ${String(d.code)}`);

describe('config in the language server: the same findings as the CLI', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = folder('server-same', PROJECT);
    client = await server(dir);
  });
  after(async () => {
    await client?.stop();
  });

  it('registers a watcher for the config files', async () => {
    const uri = pathToFileURL(join(dir, 'plan.md')).href;
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watch?.registerOptions, { watchers: [{ globPattern: '**/.scaling-plan.yaml' }, { globPattern: '**/.scaling-plan.yml' }, { globPattern: '**/.scaling-plan.json' }] });
  });

  it('each plan of the folder', async () => {
    const cliJson = JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout) as { file: string; diagnostics: { rule: string; severity: string; message: string; range: Diagnostic['range'] }[] }[];
    assert.deepEqual(cliJson.map((f) => f.file), ['plan.md', 'sub/plan.md']);
    for (const file of cliJson) {
      const uri = pathToFileURL(join(dir, file.file)).href;
      await client.open(uri, readFileSync(join(dir, file.file), 'utf8'), 2);
      const published = await client.diagnosticsFor(uri, 2);
      const expected = file.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message} ${d.rule}`);
      assert.deepEqual(rows(published.diagnostics), expected, file.file);
      assert.ok(expected.length > 0);
    }
    // drafts/ is ignored by the config: no diagnostics.
    const draft = pathToFileURL(join(dir, 'drafts', 'plan.md')).href;
    await client.open(draft, PLAN, 2);
    assert.deepEqual((await client.diagnosticsFor(draft, 2)).diagnostics, []);
  });
});

describe('config in the language server: precedence and changes', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = folder('server-changes', PROJECT);
    // The editor says explicit-arithmetic is a hint; the root config says warning and wins.
    client = await server(dir, { rules: { 'explicit-arithmetic': 'hint', totals: 'warning' } });
  });
  after(async () => {
    await client?.stop();
  });

  it('the config file wins over the editor settings, the editor over the defaults', async () => {
    const uri = pathToFileURL(join(dir, 'sub', 'plan.md')).href;
    await client.open(uri, PLAN);
    // sub/'s config turns totals off and says nothing of explicit-arithmetic: the editor's hint.
    const sub = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(sub.diagnostics.map((d) => `${SEVERITY[d.severity!]} ${String(d.code)}`), ['information missing-section', 'hint explicit-arithmetic', 'hint explicit-arithmetic', 'hint explicit-arithmetic']);
  });

  it('publishes a bad config file\'s problems on it, and checks open plans again when it changes', async () => {
    const uri = pathToFileURL(join(dir, 'plan.md')).href;
    await client.open(uri, PLAN);
    const first = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(first.diagnostics.map((d) => `${SEVERITY[d.severity!]} ${String(d.code)}`), ['warning explicit-arithmetic', 'warning explicit-arithmetic', 'warning explicit-arithmetic']);
    const configPath = join(dir, '.scaling-plan.yaml');
    const configUri = pathToFileURL(configPath).href;
    const since = client.diagnostics.length;
    writeFileSync(configPath, 'rules:\n  totals: off\n  explicit-arithmetic: loud\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const problems = await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0, since);
    assert.deepEqual(rows(problems.diagnostics), ['2:23-2:27 error Invalid value for `rules.explicit-arithmetic`: expected off, error, warning, information or hint, got "loud". config']);
    // The plan again: explicit-arithmetic falls back to the editor's hint; totals off; no tolerance; missing-section back.
    const again = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'missing-section'), since);
    assert.deepEqual(again.diagnostics.map((d) => `${SEVERITY[d.severity!]} ${String(d.code)}`), ['information missing-section', 'hint explicit-arithmetic', 'hint explicit-arithmetic', 'hint explicit-arithmetic']);
    // Fixed: its diagnostics are cleared, and the plan is checked with the new file.
    const since2 = client.diagnostics.length;
    writeFileSync(configPath, 'rules:\n  explicit-arithmetic: error\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.deepEqual((await client.waitForDiagnostics(configUri, () => true, since2)).diagnostics, []);
    const fixed = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'totals'), since2);
    assert.deepEqual(fixed.diagnostics.map((d) => `${SEVERITY[d.severity!]} ${String(d.code)}`), ['information missing-section', 'error explicit-arithmetic', 'error explicit-arithmetic', 'error explicit-arithmetic', 'warning totals']);
  });
});

describe('Check Workspace in the language server: .gitignore', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = folder('server-gitignore', { '.gitignore': 'drafts/\n*.scratch.md\n!keep.scratch.md\n', 'plan.md': PLAN, 'drafts/plan.md': PLAN, 'notes.scratch.md': PLAN, 'keep.scratch.md': PLAN });
    client = await server(dir);
  });
  after(async () => {
    await client?.stop();
  });

  it('leaves out the files a .gitignore of the workspace folder ignores, as the CLI does', async () => {
    const uriOf = (p: string): string => pathToFileURL(join(dir, p)).href;
    const files = ['plan.md', 'drafts/plan.md', 'notes.scratch.md', 'keep.scratch.md'];
    const since = client.diagnostics.length;
    const result = await client.request<{ checked: number; plans: number; counts: Record<string, number> }>('scalingPlan/checkWorkspace', { documents: files.map((f) => ({ uri: uriOf(f), text: PLAN })) });
    assert.deepEqual([result.checked, result.plans], [4, 2]);
    for (const f of files) {
      const published = await client.waitForDiagnostics(uriOf(f), () => true, since);
      assert.equal(published.diagnostics.length > 0, f === 'plan.md' || f === 'keep.scratch.md', f);
    }
    // The CLI walks the folder to the same two plans.
    const cliJson = JSON.parse((await cli(['check', '--format', 'json'], dir)).stdout) as { file: string }[];
    assert.deepEqual(cliJson.map((f) => f.file).sort(), ['keep.scratch.md', 'plan.md']);
  });
});
