/**
 * `scaling-plan report` (src/cli/report.ts): the engine's projection table per stage and its
 * growth model in text, markdown, JSON and HTML. Every figure is a cell of that table, written
 * by the engine's formatting: computed figures marked `*` (their formula in JSON and HTML),
 * stated figures a check finds wrong marked `✗`. Exact figures for a plan written here and
 * for the samples (each figure worked out by hand from the plan's text), and the command's
 * arguments and exit codes (the SVG chart in headless Chromium: test/e2e/report-html.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../src/cli/main';
import { renderReport, reportData, runReport, type Cell, type ReportData, type ReportRow } from '../src/cli/report';
import { USAGE as REPORT_USAGE } from '../src/cli/report';
import { analyze, ROOT, sample, seed, seedsSkip } from './helpers';
import { PLAN } from './fixtures/report-plan';

function capture(cwd = ROOT): { io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (s) => void (out += s), stderr: (s) => void (err += s), cwd }, out: () => out, err: () => err };
}

const show = (c: Cell | string): string => (typeof c === 'string' ? c : c.check ? `${c.text} ✗${c.check.expected ? ` ${c.check.expected}` : ''}` : c.text);

const COLUMNS = ['stage', 'users', 'timeline', 'budget', 'budgetPerUser', 'at', 'cost', 'costPerUser', 'revenue', 'margin', 'profit', 'uptime', 'downtime'] as const;

/** A row as its printed cells, in the report's column order. */
const cells = (r: ReportRow): string[] => COLUMNS.map((k) => show(r[k]));

const data = (file: string, text: string): ReportData => reportData(file, analyze(text));


const SLA = 'Uptime 99.8% in Stage 3: Scale (2,000+ users) is lower than 99.9% in Stage 2: Growth (200-2,000 users): service levels should not loosen as the plan grows';
const REVENUE = 'Revenue $13,000/month does not match 2,000 × 6 = $12,000/month (read as 2,000 users × the ARPU stated on line 47)';

describe('report of a plan written here', () => {
  it('gives each stage its figures, computed ones starred, the loosening uptime marked', () => {
    const d = data('plan.md', PLAN);
    assert.equal(d.title, 'Ledgerly Scaling Plan');
    assert.equal(d.listLine, 14);
    assert.deepEqual(d.rows.map(cells), [
      ['Stage 1: Seed', '0–200 users', 'Months 1-8', '$100–300/month', '$0.50–1.50/user/month*', '200 users', '$200/month*', '$1/user/month*', '—', '—', '—', '99.5%', '3.6 hours*'],
      ['Stage 2: Growth', '200–2,000 users', 'Months 9-21', '$500–1,500/month', '$0.25–7.50/user/month*', '2,000 users', '$1,200/month*', '$0.60/user/month*', '$12,000/month*', '90%*', '$2,800/month*', '99.9%', '43.2 minutes*'],
      ['Stage 3: Scale', '2,000+ users', 'Months 22+', '—', '—', '5,000 users', '$2,600/month', '$0.52/user/month*', '—', '—', '—', '99.8% ✗', '86.4 minutes*'],
    ]);
    assert.deepEqual(d.rows.map((r) => r.line), [14, 18, 22]);
    assert.deepEqual(d.rows[2]!.uptime.check, { rule: 'sla-progression', message: SLA });
  });

  it('lists the checks\' findings on the figures it reads, and the growth model', () => {
    const d = data('plan.md', PLAN);
    assert.deepEqual(d.notes, [`line 23: ${SLA} (sla-progression)`, `line 51: ${REVENUE} (revenue)`]);
    assert.deepEqual(d.growth, ['Growth 20%/month from 50 users: 200 users in month 8, 2,000 users in month 21.', 'Stage 2: Growth: reached in month 8.', 'Stage 3: Scale: reached in month 21.']);
  });

  it('prints it as text, exactly', () => {
    assert.equal(
      renderReport('plan.md', PLAN, 'text'),
      `Scaling plan report: Ledgerly Scaling Plan (plan.md)

Stages (stage list on line 14)

Stage            Users            Timeline     Budget            Budget/user             Modelled at  Cost           Cost/user          Revenue         Gross margin  Profit         Uptime   Downtime/month
---------------  ---------------  -----------  ----------------  ----------------------  -----------  -------------  -----------------  --------------  ------------  -------------  -------  --------------
Stage 1: Seed    0–200 users      Months 1-8   $100–300/month    $0.50–1.50/user/month*  200 users    $200/month*    $1/user/month*     —               —             —              99.5%    3.6 hours*
Stage 2: Growth  200–2,000 users  Months 9-21  $500–1,500/month  $0.25–7.50/user/month*  2,000 users  $1,200/month*  $0.60/user/month*  $12,000/month*  90%*          $2,800/month*  99.9%    43.2 minutes*
Stage 3: Scale   2,000+ users     Months 22+   —                 —                       5,000 users  $2,600/month   $0.52/user/month*  —               —             —              99.8% ✗  86.4 minutes*

* computed from the plan's own figures (the formula is in the JSON and HTML reports).
✗ stated in the plan and found inconsistent by a check; the value the check computes is beside it.

Inconsistent figures
  line 23: ${SLA} (sla-progression)
  line 51: ${REVENUE} (revenue)

Growth model
  Growth 20%/month from 50 users: 200 users in month 8, 2,000 users in month 21.
  Stage 2: Growth: reached in month 8.
  Stage 3: Scale: reached in month 21.
`,
    );
  });

  it('writes a markdown table', () => {
    const out = renderReport('plan.md', PLAN, 'markdown');
    assert.ok(out.startsWith('# Scaling plan report: Ledgerly Scaling Plan\n\nFile: `plan.md`\n\n## Stages\n\nFrom the stage list on line 14.\n\n'));
    const table = out.split('\n').filter((l) => l.startsWith('|'));
    assert.deepEqual(table, [
      '| Stage | Users | Timeline | Budget | Budget/user | Modelled at | Cost | Cost/user | Revenue | Gross margin | Profit | Uptime | Downtime/month |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      '| Stage 1: Seed | 0–200 users | Months 1-8 | $100–300/month | $0.50–1.50/user/month* | 200 users | $200/month* | $1/user/month* | — | — | — | 99.5% | 3.6 hours* |',
      '| Stage 2: Growth | 200–2,000 users | Months 9-21 | $500–1,500/month | $0.25–7.50/user/month* | 2,000 users | $1,200/month* | $0.60/user/month* | $12,000/month* | 90%* | $2,800/month* | 99.9% | 43.2 minutes* |',
      '| Stage 3: Scale | 2,000+ users | Months 22+ | — | — | 5,000 users | $2,600/month | $0.52/user/month* | — | — | — | 99.8% ✗ | 86.4 minutes* |',
    ]);
    assert.ok(out.includes(`\n## Inconsistent figures\n\n- line 23: ${SLA} (sla-progression)\n- line 51: ${REVENUE} (revenue)\n`));
    assert.ok(out.endsWith('\n## Growth model\n\n- Growth 20%/month from 50 users: 200 users in month 8, 2,000 users in month 21.\n- Stage 2: Growth: reached in month 8.\n- Stage 3: Scale: reached in month 21.\n'));
  });

  it('escapes | in markdown cells', () => {
    const out = renderReport('x.md', '```\nStage 1: A|B (0-100 users)\nStage 2: C (100-1,000 users)\n```\n', 'markdown');
    assert.ok(out.includes('| Stage 1: A\\|B | 0–100 users |'));
  });

  it('writes JSON: each figure with its value, text, formula and 1-based line', () => {
    const json = JSON.parse(renderReport('plan.md', PLAN, 'json')) as { file: string; title: string; listLine: number; stages: Record<string, Cell & Record<string, unknown>>[]; growth: string[]; notes: string[] };
    assert.equal(json.file, 'plan.md');
    assert.equal(json.listLine, 14);
    assert.equal(json.stages.length, 3);
    const [s1, s2, s3] = json.stages;
    assert.deepEqual(s1!.budgetPerUser, { text: '$0.50–1.50/user/month*', value: 0.5, high: 1.5, formula: '100 / 200 … 300 / 200', line: 15 });
    assert.deepEqual(s1!.cost, { text: '$200/month*', value: 200, formula: '120 + 80', line: 30 });
    assert.deepEqual(s1!.downtime, { text: '3.6 hours*', value: 216, formula: '(100% − 99.5%) × 43,200 minutes (30 days)', line: 16 });
    assert.deepEqual(s2!.revenue, { text: '$12,000/month*', value: 12000, formula: '2,000 × 6', line: 50 });
    assert.deepEqual(s2!.profit, { text: '$2,800/month*', value: 2800, formula: '2,000 × 6 − (1,200 + 8,000)', line: 50 });
    assert.equal(s2!.margin!.value, 90);
    assert.deepEqual(s2!.at, { text: '2,000 users', line: 34 });
    assert.deepEqual(s3!.cost, { text: '$2,600/month', value: 2600, line: 42 });
    assert.deepEqual(s3!.uptime, { text: '99.8%', value: 99.8, line: 23, check: { rule: 'sla-progression', message: SLA } });
    assert.deepEqual(s3!.timeline, { text: 'Months 22+', line: 22 });
    assert.deepEqual(s3!.revenue, { text: '—' });
    assert.equal(json.notes.length, 2);
  });

  it('writes a margin\'s formula with the revenue it divides by in parentheses', () => {
    const json = JSON.parse(renderReport('plan.md', PLAN, 'json')) as { stages: Record<string, Cell>[] };
    assert.equal(json.stages[1]!.margin!.formula, '(2,000 × 6 − 1,200) / (2,000 × 6) × 100%');
  });

  it('writes HTML: computed cells with their formula, marked cells with the check, and a chart of cost per user and margin', () => {
    const out = renderReport('plan.md', PLAN, 'html');
    assert.ok(out.startsWith('<!doctype html>\n'));
    assert.ok(out.includes('<p>File: <code>plan.md</code>; stage list on line 14.</p>'));
    assert.ok(out.includes('<td class="computed" title="= 120 + 80">$200/month*</td>'));
    assert.ok(out.includes('<td>$2,600/month</td>'));
    assert.ok(out.includes(`<td class="inconsistent" title="${SLA}">99.8% ✗</td>`));
    assert.deepEqual([...out.matchAll(/<tr data-line="(\d+)"><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2]]), [['14', 'Stage 1: Seed'], ['18', 'Stage 2: Growth'], ['22', 'Stage 3: Scale']]);
    const points = [...out.matchAll(/<circle class="point ([\w-]+)" data-series="[\w-]+" data-stage="([^"]+)" data-value="([\d.]+)"/g)].map((m) => [m[1], m[2], Number(m[3])]);
    assert.deepEqual(points, [
      ['cost-per-user', 'Stage 1', 1],
      ['cost-per-user', 'Stage 2', 0.6],
      ['cost-per-user', 'Stage 3', 0.52],
      ['margin', 'Stage 2', 90],
    ]);
    assert.ok(out.includes('<ul class="growth"><li>Growth 20%/month from 50 users: 200 users in month 8, 2,000 users in month 21.</li>'));
  });

  it('the chart\'s tooltips say each figure once', () => {
    const out = renderReport('plan.md', PLAN, 'html');
    const titles = [...out.matchAll(/<circle class="point[^>]*><title>([^<]+)<\/title>/g)].map((m) => m[1]);
    assert.deepEqual(titles, ['Stage 1: $1/user/month', 'Stage 2: $0.60/user/month', 'Stage 3: $0.52/user/month', 'Stage 2: 90% gross margin']);
  });

  it('lists findings in an economics block titled by a bold line', { todo: 'reportData finds the block of `**2,000 users:**` by its title line and takes the one-line paragraph of the title, not the list under it: the revenue finding is not listed' }, () => {
    const bold = PLAN.replace(/```\n2,000 users:\n([\s\S]*?)```\n$/, '**2,000 users:**\n$1');
    assert.ok(bold.includes('\n**2,000 users:**\n- Revenue: $13,000/month\n'));
    const d = data('plan.md', bold);
    assert.equal(cells(d.rows[1]!)[8], '$12,000/month*', 'the same economics');
    assert.deepEqual(d.notes, [`line 23: ${SLA} (sla-progression)`, `line 50: ${REVENUE} (revenue)`]);
  });

  it('says so when a document has no stages, or is too large', () => {
    assert.equal(
      renderReport('notes.md', '# Notes\n\nNothing staged here.\n', 'text'),
      'Scaling plan report: Notes (notes.md)\n\nNo stages with user ranges found.\n\nGrowth model\n  No growth model: the plan states no monthly growth rate (frontmatter `assumptions.growth`, or a line such as `20% month over month`) with a stage list.\n',
    );
    assert.equal(renderReport('big.md', PLAN, 'text', { maxSize: 512 }), 'big.md: not analysed (too large)\n');
    assert.deepEqual(JSON.parse(renderReport('big.md', PLAN, 'json', { maxSize: 512 })), { file: 'big.md', stages: [], growth: [], notes: [], error: 'not analysed: too large' });
  });

  it('writes the growth model\'s code spans as code in HTML', () => {
    const out = renderReport('x.md', '```\nStage 1: Seed (0-200 users)\nStage 2: Growth (200+ users)\n```\n', 'html');
    assert.ok(out.includes('<li>No growth model: the plan states no monthly growth rate (frontmatter <code>assumptions.growth</code>, or a line such as <code>20% month over month</code>) with a stage list.</li>'));
    assert.ok(!/<li>[^<]*`/.test(out));
  });
});

describe('report of the samples', () => {
  it('correct-plan.md: every figure computed, nothing marked, each stage dated at 18% a month from 120 users', () => {
    const d = data('samples/correct-plan.md', sample('correct-plan.md'));
    assert.equal(d.listLine, 23);
    assert.deepEqual(
      d.rows.map((r) => cells(r).filter((_, i) => COLUMNS[i] !== 'timeline')),
      [
        // 144 / 250 = 0.576; 250 × $14 = 3,500; (3,500 − 144) / 3,500 = 95.9%; 3,500 − 144 − 0 = 3,356.
        ['Stage 1: Seed', '0–250 users', '$100–200/month', '$0.40–0.80/user/month*', '250 users', '$144/month*', '$0.58/user/month*', '$3,500/month*', '95.9%*', '$3,356/month*', '99.5%', '3.6 hours*'],
        // 400 / 1,200 = 0.33, 900 / 250 = 3.60; (16,800 − 516) / 16,800 = 96.9%; 16,800 − 516 − 9,400 = 6,884.
        ['Stage 2: Traction', '250–1,200 users', '$400–900/month', '$0.33–3.60/user/month*', '1,200 users', '$516/month*', '$0.43/user/month*', '$16,800/month*', '96.9%*', '$6,884/month*', '99.9%', '43.2 minutes*'],
        // 1,500 / 4,800 = 0.31, 3,000 / 1,200 = 2.50; 67,200 − 1,872 − 38,700 = 26,628.
        ['Stage 3: Growth', '1,200–4,800 users', '$1,500–3,000/month', '$0.31–2.50/user/month*', '4,800 users', '$1,872/month*', '$0.39/user/month*', '$67,200/month*', '97.2%*', '$26,628/month*', '99.95%', '21.6 minutes*'],
        ['Stage 4: Scale', '4,800+ users', '$3,000–8,000/month', '—', '—', '—', '—', '—', '—', '—', '99.99%', '4.32 minutes*'],
      ],
    );
    assert.deepEqual(d.notes, []);
    // 120 × 1.18^5 = 274 ≥ 250; 120 × 1.18^14 = 1,217 ≥ 1,200; 120 × 1.18^23 = 5,392 ≥ 4,800 (month 22: 4,570).
    // The first line is the growth lens's title, as long as a lens is.
    assert.deepEqual(d.growth, ['Growth 18%/month from 120 users: 250 users in month 5.', 'Stage 2: Traction: reached in month 5.', 'Stage 3: Growth: reached in month 14.', 'Stage 4: Scale: reached in month 23.']);
    const text = renderReport('samples/correct-plan.md', sample('correct-plan.md'), 'text');
    assert.ok(!text.includes('✗ ('));
    assert.ok(!text.includes('Inconsistent figures'));
  });

  it('correct-plan.md: shows the timeline each stage states on its `- Timeline:` line', { todo: 'the stage model reads a timeline only on the stage\'s own title line, not on the `- Timeline: Months 1-4` line under it: the column is empty' }, () => {
    const d = data('samples/correct-plan.md', sample('correct-plan.md'));
    assert.deepEqual(d.rows.map((r) => [r.timeline.text, r.timeline.line]), [['Months 1-4', 25], ['Months 5-13', 29], ['Months 14-22', 33], ['Months 23+', 37]]);
  });

  it('planted-errors.md: costs computed from the items (not the wrong stated totals), and the cost block\'s errors listed', () => {
    const d = data('samples/planted-errors.md', sample('planted-errors.md'));
    assert.deepEqual(
      d.rows.map((r) => [r.stage, show(r.at), show(r.cost), show(r.costPerUser), show(r.revenue), show(r.margin), show(r.profit), show(r.uptime), show(r.downtime)]),
      [
        // 72 + 48 + 11 = 131 (stated $141); 131 / 300 = 0.437; (432 − 141) / 432 = 67.4% over the infrastructure stated beside the revenue.
        ['Stage 1: Pilot', '300 users', '$131/month*', '$0.44/user/month*', '$432/month', '67.4%*', '$291/month*', '99.5%', '3.6 hours*'],
        ['Stage 2: Early Growth', '1,500 users', '$485/month*', '$0.32/user/month*', '$2,600/month ✗ $2,160/month', '81.3%*', '−$5,885/month*', '99.9%', '43.2 minutes*'],
        // (8,640 − 1,740) / 8,640 = 79.9% (stated 64%); 8,640 − 1,740 − 16,000 = −9,100 (stated −7,900).
        ['Stage 3: Expansion', '6,000 users', '$1,668/month*', '$0.28/user/month*', '$8,640/month', '79.9%*', '−$9,100/month*', '99.95%', '21.6 minutes*'],
        ['Stage 4: Scale', '—', '—', '—', '—', '—', '—', '99.99%', '4.32 minutes*'],
      ],
    );
    assert.deepEqual(d.notes.slice(0, 3), [
      'line 32: Total $141/month does not match 72 + 48 + 11 = $131/month (totals)',
      'line 39: Cost per user $0.36/month does not match 485 / 1,500 = $0.323/month (read as the total over the users) (cost-per-user)',
      'line 46: Change -35% does not match (0.28 − 0.36) / 0.36 = −22.2% (from $0.36/month at 1,500 users) (cost-change)',
    ]);
    assert.deepEqual(d.growth, ['No growth model: the plan states no monthly growth rate (frontmatter `assumptions.growth`, or a line such as `20% month over month`) with a stage list.']);
  });

  it('planted-errors.md: also lists the wrong margin and profit of the 6,000-user economics block', { todo: 'economics blocks titled by a bold line (`**6,000 users:**`) are not searched for findings (see the bold-title case above)' }, () => {
    const d = data('samples/planted-errors.md', sample('planted-errors.md'));
    assert.deepEqual(
      d.notes.map((n) => n.replace(/:.*\((\S+)\)$/, ' $1')),
      ['line 32 totals', 'line 39 cost-per-user', 'line 46 cost-change', 'line 82 gross-margin', 'line 83 profit'],
    );
  });

  it('stage-errors.md: the uptime that loosens is marked, each stage dated at 15% a month from 200 users', () => {
    const d = data('samples/stage-errors.md', sample('stage-errors.md'));
    assert.deepEqual(
      d.rows.map((r) => [r.stage, show(r.budget), show(r.budgetPerUser), show(r.at), show(r.cost), show(r.revenue), show(r.profit), show(r.uptime), show(r.downtime)]),
      [
        ['Stage 1: Harbour', '$80–200/month', '$0.20–0.50/user/month*', '400 users', '$160/month*', '$3,600/month*', '$3,440/month*', '99.5%', '3.6 hours*'],
        ['Stage 2: Coastline', '$300–900/month', '$0.15–2.25/user/month*', '2,000 users', '$1,000/month*', '$18,000/month*', '$8,000/month*', '99.9%', '43.2 minutes*'],
        ['Stage 3: Open Water', '$1,000–2,500/month', '$0.13–1.25/user/month*', '8,000 users', '$4,000/month*', '$72,000/month*', '$32,000/month*', '99.8% ✗', '86.4 minutes*'],
        ['Stage 4: Fleet', '$5,000–12,000/month', '—', '—', '—', '—', '—', '99.95%', '21.6 minutes*'],
      ],
    );
    assert.equal(d.rows[2]!.uptime.check?.rule, 'sla-progression');
    // 200 × 1.15^5 = 402 ≥ 400; 200 × 1.15^17 = 2,143 ≥ 2,000; 200 × 1.15^27 = 8,740 ≥ 8,000.
    assert.deepEqual(d.growth, ['Growth 15%/month from 200 users: 400 users in month 5.', 'Stage 2: Coastline: reached in month 5.', 'Stage 3: Open Water: reached in month 17.', 'Stage 4: Fleet: reached in month 27.']);
  });

  it('readiness-worksheet.md: no stages', () => {
    const out = renderReport('samples/readiness-worksheet.md', sample('readiness-worksheet.md'), 'text');
    assert.ok(out.startsWith('Scaling plan report: Scaling Readiness Worksheet: Fernbrook Analytics (samples/readiness-worksheet.md)\n\nNo stages with user ranges found.\n'));
  });

  it('seed 000: revenue from the ARPU, the stated revenues that disagree listed', { skip: seedsSkip }, () => {
    const d = data('000.md', seed('000_7c0a2102dead1249.md'));
    assert.deepEqual(d.rows.map((r) => [r.stage, show(r.at), show(r.cost), show(r.costPerUser), show(r.revenue), show(r.profit)]), [
      ['Stage 1: Foundation', '100 users', '$120/month*', '$1.20/user/month*', '$1,000/month*', '$880/month*'],
      ['Stage 2: Early Traction', '500 users', '$380/month*', '$0.76/user/month*', '$5,000/month*', '−$10,380/month*'],
      ['Stage 3: Growth', '2,500 users', '$1,400/month*', '$0.56/user/month*', '$25,000/month*', '−$6,400/month*'],
      ['Stage 4: Scale', '10,000 users', '$4,600/month*', '$0.46/user/month*', '$100,000/month*', '$35,400/month*'],
      ['Stage 5: Enterprise', '—', '—', '—', '—', '—'],
    ]);
    assert.deepEqual(d.notes, [
      'line 291: Revenue $37,500/month does not match 2,500 × 10 = $25,000/month (read as 2,500 users × the ARPU stated on line 274) (revenue)',
      'line 298: Revenue $200,000/month does not match 10,000 × 10 = $100,000/month (read as 10,000 users × the ARPU stated on line 274) (revenue)',
    ]);
  });
});

describe('scaling-plan report (command)', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-plan-report-'));
    writeFileSync(join(dir, 'plan.md'), sample('correct-plan.md'));
    writeFileSync(join(dir, 'no-month.md'), sample('correct-plan.md').replace('month: 30d\n', ''));
    writeFileSync(join(dir, 'ledgerly.md'), PLAN);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const usage = `\n${REPORT_USAGE}`;
  const cases: { name: string; args: string[]; code: number; out?: RegExp; err?: string }[] = [
    { name: 'text by default', args: ['plan.md'], code: 0, out: /^Scaling plan report: Tallyhouse Scaling Plan \(plan\.md\)\n/ },
    { name: 'markdown', args: ['plan.md', '--format', 'markdown'], code: 0, out: /^# Scaling plan report: Tallyhouse Scaling Plan\n/ },
    { name: 'json with --format=', args: ['--format=json', 'plan.md'], code: 0, out: /^\{\n {2}"file": "plan\.md",/ },
    { name: 'html with -f', args: ['-f', 'html', 'plan.md'], code: 0, out: /^<!doctype html>[\s\S]*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" id="stage-chart"/ },
    { name: 'help', args: ['--help'], code: 0, out: /^Usage: scaling-plan report FILE/ },
    { name: 'no file', args: [], code: 2, err: `scaling-plan: report needs a FILE\n${usage}` },
    { name: 'unknown format', args: ['plan.md', '--format', 'pdf'], code: 2, err: `scaling-plan: --format must be text, markdown, json or html, not 'pdf'\n${usage}` },
    { name: 'bad month', args: ['plan.md', '--month', '31d'], code: 2, err: `scaling-plan: --month must be 30d or 730h, not '31d'\n${usage}` },
    { name: 'two files', args: ['plan.md', 'other.md'], code: 2, err: `scaling-plan: report takes one file\n${usage}` },
    { name: 'missing file', args: ['absent.md'], code: 2, err: 'absent.md: no such file or folder\n' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cap = capture(dir);
      assert.equal(await runReport(c.args, cap.io), c.code);
      if (c.out) assert.match(cap.out(), c.out);
      if (c.err !== undefined) assert.equal(cap.err(), c.err);
      if (c.code !== 0) assert.equal(cap.out(), '');
    });
  }

  it('an unknown option is a usage error, not a stack trace', async () => {
    const cap = capture(dir);
    assert.equal(await runReport(['plan.md', '--bogus'], cap.io), 2);
    assert.equal(cap.err(), `scaling-plan: unknown option '--bogus'\n\n${REPORT_USAGE}`);
    assert.equal(cap.out(), '');
  });

  it('prints what renderReport renders, for a file', async () => {
    for (const format of ['text', 'markdown', 'json', 'html'] as const) {
      const cap = capture(dir);
      assert.equal(await main(['report', 'ledgerly.md', '--format', format], cap.io), 0);
      assert.equal(cap.out(), renderReport('ledgerly.md', PLAN, format), format);
      assert.equal(cap.err(), '');
    }
  });

  it('--month sets the month of a plan without one; the frontmatter\'s month wins', async () => {
    const downtime = (out: string): string[] => out.split('\n').filter((l) => /^Stage \d/.test(l)).map((l) => l.trimEnd().split(/\s{2,}/).pop()!);
    const cap = capture(dir);
    assert.equal(await main(['report', 'no-month.md', '--month', '730h'], cap.io), 0);
    // 0.5% × 43,800 = 219 minutes; 0.1% × 43,800 = 43.8; 0.05% × 43,800 = 21.9; 0.01% × 43,800 = 4.38.
    assert.deepEqual(downtime(cap.out()), ['3.65 hours*', '43.8 minutes*', '21.9 minutes*', '4.38 minutes*']);
    const auto = capture(dir);
    assert.equal(await main(['report', 'no-month.md'], auto.io), 0);
    assert.deepEqual(downtime(auto.out()), ['3.6 hours*', '43.2 minutes*', '21.6 minutes*', '4.32 minutes*'], 'a 30-day month by default');
    const own = capture(dir);
    assert.equal(await main(['report', 'plan.md', '--month', '730h'], own.io), 0);
    assert.deepEqual(downtime(own.out()), ['3.6 hours*', '43.2 minutes*', '21.6 minutes*', '4.32 minutes*']);
  });
});
