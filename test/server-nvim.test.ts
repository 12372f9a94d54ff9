/**
 * The language server in a real LSP client: Neovim (Debian's `neovim`, 0.7+), headless, driven
 * by test/nvim/lsp.lua. Diagnostics appear, a hover shows a checked figure and a stage card,
 * lenses render as virtual text, a quick fix chosen through vim.ui.select applies, and typing
 * non-ASCII text before a number keeps the columns right. Skipped when `nvim` is not installed
 * (CI installs it: see .ci/run).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt, FIXTURES, ROOT } from './fixtures/server/lsp-client';

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
          SP_STAGE_LINE: '26',
          SP_STAGE_CHAR: '2',
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
        [30, 17, 28, 'cost-per-user', 'scaling-plan'],
        [35, 9, 19, 'totals', 'scaling-plan'],
        [36, 17, 28, 'cost-per-user', 'scaling-plan'],
        [44, 11, 24, 'revenue', 'scaling-plan'],
        // No blanks: the script turns them off in its settings, which must reach the server.
      ],
    );
    assert.equal(seen.diagnostics[0]!.message, 'Total $90/month does not match 50 + 30 = $80/month');
  });

  it('hovers a checked total with its formula, and a user count with its stage card', () => {
    assert.ok(seen.hover_total?.includes('`50 + 30 = $80/month`'), String(seen.hover_total));
    assert.ok(seen.hover_stage?.startsWith('**Stage 1: Launch** · 0–100 users'), String(seen.hover_stage));
    assert.ok(seen.hover_stage?.includes('cost $90/month (checks: $80/month) · $0.80 (checks: $0.90) per user'), String(seen.hover_stage));
  });

  it('renders code lenses as virtual text', () => {
    const lines = seen.lenses.map((l) => `${l.line}: ${l.text}`);
    assert.ok(lines.some((l) => l.startsWith('18: Growth 20%/month from 100 users') && l.includes(' | Stage 1: Launch · 0–100 users · at 100 users · cost $90/month')), JSON.stringify(lines, null, 1));
    assert.ok(lines.includes('26: 100 users · total $80/month · $0.80 per user'), JSON.stringify(lines, null, 1));
    assert.ok(lines.includes('32: 1,000 users · total $400/month · $0.40 per user'), JSON.stringify(lines, null, 1));
  });

  it('applies a quick fix chosen from the code action menu', () => {
    assert.ok(seen.actions.includes('Set total to $80/month'), JSON.stringify(seen.actions));
    assert.ok(seen.actions.includes('Fix all totals problems (2)'), JSON.stringify(seen.actions));
    assert.equal(seen.fixed_line, '- Total: $80/month');
    assert.ok(!seen.after_fix.includes(29) && !seen.after_fix.includes(30), JSON.stringify(seen.after_fix));
  });

  it('keeps columns right after typing non-ASCII text before a number', () => {
    // `é🎉 ` is 4 UTF-16 units on the wire and 7 bytes in Neovim's columns.
    assert.deepEqual(seen.typed, { lnum: 35, col: 16, end_col: 26, message: 'Total $420/month does not match 240 + 160 = $400/month' });
  });
});
