/**
 * The language server in a real LSP client: Neovim (Debian's `neovim`, 0.7+), headless, driven
 * by test/nvim/lsp.lua. Diagnostics appear, a hover shows a checked figure and a stage card,
 * lenses render as virtual text, a quick fix chosen through vim.ui.select applies, and typing
 * non-ASCII text before a number keeps the columns right. Skipped when `nvim` is not installed
 * (CI installs it: see .ci/run). Part of `npm run test:e2e`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt, FIXTURES, ROOT } from '../fixtures/server/lsp-client';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.status === 0 || process.env.CI ? false : 'nvim not found: install Debian\'s neovim (apt-get install --no-install-recommends neovim) to run the Neovim test; set CI=1 to make this a failure';

interface Seen {
  filetype: string;
  diagnostics: { lnum: number; col: number; end_col: number; severity: number; message: string; source: string; code: string }[];
  hover_total: string | null;
  hover_stage: string | null;
  lenses: { line: number; text: string }[];
  actions: string[];
  fixed_line: string;
  after_fix: number[];
  typed: { lnum: number; col: number; end_col: number; message: string };
  done: boolean;
  error?: string;
}

describe('Neovim as the client', { skip }, () => {
  let seen: Seen;
  let status: number | null;
  let stderr: string;

  before(async () => {
    await ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'sp-nvim-'));
    try {
      const plan = join(dir, 'plan.md');
      copyFileSync(join(FIXTURES, 'plan.md'), plan);
      const outPath = join(dir, 'out.json');
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test', 'nvim', 'lsp.lua')}`], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60000,
        env: {
          ...process.env,
          SP_NODE: process.execPath,
          SP_SERVER: join(ROOT, 'bin', 'scaling-plan-server.js'),
          SP_PLAN: plan,
          SP_ROOT: dir,
          SP_OUT: outPath,
          // `Stage 1: Launch` in the stage list.
          SP_STAGE_LINE: '18',
          SP_STAGE_CHAR: '3',
        },
      });
      status = run.status;
      stderr = `${run.stderr ?? ''}${run.error ? String(run.error) : ''}`;
      seen = JSON.parse(readFileSync(outPath, 'utf8')) as Seen;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the whole script', () => {
    assert.equal(seen.error, undefined);
    assert.equal(seen.done, true);
    assert.equal(status, 0, stderr);
    assert.equal(seen.filetype, 'markdown');
  });

  it('shows the diagnostics', () => {
    assert.deepEqual(
      seen.diagnostics.map((d) => [d.lnum, d.col, d.end_col, d.code, d.source]),
      [
        [29, 9, 18, 'totals', 'scaling-plan'],
        [35, 9, 19, 'totals', 'scaling-plan'],
        [44, 11, 24, 'revenue', 'scaling-plan'],
        // No blanks: the script turns them off in its settings, which must reach the server.
      ],
    );
    assert.equal(seen.diagnostics[0]!.message, 'Total $90/month does not match 50 + 30 = $80/month');
  });

  it('hovers a checked total with its formula, and a stage with its card', () => {
    // Neovim asks for markdown; it shows no links, so lines are written plainly.
    for (const hover of [seen.hover_total, seen.hover_stage]) assert.doesNotMatch(String(hover), /file:\/\/|\]\(/, 'no raw links in a hover');
    assert.equal(seen.hover_total?.split('\n')[0], '**Total** (totals)');
    assert.ok(seen.hover_total?.includes('`50 + 30 = $80'), String(seen.hover_total));
    assert.ok(seen.hover_total?.includes('- Hosting: $50/month (line 28)'), String(seen.hover_total));
    assert.equal(seen.hover_stage?.split('\n')[0], '**Stage 1: Launch** · 0–100 users (line 19)');
    assert.ok(seen.hover_stage?.includes('- Cost modelled at 100 users: $80/month = `50 + 30` (line 27)'), String(seen.hover_stage));
  });

  it('renders code lenses as virtual text, the lenses of a line joined', () => {
    assert.deepEqual(
      seen.lenses.map((l) => `${l.line}: ${l.text}`),
      [
        // The growth lens has the heading above the stage list to itself.
        '14: Growth 20%/month from 100 users: 1,000 users in month 13, …',
        '18: Cost $80/mo at 100 users · $0.80/user/mo | Uptime 99.5%: 3.6 hours of downtime a month',
        '19: Cost $400/mo at 1,000 users · $0.40/user/mo | Revenue $15,000/mo at 1,000 users · margin 97.3% · profit $2,600/mo | Uptime 99.9%: 43.2 minutes of downtime a month',
        '26: 100 users: total $80/mo · $0.80/user/mo',
        '32: 1,000 users: total $400/mo · $0.40/user/mo',
        '43: 1,000 users: revenue $15,000/mo · costs $12,400/mo · $12.40/user/mo',
      ],
    );
  });

  it('offers the quick fixes and source actions in the code action menu', () => {
    assert.deepEqual(seen.actions, ['Change to $80/month', 'Ignore totals findings in this code block', 'Fix all totals problems (2)', 'Fix all scaling-plan problems', 'Fill computable blanks']);
  });

  it('applies a quick fix chosen from the code action menu', () => {
    assert.equal(seen.fixed_line, '- Total: $80/month');
    assert.ok(!seen.after_fix.includes(29) && !seen.after_fix.includes(30), JSON.stringify(seen.after_fix));
  });

  it('keeps columns right after typing non-ASCII text before a number', () => {
    // `é🎉 ` is 4 UTF-16 units on the wire and 7 bytes in Neovim's columns.
    assert.deepEqual(seen.typed, { lnum: 35, col: 16, end_col: 26, message: 'Total $420/month does not match 240 + 160 = $400/month' });
  });
});
