/**
 * The CLI's parts in process: argument parsing, UTF-8 and binary detection, and `main` with
 * captured output (it resolves to an exit code and never throws, whatever the arguments).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCheckArgs, parseSize } from '../src/cli/args';
import { decode, encode, firstInvalidUtf8 } from '../src/cli/files';
import { main, type Io } from '../src/cli/main';
import { formatHuman, summary } from '../src/cli/formats/human';
import type { CheckResult, Diagnostic } from '../src/cli/check';

describe('parseCheckArgs', () => {
  it('reads paths and options in any order, with = or a separate value', () => {
    const parsed = parseCheckArgs(['docs', '--format=json', '--fix', 'plan.md', '-q', '--no-blanks', '--max-size', '512k', '--month', '730h']);
    assert.deepEqual(parsed, {
      ok: true,
      value: { paths: ['docs', 'plan.md'], format: 'json', fix: true, quiet: true, blanks: false, maxSize: 524288, month: '730h', cache: false, ignores: [], gitignore: true, reportUnusedDisables: false, help: false },
    });
  });

  it('has the defaults (the size limit is the config file\'s or the engine\'s when not given)', () => {
    assert.deepEqual(parseCheckArgs([]), {
      ok: true,
      value: { paths: [], format: 'human', fix: false, quiet: false, blanks: true, cache: false, ignores: [], gitignore: true, reportUnusedDisables: false, help: false },
    });
  });

  it('takes everything after -- as a path', () => {
    const parsed = parseCheckArgs(['--', '--fix', '-q']);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.paths, ['--fix', '-q']);
    assert.equal(parsed.value.fix, false);
  });

  it('refuses unknown options and bad values with a reason', () => {
    const errors = (argv: string[]): string => {
      const parsed = parseCheckArgs(argv);
      assert.equal(parsed.ok, false, argv.join(' '));
      return (parsed as { error: string }).error;
    };
    assert.equal(errors(['--frobnicate']), "unknown option '--frobnicate'");
    assert.equal(errors(['-x']), "unknown option '-x'");
    assert.equal(errors(['--format']), "option '--format' needs a value");
    assert.equal(errors(['--format=']), "option '--format' needs a value");
    assert.equal(errors(['-f', 'yaml']), "unknown format 'yaml' (expected human, json, sarif, github, junit)");
    assert.equal(errors(['--quiet=1']), "option '--quiet' takes no value");
    assert.equal(errors(['--month', '31d']), "invalid --month '31d' (expected 30d or 730h)");
    assert.equal(errors(['--max-size', '0']), "invalid --max-size '0' (expected a number of bytes, e.g. 2097152 or 2MB)");
  });

  it('reads sizes in bytes, k and MB', () => {
    assert.equal(parseSize('2097152'), 2097152);
    assert.equal(parseSize('512k'), 524288);
    assert.equal(parseSize('2MB'), 2097152);
    assert.equal(parseSize('1.5m'), 1572864);
    for (const bad of ['', '-1', '0', 'MB', '2GB', '1e9', 'NaN']) assert.equal(parseSize(bad), undefined, bad);
  });
});

describe('decoding files', () => {
  const bytes = (...parts: (string | number[])[]): Uint8Array =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

  it('decodes UTF-8 and remembers a BOM', () => {
    assert.deepEqual(decode(bytes('Total: $80 — é🎉\n')), { kind: 'text', text: 'Total: $80 — é🎉\n', bom: false, encoding: 'utf-8' });
    assert.deepEqual(decode(bytes([0xef, 0xbb, 0xbf], 'x')), { kind: 'text', text: 'x', bom: true, encoding: 'utf-8' });
    assert.deepEqual(decode(bytes('')), { kind: 'text', text: '', bom: false, encoding: 'utf-8' });
    // Only the first BOM is the file's: a second is text.
    assert.deepEqual(decode(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'x')), { kind: 'text', text: '\ufeffx', bom: true, encoding: 'utf-8' });
  });

  it('decodes UTF-16 with a BOM, little or big endian, and writes it back the same way', () => {
    const text = 'Total: $80 — é🎉\r\n';
    const le = Buffer.from('\ufeff' + text, 'utf16le');
    const be = Buffer.from(le).swap16();
    assert.deepEqual(decode(le), { kind: 'text', text, bom: true, encoding: 'utf-16le' });
    assert.deepEqual(decode(be), { kind: 'text', text, bom: true, encoding: 'utf-16be' });
    assert.deepEqual(encode(text, 'utf-16le', true), le);
    assert.deepEqual(encode(text, 'utf-16be', true), be);
    assert.deepEqual(encode('x', 'utf-8', true), Buffer.from([0xef, 0xbb, 0xbf, 0x78]));
    // A lone surrogate, an odd length, a NUL character: refused.
    assert.deepEqual(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x3d, 0xd8, 0x41, 0x00])])), { kind: 'error', message: 'not valid UTF-16 (little endian), not checked' });
    assert.deepEqual(decode(Buffer.from([0xfe, 0xff, 0x00, 0x41, 0x00])), { kind: 'error', message: 'not valid UTF-16 (big endian), not checked' });
    assert.deepEqual(decode(Buffer.from('\ufeffa\u0000b', 'utf16le')), { kind: 'error', message: 'binary file, not checked' });
  });

  it('refuses NUL bytes as binary', () => {
    assert.deepEqual(decode(bytes('abc', [0], 'def')), { kind: 'error', message: 'binary file, not checked' });
    // UTF-16 without a BOM has NUL bytes too: it cannot be told from binary.
    assert.deepEqual(decode(Buffer.from('plan', 'utf16le')), { kind: 'error', message: 'binary file, not checked' });
  });

  it('refuses invalid UTF-8, saying where', () => {
    assert.deepEqual(decode(bytes('ok\nCaf', [0xe9], '\n')), { kind: 'error', message: 'not valid UTF-8 (line 2, byte offset 6), not checked' });
  });

  it('finds the first invalid byte exactly where TextDecoder fails', () => {
    const cases: [number[], number][] = [
      [[0x41, 0x42], 2],
      [[0xc3, 0xa9], 2],
      [[0x41, 0xc3], 1], // truncated sequence
      [[0xc0, 0x80], 0], // overlong
      [[0xe0, 0x80, 0x80], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // beyond U+10FFFF
      [[0xf0, 0x9f, 0x8e, 0x89], 4], // 🎉
      [[0x80], 0],
      [[0x41, 0xff], 1],
    ];
    for (const [input, at] of cases) assert.equal(firstInvalidUtf8(Uint8Array.from(input)), at, input.join(','));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          valid = false;
        }
        return valid === (firstInvalidUtf8(b) === b.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('human output', () => {
  const at = (line: number, character: number): Diagnostic['range'] => ({ start: { line, character }, end: { line, character: character + 1 } });
  const d = (severity: Diagnostic['severity'], message: string, line = 0): Diagnostic => ({ rule: 'r', severity, message, range: at(line, 4), fixes: [] });
  const result = (...files: Diagnostic[][]): CheckResult => ({ reports: files.map((diagnostics, i) => ({ file: `f${i}.md`, absolute: `/f${i}.md`, diagnostics, related: diagnostics.map(() => []) })), errors: [], notes: [], exitCode: 0 });

  it('one line per finding, 1-based, a message on one line', () => {
    assert.equal(formatHuman(result([d('error', 'Two\n  lines', 2)], [d('hint', 'Blank')])), 'f0.md:3:5 error Two lines r\nf1.md:1:5 hint Blank r\n');
    assert.equal(formatHuman(result([])), '');
  });

  it('counts hints only when there are some, and errors only when quiet', () => {
    assert.equal(summary(result([d('error', 'a'), d('warning', 'b')], []), false), '1 error, 1 warning, 0 information in 2 files');
    assert.equal(summary(result([d('information', 'a'), d('hint', 'b'), d('hint', 'c')]), false), '0 errors, 0 warnings, 1 information, 2 hints in 1 file');
    assert.equal(summary(result([d('hint', 'b')]), false), '0 errors, 0 warnings, 0 information, 1 hint in 1 file');
    assert.equal(summary(result([d('error', 'a'), d('error', 'b'), d('hint', 'c')]), true), '2 errors in 1 file');
  });
});

describe('main', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-plan-main-'));
    mkdirSync(join(dir, 'plans'));
    writeFileSync(join(dir, 'plans', 'costs.md'), '# Costs\n\nCosts:\n- Hosting: $50/month\n- Database: $30/month\n- Total: $90/month\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function capture(): Io & { out: string; err: string } {
    const io = {
      out: '',
      err: '',
      cwd: dir,
      stdout: (t: string) => void (io.out += t),
      stderr: (t: string) => void (io.err += t),
    };
    return io;
  }

  it('resolves to the exit code and writes through the given streams', async () => {
    const io = capture();
    assert.equal(await main(['check', 'plans/costs.md'], io), 1);
    assert.equal(io.out, 'plans/costs.md:6:10 error Total $90/month does not match 50 + 30 = $80/month totals\n');
    assert.equal(io.err, '1 error, 0 warnings, 0 information in 1 file\n');
  });

  it('never throws and never prints a stack trace, whatever the arguments', async () => {
    const word = fc.constantFrom('check', '--fix', '--format', 'json', 'sarif', '-q', '--month', '30d', '--max-size', '1', '--', '-', 'plans', 'plans/costs.md', 'nope', '--help', '--version', '');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(word, fc.string({ maxLength: 6 })), { maxLength: 6 }), async (argv) => {
        // --fix would rewrite the shared file (what it does is tested on copies elsewhere), and
        // paths must stay inside the temp folder (`/` or `..` would search the whole disk).
        const safe = argv.filter((a) => a !== '--fix' && !a.startsWith('/') && !a.includes('..'));
        const io = capture();
        const code = await main(safe, io);
        assert.ok(code === 0 || code === 1 || code === 2, `exit code ${code}`);
        assert.doesNotMatch(io.err + io.out, /^\s+at .+:\d+:\d+\)?$/m);
      }),
      { numRuns: 150 },
    );
  });
});
