/**
 * The CLI for CI, in process (the process boundary is not what is tested here): `--format
 * github` and `--format junit` checked against their formats, annotations under GitHub Actions,
 * folders walked with `.gitignore` honoured and `--ignore`, suppression comments and
 * `--report-unused-disables`, `--help` for every command and an unknown flag answered with exit
 * 2 and the usage. The language server's own command line is run as the built bin.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main, CHECK_USAGE, USAGE } from '../src/cli/main';
import { USAGE as INIT_USAGE } from '../src/cli/init';
import { USAGE as REPORT_USAGE } from '../src/cli/report';
import { escapeData, escapeProperty } from '../src/cli/formats/github';
import { ensureBuilt } from './fixtures/server/lsp-client';
import { fixture, ROOT, writeTree } from './helpers';

interface SaxParser {
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: (name: string) => void;
  ontext: (text: string) => void;
  onerror: (err: Error) => void;
  write(s: string): SaxParser;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as { parser(strict: boolean): SaxParser };

const PLAN = fixture('suppress/plan.md');

let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'scaling-plan-ci-'));
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A fresh folder under the temp folder, with the given files. */
const folder = (name: string, files: Record<string, string | Uint8Array> = {}): string => writeTree(join(work, name), files);

async function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env });
  return { code, stdout, stderr };
}

/** A workflow command as GitHub's runner reads it: `::name key=value,…::message`. */
const COMMAND = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::([^\r\n]*)$/;

function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = COMMAND.exec(line);
  assert.ok(m, `a workflow command: ${line}`);
  const unescape = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props = Object.fromEntries(m[2]!.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), unescape(kv.slice(kv.indexOf('=') + 1))]));
  return { command: m[1]!, props, message: unescape(m[3]!) };
}

describe('--format github', () => {
  it('one annotation per finding with file, line, column (1-based, the end inclusive) and rule; hints are not annotated', async () => {
    const dir = folder('github', { 'plan.md': PLAN + '\nStill to decide: ___\n' });
    const r = await cli(['check', '--format', 'github', 'plan.md'], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.deepEqual(lines, [
      '::notice file=plan.md,line=5,endLine=5,col=3,endColumn=21,title=scaling-plan missing-section::Missing 7 sections of a scaling plan: growth projection model, infrastructure roadmap with milestones, architecture evolution, team scaling plan, operational playbooks, risk assessment with mitigations, success metrics per stage',
      '::error file=plan.md,line=9,endLine=9,col=20,endColumn=28,title=scaling-plan explicit-arithmetic::Result $70/month does not match 3 × 20 = $60/month',
      '::error file=plan.md,line=11,endLine=11,col=20,endColumn=28,title=scaling-plan explicit-arithmetic::Result $40/month does not match 2 × 15 = $30/month',
      '::error file=plan.md,line=13,endLine=13,col=17,endColumn=25,title=scaling-plan explicit-arithmetic::Result $25/month does not match 4 × 5 = $20/month',
      '::error file=plan.md,line=19,endLine=19,col=10,endColumn=18,title=scaling-plan totals::Total $90/month does not match 50 + 30 = $80/month',
    ]);
    for (const line of lines) parseCommand(line);
    // The same positions as the human format.
    const human = (await cli(['check', 'plan.md'], dir)).stdout.split('\n').filter((l) => !/ hint /.test(l) && l);
    assert.deepEqual(lines.map((l) => { const c = parseCommand(l); return `${c.props.file}:${c.props.line}:${c.props.col}`; }), human.map((l) => l.split(' ')[0]));
  });

  it('escapes %, CR and LF in messages, and also : and , in properties; paths are relative to GITHUB_WORKSPACE', async () => {
    assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
    const dir = folder('github-escape', { 'q1, q2: plans/100%.md': PLAN });
    const r = await cli(['check', '--format', 'github', '-q', '.'], dir, { GITHUB_WORKSPACE: join(dir, '..') });
    const first = parseCommand(r.stdout.split('\n')[0]!);
    assert.equal(first.props.file, 'github-escape/q1, q2: plans/100%.md');
    assert.ok(r.stdout.startsWith('::error file=github-escape/q1%2C q2%3A plans/100%25.md,line=9,'));
    assert.equal(first.props.title, 'scaling-plan explicit-arithmetic');
  });

  it('under GitHub Actions the human format also prints the annotations; other formats do not', async () => {
    const dir = folder('actions', { 'plan.md': PLAN });
    const plain = await cli(['check', '-q', 'plan.md'], dir);
    const actions = await cli(['check', '-q', 'plan.md'], dir, { GITHUB_ACTIONS: 'true' });
    const github = await cli(['check', '-q', '--format', 'github', 'plan.md'], dir);
    assert.equal(actions.stdout, plain.stdout + github.stdout);
    assert.equal(actions.stderr, plain.stderr);
    const json = await cli(['check', '-q', '--format', 'json', 'plan.md'], dir, { GITHUB_ACTIONS: 'true' });
    assert.doesNotThrow(() => JSON.parse(json.stdout));
    assert.equal(json.stdout.includes('::error'), false);
  });
});

describe('--format junit', () => {
  /** The XML as a tree of elements (strict parser: a malformed document throws). */
  function parseXml(xml: string): { name: string; attributes: Record<string, string>; children: any[]; text: string } {
    const root = { name: '#document', attributes: {}, children: [] as any[], text: '' };
    const stack: any[] = [root];
    const p = sax.parser(true);
    p.onopentag = (tag) => {
      const el = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
      stack[stack.length - 1].children.push(el);
      stack.push(el);
    };
    p.onclosetag = () => void stack.pop();
    p.ontext = (t) => void (stack[stack.length - 1].text += t);
    p.onerror = (err) => {
      throw err;
    };
    p.write(xml).close();
    assert.equal(root.children.length, 1, 'one root element');
    return root.children[0];
  }

  it('is well-formed JUnit XML: one testcase per plan, one failure per error or warning finding', async () => {
    const dir = folder('junit', { 'a.md': PLAN, 'b.md': PLAN.replace('$70', '$60').replace('$40', '$30').replace('$25', '$20').replace('$90', '$80') });
    const r = await cli(['check', '--format', 'junit', 'a.md', 'b.md'], dir);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
    const suites = parseXml(r.stdout);
    assert.equal(suites.name, 'testsuites');
    assert.deepEqual(suites.attributes, { name: 'scaling-plan', tests: '2', failures: '1', errors: '0' });
    const [suite] = suites.children;
    assert.equal(suite.name, 'testsuite');
    assert.deepEqual(suite.children.map((c: any) => [c.name, c.attributes.name, c.attributes.file]), [['testcase', 'a.md', 'a.md'], ['testcase', 'b.md', 'b.md']]);
    const [a, b] = suite.children;
    assert.deepEqual(a.children.map((c: any) => [c.name, c.attributes.type]), [['failure', 'explicit-arithmetic'], ['failure', 'explicit-arithmetic'], ['failure', 'explicit-arithmetic'], ['failure', 'totals'], ['system-out', undefined]]);
    assert.equal(a.children[0].attributes.message, 'Result $70/month does not match 3 × 20 = $60/month');
    assert.equal(a.children[0].text, 'a.md:9:20 error Result $70/month does not match 3 × 20 = $60/month explicit-arithmetic');
    assert.match(a.children[4].text, /^a\.md:5:3 information Missing 7 sections/);
    assert.deepEqual(b.children.map((c: any) => c.name), ['system-out']);
  });

  it('escapes file names and messages, and drops characters XML cannot hold', async () => {
    const dir = folder('junit-escape', { 'r&d <"plans">.md': PLAN.replace('Storage:', 'Storage \u0001<&>:') });
    const r = await cli(['check', '--format', 'junit', '-q', '.'], dir);
    const suites = parseXml(r.stdout);
    const testcase = suites.children[0].children[0];
    assert.equal(testcase.attributes.name, 'r&d <"plans">.md');
    assert.equal(testcase.children.length, 4);
  });
});

describe('folders walked', () => {
  it('honour .gitignore files (nested, with negation, from the repository root) and --ignore globs', async () => {
    const dir = folder('walk', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n*.draft.md\n',
      'docs/.gitignore': 'old-*.md\n!old-keep.md\n',
      'docs/plan.md': PLAN,
      'docs/old-plan.md': PLAN,
      'docs/old-keep.md': PLAN,
      'docs/next.draft.md': PLAN,
      'build/plan.md': PLAN,
      'vendor/plan.md': PLAN,
    });
    const files = async (args: string[], cwd = dir): Promise<string[]> => [...new Set((await cli(['check', '-q', ...args], cwd)).stdout.split('\n').filter(Boolean).map((l) => l.split(':')[0]!))];
    assert.deepEqual(await files([]), ['docs/old-keep.md', 'docs/plan.md', 'vendor/plan.md']);
    // Walking a subfolder still reads the repository root's .gitignore.
    assert.deepEqual(await files(['.'], join(dir, 'docs')), ['old-keep.md', 'plan.md']);
    assert.deepEqual(await files(['--ignore', 'vendor/**', '--ignore', 'old-keep.md']), ['docs/plan.md']);
    assert.deepEqual(await files(['--no-gitignore']), ['build/plan.md', 'docs/next.draft.md', 'docs/old-keep.md', 'docs/old-plan.md', 'docs/plan.md', 'vendor/plan.md']);
    // A file named on the command line is checked even when .gitignore lists it; an --ignore glob still leaves it out.
    assert.deepEqual(await files(['docs/old-plan.md']), ['docs/old-plan.md']);
    const skipped = await cli(['check', '--ignore', 'docs/**', 'docs/plan.md'], dir);
    assert.deepEqual([skipped.code, skipped.stdout, skipped.stderr], [0, '', 'docs/plan.md: not checked (matches an ignore glob)\n']);
  });
});

describe('suppression comments in the CLI', () => {
  it('each form silences what it names; --report-unused-disables reports the rest as errors', async () => {
    const text = PLAN.replace('Storage:', '<!-- scaling-plan-disable-next-line explicit-arithmetic -->\nStorage:')
      .replace('Backups:', '<!-- scaling-plan-disable explicit-arithmetic -->\nBackups:')
      .replace('## Spend', '<!-- scaling-plan-enable explicit-arithmetic -->\n\n## Spend')
      .replace('# Pantry', '<!-- scaling-plan-disable-file missing-section -->\n<!-- scaling-plan-disable-next-line totals -->\n# Pantry');
    const dir = folder('suppress-cli', { 'plan.md': text });
    const r = await cli(['check', 'plan.md'], dir);
    assert.equal(r.stdout, 'plan.md:25:10 error Total $90/month does not match 50 + 30 = $80/month totals\n');
    const unused = await cli(['check', '--report-unused-disables', 'plan.md'], dir);
    assert.equal(unused.code, 1);
    assert.equal(unused.stdout, 'plan.md:6:37 error scaling-plan-disable-next-line totals silences no finding. unused-disable\nplan.md:25:10 error Total $90/month does not match 50 + 30 = $80/month totals\n');
    const none = await cli(['check', '--report-unused-disables', '--format', 'json', 'plan.md'], folder('suppress-clean', { 'plan.md': text.replace('<!-- scaling-plan-disable-file missing-section -->\n', '').replace('disable-next-line totals', 'disable-next-line missing-section') }));
    assert.deepEqual(JSON.parse(none.stdout)[0].diagnostics.map((d: { rule: string }) => d.rule), ['totals']);
  });
});

describe('arguments', () => {
  it('--help for every command prints its usage on stdout and exits 0', async () => {
    for (const [args, usage] of [
      [['--help'], USAGE],
      [['check', '--help'], CHECK_USAGE],
      [['check', '-h'], CHECK_USAGE],
      [['report', '--help'], REPORT_USAGE],
      [['init', '--help'], INIT_USAGE],
    ] as const) {
      assert.deepEqual(await cli([...args], work), { code: 0, stdout: usage, stderr: '' }, args.join(' '));
    }
  });

  it('an unknown flag exits 2 with the reason and the usage on stderr', async () => {
    for (const [args, reason, usage] of [
      [['--bogus'], "unknown option '--bogus'", USAGE],
      [['check', '--bogus'], "unknown option '--bogus'", CHECK_USAGE],
      [['check', '-x'], "unknown option '-x'", CHECK_USAGE],
      [['check', '--fix=yes'], "option '--fix' takes no value", CHECK_USAGE],
      [['check', '--ignore'], "option '--ignore' needs a value", CHECK_USAGE],
      [['check', '--format', 'xml'], "unknown format 'xml' (expected human, json, sarif, github, junit)", CHECK_USAGE],
      [['report', '--bogus', 'a.md'], "unknown option '--bogus'", REPORT_USAGE],
      [['init', '--bogus'], "unknown option '--bogus'", INIT_USAGE],
    ] as const) {
      assert.deepEqual(await cli([...args], work), { code: 2, stdout: '', stderr: `scaling-plan: ${reason}\n\n${usage}` }, args.join(' '));
    }
  });

  it('the language server answers --help, --version and an unknown flag', async () => {
    await ensureBuilt();
    const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'scaling-plan-server.js'), ...args], { encoding: 'utf8' });
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: scaling-plan-server --stdio/);
    const bad = run('--stdio', '--bogus');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^scaling-plan-server: Unknown option '--bogus'\n\nUsage: scaling-plan-server/);
    assert.equal(bad.stdout, '');
  });
});
