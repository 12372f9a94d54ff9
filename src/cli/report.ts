/**
 * `scaling-plan report FILE [--format text|markdown|json|html]`: each stage's projection (users,
 * timeline, budget, modelled cost, cost per user, revenue, gross margin, profit, team, uptime
 * and the downtime it allows) and the growth model. Figures are shown as the plan states them;
 * a figure the checks find inconsistent is marked, with the computed value beside it. HTML adds
 * an SVG chart of cost per user and margin across stages, with no external assets.
 * The renderers are pure; only `runReport` reads the file.
 */
import { isAbsolute, resolve } from 'node:path';
import { analyze, positionAt, show, stageModel, type Analysis, type Finding, type ProjectedFigure, type Span, type StageModel, type StageProjection } from '../engine';
import { money as ruleMoney } from '../engine/rule';
import { readText } from './files';
import type { Io } from './io';

export type ReportFormat = 'text' | 'markdown' | 'json' | 'html';

const USAGE = `Usage: scaling-plan report FILE [options]

Prints each stage's projection (users, timeline, budget, modelled cost, cost per user,
revenue, gross margin, profit, team, uptime and downtime budget) and the growth model.
Figures are shown as the plan states them; figures the checks find inconsistent are marked
with the computed value beside them; figures marked * are computed from the plan's own
figures and assumptions.

Options:
  -f, --format <f>   text (default), markdown, json or html (with an SVG chart)
      --month <m>    Downtime per month over a 30-day month (30d) or 730 hours (730h)
  -h, --help         Show this help

Exit codes: 0 report printed, 2 usage or I/O error.
`;

/** A figure ready to print: its text, whether computed, and the check that disagrees with it. */
export interface Cell {
  text: string;
  value?: number;
  computed?: boolean;
  /** Set when a check finds the stated figure inconsistent. */
  check?: { rule: string; message: string; expected?: string };
  line?: number;
}

export interface ReportRow {
  stage: string;
  key: string;
  line: number;
  users: string;
  timeline: Cell;
  budget: Cell;
  at: Cell;
  cost: Cell;
  costPerUser: Cell;
  revenue: Cell;
  margin: Cell;
  profit: Cell;
  team: Cell;
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

/** `$1,200`, `$0.40`: cents only when an amount has them, and always two of them. */
function money(value: number): string {
  const cents = Math.abs(value) < 1000 && Math.round(Math.abs(value) * 100) % 100 !== 0;
  if (!cents) return ruleMoney(Math.round(value));
  return `${value < 0 ? '−' : ''}$${Math.abs(value).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** A cost per user: always with its cents below $1,000 (`$1.00`, `$0.40`). */
function perUserMoney(value: number): string {
  if (Math.abs(value) >= 1000) return money(value);
  return `${value < 0 ? '−' : ''}$${Math.abs(value).toFixed(2)}`;
}

/** Text without a trailing `/month` (the columns say per month). */
function perMonthText(raw: string): string {
  return raw.replace(/\s*(?:\/\s?|per\s+)(?:month|mo)\b\.?$/i, '').replace(/\s+monthly$/i, '');
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

function expectedText(f: Finding, fig: ProjectedFigure): string | undefined {
  const e = f.data?.expected;
  if (typeof e !== 'number') return undefined;
  if (fig.raw?.includes('%')) return `${show(e, 1)}%`;
  if (fig.raw && /[$€£]/.test(fig.raw)) return money(e);
  return show(e, 2);
}

function cell(fig: ProjectedFigure | undefined, checks: Map<string, Finding>, kind: 'money' | 'perUser' | 'percent' | 'plain' = 'money'): Cell {
  if (!fig) return EMPTY;
  if (fig.source === 'computed') {
    const text = kind === 'percent' ? `${show(fig.value, 1)}%` : kind === 'money' ? money(fig.value) : kind === 'perUser' ? perUserMoney(fig.value) : show(fig.value, 2);
    return { text: `${text}*`, value: fig.value, computed: true };
  }
  const c: Cell = { text: perMonthText(fig.raw ?? show(fig.value)), value: fig.value };
  if (fig.line !== undefined) c.line = fig.line + 1;
  const f = fig.span ? checks.get(`${fig.span.start}:${fig.span.end}`) : undefined;
  if (f) {
    c.check = { rule: f.rule, message: f.message };
    const e = expectedText(f, fig);
    if (e) c.check.expected = e;
  }
  return c;
}

function duration(minutes: number): string {
  if (minutes < 1) return `${show(minutes * 60, 1)} seconds`;
  if (minutes < 120) return `${show(minutes, 1)} minutes`;
  if (minutes < 72 * 60) return `${show(minutes / 60, 1)} hours`;
  return `${show(minutes / 1440, 1)} days`;
}

/** A stated downtime is per month: `43 minutes downtime/month`, `3.6 hours of downtime a month`. */
const PER_MONTH_AFTER = /^[^\d$]{0,40}?(?:\/\s?|\bper\s+|\ba\s+|\beach\s+)(?:month|mo)\b|^[^\d$]{0,40}?\bmonthly\b/i;

/**
 * The downtime budget a stage's uptime allows per month: as the plan states it beside the
 * uptime when it states it per month (marked when the downtime check disagrees), else computed.
 */
function downtimeCell(p: StageProjection, checks: Map<string, Finding>, text: string): Cell {
  const d = p.downtime;
  if (!d) return EMPTY;
  const s = d.stated;
  if (s?.span && PER_MONTH_AFTER.test(text.slice(s.span.end, s.span.end + 60))) {
    const c = cell(s, checks, 'plain');
    const e = checks.get(`${s.span.start}:${s.span.end}`)?.data?.expected;
    if (c.check && typeof e === 'number') c.check.expected = `${show(e, 2)} ${(s.raw ?? '').replace(/^[\d.,\s]+/, '')}`.trim();
    return c;
  }
  return { text: `${duration(d.perMonth)}*`, value: d.perMonth, computed: true };
}

function lineOf(analysis: Analysis, span: Span): number {
  return positionAt(analysis.model!.doc.lineStarts, span.start).line + 1;
}

function rowsOf(p: StageProjection, checks: Map<string, Finding>, text: string): ReportRow[] {
  const base = {
    stage: p.label,
    key: p.key,
    line: p.line + 1,
    users: p.users.text,
    timeline: p.timeline ? { text: p.timeline.text, line: p.timeline.line + 1 } : EMPTY,
    budget: cell(p.budget, checks),
    uptime: p.uptime ? cell(p.uptime, checks, 'percent') : EMPTY,
    downtime: downtimeCell(p, checks, text),
  };
  const points = p.points.length > 0 ? p.points : [undefined];
  return points.map((pt, i) => {
    const team = pt?.team ? cell(pt.team, checks) : EMPTY;
    const size = pt?.teamSize ?? (i === points.length - 1 ? p.teamSize : undefined);
    const teamCell: Cell = size ? { ...team, text: `${team === EMPTY ? '' : `${team.text}, `}${show(size.value)}${size.high !== undefined ? `–${show(size.high)}` : ''} people` } : team;
    const row: ReportRow = {
      ...base,
      ...(i > 0 ? { stage: '', users: '', timeline: EMPTY, budget: EMPTY, uptime: EMPTY, downtime: EMPTY } : {}),
      at: pt ? { text: show(pt.users), value: pt.users } : EMPTY,
      cost: cell(pt?.cost, checks),
      costPerUser: cell(pt?.costPerUser, checks, 'perUser'),
      revenue: cell(pt?.revenue, checks),
      margin: cell(pt?.margin, checks, 'percent'),
      profit: cell(pt?.profit, checks),
      team: teamCell,
    };
    return row;
  });
}

/** Everything a report shows, from an analysis of the plan. */
export function reportData(file: string, analysis: Analysis): ReportData {
  const model = analysis.model!;
  const sm: StageModel = stageModel(model);
  const checks = findingsBySpan(analysis.findings);
  const rows = sm.projections.flatMap((p) => rowsOf(p, checks, model.text));
  const notes: string[] = [];
  for (const r of rows) {
    for (const [what, c] of [
      ['budget', r.budget],
      ['cost', r.cost],
      ['cost per user', r.costPerUser],
      ['revenue', r.revenue],
      ['gross margin', r.margin],
      ['profit', r.profit],
      ['team', r.team],
      ['uptime', r.uptime],
      ['downtime', r.downtime],
    ] as const) {
      if (c.check) notes.push(`line ${c.line ?? r.line}: ${what} ${r.at === EMPTY ? `for ${r.stage}` : `at ${r.at.text} users`}: ${c.check.message} (${c.check.rule})`);
    }
  }
  const growth: string[] = [];
  const g = sm.growth;
  if (g.rate) {
    const where = g.rate.line >= 0 ? `line ${g.rate.line + 1}` : 'frontmatter';
    const start = g.startUsers ? ` from ${show(g.startUsers.value)} users (${g.startUsers.line >= 0 ? `line ${g.startUsers.line + 1}` : 'frontmatter'})` : '';
    growth.push(`Growth rate: ${show(g.rate.value * 100, 2)}% per month (${where})${start}.`);
    if (!g.startUsers) growth.push('No starting user count stated (frontmatter `start-users`, or `from 120 users today`): thresholds cannot be dated.');
    for (const t of g.thresholds) if (t.users > 0) growth.push(`${t.label}: ${show(t.users)} users reached in month ${t.month}.`);
  } else {
    growth.push('No growth rate stated (frontmatter `assumptions.growth`, or a line such as `20% month over month`).');
  }
  for (const i of g.implied) {
    growth.push(`${i.label}: its timeline (line ${lineOf(analysis, i.span)}) takes ${show(i.from)} to ${show(i.to)} users in ${show(i.months)} months: ${show(i.monthlyGrowth * 100, 1)}% growth per month.`);
  }
  const h1 = model.sections.find((s) => s.heading && s.level === 1);
  const data: ReportData = { file, title: h1?.title ?? file, rows, growth, notes };
  if (sm.primary) data.listLine = sm.primary.entries[0]!.line + 1;
  return data;
}

const COLUMNS: [keyof ReportRow, string][] = [
  ['stage', 'Stage'],
  ['users', 'Users'],
  ['timeline', 'Timeline'],
  ['budget', 'Budget/month'],
  ['at', 'At users'],
  ['cost', 'Cost/month'],
  ['costPerUser', 'Cost/user'],
  ['revenue', 'Revenue/month'],
  ['margin', 'Gross margin'],
  ['profit', 'Profit/month'],
  ['team', 'Team'],
  ['uptime', 'Uptime'],
  ['downtime', 'Downtime budget/month'],
];

function cellText(v: ReportRow[keyof ReportRow]): string {
  if (typeof v === 'string') return v || '';
  if (typeof v === 'number') return String(v);
  return v.check ? `${v.text} ✗${v.check.expected ? ` (checks: ${v.check.expected})` : ''}` : v.text;
}

const FOOTNOTES = [
  '* computed from the plan\'s own figures and assumptions (not stated in the plan).',
  '✗ a check finds the stated figure inconsistent; the value the checks compute is beside it.',
];

export function renderText(d: ReportData): string {
  const table = [COLUMNS.map(([, h]) => h), ...d.rows.map((r) => COLUMNS.map(([k]) => cellText(r[k])))];
  const widths = COLUMNS.map((_, i) => Math.max(...table.map((row) => [...row[i]!].length)));
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
  let out = `# Scaling plan report: ${d.title}\n\nFile: \`${d.file}\`\n\n`;
  if (d.rows.length === 0) out += 'No stages with user ranges found.\n';
  else {
    out += `## Stages\n\nFrom the stage list on line ${d.listLine}.\n\n`;
    out += `| ${COLUMNS.map(([, h]) => h).join(' | ')} |\n|${COLUMNS.map(() => '---').join('|')}|\n`;
    for (const r of d.rows) out += `| ${COLUMNS.map(([k]) => mdEscape(cellText(r[k]))).join(' | ')} |\n`;
    out += `\n${FOOTNOTES.map((f) => `${f}  `).join('\n')}\n`;
  }
  if (d.notes.length > 0) out += `\n## Inconsistent figures\n\n${d.notes.map((n) => `- ${n}`).join('\n')}\n`;
  out += `\n## Growth model\n\n${d.growth.map((g) => `- ${g}`).join('\n')}\n`;
  return out;
}

/** Projections and the growth model as JSON, spans as 0-based LSP ranges. */
export function renderJson(file: string, analysis: Analysis): string {
  const model = analysis.model!;
  const sm = stageModel(model);
  const checks = findingsBySpan(analysis.findings);
  const starts = model.doc.lineStarts;
  const convert = (v: unknown): unknown => {
    // Computed figures without floating-point noise: 43.2, not 43.19999999999524.
    if (typeof v === 'number') return Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v;
    if (Array.isArray(v)) return v.map(convert);
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      if ((k === 'span' || k === 'usersSpan') && x && typeof x === 'object' && 'start' in x) {
        const s = x as Span;
        out[k === 'span' ? 'range' : 'usersRange'] = { start: positionAt(starts, s.start), end: positionAt(starts, s.end) };
        if (o.source === 'stated') {
          const f = checks.get(`${s.start}:${s.end}`);
          if (f) out.check = { rule: f.rule, severity: f.severity, message: f.message, ...(typeof f.data?.expected === 'number' ? { expected: f.data.expected } : {}) };
        }
        continue;
      }
      out[k] = convert(x);
    }
    return out;
  };
  return `${JSON.stringify({ file, stages: convert(sm.projections), growth: convert(sm.growth) }, null, 2)}\n`;
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
  users: number;
  costPerUser?: number;
  margin?: number;
}

/** An SVG line chart: cost per user (left axis, $) and gross margin (right axis, %) per stage. */
export function renderChart(points: ChartPoint[]): string {
  const W = 720;
  const H = 320;
  const left = 70;
  const right = 70;
  const top = 30;
  const bottom = 70;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const costs = points.map((p) => p.costPerUser).filter((v): v is number => v !== undefined);
  const margins = points.map((p) => p.margin).filter((v): v is number => v !== undefined);
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
    parts.push(`<text class="axis cost" x="${left - 8}" y="${r(y + 4)}" text-anchor="end">${esc(money(maxCost * (1 - t / 4)))}</text>`);
    parts.push(`<text class="axis margin" x="${left + plotW + 8}" y="${r(y + 4)}">${esc(`${show(100 - ((100 - minMargin) * t) / 4, 0)}%`)}</text>`);
  }
  points.forEach((p, i) => {
    parts.push(`<text class="axis stage" x="${r(x(i))}" y="${top + plotH + 18}" text-anchor="middle">${esc(p.label)}</text>`);
    parts.push(`<text class="axis users" x="${r(x(i))}" y="${top + plotH + 34}" text-anchor="middle">${esc(`${show(p.users)} users`)}</text>`);
  });
  const series = (name: 'cost-per-user' | 'margin', color: string, value: (p: ChartPoint) => number | undefined, y: (v: number) => number, fmt: (v: number) => string): void => {
    const pts = points.map((p, i) => ({ p, i, v: value(p) })).filter((q): q is { p: ChartPoint; i: number; v: number } => q.v !== undefined);
    if (pts.length > 1) parts.push(`<polyline class="series ${name}" fill="none" stroke="${color}" stroke-width="2" points="${pts.map((q) => `${r(x(q.i))},${r(y(q.v))}`).join(' ')}"/>`);
    for (const q of pts) {
      parts.push(
        `<circle class="point ${name}" data-series="${name}" data-stage="${esc(q.p.label)}" data-users="${q.p.users}" data-value="${q.v}" cx="${r(x(q.i))}" cy="${r(y(q.v))}" r="5" fill="${color}"><title>${esc(`${q.p.label}: ${fmt(q.v)}`)}</title></circle>`,
      );
    }
  };
  series('cost-per-user', '#1f6feb', (p) => p.costPerUser, yCost, (v) => `${perUserMoney(v)} per user`);
  series('margin', '#d1242f', (p) => p.margin, yMargin, (v) => `${show(v, 1)}% gross margin`);
  parts.push(`<g class="legend" transform="translate(${left},${H - 14})"><circle r="5" cx="0" cy="-4" fill="#1f6feb"/><text x="10" y="0">Cost per user ($/month, left)</text><circle r="5" cx="230" cy="-4" fill="#d1242f"/><text x="240" y="0">Gross margin (%, right)</text></g>`);
  parts.push('</svg>');
  return parts.join('\n');
}

export function renderHtml(d: ReportData, chart: ChartPoint[]): string {
  const head = COLUMNS.map(([, h]) => `<th>${esc(h)}</th>`).join('');
  const body = d.rows
    .map((r) => {
      const tds = COLUMNS.map(([k]) => {
        const v = r[k];
        if (typeof v === 'string' || typeof v === 'number') return `<td>${esc(String(v))}</td>`;
        const cls = v.check ? ' class="inconsistent"' : v.computed ? ' class="computed"' : '';
        const title = v.check ? ` title="${esc(v.check.message)}"` : '';
        return `<td${cls}${title}>${esc(cellText(v))}</td>`;
      }).join('');
      return `<tr data-stage="${esc(r.key)}">${tds}</tr>`;
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
${renderChart(chart)}`}
${d.notes.length ? `<h2>Inconsistent figures</h2>\n<ul class="notes">${d.notes.map((n) => `<li>${escInline(n)}</li>`).join('')}</ul>` : ''}
<h2>Growth model</h2>
<ul class="growth">${d.growth.map((g) => `<li>${escInline(g)}</li>`).join('')}</ul>
</body>
</html>
`;
}

/** The chart's points: each stage's projection at its users. */
export function chartPoints(sm: StageModel): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const p of sm.projections) {
    const at = p.at;
    if (!at || (!at.costPerUser && !at.margin)) continue;
    const point: ChartPoint = { label: p.number !== undefined ? `${p.word} ${p.number}` : p.label, users: at.users };
    if (at.costPerUser) point.costPerUser = at.costPerUser.value;
    if (at.margin) point.margin = at.margin.value;
    out.push(point);
  }
  return out;
}

/** The report of `text` (named `file`) in `format`. Pure. */
export function renderReport(file: string, text: string, format: ReportFormat, options: Parameters<typeof analyze>[1] = {}): string {
  const analysis = analyze(text, options);
  if (!analysis.model) return format === 'json' ? `${JSON.stringify({ file, stages: [], growth: null, error: 'not analysed: too large' })}\n` : `${file}: not analysed (too large)\n`;
  switch (format) {
    case 'json':
      return renderJson(file, analysis);
    case 'markdown':
      return renderMarkdown(reportData(file, analysis));
    case 'html':
      return renderHtml(reportData(file, analysis), chartPoints(stageModel(analysis.model)));
    default:
      return renderText(reportData(file, analysis));
  }
}

interface ReportArgs {
  file?: string;
  format: ReportFormat;
  month?: '30d' | '730h';
  help: boolean;
}

function parseArgs(args: string[]): { ok: true; value: ReportArgs } | { ok: false; error: string } {
  const out: ReportArgs = { format: 'text', help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '-h' || flag === '--help') out.help = true;
    else if (flag === '-f' || flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'markdown' && v !== 'json' && v !== 'html') return { ok: false, error: `--format must be text, markdown, json or html${v === undefined ? '' : `, not '${v}'`}` };
      out.format = v;
    } else if (flag === '--month') {
      const v = value();
      if (v !== '30d' && v !== '730h') return { ok: false, error: `--month must be 30d or 730h${v === undefined ? '' : `, not '${v}'`}` };
      out.month = v;
    } else if (a.startsWith('-') && a !== '-') return { ok: false, error: `unknown option '${a}'` };
    else if (out.file !== undefined) return { ok: false, error: 'report takes one file' };
    else out.file = a;
  }
  return { ok: true, value: out };
}

/** `scaling-plan report`: resolves to the exit code (0 printed, 2 usage or I/O error). */
export async function runReport(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed.ok) {
    io.stderr(`scaling-plan: ${parsed.error}\nRun 'scaling-plan report --help' for usage.\n`);
    return 2;
  }
  const a = parsed.value;
  if (a.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (a.file === undefined) {
    io.stderr(`scaling-plan: report needs a FILE\nRun 'scaling-plan report --help' for usage.\n`);
    return 2;
  }
  const absolute = isAbsolute(a.file) ? a.file : resolve(io.cwd, a.file);
  const read = readText(absolute, 2 * 1024 * 1024);
  if (read.kind !== 'text') {
    io.stderr(`${a.file}: ${read.kind === 'huge' ? 'too large to read' : read.message}\n`);
    return 2;
  }
  const options: Parameters<typeof analyze>[1] = a.month ? { month: a.month, monthExplicit: true } : {};
  io.stdout(renderReport(a.file, read.text, a.format, options));
  return 0;
}
