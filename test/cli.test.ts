/**
 * The `scaling-plan` command end to end: the real bin script runs as a child process over a
 * bundle freshly built from src/cli (into a temp folder, so a stale dist/ never hides a change),
 * and every case asserts the exact exit code, stdout and stderr.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { build } from 'esbuild';
import packageJson from '../package.json';
import { analyze, docsUrl, rules } from '../src/engine';

const ROOT = resolve(__dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');
const SEEDS = resolve(ROOT, '..', 'shared', 'seeds');
const ARITHMETIC = new Set(rules.filter((r) => r.meta.category === 'arithmetic').map((r) => r.meta.id));
const STACK_TRACE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

let work: string;
let bin: string;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'scaling-plan-cli-'));
  // The real bin script beside a fresh bundle: bin/scaling-plan.js requires ../dist/cli.js.
  mkdirSync(join(work, 'tool', 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'scaling-plan.js'), join(work, 'tool', 'bin', 'scaling-plan.js'));
  await build({
    entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
    outfile: join(work, 'tool', 'dist', 'cli.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
  bin = join(work, 'tool', 'bin', 'scaling-plan.js');
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scaling-plan ...args` in `cwd` (the repository root by default). */
function cli(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.doesNotMatch(r.stderr, STACK_TRACE, 'a stack trace was printed');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the temp folder, with the given files (text or bytes). */
function folder(name: string, files: Record<string, string | Uint8Array> = {}): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

const WRONG = 'test/fixtures/cli/wrong-plan.md';
const WRONG_LINES = [
  'test/fixtures/cli/wrong-plan.md:23:10 error Total $90/month does not match 50 + 30 = $80/month totals',
  'test/fixtures/cli/wrong-plan.md:30:18 error Cost per user $0.40/month does not match $360 / 1,000 users = $0.36/month cost-per-user',
  'test/fixtures/cli/wrong-plan.md:47:18 error Downtime 50 minutes does not match (100% − 99.9%) × 30-day month = 43.2 minutes/month downtime',
];

describe('scaling-plan: commands and usage errors', () => {
  it('--version prints the version of package.json', () => {
    assert.deepEqual(cli(['--version']), { code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('--help and check --help print usage on stdout and exit 0', () => {
    const top = cli(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /^Usage: scaling-plan <command>/);
    const check = cli(['check', '--help']);
    assert.equal(check.code, 0);
    assert.match(check.stdout, /^Usage: scaling-plan check \[options\] \[paths\.\.\.\]/);
    assert.match(check.stdout, /--format <f>/);
  });

  it('no command prints usage on stderr and exits 2', () => {
    const r = cli([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Usage: scaling-plan/);
  });

  it('an unknown command, option, format or month exits 2 with a one-line reason', () => {
    const cases: [string[], string][] = [
      [['lint'], "scaling-plan: unknown command 'lint'\nRun 'scaling-plan --help' for usage.\n"],
      [['check', '--bogus', WRONG], "scaling-plan: unknown option '--bogus'\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', '--format', 'xml', WRONG], "scaling-plan: unknown format 'xml' (expected human, json, sarif)\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', '--month=31d', WRONG], "scaling-plan: invalid --month '31d' (expected 30d or 730h)\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', WRONG, '--format'], "scaling-plan: option '--format' needs a value\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', '--max-size', 'lots', WRONG], "scaling-plan: invalid --max-size 'lots' (expected a number of bytes, e.g. 2097152 or 2MB)\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', '--fix=yes', WRONG], "scaling-plan: option '--fix' takes no value\nRun 'scaling-plan check --help' for usage.\n"],
    ];
    for (const [args, stderr] of cases) assert.deepEqual(cli(args), { code: 2, stdout: '', stderr }, args.join(' '));
  });
});

describe('scaling-plan check: human output', () => {
  it('prints path:line:col severity message rule per finding, the summary on stderr, and exits 1', () => {
    assert.deepEqual(cli(['check', WRONG]), {
      code: 1,
      stdout: WRONG_LINES.join('\n') + '\n',
      stderr: '3 errors, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('exits 0 on a correct plan', () => {
    assert.deepEqual(cli(['check', 'test/fixtures/cli/right-plan.md']), {
      code: 0,
      stdout: '',
      stderr: '0 errors, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('--quiet shows errors only', () => {
    const all = cli(['check', 'test/fixtures/cli/blanks.md', WRONG]);
    assert.equal(all.code, 1);
    assert.equal(all.stderr, '3 errors, 0 warnings, 2 information in 2 files\n');
    assert.deepEqual(cli(['check', '--quiet', 'test/fixtures/cli/blanks.md', WRONG]), {
      code: 1,
      stdout: WRONG_LINES.join('\n') + '\n',
      stderr: '3 errors in 2 files\n',
    });
    const quietClean = cli(['check', '-q', 'test/fixtures/cli/blanks.md']);
    assert.deepEqual(quietClean, { code: 0, stdout: '', stderr: '0 errors in 1 file\n' });
  });

  it('--no-blanks hides blanks', () => {
    assert.deepEqual(cli(['check', 'test/fixtures/cli/blanks.md']), {
      code: 0,
      stdout:
        'test/fixtures/cli/blanks.md:10:18 information Blank to fill in (1 of 2) blanks\n' +
        'test/fixtures/cli/blanks.md:11:20 information Blank to fill in (2 of 2) blanks\n',
      stderr: '0 errors, 0 warnings, 2 information in 1 file\n',
    });
    assert.deepEqual(cli(['check', '--no-blanks', 'test/fixtures/cli/blanks.md']), {
      code: 0,
      stdout: '',
      stderr: '0 errors, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('--month 30d checks downtime per month over a 30-day month', () => {
    const dir = folder('month', { 'sla.md': '# SLA\n\n- Uptime: 99.9% (43.8 minutes downtime/month)\n' });
    // 43.8 minutes is right for a 730-hour month, which is accepted unless a month is chosen.
    assert.equal(cli(['check', 'sla.md'], dir).stdout, '');
    assert.equal(cli(['check', '--month', '730h', 'sla.md'], dir).stdout, '');
    assert.deepEqual(cli(['check', '--month=30d', 'sla.md'], dir), {
      code: 1,
      stdout: 'sla.md:3:18 error Downtime 43.8 minutes does not match (100% − 99.9%) × 30-day month = 43.2 minutes/month downtime\n',
      stderr: '1 error, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('columns count UTF-16 characters when é and 🎉 stand before the number', () => {
    assert.deepEqual(cli(['check', 'test/fixtures/cli/unicode.md']), {
      code: 1,
      stdout: 'test/fixtures/cli/unicode.md:6:14 error Total é🎉 $90/month does not match 50 + 30 = $80/month totals\n',
      stderr: '1 error, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('reads CRLF files with the same lines and columns', () => {
    const dir = folder('crlf', { 'plan.md': fixture('wrong-plan.md').replace(/\n/g, '\r\n') });
    assert.deepEqual(cli(['check', 'plan.md'], dir).stdout.split('\n').filter(Boolean), WRONG_LINES.map((l) => l.replace(WRONG, 'plan.md')));
  });
});

describe('scaling-plan check: bad input never crashes', () => {
  it('an empty file: "empty, nothing to check", no findings, exit 0', () => {
    assert.deepEqual(cli(['check', 'test/fixtures/cli/empty.md']), {
      code: 0,
      stdout: '',
      stderr: 'test/fixtures/cli/empty.md: empty, nothing to check\n0 errors, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('a binary file: "binary file, not checked", exit 2', () => {
    const dir = folder('binary', { 'image.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) });
    assert.deepEqual(cli(['check', 'image.md'], dir), { code: 2, stdout: '', stderr: 'image.md: binary file, not checked\n' });
    assert.deepEqual(cli(['check', '--format', 'json', 'image.md'], dir), { code: 2, stdout: '[]\n', stderr: 'image.md: binary file, not checked\n' });
  });

  it('invalid UTF-8: a clear message, exit 2, and --fix leaves the file alone', () => {
    const bytes = Buffer.concat([Buffer.from('Costs:\n- Hosting: $50/month\n- Caf'), Buffer.from([0xe9]), Buffer.from(': $30/month\n- Total: $90/month\n')]);
    const dir = folder('latin1', { 'plan.md': bytes });
    const expected = { code: 2, stdout: '', stderr: 'plan.md: not valid UTF-8 (line 3, byte offset 33), not checked\n' };
    assert.deepEqual(cli(['check', 'plan.md'], dir), expected);
    assert.deepEqual(cli(['check', '--fix', 'plan.md'], dir), expected);
    assert.deepEqual(readFileSync(join(dir, 'plan.md')), bytes);
  });

  it('broken YAML frontmatter: an error finding from the engine, exit 1', () => {
    assert.deepEqual(cli(['check', 'test/fixtures/cli/broken-frontmatter.md']), {
      code: 1,
      stdout:
        'test/fixtures/cli/broken-frontmatter.md:3:1 error Frontmatter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] frontmatter\n',
      stderr: '1 error, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('a missing path: a message, exit 2, and the other paths are still checked', () => {
    assert.deepEqual(cli(['check', 'no/such/plan.md']), { code: 2, stdout: '', stderr: 'no/such/plan.md: no such file or folder\n' });
    assert.deepEqual(cli(['check', 'no/such/plan.md', 'test/fixtures/cli/unicode.md']), {
      code: 2,
      stdout: 'test/fixtures/cli/unicode.md:6:14 error Total é🎉 $90/month does not match 50 + 30 = $80/month totals\n',
      stderr: 'no/such/plan.md: no such file or folder\n1 error, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('a 20 MB file: one "Not analysed" information finding, exit 0, nothing written by --fix', () => {
    const plan = fixture('wrong-plan.md');
    const size = 20 * 1024 * 1024;
    const text = plan.repeat(Math.ceil(size / plan.length)).slice(0, size);
    const dir = folder('huge', { 'big.md': text });
    const expected = {
      code: 0,
      stdout: 'big.md:1:1 information Not analysed: the document is 20.0 MB, above the 2.0 MB size limit. too-large\n',
      stderr: '0 errors, 0 warnings, 1 information in 1 file\n',
    };
    assert.deepEqual(cli(['check', 'big.md'], dir), expected);
    assert.deepEqual(cli(['check', '--fix', 'big.md'], dir), expected);
    assert.equal(readFileSync(join(dir, 'big.md'), 'utf8'), text);
  });

  it('--max-size lowers the limit', () => {
    assert.deepEqual(cli(['check', '--max-size', '100', WRONG]), {
      code: 0,
      stdout: `${WRONG}:1:1 information Not analysed: the document is 1.1 KB, above the 100 B size limit. too-large\n`,
      stderr: '0 errors, 0 warnings, 1 information in 1 file\n',
    });
    assert.equal(cli(['check', '--max-size', '1MB', WRONG]).code, 1);
  });

  it('a folder with no markdown: "no plans found", exit 0', () => {
    const dir = folder('no-markdown', { 'notes.txt': 'Stage 1: Launch (0-100 users)\n' });
    assert.deepEqual(cli(['check', 'no-markdown'], work), { code: 0, stdout: '', stderr: 'no-markdown: no plans found (no markdown files)\n' });
    assert.deepEqual(cli(['check'], dir), { code: 0, stdout: '', stderr: '.: no plans found (no markdown files)\n' });
    assert.deepEqual(cli(['check', '--format', 'json'], dir), { code: 0, stdout: '[]\n', stderr: '.: no plans found (no markdown files)\n' });
  });
});

describe('scaling-plan check: folders', () => {
  const tree = (): string =>
    folder('tree', {
      'README.md': fixture('notes.md'),
      'docs/notes.md': fixture('notes.md'),
      'docs/plans/growth.md': fixture('wrong-plan.md'),
      'docs/plans/ok.MD': fixture('right-plan.md'),
      'docs/plans/growth.txt': fixture('wrong-plan.md'),
      'node_modules/some-package/plan.md': fixture('wrong-plan.md'),
      '.drafts/plan.md': fixture('wrong-plan.md'),
    });

  it('checks the plans found in folders, skipping other markdown, node_modules and dot-folders', () => {
    const dir = tree();
    const lines = WRONG_LINES.map((l) => l.replace(WRONG, 'docs/plans/growth.md')).join('\n') + '\n';
    assert.deepEqual(cli(['check'], dir), { code: 1, stdout: lines, stderr: '3 errors, 0 warnings, 0 information in 2 files\n' });
    assert.deepEqual(cli(['check', 'tree'], work), {
      code: 1,
      stdout: lines.replaceAll('docs/plans/', 'tree/docs/plans/'),
      stderr: '3 errors, 0 warnings, 0 information in 2 files\n',
    });
    const json = JSON.parse(cli(['check', '--format', 'json', '.'], dir).stdout) as { file: string }[];
    assert.deepEqual(json.map((f) => f.file), ['docs/plans/growth.md', 'docs/plans/ok.MD']);
  });

  it('in folders, markdown above the size limit is reported only when it is a plan', () => {
    const release = (n: number) => `## ${n}.0.0\n\n- Fixed a crash on empty config files (#${n}).\n\n`;
    const plan = fixture('wrong-plan.md');
    const dir = folder('large', { 'CHANGELOG.md': Array.from({ length: 100 }, (_, i) => release(i)).join(''), 'plan.md': plan, 'huge-plan.md': plan.repeat(8) });
    const r = cli(['check', '--max-size', '2k', '.'], dir);
    assert.deepEqual(r.stdout.split('\n').filter(Boolean).map((l) => l.replace(/Not analysed: .*$/, 'Not analysed')), [
      'huge-plan.md:1:1 information Not analysed',
      ...WRONG_LINES.map((l) => l.replace(WRONG, 'plan.md')),
    ]);
  });

  it('always checks files named explicitly, once each', () => {
    const dir = tree();
    const args = ['check', '--format', 'json', 'README.md', 'docs', 'docs/plans/growth.md', 'docs/notes.md', '.drafts/plan.md', './README.md'];
    const json = JSON.parse(cli(args, dir).stdout) as { file: string; diagnostics: unknown[] }[];
    assert.deepEqual(
      json.map((f) => [f.file, f.diagnostics.length]),
      [['README.md', 0], ['docs/notes.md', 0], ['docs/plans/growth.md', 3], ['docs/plans/ok.MD', 0], ['.drafts/plan.md', 3]],
    );
  });

  it('says so when a folder holds markdown but no plans', () => {
    folder('prose', { 'a.md': fixture('notes.md'), 'b/c.md': fixture('notes.md') });
    assert.deepEqual(cli(['check', 'prose'], work), {
      code: 0,
      stdout: '',
      stderr: 'prose: no plans found (2 markdown files, none of them a scaling plan)\n',
    });
  });

  it('searches a dot-folder or node_modules when it is named itself', () => {
    const dir = tree();
    assert.deepEqual(cli(['check', '-q', 'docs/notes.md', '.drafts'], dir), {
      code: 1,
      stdout: WRONG_LINES.map((l) => l.replace(WRONG, '.drafts/plan.md')).join('\n') + '\n',
      stderr: '3 errors in 2 files\n',
    });
  });
});

describe('scaling-plan check --format json', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'cli-output.schema.json'), 'utf8')) as object);

  it('matches schemas/cli-output.schema.json', () => {
    const r = cli(['check', '--format', 'json', 'test/fixtures/cli', 'samples']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const data = JSON.parse(r.stdout) as unknown;
    assert.ok(validate(data), JSON.stringify(validate.errors));
    assert.ok((data as unknown[]).length >= 6);
  });

  it('the schema rejects what the contract does not allow', () => {
    const good = { rule: 'totals', severity: 'error', message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, fixes: [] };
    assert.ok(validate([{ file: 'a.md', diagnostics: [good] }]));
    assert.equal(validate([{ file: 'a.md', diagnostics: [{ ...good, severity: 'fatal' }] }]), false);
    assert.equal(validate([{ file: 'a.md', diagnostics: [{ ...good, span: { start: 0, end: 1 } }] }]), false);
    assert.equal(validate([{ file: 'a.md', diagnostics: [{ ...good, range: { start: { line: -1, character: 0 }, end: { line: 0, character: 1 } } }] }]), false);
    assert.equal(validate({ file: 'a.md', diagnostics: [] }), false);
  });

  it('gives exact diagnostics with 0-based UTF-16 ranges and fixes', () => {
    const r = cli(['check', '--format', 'json', 'test/fixtures/cli/unicode.md']);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        file: 'test/fixtures/cli/unicode.md',
        diagnostics: [
          {
            rule: 'totals',
            severity: 'error',
            message: 'Total é🎉 $90/month does not match 50 + 30 = $80/month',
            range: { start: { line: 5, character: 13 }, end: { line: 5, character: 22 } },
            fixes: [{ title: 'Set total to $80/month', edits: [{ range: { start: { line: 5, character: 13 }, end: { line: 5, character: 16 } }, newText: '$80' }] }],
          },
        ],
      },
    ]);
    // Those characters are UTF-16 code units: the range picks out the claimed figure.
    const line = fixture('unicode.md').split('\n')[5]!;
    assert.equal(line.slice(13, 22), '$90/month');
  });

  it('writes nothing but the array on stdout', () => {
    const r = cli(['check', '--format', 'json', WRONG]);
    assert.equal(r.stderr, '');
    assert.deepEqual(
      (JSON.parse(r.stdout) as { diagnostics: { rule: string; range: { start: { line: number; character: number } } }[] }[])[0]!.diagnostics.map((d) => [
        d.rule,
        d.range.start.line,
        d.range.start.character,
      ]),
      [
        ['totals', 22, 9],
        ['cost-per-user', 29, 17],
        ['downtime', 46, 17],
      ],
    );
  });
});

describe('scaling-plan check --format sarif', () => {
  interface SarifLog {
    version: string;
    $schema: string;
    runs: {
      tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; helpUri: string }[] } };
      columnKind: string;
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
        relatedLocations?: { message: { text: string }; physicalLocation: { region: Record<string, number> } }[];
        fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[] }[] }[];
      }[];
    }[];
  }

  it('has one run with the driver, every rule and its doc page', () => {
    const r = cli(['check', '--format', 'sarif', 'test/fixtures/cli/unicode.md']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0]!.tool.driver;
    assert.equal(driver.name, 'scaling-plan');
    assert.equal(driver.version, packageJson.version);
    assert.match(driver.informationUri, /^https:\/\//);
    for (const rule of rules) {
      const d = driver.rules.find((x) => x.id === rule.meta.id);
      assert.ok(d, `rule ${rule.meta.id} missing`);
      assert.equal(d.shortDescription.text, rule.meta.description);
      assert.equal(d.helpUri, docsUrl(rule.meta.id));
    }
    assert.ok(driver.rules.some((x) => x.id === 'frontmatter'));
    assert.equal(log.runs[0]!.columnKind, 'utf16CodeUnits');
  });

  it('gives results with 1-based regions, related locations and fixes', () => {
    const log = JSON.parse(cli(['check', '--format', 'sarif', 'test/fixtures/cli/unicode.md']).stdout) as SarifLog;
    const run = log.runs[0]!;
    assert.equal(run.results.length, 1);
    const result = run.results[0]!;
    assert.equal(result.ruleId, 'totals');
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, 'totals');
    assert.equal(result.level, 'error');
    assert.equal(result.message.text, 'Total é🎉 $90/month does not match 50 + 30 = $80/month');
    assert.deepEqual(result.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'test/fixtures/cli/unicode.md', uriBaseId: '%SRCROOT%' },
          region: { startLine: 6, startColumn: 14, endLine: 6, endColumn: 23 },
        },
      },
    ]);
    assert.deepEqual(
      result.relatedLocations!.map((l) => [l.message.text, l.physicalLocation.region.startLine]),
      [
        ['Hébergement 🎉', 4],
        ['Base de données', 5],
      ],
    );
    assert.deepEqual(result.fixes, [
      {
        description: { text: 'Set total to $80/month' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'test/fixtures/cli/unicode.md', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 6, startColumn: 14, endLine: 6, endColumn: 17 }, insertedContent: { text: '$80' } }],
          },
        ],
      },
    ]);
  });

  it('maps severities to levels (information → note)', () => {
    const log = JSON.parse(cli(['check', '--format', 'sarif', 'test/fixtures/cli/blanks.md', 'test/fixtures/cli/broken-frontmatter.md']).stdout) as SarifLog;
    assert.deepEqual(
      log.runs[0]!.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine]),
      [
        ['blanks', 'note', 10],
        ['blanks', 'note', 11],
        ['frontmatter', 'error', 3],
      ],
    );
  });
});

describe('scaling-plan check --fix', () => {
  const FIXED = fixture('wrong-plan.md')
    .replace('- Total: $90/month\n- Cost per user: $0.90/month', '- Total: $80/month\n- Cost per user: $0.80/month')
    .replace('- Cost per user: $0.40/month', '- Cost per user: $0.36/month')
    .replace('(50 minutes of downtime', '(43 minutes of downtime');

  it('writes every preferred fix until the text settles; the arithmetic rules are then silent', () => {
    const dir = folder('fix', { 'plan.md': fixture('wrong-plan.md') });
    assert.deepEqual(cli(['check', '--fix', 'plan.md'], dir), {
      code: 0,
      stdout: '',
      stderr: 'plan.md: fixed: 4 changes written\n0 errors, 0 warnings, 0 information in 1 file\n',
    });
    const text = readFileSync(join(dir, 'plan.md'), 'utf8');
    // The cost per user at 100 users was right for the wrong total: the second round fixes it.
    assert.equal(text, FIXED);
    assert.deepEqual(analyze(text).findings.filter((f) => ARITHMETIC.has(f.rule)), []);
  });

  it('a second --fix changes nothing, byte for byte', () => {
    const dir = folder('fix-twice', { 'plan.md': fixture('wrong-plan.md') });
    cli(['check', '--fix', 'plan.md'], dir);
    const once = readFileSync(join(dir, 'plan.md'));
    assert.deepEqual(cli(['check', '--fix', 'plan.md'], dir), { code: 0, stdout: '', stderr: '0 errors, 0 warnings, 0 information in 1 file\n' });
    assert.deepEqual(readFileSync(join(dir, 'plan.md')), once);
  });

  it('reports what remains in the chosen format, and keeps a BOM and CRLF line ends', () => {
    const crlf = '\uFEFF' + (fixture('wrong-plan.md') + '\n- Uptime: 99.9% ~ ___ minutes of downtime\n').replace(/\n/g, '\r\n');
    const dir = folder('fix-json', { 'plan.md': crlf });
    const r = cli(['check', '--fix', '--format', 'json', 'plan.md'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, 'plan.md: fixed: 4 changes written\n');
    assert.deepEqual(
      (JSON.parse(r.stdout) as { diagnostics: { rule: string }[] }[])[0]!.diagnostics.map((d) => d.rule),
      ['blanks'],
    );
    const written = readFileSync(join(dir, 'plan.md'), 'utf8');
    assert.equal(written, '\uFEFF' + (FIXED + '\n- Uptime: 99.9% ~ ___ minutes of downtime\n').replace(/\n/g, '\r\n'));
  });

  it('leaves a file that needs no fix untouched', () => {
    const dir = folder('fix-none', { 'plan.md': fixture('right-plan.md') });
    assert.deepEqual(cli(['check', '--fix', 'plan.md'], dir), { code: 0, stdout: '', stderr: '0 errors, 0 warnings, 0 information in 1 file\n' });
    assert.equal(readFileSync(join(dir, 'plan.md'), 'utf8'), fixture('right-plan.md'));
  });
});

describe('scaling-plan check over the reference plans in ../shared/seeds', { skip: existsSync(SEEDS) ? false : `reference plans not found at ${SEEDS}; skipped` }, () => {
  it('reports the known errors of the seeds and exits 1', () => {
    const r = cli(['check', '--quiet', '.'], SEEDS);
    assert.deepEqual(r, {
      code: 1,
      stdout:
        '000_7c0a2102dead1249.md:291:12 error Revenue $37,500/month does not match 2,500 users × $10/month ARPU = $25,000/month revenue\n' +
        '000_7c0a2102dead1249.md:298:12 error Revenue $200,000/month does not match 10,000 users × $10/month ARPU = $100,000/month revenue\n' +
        '001_3461db778a046460.md:495:24 error Score total ___/100 cannot fit its 16 items scored out of 10: 16 items × 10 = 160, or 4 group averages × 10 = 40. score-total\n',
      stderr: '3 errors in 4 files\n',
    });
  });

  it('their JSON output matches the schema', () => {
    const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'cli-output.schema.json'), 'utf8')) as object);
    const data = JSON.parse(cli(['check', '--format', 'json', SEEDS]).stdout) as unknown;
    assert.ok(validate(data), JSON.stringify(validate.errors));
  });
});

describe('scaling-plan check over many files', () => {
  /** Forty plans: enough for the analysis to run on worker threads. */
  function manyPlans(): string {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`plan-${String(i).padStart(2, '0')}.md`] = fixture(i % 2 ? 'wrong-plan.md' : 'right-plan.md');
    return folder('many', files);
  }

  it('gives the same report on worker threads as one file at a time', () => {
    const dir = manyPlans();
    const all = cli(['check', '--format', 'json', '.'], dir);
    const one = JSON.parse(cli(['check', '--format', 'json', 'plan-01.md'], dir).stdout) as { diagnostics: unknown[] }[];
    const parsed = JSON.parse(all.stdout) as { file: string; diagnostics: unknown[] }[];
    assert.equal(all.code, 1);
    assert.equal(parsed.length, 40);
    assert.deepEqual(parsed[1]!.diagnostics, one[0]!.diagnostics);
    assert.deepEqual(parsed.map((r) => r.file), Array.from({ length: 40 }, (_, i) => `plan-${String(i).padStart(2, '0')}.md`));
  });

  it('--cache answers unchanged files from the cache and re-checks changed ones', () => {
    const dir = manyPlans();
    const first = cli(['check', '--cache', '--format', 'json', '.'], dir);
    assert.ok(existsSync(join(dir, '.scaling-plan-cache')));
    const second = cli(['check', '--cache', '--format', 'json', '.'], dir);
    assert.deepEqual(second, first);
    // A fixed file is analysed again, not answered from the cache.
    writeFileSync(join(dir, 'plan-01.md'), fixture('right-plan.md'));
    const third = JSON.parse(cli(['check', '--cache', '--format', 'json', '.'], dir).stdout) as { diagnostics: unknown[] }[];
    assert.deepEqual(third[1]!.diagnostics, third[0]!.diagnostics);
  });
});

describe('the npm package', () => {
  it('ships both commands with their bundles, and no sources, tests or source maps', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
    for (const needed of ['bin/scaling-plan.js', 'bin/scaling-plan-server.js', 'dist/cli.js', 'dist/server.js', 'schemas/scaling-plan.schema.json', 'docs/rules/totals.md', 'package.json', 'README.md', 'LICENSE']) {
      assert.ok(files.includes(needed), `${needed} is not in the package: ${files.join(', ')}`);
    }
    assert.deepEqual(files.filter((f) => /^(src|test|client\/src|server\/src|bench|scripts|samples|node_modules)\/|\.map$|\.ts$/.test(f)), []);
    // Each bin requires a bundle that is shipped.
    for (const b of ['bin/scaling-plan.js', 'bin/scaling-plan-server.js']) {
      const target = /require\('\.\.\/(dist\/[\w.]+)'\)/.exec(readFileSync(join(ROOT, b), 'utf8'))?.[1];
      assert.ok(target && files.includes(target), `${b} requires ${target}`);
    }
  });
});
