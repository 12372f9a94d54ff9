/**
 * The `scaling-plan` command: its `main` called in this process with captured output, and, where
 * the process boundary is what is tested (exit codes, worker threads), the real bin script run as
 * a child process over a bundle freshly built from src/cli (into a temp folder, as
 * scripts/bundle.mjs builds dist/cli.js, so a stale dist/ never hides a change). Every case
 * asserts the exact exit code, stdout and stderr. Each expected finding was checked against the
 * fixture it is about. The npm package's contents: test/e2e/package.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import packageJson from '../package.json';
import { CHECK_USAGE, main, USAGE } from '../src/cli/main';
import { docsUrl, rules, type Finding } from '../src/engine';
import { analyze, buildCli, hasSeeds, ROOT, SEEDS, writeTree } from './helpers';
import { USAGE as INIT_USAGE } from '../src/cli/init';
import { USAGE as REPORT_USAGE } from '../src/cli/report';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');
const ARITHMETIC = new Set(rules.filter((r) => r.meta.category === 'arithmetic').map((r) => r.meta.id));
const STACK_TRACE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

let work: string;
let binPath: string;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'scaling-plan-cli-'));
  binPath = await buildCli(work);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scaling-plan ...args` in `cwd` (the repository root by default), in this process: the
 * CLI's `main` with its output captured. Where the process boundary is what is tested (exit
 * codes as the shell sees them, worker threads), {@link bin} runs the real bin script.
 */
async function cli(args: string[], cwd = ROOT): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  assert.doesNotMatch(stderr, STACK_TRACE, 'a stack trace was printed');
  return { code, stdout, stderr };
}

/** Runs `node bin/scaling-plan.js ...args` in `cwd` as a child process (over a fresh bundle). */
function bin(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.doesNotMatch(r.stderr, STACK_TRACE, 'a stack trace was printed');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the temp folder, with the given files. */
const folder = (name: string, files: Record<string, string | Uint8Array> = {}): string => writeTree(join(work, name), files);

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

const lines = (out: string): string[] => out.split('\n').filter(Boolean);

const WRONG = 'test/fixtures/cli/wrong-plan.md';
/**
 * wrong-plan.md: at 100 users the total is 50 + 30 = $80, not $90 (line 23); at 1,000 users
 * $360 / 1,000 = $0.36 per user, not $0.40 (line 30); 99.9% uptime allows 0.1% × 43,200 = 43.2
 * minutes a month, not 50 (line 47). Its cost per user at 100 users ($0.90) is right for the
 * wrong total: only once the total is fixed is it wrong.
 */
const WRONG_LINES = [
  `${WRONG}:23:10 error Total $90/month does not match 50 + 30 = $80/month totals`,
  `${WRONG}:30:18 error Cost per user $0.40/month does not match 360 / 1,000 = $0.36/month (read as the total over the users) cost-per-user`,
  `${WRONG}:47:18 error Downtime per month for 99.9% uptime 50 minutes does not match (100% − 99.9%) × 43,200 minutes (30 days) = 43.2 minutes (read as a 30-day month) downtime`,
];
const UNICODE_LINE = 'test/fixtures/cli/unicode.md:6:14 error Total é🎉 $90/month does not match 50 + 30 = $80/month totals';

describe('scaling-plan: commands and usage errors', () => {
  it('--version prints the version of package.json', async () => {
    assert.deepEqual(await cli(['--version']), { code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
    assert.deepEqual(await cli(['-v']), { code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('--help and check --help print usage on stdout and exit 0', async () => {
    const top = await cli(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /^Usage: scaling-plan <command>/);
    for (const command of ['check', 'report', 'init']) assert.match(top.stdout, new RegExp(`\\n  ${command} `), command);
    const check = await cli(['check', '--help']);
    assert.equal(check.code, 0);
    assert.match(check.stdout, /^Usage: scaling-plan check \[options\] \[paths\.\.\.\]/);
    assert.match(check.stdout, /--format <f>/);
    assert.equal(check.stderr, '');
  });

  it('no command prints usage on stderr and exits 2', async () => {
    const r = await cli([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Usage: scaling-plan/);
  });

  it('an unknown command, option, format or month exits 2 with a one-line reason and the usage', async () => {
    const cases: [string[], string][] = [
      [['lint'], "scaling-plan: unknown command 'lint'\nRun 'scaling-plan --help' for usage.\n"],
      [['--lint'], "scaling-plan: unknown option '--lint'\nRun 'scaling-plan --help' for usage.\n"],
      [['check', '--bogus', WRONG], "scaling-plan: unknown option '--bogus'\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', '--format', 'xml', WRONG], "scaling-plan: unknown format 'xml' (expected human, json, sarif, github, junit)\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', '--month=31d', WRONG], "scaling-plan: invalid --month '31d' (expected 30d or 730h)\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', WRONG, '--format'], "scaling-plan: option '--format' needs a value\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', '--max-size', 'lots', WRONG], "scaling-plan: invalid --max-size 'lots' (expected a number of bytes, e.g. 2097152 or 2MB)\nRun 'scaling-plan check --help' for usage.\n"],
      [['check', '--fix=yes', WRONG], "scaling-plan: option '--fix' takes no value\nRun 'scaling-plan check --help' for usage.\n"],
      [['report', '--format', 'pdf', WRONG], "scaling-plan: --format must be text, markdown, json or html, not 'pdf'\nRun 'scaling-plan report --help' for usage.\n"],
      [['report'], "scaling-plan: report needs a FILE\nRun 'scaling-plan report --help' for usage.\n"],
      [['init', 'a.md', 'b.md'], "scaling-plan: init takes one file\nRun 'scaling-plan init --help' for usage.\n"],
    ];
    // The reason, then the command's usage.
    const usage: Record<string, string> = { '': USAGE, 'check ': CHECK_USAGE, 'report ': REPORT_USAGE, 'init ': INIT_USAGE };
    const withUsage = (stderr: string): string => stderr.replace(/\nRun 'scaling-plan (\w+ )?--help' for usage\.\n$/, (_, command: string | undefined) => `\n\n${usage[command ?? '']}`);
    for (const [args, stderr] of cases) assert.deepEqual(await cli(args), { code: 2, stdout: '', stderr: withUsage(stderr) }, args.join(' '));
  });

  it('report and init run', async () => {
    const report = await cli(['report', WRONG]);
    assert.equal(report.code, 0);
    assert.match(report.stdout, /^Scaling plan report: Tallybird Scaling Plan \(test\/fixtures\/cli\/wrong-plan\.md\)\n/);
    const dir = folder('init-bin');
    assert.deepEqual(await cli(['init', '--product', 'Ledgerly'], dir), {
      code: 0,
      stdout: '',
      stderr: "Wrote scaling-plan.md: fill in the blanks (___), then run 'scaling-plan check scaling-plan.md'.\n",
    });
    assert.ok(readFileSync(join(dir, 'scaling-plan.md'), 'utf8').includes('\n# Ledgerly Scaling Plan\n'));
  });
});

describe('the bin script, as a child process: exit codes and streams as a shell sees them', () => {
  it('exits 0 with the version on stdout', () => {
    assert.deepEqual(bin(['--version']), { code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('exits 1 with the findings on stdout and the summary on stderr', () => {
    assert.deepEqual(bin(['check', WRONG]), { code: 1, stdout: WRONG_LINES.map((l) => `${l}\n`).join(''), stderr: '3 errors, 0 warnings, 0 information in 1 file\n' });
  });

  it('exits 2 on a usage error, with the reason and the usage on stderr', () => {
    assert.deepEqual(bin(['lint']), { code: 2, stdout: '', stderr: `scaling-plan: unknown command 'lint'\n\n${USAGE}` });
  });
});

describe('scaling-plan check: human output', () => {
  it('prints path:line:col severity message rule per finding, the summary on stderr, and exits 1', async () => {
    assert.deepEqual(await cli(['check', WRONG]), {
      code: 1,
      stdout: WRONG_LINES.join('\n') + '\n',
      stderr: '3 errors, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('exits 0 on a correct plan', async () => {
    assert.deepEqual(await cli(['check', 'test/fixtures/cli/right-plan.md']), {
      code: 0,
      stdout: '',
      stderr: '0 errors, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('reports blanks as hints, counted in the summary only when there are some; --no-blanks hides them', async () => {
    assert.deepEqual(await cli(['check', 'test/fixtures/cli/blanks.md']), {
      code: 0,
      stdout: 'test/fixtures/cli/blanks.md:10:18 hint Blank to fill in (1 of 2) blanks\ntest/fixtures/cli/blanks.md:11:20 hint Blank to fill in (2 of 2) blanks\n',
      stderr: '0 errors, 0 warnings, 0 information, 2 hints in 1 file\n',
    });
    assert.deepEqual(await cli(['check', '--no-blanks', 'test/fixtures/cli/blanks.md']), {
      code: 0,
      stdout: '',
      stderr: '0 errors, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('--quiet shows errors only', async () => {
    const all = await cli(['check', 'test/fixtures/cli/blanks.md', WRONG]);
    assert.equal(all.code, 1);
    assert.equal(all.stderr, '3 errors, 0 warnings, 0 information, 2 hints in 2 files\n');
    assert.deepEqual(await cli(['check', '--quiet', 'test/fixtures/cli/blanks.md', WRONG]), {
      code: 1,
      stdout: WRONG_LINES.join('\n') + '\n',
      stderr: '3 errors in 2 files\n',
    });
    assert.deepEqual(await cli(['check', '-q', 'test/fixtures/cli/blanks.md']), { code: 0, stdout: '', stderr: '0 errors in 1 file\n' });
  });

  it('--month 30d checks downtime per month over a 30-day month', async () => {
    const dir = folder('month', { 'sla.md': '# SLA\n\n- Uptime: 99.9% (43.8 minutes downtime/month)\n' });
    // 43.8 minutes is right for a 730-hour month (0.1% × 43,800), which is accepted unless a month is chosen.
    assert.deepEqual(await cli(['check', 'sla.md'], dir), { code: 0, stdout: '', stderr: '0 errors, 0 warnings, 0 information in 1 file\n' });
    assert.equal((await cli(['check', '--month', '730h', 'sla.md'], dir)).stdout, '');
    assert.deepEqual(await cli(['check', '--month=30d', 'sla.md'], dir), {
      code: 1,
      stdout: 'sla.md:3:18 error Downtime per month for 99.9% uptime 43.8 minutes does not match (100% − 99.9%) × 43,200 minutes (30 days) = 43.2 minutes (read as a 30-day month) downtime\n',
      stderr: '1 error, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('columns count UTF-16 code units when é and 🎉 stand before the number', async () => {
    assert.deepEqual(await cli(['check', 'test/fixtures/cli/unicode.md']), {
      code: 1,
      stdout: `${UNICODE_LINE}\n`,
      stderr: '1 error, 0 warnings, 0 information in 1 file\n',
    });
    // Column 14 is UTF-16 offset 13: the claimed figure, after `- Total é🎉: ` (🎉 is two units).
    assert.equal(fixture('unicode.md').split('\n')[5]!.slice(13, 16), '$90');
  });

  it('reads CRLF files with the same lines and columns', async () => {
    const dir = folder('crlf', { 'plan.md': fixture('wrong-plan.md').replace(/\n/g, '\r\n') });
    assert.deepEqual(lines((await cli(['check', 'plan.md'], dir)).stdout), WRONG_LINES.map((l) => l.replace(WRONG, 'plan.md')));
  });
});

describe('scaling-plan check over samples/', () => {
  /**
   * planted-errors.md, each checked by hand against the sample: the totals at 300 users
   * (72 + 48 + 11 = 131), the cost per user at 1,500 (485 / 1,500 = 0.323), the -35% change
   * ((0.28 − 0.36) / 0.36), the table's total (910 + 640 + 118 = 1,668), the range total
   * (20 + 30 + 10 … 40 + 90 + 20), the margin and profit at 6,000 users, 90 × $24, 9x for
   * 270 / 45, two downtimes, two score totals, the revenue at 800 users on the reseller ARPU
   * and the onboarding sum; and the missing sections. The channel mix (35 + 30 + 20 + 10 = 95%)
   * is a list, not a table with a 100% total: the shares rule no longer reads lists.
   */
  const P = 'samples/planted-errors.md';
  const PLANTED = [
    `${P}:6:3 information Missing 5 sections of a scaling plan: infrastructure roadmap with milestones, architecture evolution, team scaling plan, operational playbooks, risk assessment with mitigations missing-section`,
    `${P}:32:10 error Total $141/month does not match 72 + 48 + 11 = $131/month totals`,
    `${P}:39:18 error Cost per user $0.36/month does not match 485 / 1,500 = $0.323/month (read as the total over the users) cost-per-user`,
    `${P}:46:31 error Change -35% does not match (0.28 − 0.36) / 0.36 = −22.2% (from $0.36/month at 1,500 users) cost-change`,
    `${P}:54:27 error Total Monthly cost $1,688 does not match 910 + 640 + 118 = $1,668/month totals`,
    `${P}:60:10 error Total $60-140/month does not match 20 + 30 + 10 … 40 + 90 + 20 = $60/month–$150/month totals`,
    `${P}:82:17 error Gross margin 64% does not match (8,640 − 1,740) / 8,640 × 100% = 79.9% (read as (revenue − cost) / revenue) gross-margin`,
    `${P}:83:11 error Profit -$7,900/month does not match 8,640 − (1,740 + 16,000) = −$9,100/month (read as income − every cost listed) profit`,
    `${P}:85:31 error Result $2,260 does not match 90 × 24 = $2,160 explicit-arithmetic`,
    `${P}:87:33 error Multiple 9x does not match 270 / 45 = 6x multiplier`,
    `${P}:93:42 error Downtime per month for 99.9% uptime 52 minutes does not match (100% − 99.9%) × 43,200 minutes (30 days) = 43.2 minutes (read as a 30-day month) downtime`,
    `${P}:94:45 error Downtime per year for 99.95% uptime 6.5 hours does not match (100% − 99.95%) × 525,600 minutes = 4.38 hours (read as a 365-day year) downtime`,
    `${P}:120:18 error Total readiness 28/60 cannot fit its 5 items scored out of 10: 5 items × 10 = 50, or 2 group averages × 10 = 20. score-total`,
    `${P}:128:10 error Score total 25/30 does not match 8 + 9 + 6 = 23 score-total`,
    `${P}:137:12 error Revenue $10,600/month does not match 800 × 12 = $9,600/month (read as 800 users × the ARPU stated on line 133) revenue`,
    `${P}:139:62 error Result $320 does not match 150 + 90 + 60 = $300 explicit-arithmetic`,
  ];
  /** Revenue at 1,500 users: 1,500 × 6% × $24 = $2,160, not $2,600 (line 72). */
  const REVENUE_1500 = new RegExp(`^${P.replace(/[./]/g, '\\$&')}:72:12 error Revenue \\$2,600/month does not match .*= \\$2,160/month.* revenue$`);

  it('correct-plan.md and readiness-worksheet.md have no finding at all', async () => {
    assert.deepEqual(await cli(['check', 'samples/correct-plan.md', 'samples/readiness-worksheet.md']), {
      code: 0,
      stdout: '',
      stderr: '0 errors, 0 warnings, 0 information in 2 files\n',
    });
  });

  it('planted-errors.md: every finding is a planted error, on its line and column', async () => {
    const r = await cli(['check', P]);
    assert.equal(r.code, 1);
    assert.deepEqual(lines(r.stdout).filter((l) => !REVENUE_1500.test(l)), PLANTED);
  });

  it('planted-errors.md: the revenue at 1,500 users on the conversion × price the plan states is found too', async () => {
    const got = lines((await cli(['check', P])).stdout);
    assert.equal(got.length, PLANTED.length + 1);
    assert.ok(got.some((l) => REVENUE_1500.test(l)), got.join('\n'));
  });

  /** stage-errors.md's planted stage errors, as rule:line:column. */
  const S = 'samples/stage-errors.md';
  const STAGE_ERRORS = [
    'timeline-sequence:35:13', // Months 19-26 after Months 6-16: months 17-18 in no timeline
    'timeline-sequence:39:13', // Months 25+ overlaps Months 19-26
    'stage-consistency:42:53', // Stage 3 (2,500-8,000 users) is 2,000-8,000 in the stage list
    'stage-sequence:52:13', // Beyond (800+ users) is open-ended but Year Two follows it
    'milestone-stage:69:20', // by 5,000 users, under Stage 2 (400-2,000)
    'stage-sequence:85:12', // Phase 2 (1,500-8,000) overlaps Phase 1 (0-2,000)
    'stage-budget:117:10', // $4,000/month at 8,000 users, outside both budgets
    'stage-sequence:154:12', // Phase 3 (2,000+) after Phase 2 (400-1,500): a gap
    'stage-sequence:167:3', // < 1,000 users after < 2,000 users
    'sla-progression:182:11', // 99.8% after 99.9%
    'sla-progression:187:19', // <400ms after <300ms
    'milestone-stage:193:44', // Stage 2 by 3,000 users
  ];

  it('stage-errors.md: the overlap, the milestone outside its stage and the loosening uptime are found', async () => {
    const r = await cli(['check', S]);
    assert.equal(r.code, 1);
    const got = lines(r.stdout);
    for (const expected of [
      `${S}:69:20 warning Milestone at 5,000 users is listed under Stage 2 (400-2,000 users) but falls outside it milestone-stage`,
      `${S}:85:12 error Phase 2 (1,500-8,000 users) overlaps Phase 1 (0-2,000 users): 1,500–2,000 users are in both stage-sequence`,
      `${S}:182:11 warning Uptime 99.8% in Stage 3 (2,000-8,000 users) is lower than 99.9% in Stage 2 (400-2,000 users): service levels should not loosen as the plan grows sla-progression`,
    ]) {
      assert.ok(got.includes(expected), `${expected}\nnot in\n${got.join('\n')}`);
    }
  });

  it('stage-errors.md: all twelve planted stage errors, and nothing else', { todo: 'engine v2 misses timelines on `- Timeline:` lines, stages named in prose and headings, the decision tree, the stage budget, response times' }, async () => {
    const got = lines((await cli(['check', S])).stdout).map((l) => {
      const m = /^[^:]+:(\d+):(\d+) \w+ .* ([\w-]+)$/.exec(l)!;
      return `${m[3]}:${m[1]}:${m[2]}`;
    });
    assert.deepEqual(got, STAGE_ERRORS);
  });
});

describe('scaling-plan check: bad input never crashes', () => {
  it('an empty file: "empty, nothing to check", no findings, exit 0', async () => {
    assert.deepEqual(await cli(['check', 'test/fixtures/cli/empty.md']), {
      code: 0,
      stdout: '',
      stderr: 'test/fixtures/cli/empty.md: empty, nothing to check\n0 errors, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('a binary file: "binary file, not checked", exit 2', async () => {
    const dir = folder('binary', { 'image.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) });
    assert.deepEqual(await cli(['check', 'image.md'], dir), { code: 2, stdout: '', stderr: 'image.md: binary file, not checked\n' });
    assert.deepEqual(await cli(['check', '--format', 'json', 'image.md'], dir), { code: 2, stdout: '[]\n', stderr: 'image.md: binary file, not checked\n' });
  });

  it('invalid UTF-8: a clear message, exit 2, and --fix leaves the file alone', async () => {
    const bytes = Buffer.concat([Buffer.from('Costs:\n- Hosting: $50/month\n- Caf'), Buffer.from([0xe9]), Buffer.from(': $30/month\n- Total: $90/month\n')]);
    const dir = folder('latin1', { 'plan.md': bytes });
    const expected = { code: 2, stdout: '', stderr: 'plan.md: not valid UTF-8 (line 3, byte offset 33), not checked\n' };
    assert.deepEqual(await cli(['check', 'plan.md'], dir), expected);
    assert.deepEqual(await cli(['check', '--fix', 'plan.md'], dir), expected);
    assert.deepEqual(readFileSync(join(dir, 'plan.md')), bytes);
  });

  it('broken YAML frontmatter: an error finding from the engine, exit 1', async () => {
    assert.deepEqual(await cli(['check', 'test/fixtures/cli/broken-frontmatter.md']), {
      code: 1,
      stdout: 'test/fixtures/cli/broken-frontmatter.md:3:1 error Frontmatter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] frontmatter\n',
      stderr: '1 error, 0 warnings, 0 information in 1 file\n',
    });
  });

  it('a missing path: a message, exit 2, and the other paths are still checked', async () => {
    assert.deepEqual(await cli(['check', 'no/such/plan.md']), { code: 2, stdout: '', stderr: 'no/such/plan.md: no such file or folder\n' });
    assert.deepEqual(await cli(['check', 'no/such/plan.md', 'test/fixtures/cli/unicode.md']), {
      code: 2,
      stdout: `${UNICODE_LINE}\n`,
      stderr: 'no/such/plan.md: no such file or folder\n1 error, 0 warnings, 0 information in 1 file\n',
    });
    assert.deepEqual(await cli(['check', '--format', 'json', 'no/such/plan.md']), { code: 2, stdout: '[]\n', stderr: 'no/such/plan.md: no such file or folder\n' });
  });

  it('a 20 MB file: one "Not analysed" information finding, exit 0, nothing written by --fix', async () => {
    const plan = fixture('wrong-plan.md');
    const size = 20 * 1024 * 1024;
    const text = plan.repeat(Math.ceil(size / plan.length)).slice(0, size);
    const dir = folder('huge', { 'big.md': text });
    const expected = {
      code: 0,
      stdout: 'big.md:1:1 information Not analysed: the document is 20.0 MB, above the 2.0 MB size limit. too-large\n',
      stderr: '0 errors, 0 warnings, 1 information in 1 file\n',
    };
    assert.deepEqual(await cli(['check', 'big.md'], dir), expected);
    assert.deepEqual(await cli(['check', '--fix', 'big.md'], dir), expected);
    assert.equal(readFileSync(join(dir, 'big.md'), 'utf8'), text);
  });

  it('--max-size lowers the limit', async () => {
    assert.deepEqual(await cli(['check', '--max-size', '100', WRONG]), {
      code: 0,
      stdout: `${WRONG}:1:1 information Not analysed: the document is 1.1 KB, above the 100 B size limit. too-large\n`,
      stderr: '0 errors, 0 warnings, 1 information in 1 file\n',
    });
    assert.equal((await cli(['check', '--max-size', '1MB', WRONG])).code, 1);
  });

  it('a folder with no markdown: "no plans found", exit 0', async () => {
    const dir = folder('no-markdown', { 'notes.txt': 'Stage 1: Launch (0-100 users)\n' });
    assert.deepEqual(await cli(['check', 'no-markdown'], work), { code: 0, stdout: '', stderr: 'no-markdown: no plans found (no markdown files)\n' });
    assert.deepEqual(await cli(['check'], dir), { code: 0, stdout: '', stderr: '.: no plans found (no markdown files)\n' });
    assert.deepEqual(await cli(['check', '--format', 'json'], dir), { code: 0, stdout: '[]\n', stderr: '.: no plans found (no markdown files)\n' });
  });
});

describe('scaling-plan check: folders', () => {
  const tree = (): string =>
    folder('tree', {
      'README.md': fixture('notes.md'),
      'docs/notes.md': fixture('notes.md'),
      // Costs without stages or an uptime: not a plan by its content.
      'docs/costs.md': fixture('unicode.md'),
      'docs/plans/growth.md': fixture('wrong-plan.md'),
      'docs/plans/ok.MD': fixture('right-plan.md'),
      'docs/plans/growth.txt': fixture('wrong-plan.md'),
      'node_modules/some-package/plan.md': fixture('wrong-plan.md'),
      '.drafts/plan.md': fixture('wrong-plan.md'),
    });

  it('checks only the plans found in folders, skipping other markdown, node_modules and dot-folders', async () => {
    const dir = tree();
    const expected = WRONG_LINES.map((l) => l.replace(WRONG, 'docs/plans/growth.md')).join('\n') + '\n';
    assert.deepEqual(await cli(['check'], dir), { code: 1, stdout: expected, stderr: '3 errors, 0 warnings, 0 information in 2 files\n' });
    assert.deepEqual(await cli(['check', 'tree'], work), {
      code: 1,
      stdout: expected.replaceAll('docs/plans/', 'tree/docs/plans/'),
      stderr: '3 errors, 0 warnings, 0 information in 2 files\n',
    });
    const json = JSON.parse((await cli(['check', '--format', 'json', '.'], dir)).stdout) as { file: string }[];
    assert.deepEqual(json.map((f) => f.file), ['docs/plans/growth.md', 'docs/plans/ok.MD']);
  });

  it('always checks files named explicitly, once each', async () => {
    const dir = tree();
    const args = ['check', '--format', 'json', 'README.md', 'docs', 'docs/plans/growth.md', 'docs/notes.md', 'docs/costs.md', '.drafts/plan.md', './README.md'];
    const json = JSON.parse((await cli(args, dir)).stdout) as { file: string; diagnostics: unknown[] }[];
    assert.deepEqual(
      json.map((f) => [f.file, f.diagnostics.length]),
      [
        ['README.md', 0],
        ['docs/costs.md', 1],
        ['docs/notes.md', 0],
        ['docs/plans/growth.md', 3],
        ['docs/plans/ok.MD', 0],
        ['.drafts/plan.md', 3],
      ],
    );
  });

  it('says so when a folder holds markdown but no plans', async () => {
    folder('prose', { 'a.md': fixture('notes.md'), 'b/c.md': fixture('notes.md'), 'b/costs.md': fixture('unicode.md') });
    assert.deepEqual(await cli(['check', 'prose'], work), {
      code: 0,
      stdout: '',
      stderr: 'prose: no plans found (3 markdown files, none of them a scaling plan)\n',
    });
    folder('one-note', { 'a.md': fixture('notes.md') });
    assert.equal((await cli(['check', 'one-note'], work)).stderr, 'one-note: no plans found (1 markdown file, not a scaling plan)\n');
  });

  it('searches a dot-folder or node_modules when it is named itself', async () => {
    const dir = tree();
    assert.deepEqual(await cli(['check', '-q', 'docs/notes.md', '.drafts', 'node_modules'], dir), {
      code: 1,
      stdout: [...WRONG_LINES.map((l) => l.replace(WRONG, '.drafts/plan.md')), ...WRONG_LINES.map((l) => l.replace(WRONG, 'node_modules/some-package/plan.md'))].join('\n') + '\n',
      stderr: '6 errors in 3 files\n',
    });
  });

  it('in folders, markdown above the size limit is skipped unless it is a plan by its frontmatter', async () => {
    const release = (n: number): string => `## ${n}.0.0\n\n- Fixed a crash on empty config files (#${n}).\n\n`;
    const plan = fixture('wrong-plan.md');
    const dir = folder('large', { 'CHANGELOG.md': Array.from({ length: 100 }, (_, i) => release(i)).join(''), 'plan.md': plan, 'huge-plan.md': plan.repeat(8) });
    const r = await cli(['check', '--max-size', '2k', '.'], dir);
    assert.deepEqual(lines(r.stdout), ['huge-plan.md:1:1 information Not analysed: the document is 9.0 KB, above the 2.0 KB size limit. too-large', ...WRONG_LINES.map((l) => l.replace(WRONG, 'plan.md'))]);
    assert.equal(r.stderr, '3 errors, 0 warnings, 1 information in 2 files\n');
  });

  it('in folders, markdown above the size limit without plan frontmatter is skipped', async () => {
    const release = (n: number): string => `## ${n}.0.0\n\n- Fixed a crash on empty config files (#${n}).\n\n`;
    const dir = folder('large-changelog', { 'CHANGELOG.md': Array.from({ length: 100 }, (_, i) => release(i)).join(''), 'plan.md': fixture('wrong-plan.md') });
    const r = await cli(['check', '--max-size', '2k', '.'], dir);
    assert.deepEqual(r, { code: 1, stdout: WRONG_LINES.map((l) => l.replace(WRONG, 'plan.md')).join('\n') + '\n', stderr: '3 errors, 0 warnings, 0 information in 1 file\n' });
  });
});

describe('scaling-plan check --format json', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'cli-output.schema.json'), 'utf8')) as object);

  it('matches schemas/cli-output.schema.json, over the fixtures and samples', async () => {
    const r = await cli(['check', '--format', 'json', 'test/fixtures/cli', 'samples']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const data = JSON.parse(r.stdout) as { file: string }[];
    assert.ok(validate(data), JSON.stringify(validate.errors));
    // The plans among them (unicode.md, notes.md and empty.md are not plans).
    assert.deepEqual(data.map((f) => f.file), [
      'test/fixtures/cli/blanks.md',
      'test/fixtures/cli/broken-frontmatter.md',
      'test/fixtures/cli/right-plan.md',
      'test/fixtures/cli/wrong-plan.md',
      'samples/correct-plan.md',
      'samples/planted-errors.md',
      'samples/readiness-worksheet.md',
      'samples/stage-errors.md',
    ]);
  });

  it('the schema rejects what the contract does not allow', async () => {
    const good = { rule: 'totals', severity: 'error', message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, fixes: [] };
    assert.ok(validate([{ file: 'a.md', diagnostics: [good] }]));
    assert.ok(validate([{ file: 'a.md', diagnostics: [{ ...good, severity: 'hint' }] }]));
    assert.equal(validate([{ file: 'a.md', diagnostics: [{ ...good, severity: 'fatal' }] }]), false);
    assert.equal(validate([{ file: 'a.md', diagnostics: [{ ...good, span: { start: 0, end: 1 } }] }]), false);
    assert.equal(validate([{ file: 'a.md', diagnostics: [{ ...good, range: { start: { line: -1, character: 0 }, end: { line: 0, character: 1 } } }] }]), false);
    assert.equal(validate({ file: 'a.md', diagnostics: [] }), false);
  });

  it('gives exact diagnostics with 0-based UTF-16 ranges and fixes', async () => {
    const r = await cli(['check', '--format', 'json', 'test/fixtures/cli/unicode.md']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        file: 'test/fixtures/cli/unicode.md',
        diagnostics: [
          {
            rule: 'totals',
            severity: 'error',
            message: 'Total é🎉 $90/month does not match 50 + 30 = $80/month',
            range: { start: { line: 5, character: 13 }, end: { line: 5, character: 22 } },
            fixes: [{ title: 'Change to $80/month', edits: [{ range: { start: { line: 5, character: 14 }, end: { line: 5, character: 16 } }, newText: '80' }] }],
          },
        ],
      },
    ]);
    // Those characters are UTF-16 code units: the range picks out the claimed figure, the edit its number.
    const line = fixture('unicode.md').split('\n')[5]!;
    assert.equal(line.slice(13, 22), '$90/month');
    assert.equal(line.slice(14, 16), '90');
  });

  it('writes nothing but the array on stdout, one finding per diagnostic', async () => {
    const r = await cli(['check', '--format', 'json', WRONG]);
    assert.equal(r.stderr, '');
    const diagnostics = (JSON.parse(r.stdout) as { diagnostics: { rule: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[])[0]!.diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        ['totals', 22, 9, 18],
        ['cost-per-user', 29, 17, 28],
        ['downtime', 46, 17, 27],
      ],
    );
    const text = fixture('wrong-plan.md').split('\n');
    assert.deepEqual(diagnostics.map((d) => text[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)), ['$90/month', '$0.40/month', '50 minutes']);
  });
});

describe('scaling-plan check --format sarif', () => {
  interface SarifLog {
    version: string;
    $schema: string;
    runs: {
      tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
      originalUriBaseIds: Record<string, { uri: string }>;
      columnKind: string;
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
        relatedLocations?: { id: number; message: { text: string }; physicalLocation: { region: Record<string, number> } }[];
        fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[] }[] }[];
      }[];
    }[];
  }

  it('has one run with the driver, every rule and its doc page', async () => {
    const r = await cli(['check', '--format', 'sarif', 'test/fixtures/cli/unicode.md']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
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
      assert.equal(d.defaultConfiguration.level, rule.meta.severity === 'error' ? 'error' : rule.meta.severity === 'warning' ? 'warning' : 'note');
    }
    for (const id of ['frontmatter', 'too-large', 'internal-error']) assert.ok(driver.rules.some((x) => x.id === id), id);
    assert.equal(log.runs[0]!.columnKind, 'utf16CodeUnits');
    assert.match(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri, /^file:\/\/.*\/$/);
  });

  it('gives results with 1-based regions, related locations and fixes', async () => {
    const log = JSON.parse((await cli(['check', '--format', 'sarif', 'test/fixtures/cli/unicode.md'])).stdout) as SarifLog;
    const run = log.runs[0]!;
    assert.equal(run.results.length, 1);
    const result = run.results[0]!;
    assert.equal(result.ruleId, 'totals');
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, 'totals');
    assert.equal(result.level, 'error');
    assert.equal(result.message.text, 'Total é🎉 $90/month does not match 50 + 30 = $80/month');
    const location = { uri: 'test/fixtures/cli/unicode.md', uriBaseId: '%SRCROOT%' };
    assert.deepEqual(result.locations, [{ physicalLocation: { artifactLocation: location, region: { startLine: 6, startColumn: 14, endLine: 6, endColumn: 23 } } }]);
    // The items of the total: `$50/month` after `- Hébergement 🎉: ` and `$30/month` after `- Base de données: `.
    assert.deepEqual(
      result.relatedLocations!.map((l) => [l.id, l.message.text, l.physicalLocation.region]),
      [
        [0, '$50/month', { startLine: 4, startColumn: 19, endLine: 4, endColumn: 28 }],
        [1, '$30/month', { startLine: 5, startColumn: 20, endLine: 5, endColumn: 29 }],
      ],
    );
    const text = fixture('unicode.md').split('\n');
    assert.equal(text[3]!.slice(18, 27), '$50/month');
    assert.equal(text[4]!.slice(19, 28), '$30/month');
    assert.deepEqual(result.fixes, [
      {
        description: { text: 'Change to $80/month' },
        artifactChanges: [{ artifactLocation: location, replacements: [{ deletedRegion: { startLine: 6, startColumn: 15, endLine: 6, endColumn: 17 }, insertedContent: { text: '80' } }] }],
      },
    ]);
  });

  it('maps severities to levels (information and hint → note)', async () => {
    const log = JSON.parse((await cli(['check', '--format', 'sarif', 'test/fixtures/cli/blanks.md', 'test/fixtures/cli/broken-frontmatter.md', 'samples/planted-errors.md'])).stdout) as SarifLog;
    assert.deepEqual(
      log.runs[0]!.results.slice(0, 5).map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine]),
      [
        ['blanks', 'note', 10],
        ['blanks', 'note', 11],
        ['frontmatter', 'error', 3],
        ['missing-section', 'note', 6],
        ['totals', 'error', 32],
      ],
    );
  });

  it('names a file outside the working folder by its absolute file URI', async () => {
    const dir = folder('sarif-outside');
    const log = JSON.parse((await cli(['check', '--format', 'sarif', join(FIXTURES, 'unicode.md')], dir)).stdout) as SarifLog;
    assert.deepEqual(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation, { uri: `file://${join(FIXTURES, 'unicode.md')}` });
  });
});

describe('scaling-plan check --fix', () => {
  it('writes the fix in the file\'s own format; the check is then clean', async () => {
    const dir = folder('fix-unicode', { 'costs.md': fixture('unicode.md') });
    assert.deepEqual(await cli(['check', '--fix', 'costs.md'], dir), {
      code: 0,
      stdout: '',
      stderr: 'costs.md: fixed: 1 change written\n0 errors, 0 warnings, 0 information in 1 file\n',
    });
    assert.equal(readFileSync(join(dir, 'costs.md'), 'utf8'), fixture('unicode.md').replace('- Total é🎉: $90/month', '- Total é🎉: $80/month'));
  });

  it('changes only numbers, never words; the total is fixed first', async () => {
    const dir = folder('fix-words', { 'plan.md': fixture('wrong-plan.md') });
    const r = await cli(['check', '--fix', 'plan.md'], dir);
    assert.match(r.stderr, /^plan\.md: fixed: \d+ changes? written\n/);
    const text = readFileSync(join(dir, 'plan.md'), 'utf8');
    assert.ok(text.includes('\n- Total: $80/month\n- Cost per user:'));
    const words = (s: string): string[] => s.split('\n').map((l) => l.replace(/[\d.,]+/g, '#'));
    assert.deepEqual(words(text), words(fixture('wrong-plan.md')));
    // What is reported after the fixes is what a check of the fixed file reports.
    const after = await cli(['check', 'plan.md'], dir);
    assert.equal(r.stdout, after.stdout);
    assert.equal(r.code, after.code);
  });

  const FIXED = fixture('wrong-plan.md')
    .replace('- Total: $90/month\n- Cost per user: $0.90/month', '- Total: $80/month\n- Cost per user: $0.80/month')
    .replace('- Cost per user: $0.40/month', '- Cost per user: $0.36/month')
    .replace('(50 minutes of downtime', '(43 minutes of downtime');

  it('writes every preferred fix until the text settles; the arithmetic rules are then silent', { todo: 'no fix is offered for a cost per user read two ways (total / users and costs / users) even when both give $0.36, nor for any downtime (fixFor returns undefined for durations): only the total is fixed' }, async () => {
    const dir = folder('fix', { 'plan.md': fixture('wrong-plan.md') });
    assert.deepEqual(await cli(['check', '--fix', 'plan.md'], dir), {
      code: 0,
      stdout: '',
      stderr: 'plan.md: fixed: 4 changes written\n0 errors, 0 warnings, 0 information in 1 file\n',
    });
    const text = readFileSync(join(dir, 'plan.md'), 'utf8');
    // The cost per user at 100 users was right for the wrong total: the second round fixes it.
    assert.equal(text, FIXED);
    assert.deepEqual(analyze(text).findings.filter((f: Finding) => ARITHMETIC.has(f.rule)), []);
  });

  it('a second --fix changes nothing, byte for byte', async () => {
    const dir = folder('fix-twice', { 'plan.md': fixture('wrong-plan.md') });
    await cli(['check', '--fix', 'plan.md'], dir);
    const once = readFileSync(join(dir, 'plan.md'));
    const again = await cli(['check', '--fix', 'plan.md'], dir);
    assert.doesNotMatch(again.stderr, /fixed:/);
    assert.deepEqual(readFileSync(join(dir, 'plan.md')), once);
    assert.deepEqual(again, await cli(['check', 'plan.md'], dir));
  });

  it('reports what remains in the chosen format, and keeps a BOM and CRLF line ends', async () => {
    const crlf = '\uFEFF' + (fixture('unicode.md') + '\n- Uptime: 99.9% ~ ___ minutes of downtime\n').replace(/\n/g, '\r\n');
    const dir = folder('fix-json', { 'plan.md': crlf });
    const r = await cli(['check', '--fix', '--format', 'json', 'plan.md'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, 'plan.md: fixed: 1 change written\n');
    assert.deepEqual(
      (JSON.parse(r.stdout) as { diagnostics: { rule: string; severity: string; range: { start: { line: number } } }[] }[])[0]!.diagnostics.map((d) => [d.rule, d.severity, d.range.start.line]),
      [['blanks', 'hint', 7]],
    );
    assert.equal(readFileSync(join(dir, 'plan.md'), 'utf8'), crlf.replace('$90/month', '$80/month'));
  });

  it('leaves a file that needs no fix untouched', async () => {
    const dir = folder('fix-none', { 'plan.md': fixture('right-plan.md') });
    assert.deepEqual(await cli(['check', '--fix', 'plan.md'], dir), { code: 0, stdout: '', stderr: '0 errors, 0 warnings, 0 information in 1 file\n' });
    assert.equal(readFileSync(join(dir, 'plan.md'), 'utf8'), fixture('right-plan.md'));
  });

  it('writes money in messages with its cents', async () => {
    const dir = folder('cents', { 'plan.md': '# Costs\n\n```\n100 users:\n- Hosting: $50/month\n- Database: $30/month\n- Total: $80/month\n- Cost per user: $0.90/month\n```\n' });
    assert.equal((await cli(['check', 'plan.md'], dir)).stdout, 'plan.md:8:18 error Cost per user $0.90/month does not match 80 / 100 = $0.80/month (read as the total over the users) cost-per-user\n');
  });
});

describe('scaling-plan check over the reference plans in ../shared/seeds', { skip: hasSeeds ? false : `reference plans not found at ${SEEDS}; skipped` }, () => {
  it('reports the known errors of the seeds and exits 1', async () => {
    // 000: 2,500 × $10 ARPU = $25,000 (stated $37,500) and 10,000 × $10 = $100,000 (stated
    // $200,000); 001: a total out of 100 over 16 items scored out of 10.
    assert.deepEqual(await cli(['check', '--quiet', '.'], SEEDS), {
      code: 1,
      stdout:
        '000_7c0a2102dead1249.md:291:12 error Revenue $37,500/month does not match 2,500 × 10 = $25,000/month (read as 2,500 users × the ARPU stated on line 274) revenue\n' +
        '000_7c0a2102dead1249.md:298:12 error Revenue $200,000/month does not match 10,000 × 10 = $100,000/month (read as 10,000 users × the ARPU stated on line 274) revenue\n' +
        '001_3461db778a046460.md:495:24 error OVERALL SCALING SCORE ___/100 cannot fit its 16 items scored out of 10: 16 items × 10 = 160, or 4 group averages × 10 = 40. score-total\n',
      stderr: '3 errors in 4 files\n',
    });
  });

  it('their JSON output matches the schema', async () => {
    const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'cli-output.schema.json'), 'utf8')) as object);
    const data = JSON.parse((await cli(['check', '--format', 'json', SEEDS])).stdout) as unknown[];
    assert.ok(validate(data), JSON.stringify(validate.errors));
    assert.equal(data.length, 4);
  });
});

describe('scaling-plan check over many files', () => {
  /** Forty plans: enough for the analysis to run on worker threads. */
  function manyPlans(name: string): string {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`plan-${String(i).padStart(2, '0')}.md`] = fixture(i % 2 ? 'wrong-plan.md' : 'right-plan.md');
    return folder(name, files);
  }

  it('gives the same report on worker threads (the bin over its bundle) as one file at a time', async () => {
    const dir = manyPlans('many');
    const all = bin(['check', '--format', 'json', '.'], dir);
    const one = JSON.parse((await cli(['check', '--format', 'json', 'plan-01.md'], dir)).stdout) as { diagnostics: unknown[] }[];
    const parsed = JSON.parse(all.stdout) as { file: string; diagnostics: unknown[] }[];
    assert.equal(all.code, 1);
    assert.equal(parsed.length, 40);
    assert.equal((one[0]!.diagnostics as unknown[]).length, 3);
    for (let i = 0; i < 40; i++) assert.deepEqual(parsed[i]!.diagnostics, i % 2 ? one[0]!.diagnostics : [], `plan ${i}`);
    assert.deepEqual(parsed.map((r) => r.file), Array.from({ length: 40 }, (_, i) => `plan-${String(i).padStart(2, '0')}.md`));
    assert.equal((await cli(['check', '.'], dir)).stderr, '60 errors, 0 warnings, 0 information in 40 files\n');
  });

  it('--cache answers unchanged files from the cache and re-checks changed ones', async () => {
    const dir = manyPlans('cached');
    const first = await cli(['check', '--cache', '--format', 'json', '.'], dir);
    assert.ok(existsSync(join(dir, '.scaling-plan-cache')));
    const second = await cli(['check', '--cache', '--format', 'json', '.'], dir);
    assert.deepEqual(second, first);
    // A fixed file is analysed again, not answered from the cache.
    writeFileSync(join(dir, 'plan-01.md'), fixture('right-plan.md'));
    const third = JSON.parse((await cli(['check', '--cache', '--format', 'json', '.'], dir)).stdout) as { diagnostics: unknown[] }[];
    assert.deepEqual(third[1]!.diagnostics, []);
    assert.equal((third[3]!.diagnostics as unknown[]).length, 3);
    // Other options are another cache: a lower size limit does not reuse these answers.
    const small = JSON.parse((await cli(['check', '--cache', '--max-size', '100', '--format', 'json', 'plan-03.md'], dir)).stdout) as { diagnostics: { rule: string }[] }[];
    assert.deepEqual(small[0]!.diagnostics.map((d) => d.rule), ['too-large']);
  });
});
