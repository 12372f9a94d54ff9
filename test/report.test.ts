/**
 * `scaling-plan report`: the projection table and growth model in text, markdown, JSON and HTML,
 * the marks on figures the checks find inconsistent, the SVG chart rendered in headless
 * Chromium, and the command's arguments and exit codes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../src/engine';
import { main } from '../src/cli/main';
import { renderReport, reportData, runReport, type Cell, type ReportRow } from '../src/cli/report';
import { ROOT, sample, seed, seedsSkip } from './helpers';

/** The page functions below run in Chromium; the project's TypeScript has no DOM types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const CHROMIUM = '/usr/bin/chromium';
const chromiumSkip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM}; skipped (CI installs it: apt-get install chromium)`;

function capture(cwd = ROOT): { io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (s) => void (out += s), stderr: (s) => void (err += s), cwd }, out: () => out, err: () => err };
}

const show = (c: Cell): string => (c.check ? `${c.text} ≠ ${c.check.expected ?? '?'}` : c.text);

/** A row as [stage, at users, cost, cost/user, revenue, margin, profit, team, uptime, downtime/month]. */
function summary(r: ReportRow): string[] {
  return [r.stage, r.at, r.cost, r.costPerUser, r.revenue, r.margin, r.profit, r.team, r.uptime, r.downtime].map((c) => (typeof c === 'string' ? c : show(c)));
}

describe('report on seed 000', { skip: seedsSkip }, () => {
  const file = '../shared/seeds/000_7c0a2102dead1249.md';
  const text = (): string => seed('000_7c0a2102dead1249.md');

  it('states cost, cost per user, revenue, margin and profit at 100, 500, 2,500 and 10,000 users, marking the inconsistent revenue', () => {
    const data = reportData(file, analyze(text()));
    assert.deepEqual(data.rows.map(summary), [
      ['Stage 1: Foundation', '100', '$120', '$1.20', '$1,000', '88%', '$880', '$0', '99%', '7.2 hours'],
      ['Stage 2: Early Traction', '500', '$380', '$0.76', '$5,000', '92%', '-$10,380', '$15,000, 2 people', '99.5%', '3.6 hours'],
      ['Stage 3: Growth', '2,500', '$1,400', '$0.56', '$37,500 ≠ $25,000', '96%', '$6,100', '$30,000, 4 people', '99.9%', '43 minutes'],
      ['Stage 4: Scale', '10,000', '$4,600', '$0.46', '$200,000 ≠ $100,000', '98%', '$135,400', '$60,000, 8 people', '99.95%', '22 minutes'],
      ['Stage 5: Enterprise', '—', '—', '—', '—', '—', '—', '—', '—', '—'],
    ]);
    assert.deepEqual(data.rows.map((r) => [r.users, r.timeline.text, r.budget.text]), [
      ['0–100 users', '—', '$50-150'],
      ['100–500 users', '3–6 months', '$200-500'],
      ['500–2,500 users', '6–12 months', '$1,000-3,000'],
      ['2,500–10,000 users', '12–24 months', '$5,000-15,000'],
      ['10,000+ users', '24+ months', '—'],
    ]);
    assert.deepEqual(data.notes, [
      'line 291: revenue at 2,500 users: Revenue $37,500/month does not match 2,500 users × $10/month ARPU = $25,000/month (revenue)',
      'line 298: revenue at 10,000 users: Revenue $200,000/month does not match 10,000 users × $10/month ARPU = $100,000/month (revenue)',
    ]);
  });

  it('prints the table, the marks and the growth model as text', () => {
    const out = renderReport(file, text(), 'text');
    const lines = out.split('\n');
    assert.equal(lines[0], `Scaling plan report: Scaling Infrastructure - Beyond 100 Users (${file})`);
    assert.ok(lines.includes('Stages (stage list on line 39)'));
    const row = (stage: string): string => lines.find((l) => l.startsWith(stage))!.replace(/\s{2,}/g, ' | ');
    assert.equal(row('Stage 1: Foundation'), 'Stage 1: Foundation | 0–100 users | — | $50-150 | 100 | $120 | $1.20 | $1,000 | 88% | $880 | $0 | 99% | 7.2 hours');
    assert.equal(
      row('Stage 3: Growth'),
      'Stage 3: Growth | 500–2,500 users | 6–12 months | $1,000-3,000 | 2,500 | $1,400 | $0.56 | $37,500 ✗ (checks: $25,000) | 96% | $6,100 | $30,000, 4 people | 99.9% | 43 minutes',
    );
    assert.ok(out.includes('\nGrowth model\n  No growth rate stated'));
    assert.ok(out.includes('  Stage 3: Growth: its timeline (line 58) takes 500 to 2,500 users in 6 months: 30.8% growth per month.\n'));
  });

  it('writes a markdown table', () => {
    const out = renderReport(file, text(), 'markdown');
    assert.ok(out.startsWith('# Scaling plan report: Scaling Infrastructure - Beyond 100 Users\n'));
    assert.ok(out.includes('| Stage | Users | Timeline | Budget/month | At users | Cost/month | Cost/user | Revenue/month | Gross margin | Profit/month | Team | Uptime | Downtime budget/month |\n'));
    assert.ok(out.includes('| Stage 4: Scale | 2,500–10,000 users | 12–24 months | $5,000-15,000 | 10,000 | $4,600 | $0.46 | $200,000 ✗ (checks: $100,000) | 98% | $135,400 | $60,000, 8 people | 99.95% | 22 minutes |\n'));
  });

  it('writes JSON with LSP ranges and the checks on figures', () => {
    const json = JSON.parse(renderReport(file, text(), 'json')) as {
      stages: { key: string; range: unknown; at?: { users: number; revenue: { value: number; range: { start: { line: number; character: number } }; check?: { rule: string; expected: number } } }; downtime?: { perMonth: number } }[];
    };
    assert.deepEqual(json.stages.map((s) => s.key), ['stage:1', 'stage:2', 'stage:3', 'stage:4', 'stage:5']);
    const s3 = json.stages[2]!;
    assert.deepEqual(s3.at!.revenue.range.start, { line: 290, character: 11 });
    assert.deepEqual(s3.at!.revenue.check, { rule: 'revenue', severity: 'error', message: 'Revenue $37,500/month does not match 2,500 users × $10/month ARPU = $25,000/month', expected: 25000 });
    assert.equal(json.stages[0]!.at!.revenue.check, undefined);
    // Without floating-point noise (21.599999999997623 before rounding).
    assert.equal(json.stages[3]!.downtime!.perMonth, 21.6);
  });
});

describe('report of the correct sample', () => {
  it('marks nothing, and dates each stage at the plan\'s growth rate', () => {
    const out = renderReport('samples/correct-plan.md', sample('correct-plan.md'), 'text');
    assert.ok(!out.includes('✗ ('));
    assert.ok(!out.includes('Inconsistent figures'));
    const growth = out.slice(out.indexOf('Growth model'));
    assert.equal(
      growth,
      [
        'Growth model',
        '  Growth rate: 18% per month (frontmatter) from 120 users (frontmatter).',
        '  Stage 2: Traction: 250 users reached in month 5.',
        '  Stage 3: Growth: 1,200 users reached in month 14.',
        '  Stage 4: Scale: 4,800 users reached in month 23.',
        '  Stage 2: Traction: its timeline (line 29) takes 250 to 1,200 users in 9 months: 19% growth per month.',
        '  Stage 3: Growth: its timeline (line 33) takes 1,200 to 4,800 users in 9 months: 16.7% growth per month.',
        '',
      ].join('\n'),
    );
  });

  it('says so when a document has no stages', () => {
    const out = renderReport('notes.md', '# Notes\n\nNothing staged here.\n', 'text');
    assert.ok(out.includes('No stages with user ranges found.'));
  });

  it('shows a computed cost per user with its cents and a computed downtime budget with a star', () => {
    const text = 'Assuming $3/month ARPU.\n\n```\nStage 1: Seed (0-200 users)\nStage 2: Growth (200-2,000 users)\n- Uptime: 99.9%\n```\n\n```\n2,000 users:\n- Hosting: $1,500/month\n- Database: $500/month\n- Total: $2,000/month\n```\n';
    const data = reportData('x.md', analyze(text));
    assert.deepEqual(data.rows.map(summary)[1], ['Stage 2: Growth', '2,000', '$2,000', '$1.00*', '$6,000*', '66.7%*', '$4,000*', '—', '99.9%', '43.2 minutes*']);
  });

  it('shows a downtime the plan states per month as stated, marked when it is inconsistent', () => {
    const text = '```\nStage 1: Seed (0-200 users)\n- Uptime: 99.5% (3.6 hours downtime/month)\nStage 2: Growth (200-2,000 users)\n- Uptime: 99.9% (50 minutes downtime/month)\nStage 3: Scale (2,000+ users)\n- Uptime: 99.95% (4.38 hours downtime/year)\n```\n';
    const data = reportData('x.md', analyze(text));
    assert.deepEqual(data.rows.map((r) => show(r.downtime)), ['3.6 hours', '50 minutes ≠ 43.2 minutes', '21.6 minutes*']);
    assert.deepEqual(data.notes, ['line 5: downtime for Stage 2: Growth: Downtime 50 minutes does not match (100% − 99.9%) × 30-day month = 43.2 minutes/month (downtime)']);
  });

  it('writes the growth model\'s code spans as code in HTML', () => {
    const out = renderReport('x.md', '```\nStage 1: Seed (0-200 users)\nStage 2: Growth (200+ users)\n```\n', 'html');
    assert.ok(out.includes('<li>No growth rate stated (frontmatter <code>assumptions.growth</code>, or a line such as <code>20% month over month</code>).</li>'));
    assert.ok(!/<li>[^<]*`/.test(out));
  });

  it('shows computed figures with a star', () => {
    const text = 'Assuming $20/month ARPU.\n\n```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\n```\n\n```\n1,000 users:\n- Hosting: $300/month\n- Database: $100/month\n- Total: $400/month\n```\n';
    const data = reportData('x.md', analyze(text));
    assert.deepEqual(data.rows.map(summary)[1], ['Stage 2: Growth', '1,000', '$400', '$0.40*', '$20,000*', '98%*', '$19,600*', '—', '—', '—']);
  });
});

describe('report HTML in headless Chromium', { skip: chromiumSkip }, () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let browser: any;
  before(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
  });

  interface Rendered {
    rows: number;
    inconsistent: string[];
    external: number;
    svg: { width: number; height: number; left: number; top: number };
    points: { series: string; stage: string; value: number; cx: number; cy: number; x: number; y: number; w: number }[];
  }

  async function render(html: string): Promise<Rendered> {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r: { url(): string }) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
    const rendered = (await page.evaluate(() => {
      const svg = document.querySelector('svg#stage-chart')!.getBoundingClientRect();
      return {
        rows: document.querySelectorAll('table#projections tbody tr').length,
        inconsistent: [...document.querySelectorAll('td.inconsistent')].map((td) => td.textContent),
        external: document.querySelectorAll('link[href], script[src], img[src]').length,
        svg: { width: svg.width, height: svg.height, left: svg.left, top: svg.top },
        points: [...document.querySelectorAll('circle.point')].map((c) => {
          const r = c.getBoundingClientRect();
          return {
            series: c.getAttribute('data-series'),
            stage: c.getAttribute('data-stage'),
            value: Number(c.getAttribute('data-value')),
            cx: Number(c.getAttribute('cx')),
            cy: Number(c.getAttribute('cy')),
            x: r.left + r.width / 2,
            y: r.top + r.height / 2,
            w: r.width,
          };
        }),
      };
    })) as Rendered;
    await page.close();
    assert.deepEqual(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:')), [], 'no external assets');
    return rendered;
  }

  /** Points of a series are drawn inside the chart, left to right, higher values higher up. */
  function checkSeries(r: Rendered, series: string, values: number[]): void {
    const pts = r.points.filter((p) => p.series === series);
    assert.deepEqual(pts.map((p) => p.value), values);
    for (const p of pts) {
      assert.ok(p.w > 0, 'rendered');
      assert.ok(p.x >= r.svg.left && p.x <= r.svg.left + r.svg.width && p.y >= r.svg.top && p.y <= r.svg.top + r.svg.height, 'inside the chart');
    }
    for (let i = 1; i < pts.length; i++) {
      assert.ok(pts[i]!.x > pts[i - 1]!.x, 'stages go left to right');
      const up = pts[i]!.value > pts[i - 1]!.value;
      const down = pts[i]!.value < pts[i - 1]!.value;
      if (up) assert.ok(pts[i]!.y < pts[i - 1]!.y, `${series} rises on screen as it grows`);
      if (down) assert.ok(pts[i]!.y > pts[i - 1]!.y, `${series} falls on screen as it shrinks`);
    }
  }

  it('renders seed 000: the table with its marked revenues and a chart of cost per user and margin', { skip: seedsSkip }, async () => {
    const r = await render(renderReport('000.md', seed('000_7c0a2102dead1249.md'), 'html'));
    assert.equal(r.rows, 5);
    assert.deepEqual(r.inconsistent, ['$37,500 ✗ (checks: $25,000)', '$200,000 ✗ (checks: $100,000)']);
    assert.equal(r.external, 0);
    checkSeries(r, 'cost-per-user', [1.2, 0.76, 0.56, 0.46]);
    checkSeries(r, 'margin', [88, 92, 96, 98]);
    assert.deepEqual(r.points.filter((p) => p.series === 'margin').map((p) => p.stage), ['Stage 1', 'Stage 2', 'Stage 3', 'Stage 4']);
  });

  it('renders the correct sample', async () => {
    const r = await render(renderReport('correct-plan.md', sample('correct-plan.md'), 'html'));
    assert.equal(r.rows, 4);
    assert.deepEqual(r.inconsistent, []);
    checkSeries(r, 'cost-per-user', [0.58, 0.43, 0.39]);
    checkSeries(r, 'margin', [95.9, 96.9, 97.2]);
  });
});

describe('scaling-plan report (command)', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-plan-report-'));
    writeFileSync(join(dir, 'plan.md'), sample('correct-plan.md'));
    writeFileSync(join(dir, 'no-month.md'), sample('correct-plan.md').replace('month: 30d\n', ''));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: { name: string; args: string[]; code: number; out?: RegExp; err?: RegExp }[] = [
    { name: 'text by default', args: ['plan.md'], code: 0, out: /^Scaling plan report: Tallyhouse Scaling Plan \(plan\.md\)\n/ },
    { name: 'markdown', args: ['plan.md', '--format', 'markdown'], code: 0, out: /^# Scaling plan report: Tallyhouse Scaling Plan\n/ },
    { name: 'json with --format=', args: ['--format=json', 'plan.md'], code: 0, out: /^\{\n {2}"file": "plan\.md",/ },
    { name: 'html', args: ['-f', 'html', 'plan.md'], code: 0, out: /^<!doctype html>[\s\S]*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" id="stage-chart"/ },
    { name: 'help', args: ['--help'], code: 0, out: /^Usage: scaling-plan report FILE/ },
    { name: 'no file', args: [], code: 2, err: /report needs a FILE/ },
    { name: 'unknown format', args: ['plan.md', '--format', 'pdf'], code: 2, err: /--format must be text, markdown, json or html, not 'pdf'/ },
    { name: 'two files', args: ['plan.md', 'other.md'], code: 2, err: /report takes one file/ },
    { name: 'missing file', args: ['absent.md'], code: 2, err: /^absent\.md: no such file or folder\n$/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cap = capture(dir);
      assert.equal(await runReport(c.args, cap.io), c.code);
      if (c.out) assert.match(cap.out(), c.out);
      if (c.err) assert.match(cap.err(), c.err);
      if (c.code !== 0) assert.equal(cap.out(), '');
    });
  }

  it('is wired into scaling-plan', async () => {
    const cap = capture(dir);
    assert.equal(await main(['report', 'no-month.md', '--month', '730h'], cap.io), 0);
    // The plan states 43.2 minutes a month, which a 730-hour month makes 43.8.
    assert.match(cap.out(), /\nStage 2: Traction .* 99\.9% +43\.2 minutes ✗ \(checks: 43\.8 minutes\)\n/);
    // The plan's own frontmatter `month: 30d` wins over the option.
    const own = capture(dir);
    assert.equal(await main(['report', 'plan.md', '--month', '730h'], own.io), 0);
    assert.match(own.out(), /\nStage 2: Traction .* 99\.9% +43\.2 minutes\n/);
  });
});
