/**
 * `scaling-plan report FILE [--format text|markdown|json|html]`: the engine's projection table
 * per stage (users, timeline, budget, budget per user, modelled cost, cost per user, revenue,
 * gross margin, profit, uptime and the downtime it allows) and its growth model. Every figure is
 * a cell of that table, written by the engine's formatting; figures computed from others are
 * marked `*`, stated figures a check finds wrong are marked `✗` with the computed value. HTML
 * adds an SVG chart of cost per user and margin across stages, with no external assets. The
 * renderers are pure; only `runReport` reads the file.
 */
import { isAbsolute, resolve } from 'node:path';
import { createPlanService, positionAt, type Analysis, type Cell as EngineCell, type EngineOptions, type Finding, type ProjectionRow } from '../engine';
import { cellText, growthTitle, usersText } from '../engine/features';
import { parseCommand } from './args';
import { readText } from './files';
import type { Io } from './io';

export type ReportFormat = 'text' | 'markdown' | 'json' | 'html';

export const USAGE = `Usage: scaling-plan report FILE [options]

Prints each stage's projection (users, timeline, budget, modelled cost, cost per user,
revenue, gross margin, profit, uptime and downtime budget) and the growth model. Figures
marked * are computed from the plan's own figures; figures marked ✗ are stated in the plan
and found inconsistent by a check, with the value the check computes beside them.

Options:
  -f, --format <f>   text (default), markdown, json or html (with an SVG chart)
      --month <m>    Downtime per month over a 30-day month (30d) or 730 hours (730h)
  -h, --help         Show this help

Exit codes: 0 report printed, 2 usage or I/O error.
`;

/** A figure ready to print. */
export interface Cell {
  text: string;
  value?: number;
  high?: number;
  /** Computed from other figures (its formula). */
  formula?: string;
  /** A check finds the stated figure inconsistent. */
  check?: { rule: string; message: string; expected?: string };
  /** 1-based line where it is stated, or its inputs are. */
  line?: number;
}

export interface ReportRow {
  stage: string;
  line: number;
  users: string;
  timeline: Cell;
  budget: Cell;
  budgetPerUser: Cell;
  /** Where the cost is modelled: `2,500 users`. */
  at: Cell;
  cost: Cell;
  costPerUser: Cell;
  revenue: Cell;
  margin: Cell;
  profit: Cell;
  uptime: Cell;
  downtime: Cell;
}

export interface ReportData {
  file: string;
  title: string;
  /** 1-based line of the main stage list, when there is one. */
  listLine?: number;
  rows: ReportRow[];
  growth: string[];
  /** The checks' findings on figures of the table. */
  notes: string[];
}

const EMPTY: Cell = { text: '—' };

type CellKey = 'budget' | 'budgetPerUser' | 'cost' | 'costPerUser' | 'revenue' | 'margin' | 'profit' | 'uptime' | 'downtime';

function lineOf(analysis: Analysis, offset: number): number {
  return positionAt(analysis.model!.outline.lineStarts, offset).line + 1;
}

function findingsBySpan(findings: Finding[]): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const f of findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    const key = `${f.span.start}:${f.span.end}`;
    if (!out.has(key)) out.set(key, f);
  }
  return out;
}

/** A table cell: the engine's figure, its formula, and the check that disagrees with a stated one. */
function cell(analysis: Analysis, c: EngineCell | undefined, checks: Map<string, Finding>): Cell {
  if (!c) return EMPTY;
  const out: Cell = { text: cellText(c, analysis.style), value: c.low };
  if (c.high !== undefined) out.high = c.high;
  if (c.formula) {
    out.formula = c.formula;
    out.text += '*';
  }
  const src = c.sources[0];
  if (src) out.line = lineOf(analysis, src.start);
  if (c.stated && src) {
    const f = checks.get(`${src.start}:${src.end}`);
    if (f) {
      out.check = { rule: f.rule, message: f.message };
      const e = f.data?.expected;
      if (typeof e === 'number') out.check.expected = cellText({ low: e, unit: c.unit, stated: false }, analysis.style);
    }
  }
  return out;
}

function rowOf(analysis: Analysis, r: ProjectionRow, checks: Map<string, Finding>): ReportRow {
  const get = (k: CellKey): Cell => cell(analysis, r[k], checks);
  const entry = r.entry !== undefined ? analysis.stages().entries[r.entry] : undefined;
  const peers = entry ? analysis.stages().entries.filter((e) => e.word && entry.word && e.word.toLowerCase() === entry.word.toLowerCase() && e.number === entry.number) : [];
  const timed = [entry, ...peers].find((e) => e?.timeline);
  const text = analysis.text;
  return {
    stage: r.label,
    line: r.line + 1,
    users: r.users ? usersText(r.users, analysis.style) : '',
    timeline: timed?.timeline ? { text: text.slice(timed.timeline.span.start, timed.timeline.span.end), line: timed.line + 1 } : EMPTY,
    budget: get('budget'),
    budgetPerUser: get('budgetPerUser'),
    at: r.modelled ? { text: r.modelled.label, line: r.modelled.line + 1 } : EMPTY,
    cost: get('cost'),
    costPerUser: get('costPerUser'),
    revenue: get('revenue'),
    margin: get('margin'),
    profit: get('profit'),
    uptime: get('uptime'),
    downtime: get('downtime'),
  };
}

/** Everything a report shows, from an analysis of the plan. */
export function reportData(file: string, analysis: Analysis): ReportData {
  const model = analysis.model!;
  const projection = analysis.projection();
  const checks = findingsBySpan(analysis.findings);
  const rows = projection.rows.filter((r) => r.kind === 'stage').map((r) => rowOf(analysis, r, checks));
  const notes: string[] = [];
  // The checks' findings on the figures the table is read from: its stated cells and the blocks it models.
  const blockLines = new Set<number>();
  for (const r of projection.rows) {
    if (r.kind !== 'stage') continue;
    for (const at of [r.modelled, r.economics]) {
      if (!at) continue;
      const block = model.blocks.find((b) => b.titleLine === at.line || b.start === at.line);
      if (block) for (let l = block.start; l <= block.end; l++) blockLines.add(l);
    }
  }
  for (const f of analysis.findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    const line = lineOf(analysis, f.span.start);
    if (blockLines.has(line - 1) || rows.some((r) => Object.values(r).some((c) => typeof c === 'object' && c.check && c.line === line))) notes.push(`line ${line}: ${f.message} (${f.rule})`);
  }
  const growth: string[] = [];
  const g = projection.growth;
  const title = g ? growthTitle(g, analysis.style) : undefined;
  if (g && title) growth.push(`${title.replace(/, …$/, '')}.`);
  if (g && g.thresholds.length > 0) for (const t of g.thresholds) if (t.month > 0) growth.push(`${t.label ?? `${t.users} users`}: reached in month ${t.month}.`);
  if (!g) growth.push('No growth model: the plan states no monthly growth rate (frontmatter `assumptions.growth`, or a line such as `20% month over month`) with a stage list.');
  const h1 = model.sections.find((s) => s.line !== undefined && s.level === 1);
  const data: ReportData = { file, title: h1?.title ?? file, rows, growth, notes };
  const first = analysis.stages().primary?.entries[0];
  if (first) data.listLine = first.line + 1;
  return data;
}

const COLUMNS: [keyof ReportRow, string][] = [
  ['stage', 'Stage'],
  ['users', 'Users'],
  ['timeline', 'Timeline'],
  ['budget', 'Budget'],
  ['budgetPerUser', 'Budget/user'],
  ['at', 'Modelled at'],
  ['cost', 'Cost'],
  ['costPerUser', 'Cost/user'],
  ['revenue', 'Revenue'],
  ['margin', 'Gross margin'],
  ['profit', 'Profit'],
  ['uptime', 'Uptime'],
  ['downtime', 'Downtime/month'],
];

function text(v: ReportRow[keyof ReportRow]): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return v.check ? `${v.text} ✗${v.check.expected ? ` (checks: ${v.check.expected})` : ''}` : v.text;
}

/** Columns with at least one figure. */
function used(d: ReportData): [keyof ReportRow, string][] {
  return COLUMNS.filter(([k]) => k === 'stage' || k === 'users' || d.rows.some((r) => text(r[k]) !== '—'));
}

const FOOTNOTES = ["* computed from the plan's own figures (the formula is in the JSON and HTML reports).", '✗ stated in the plan and found inconsistent by a check; the value the check computes is beside it.'];

export function renderText(d: ReportData): string {
  const cols = used(d);
  const table = [cols.map(([, h]) => h), ...d.rows.map((r) => cols.map(([k]) => text(r[k])))];
  const widths = cols.map((_, i) => Math.max(...table.map((row) => [...row[i]!].length)));
  const lines = table.map((row) => row.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  let out = `Scaling plan report: ${d.title} (${d.file})\n\n`;
  if (d.rows.length === 0) out += 'No stages with user ranges found.\n';
  else out += `Stages (stage list on line ${d.listLine})\n\n${lines.join('\n')}\n\n${FOOTNOTES.join('\n')}\n`;
  if (d.notes.length > 0) out += `\nInconsistent figures\n${d.notes.map((n) => `  ${n}`).join('\n')}\n`;
  out += `\nGrowth model\n${d.growth.map((g) => `  ${g}`).join('\n')}\n`;
  return out;
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

export function renderMarkdown(d: ReportData): string {
  const cols = used(d);
  let out = `# Scaling plan report: ${d.title}\n\nFile: \`${d.file}\`\n\n`;
  if (d.rows.length === 0) out += 'No stages with user ranges found.\n';
  else {
    out += `## Stages\n\nFrom the stage list on line ${d.listLine}.\n\n`;
    out += `| ${cols.map(([, h]) => h).join(' | ')} |\n|${cols.map(() => '---').join('|')}|\n`;
    for (const r of d.rows) out += `| ${cols.map(([k]) => mdEscape(text(r[k]))).join(' | ')} |\n`;
    out += `\n${FOOTNOTES.map((f) => `${f}  `).join('\n')}\n`;
  }
  if (d.notes.length > 0) out += `\n## Inconsistent figures\n\n${d.notes.map((n) => `- ${n}`).join('\n')}\n`;
  out += `\n## Growth model\n\n${d.growth.map((g) => `- ${g}`).join('\n')}\n`;
  return out;
}

/** The report as JSON: the same rows, each figure with its value, text, formula and line. */
export function renderJson(d: ReportData): string {
  return `${JSON.stringify({ file: d.file, title: d.title, listLine: d.listLine ?? null, stages: d.rows, growth: d.growth, notes: d.notes }, null, 2)}\n`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Escaped text with its markdown code spans (`` `start-users` ``) as `<code>`. */
function escInline(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

interface ChartPoint {
  label: string;
  users: string;
  costPerUser?: Cell;
  margin?: Cell;
}

/** An SVG line chart: cost per user (left axis) and gross margin (right axis) per stage. */
export function renderChart(points: ChartPoint[]): string {
  const W = 720;
  const H = 320;
  const left = 70;
  const right = 70;
  const top = 30;
  const bottom = 70;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const costs = points.map((p) => p.costPerUser?.value).filter((v): v is number => v !== undefined);
  const margins = points.map((p) => p.margin?.value).filter((v): v is number => v !== undefined);
  const maxCost = costs.length ? Math.max(...costs) * 1.15 || 1 : 1;
  const minMargin = margins.length ? Math.min(0, ...margins) : 0;
  const x = (i: number): number => left + (points.length === 1 ? plotW / 2 : (plotW * i) / (points.length - 1));
  const yCost = (v: number): number => top + plotH - (v / maxCost) * plotH;
  const yMargin = (v: number): number => top + plotH - ((v - minMargin) / (100 - minMargin)) * plotH;
  const r = (n: number): string => n.toFixed(1);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" id="stage-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Cost per user and gross margin by stage">`);
  parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#ccc"/>`);
  for (let t = 0; t <= 4; t++) {
    const y = top + (plotH * t) / 4;
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${r(y)}" y2="${r(y)}" stroke="#eee"/>`);
  }
  points.forEach((p, i) => {
    parts.push(`<text class="axis stage" x="${r(x(i))}" y="${top + plotH + 18}" text-anchor="middle">${esc(p.label)}</text>`);
    parts.push(`<text class="axis users" x="${r(x(i))}" y="${top + plotH + 34}" text-anchor="middle">${esc(p.users)}</text>`);
  });
  /** `what` says what the figure is, unless its text says so already (`$0.60/user/month`). */
  const series = (name: 'cost-per-user' | 'margin', color: string, value: (p: ChartPoint) => Cell | undefined, y: (v: number) => number, what: string, said?: RegExp): void => {
    const pts = points.map((p, i) => ({ p, i, c: value(p) })).filter((q): q is { p: ChartPoint; i: number; c: Cell & { value: number } } => q.c?.value !== undefined);
    if (pts.length > 1) parts.push(`<polyline class="series ${name}" fill="none" stroke="${color}" stroke-width="2" points="${pts.map((q) => `${r(x(q.i))},${r(y(q.c.value))}`).join(' ')}"/>`);
    for (const q of pts) {
      parts.push(
        `<circle class="point ${name}" data-series="${name}" data-stage="${esc(q.p.label)}" data-value="${q.c.value}" cx="${r(x(q.i))}" cy="${r(y(q.c.value))}" r="5" fill="${color}"><title>${esc(`${q.p.label}: ${q.c.text.replace(/\*$/, '')}${said?.test(q.c.text) ? '' : ` ${what}`}`)}</title></circle>`,
      );
    }
  };
  series('cost-per-user', '#1f6feb', (p) => p.costPerUser, yCost, 'per user', /\/user\b/);
  series('margin', '#d1242f', (p) => p.margin, yMargin, 'gross margin');
  parts.push(`<g class="legend" transform="translate(${left},${H - 14})"><circle r="5" cx="0" cy="-4" fill="#1f6feb"/><text x="10" y="0">Cost per user (left)</text><circle r="5" cx="230" cy="-4" fill="#d1242f"/><text x="240" y="0">Gross margin (right)</text></g>`);
  parts.push('</svg>');
  return parts.join('\n');
}

/** The chart's points: each stage's cost per user and margin at its modelled users. */
export function chartPoints(d: ReportData): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const r of d.rows) {
    if (r.costPerUser === EMPTY && r.margin === EMPTY) continue;
    const m = /^((?:stage|phase|tier|level)\s*\d+)/i.exec(r.stage);
    const point: ChartPoint = { label: m ? m[1]! : r.stage, users: r.at.text };
    if (r.costPerUser !== EMPTY) point.costPerUser = r.costPerUser;
    if (r.margin !== EMPTY) point.margin = r.margin;
    out.push(point);
  }
  return out;
}

export function renderHtml(d: ReportData): string {
  const cols = used(d);
  const head = cols.map(([, h]) => `<th>${esc(h)}</th>`).join('');
  const body = d.rows
    .map((r) => {
      const tds = cols
        .map(([k]) => {
          const v = r[k];
          if (typeof v === 'string' || typeof v === 'number') return `<td>${esc(String(v))}</td>`;
          const cls = v.check ? ' class="inconsistent"' : v.formula ? ' class="computed"' : '';
          const title = v.check ? ` title="${esc(v.check.message)}"` : v.formula ? ` title="${esc(`= ${v.formula}`)}"` : '';
          return `<td${cls}${title}>${esc(text(v))}</td>`;
        })
        .join('');
      return `<tr data-line="${r.line}">${tds}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(`Scaling plan report: ${d.title}`)}</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1f2328; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; white-space: nowrap; }
th { background: #f6f8fa; }
td.computed { color: #57606a; font-style: italic; }
td.inconsistent { background: #ffebe9; color: #82071e; }
svg text { font: 12px system-ui, sans-serif; fill: #57606a; }
.notes li, .growth li { margin: 2px 0; }
</style>
</head>
<body>
<h1>${esc(`Scaling plan report: ${d.title}`)}</h1>
<p>File: <code>${esc(d.file)}</code>${d.listLine ? `; stage list on line ${d.listLine}` : ''}.</p>
${d.rows.length === 0 ? '<p>No stages with user ranges found.</p>' : `<h2>Stages</h2>
<table id="projections">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<p class="footnotes">${FOOTNOTES.map(esc).join('<br>')}</p>
<h2>Cost per user and gross margin</h2>
${renderChart(chartPoints(d))}`}
${d.notes.length ? `<h2>Inconsistent figures</h2>\n<ul class="notes">${d.notes.map((n) => `<li>${escInline(n)}</li>`).join('')}</ul>` : ''}
<h2>Growth model</h2>
<ul class="growth">${d.growth.map((g) => `<li>${escInline(g)}</li>`).join('')}</ul>
</body>
</html>
`;
}

/** The report of `text` (named `file`) in `format`. Pure. */
export function renderReport(file: string, source: string, format: ReportFormat, options: Partial<EngineOptions> = {}): string {
  const analysis = createPlanService().analyze(source, options);
  if (!analysis.model) return format === 'json' ? `${JSON.stringify({ file, stages: [], growth: [], notes: [], error: 'not analysed: too large' })}\n` : `${file}: not analysed (too large)\n`;
  const d = reportData(file, analysis);
  switch (format) {
    case 'json':
      return renderJson(d);
    case 'markdown':
      return renderMarkdown(d);
    case 'html':
      return renderHtml(d);
    default:
      return renderText(d);
  }
}

const FORMATS = new Set<ReportFormat>(['text', 'markdown', 'json', 'html']);

/** `scaling-plan report`: resolves to the exit code (0 printed, 2 usage or I/O error). */
export async function runReport(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, { format: { type: 'string', short: 'f' }, month: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) {
    io.stderr(`scaling-plan: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const { positionals } = parsed.value;
  const values = parsed.value.values as { format?: string; month?: string; help?: boolean };
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const format = (values.format ?? 'text') as ReportFormat;
  if (!FORMATS.has(format)) {
    io.stderr(`scaling-plan: --format must be text, markdown, json or html, not '${values.format}'\n\n${USAGE}`);
    return 2;
  }
  if (values.month !== undefined && values.month !== '30d' && values.month !== '730h') {
    io.stderr(`scaling-plan: --month must be 30d or 730h, not '${values.month}'\n\n${USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) {
    io.stderr(`scaling-plan: report ${positionals.length === 0 ? 'needs a FILE' : 'takes one file'}\n\n${USAGE}`);
    return 2;
  }
  const file = positionals[0]!;
  const absolute = isAbsolute(file) ? file : resolve(io.cwd, file);
  const read = readText(absolute, 2 * 1024 * 1024);
  if (read.kind !== 'text') {
    io.stderr(`${file}: ${read.kind === 'huge' ? 'too large to read' : read.message}\n`);
    return 2;
  }
  const options: Partial<EngineOptions> = values.month ? { month: values.month as '30d' | '730h' } : {};
  io.stdout(renderReport(file, read.text, format, options));
  return 0;
}
