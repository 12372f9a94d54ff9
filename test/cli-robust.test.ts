/**
 * The CLI does not trust its input: `--fix` and `init` never write through a symbolic link out
 * of the folder given; the `--cache` file is checked when read (a bad one is ignored, said once
 * and written anew) and is smaller than the plans it covers; `check -` reads standard input;
 * UTF-16 and UTF-8 files with a BOM are read with positions as in an editor; a file above the
 * size limit is refused from its size without being read; worker threads only where they pay.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ResultCache } from '../src/cli/cache';
import { readText } from '../src/cli/files';
import { workersFor } from '../src/cli/pool';
import { buildCli, ROOT, writeTree } from './helpers';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');
const WRONG = readFileSync(join(FIXTURES, 'wrong-plan.md'), 'utf8');
const RIGHT = readFileSync(join(FIXTURES, 'right-plan.md'), 'utf8');
const STACK_TRACE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;
/** What `check` prints for wrong-plan.md, after its path. */
const WRONG_FINDINGS = [
  ':23:10 error Total $90/month does not match 50 + 30 = $80/month totals',
  ':30:18 error Cost per user $0.40/month does not match 360 / 1,000 = $0.36/month (read as the total over the users) cost-per-user',
  ':47:18 error Downtime per month for 99.9% uptime 50 minutes does not match (100% − 99.9%) × 43,200 minutes (30 days) = 43.2 minutes (read as a 30-day month) downtime',
];

let work: string;
let bin: string;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'scaling-plan-robust-'));
  bin = await buildCli(work);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, input?: string | Uint8Array, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  assert.doesNotMatch(r.stderr, STACK_TRACE, 'a stack trace was printed');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the temp folder, with the given files. */
const folder = (name: string, files: Record<string, string | Uint8Array> = {}): string => writeTree(join(work, name), files);

const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
const wrongLines = (name: string): string[] => WRONG_FINDINGS.map((l) => name + l);

describe('--fix and init never write through a symbolic link out of the folder given', () => {
  it('--fix refuses a linked file outside the folder walked or the named file’s folder, and leaves it alone', () => {
    const outside = folder('fix-links/outside', { 'target.md': WRONG });
    const inside = folder('fix-links/inside', { 'real.md': WRONG });
    symlinkSync(join(outside, 'target.md'), join(inside, 'away.md'));
    symlinkSync('real.md', join(inside, 'near.md'));
    const walked = cli(['check', '--fix', '.'], inside);
    assert.equal(walked.code, 2);
    assert.ok(walked.stderr.includes(`away.md: fixes not written: it is a symbolic link to ${join(outside, 'target.md')}, outside ${inside}\n`), walked.stderr);
    assert.equal(readFileSync(join(outside, 'target.md'), 'utf8'), WRONG);
    // The link inside the folder is written through: its target is fixed (once, as real.md itself).
    assert.notEqual(readFileSync(join(inside, 'real.md'), 'utf8'), WRONG);
    const named = cli(['check', '--fix', 'away.md'], inside);
    assert.equal(named.code, 2);
    assert.ok(named.stderr.includes(`away.md: fixes not written: it is a symbolic link to ${join(outside, 'target.md')}, outside ${inside}\n`), named.stderr);
    assert.equal(readFileSync(join(outside, 'target.md'), 'utf8'), WRONG);
  });

  it('init refuses a link to a file outside FILE’s folder, existing or not, even with --force', () => {
    const outside = folder('init-links/outside', { 'kept.md': 'keep me\n' });
    const inside = folder('init-links/inside');
    symlinkSync(join(outside, 'new.md'), join(inside, 'dangling.md'));
    symlinkSync(join(outside, 'kept.md'), join(inside, 'existing.md'));
    const dangling = cli(['init', 'dangling.md'], inside);
    assert.deepEqual(dangling, { code: 2, stdout: '', stderr: 'dangling.md: already exists; not overwritten (use --force to replace it)\n' });
    const forced = cli(['init', '--force', 'dangling.md'], inside);
    assert.deepEqual(forced, { code: 2, stdout: '', stderr: `dangling.md: not written: it is a symbolic link to ${join(outside, 'new.md')}, which does not exist\n` });
    assert.equal(existsSync(join(outside, 'new.md')), false);
    const existing = cli(['init', '--force', 'existing.md'], inside);
    assert.deepEqual(existing, { code: 2, stdout: '', stderr: `existing.md: not written: it is a symbolic link to ${join(outside, 'kept.md')}, outside ${inside}\n` });
    assert.equal(readFileSync(join(outside, 'kept.md'), 'utf8'), 'keep me\n');
    // A plain new file is still written.
    assert.equal(cli(['init', 'plan.md'], inside).code, 0);
    assert.ok(readFileSync(join(inside, 'plan.md'), 'utf8').startsWith('---\n'));
  });
});

describe('--cache', () => {
  function plans(name: string, n = 40): string {
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) files[`plan-${String(i).padStart(2, '0')}.md`] = i % 2 ? WRONG : RIGHT;
    return folder(name, files);
  }
  const cacheOf = (dir: string) => join(dir, '.scaling-plan-cache');

  it('is smaller than the plans it covers', () => {
    const dir = plans('cache-size');
    cli(['check', '--cache', '.'], dir);
    const input = 20 * (Buffer.byteLength(WRONG) + Buffer.byteLength(RIGHT));
    const size = statSync(cacheOf(dir)).size;
    assert.ok(size < input / 4, `cache ${size} bytes for ${input} bytes of plans`);
  });

  /** A bad cache: one warning, the same findings as without a cache, and a good cache written. */
  function ignoredOnce(dir: string, why: string): void {
    const plain = cli(['check', '--format', 'json', '.'], dir);
    const run = cli(['check', '--cache', '--format', 'json', '.'], dir);
    assert.equal(run.stdout, plain.stdout);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `${cacheOf(dir)}: not a valid cache (${why}); ignored, and written anew\n`);
    const again = cli(['check', '--cache', '--format', 'json', '.'], dir);
    assert.deepEqual(again, { code: 1, stdout: plain.stdout, stderr: '' });
  }

  it('ignores a corrupt cache file, says so once, and writes it anew', () => {
    const dir = plans('cache-corrupt', 6);
    writeFileSync(cacheOf(dir), Buffer.from('{"format":2,"entries":{"x":'));
    ignoredOnce(dir, 'not readable');
  });

  it('ignores a truncated cache file', () => {
    const dir = plans('cache-truncated', 6);
    cli(['check', '--cache', '.'], dir);
    const whole = readFileSync(cacheOf(dir));
    writeFileSync(cacheOf(dir), whole.subarray(0, Math.floor(whole.length / 2)));
    ignoredOnce(dir, 'not readable');
  });

  it('ignores entries of the wrong shape (null results, unknown fields, a terminal escape in a message)', () => {
    for (const [k, change] of [
      ['null', (e: unknown[]) => void (e[2] = null)],
      ['field', (e: unknown[]) => void ((e[2] as Record<string, unknown>[])[0]!.extra = 1)],
      ['escape', (e: unknown[]) => void ((e[2] as Record<string, unknown>[])[0]!.message = '\u001b[2J\u001b[Hall clear')],
    ] as const) {
      const dir = plans(`cache-shape-${k}`, 6);
      cli(['check', '--cache', '.'], dir);
      const data = JSON.parse(gunzipSync(readFileSync(cacheOf(dir))).toString('utf8')) as { entries: Record<string, unknown[]> };
      const wrong = Object.entries(data.entries).find(([p]) => p.endsWith('plan-01.md'))![1];
      change(wrong);
      writeFileSync(cacheOf(dir), gzipSync(JSON.stringify(data)));
      ignoredOnce(dir, 'unexpected content at ' + (k === 'null' ? `entries.${join(dir, 'plan-01.md')}.2` : `entries.${join(dir, 'plan-01.md')}.2.0${k === 'field' ? '' : '.message'}`));
    }
  });

  it('ignores an entry whose findings lie outside the file they are for', () => {
    const dir = plans('cache-outside', 6);
    cli(['check', '--cache', '.'], dir);
    const data = JSON.parse(gunzipSync(readFileSync(cacheOf(dir))).toString('utf8')) as { entries: Record<string, [string, boolean, { span: { start: number; end: number } }[]]> };
    const wrong = Object.entries(data.entries).find(([p]) => p.endsWith('plan-01.md'))![1];
    wrong[2][0]!.span = { start: 0, end: 10_000_000 };
    writeFileSync(cacheOf(dir), gzipSync(JSON.stringify(data)));
    ignoredOnce(dir, 'a finding outside its file');
  });

  it('is keyed by content, settings and the tool’s version', () => {
    const file = join(folder('cache-keys'), 'cache');
    const a = new ResultCache(file, '1.0.0');
    const result = { isPlan: true, findings: [] };
    a.set('/p.md', a.key('text', 'settings'), result);
    assert.equal(a.save(), undefined);
    const same = new ResultCache(file, '1.0.0');
    assert.equal(same.problem, undefined);
    assert.deepEqual(same.get('/p.md', same.key('text', 'settings'), 'text'), result);
    assert.equal(same.get('/p.md', same.key('text!', 'settings'), 'text!'), undefined);
    assert.equal(same.get('/p.md', same.key('text', 'other settings'), 'text'), undefined);
    const next = new ResultCache(file, '1.0.1');
    assert.equal(next.problem, undefined);
    assert.equal(next.get('/p.md', next.key('text', 'settings'), 'text'), undefined);
    assert.equal(next.get('/p.md', a.key('text', 'settings'), 'text'), undefined);
  });
});

describe('check - (standard input)', () => {
  it('checks the text on standard input as <stdin>', () => {
    const dir = folder('stdin-plain');
    const r = cli(['check', '-'], dir, WRONG);
    assert.equal(r.code, 1);
    assert.deepEqual(lines(r.stdout), wrongLines('<stdin>'));
  });

  it('reports under --stdin-filename and uses the config file found from it', () => {
    const dir = folder('stdin-named', { 'docs/.scaling-plan.yaml': 'rules:\n  totals: "off"\n' });
    const r = cli(['check', '--stdin-filename', 'docs/plan.md', '-'], dir, WRONG);
    assert.equal(r.code, 1);
    assert.deepEqual(lines(r.stdout), wrongLines('docs/plan.md').slice(1));
    assert.equal(existsSync(join(dir, 'docs', 'plan.md')), false);
  });

  it('applies the size limit to standard input', () => {
    const r = cli(['check', '--max-size', '1k', '-'], folder('stdin-large'), WRONG);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^<stdin>:1:1 information Not analysed: the document is 1\.\d+ KB, above the 1\.0+ KB size limit\. too-large\n$/);
  });

  it('refuses - with other paths, with --fix, and --stdin-filename without -', () => {
    const dir = folder('stdin-usage');
    assert.match(cli(['check', '-', 'plan.md'], dir).stderr, /^scaling-plan: '-' \(standard input\) cannot be checked with other paths\n/);
    assert.match(cli(['check', '--fix', '-'], dir).stderr, /^scaling-plan: --fix cannot write to standard input \('-'\)\n/);
    assert.match(cli(['check', '--stdin-filename', 'x.md', 'plan.md'], dir).stderr, /^scaling-plan: --stdin-filename needs '-' \(standard input\) as the path\n/);
  });
});

describe('encodings', () => {
  const utf16le = (text: string) => Buffer.from('\ufeff' + text, 'utf16le');
  const utf16be = (text: string) => Buffer.from('\ufeff' + text, 'utf16le').swap16();

  it('reads UTF-16 (LE, BE) and UTF-8 with a BOM: the same findings at the same lines and columns', () => {
    const crlf = WRONG.replace(/\n/g, '\r\n');
    const dir = folder('encodings', { 'le.md': utf16le(WRONG), 'be.md': utf16be(crlf), 'bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(WRONG)]) });
    for (const name of ['le.md', 'be.md', 'bom.md']) {
      const r = cli(['check', name], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(lines(r.stdout), wrongLines(name));
    }
    // From standard input too.
    assert.deepEqual(lines(cli(['check', '--stdin-filename', 'x.md', '-'], dir, utf16le(WRONG)).stdout), wrongLines('x.md'));
  });

  it('--fix writes a UTF-16 or BOM file back in its own encoding', () => {
    const dir = folder('encodings-fix', { 'plain.md': WRONG, 'le.md': utf16le(WRONG), 'be.md': utf16be(WRONG), 'bom.md': '\ufeff' + WRONG });
    for (const name of ['plain.md', 'le.md', 'be.md', 'bom.md']) cli(['check', '--fix', name], dir);
    const fixed = readFileSync(join(dir, 'plain.md'), 'utf8');
    assert.notEqual(fixed, WRONG);
    assert.deepEqual(readFileSync(join(dir, 'le.md')), utf16le(fixed));
    assert.deepEqual(readFileSync(join(dir, 'be.md')), utf16be(fixed));
    assert.equal(readFileSync(join(dir, 'bom.md'), 'utf8'), '\ufeff' + fixed);
  });
});

describe('the size limit', () => {
  it('counts characters as the editor does: a plan in Japanese under the limit in characters is checked though its bytes are over', () => {
    // 1,000 characters of 3 bytes each: 3,000 bytes, under a 1,200-character limit.
    const text = '# 計画\n\n' + '- 費用: $10/month\n'.repeat(3) + '- 合計: $40/month\n' + '説明'.repeat(470) + '\n';
    const dir = folder('chars', { 'jp.md': text });
    assert.ok(Buffer.byteLength(text) > 1200 && text.length <= 1200 && text.length > 1000);
    const r = cli(['check', '--max-size', '1200', 'jp.md'], dir);
    assert.deepEqual(r.stdout.split('\n')[0], 'jp.md:6:7 error 合計 $40/month does not match 10 + 10 + 10 = $30/month totals');
    // Under a limit of fewer characters than the text has: one finding, the size in characters.
    const small = cli(['check', '--max-size', '1000', 'jp.md'], dir);
    assert.equal(small.stdout, `jp.md:1:1 information Not analysed: the document is ${text.length} B, above the 1000 B size limit. too-large\n`);
  });

  it('refuses a 200 MB sparse file from its size: one finding, not a read of its zeros', () => {
    // 70 KB of plan text, then zeros: read whole, it would be binary; its head has no NUL.
    const head = '---\nscaling-plan: 1\n---\n\n' + 'Notes about the plan.\n'.repeat(3400);
    const dir = folder('sparse', { 'big.md': head });
    truncateSync(join(dir, 'big.md'), 200 * 1024 * 1024);
    const r = cli(['check', 'big.md'], dir);
    assert.deepEqual(r, { code: 0, stdout: 'big.md:1:1 information Not analysed: the document is 200.0 MB, above the 2.0 MB size limit. too-large\n', stderr: r.stderr });
    // Found in a folder, it is a plan by its head's frontmatter.
    assert.equal(cli(['check', '.'], dir).stdout, r.stdout);
  });

  it('reads at most the limit and the start of a file, whatever its size', () => {
    const dir = folder('limit', { 'a.md': 'x'.repeat(2048), 'b.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('y'.repeat(2048))]) });
    // Exactly the limit (a BOM besides): read; one byte more: refused from its size, with its head.
    assert.deepEqual(readText(join(dir, 'a.md'), 2048), { kind: 'text', text: 'x'.repeat(2048), bom: false, encoding: 'utf-8' });
    assert.deepEqual(readText(join(dir, 'b.md'), 2048), { kind: 'text', text: 'y'.repeat(2048), bom: true, encoding: 'utf-8' });
    assert.deepEqual(readText(join(dir, 'a.md'), 2047), { kind: 'huge', bytes: 2048, head: 'x'.repeat(2048) });
    truncateSync(join(dir, 'a.md'), 3 * 1024 * 1024 * 1024);
    const huge = readText(join(dir, 'a.md'), 2048);
    assert.equal(huge.kind, 'error'); // its head is zeros after the x's: binary
    assert.equal(readText(join(dir, 'missing.md'), 2048).kind, 'error');
  });
});

describe('worker threads', () => {
  it('are not used on this kind of machine: 2 CPUs, or no spare cores, or little text', () => {
    assert.equal(workersFor(1000, 7_000_000, 2, 0), 0);
    assert.equal(workersFor(1000, 7_000_000, 8, 6), 0);
    assert.equal(workersFor(1000, 1_000_000, 8, 0), 0);
    assert.equal(workersFor(4, 7_000_000, 8, 0), 0);
    assert.equal(workersFor(1000, 7_000_000, 8, 0), 7);
    assert.equal(workersFor(1000, 7_000_000, 16, 0.5), 8);
  });

  it('give the same report as the main thread when asked for', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`plan-${i}.md`] = i % 3 ? WRONG : RIGHT;
    const dir = folder('workers', files);
    const one = cli(['check', '--format', 'json', '.'], dir, undefined, { SCALING_PLAN_WORKERS: '0' });
    const two = cli(['check', '--format', 'json', '.'], dir, undefined, { SCALING_PLAN_WORKERS: '2' });
    assert.equal(one.code, 1);
    assert.deepEqual(two, one);
  });
});
