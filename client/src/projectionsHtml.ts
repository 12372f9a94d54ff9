/**
 * The "Show Projections" view as one HTML string: the projection table and an SVG chart of
 * users, cost per user and margin per stage (or per cost block when the plan models no stage).
 * Pure: no `vscode` import, so it can be tested without an editor. The page has no script and
 * loads nothing: its only style sheet is inline, allowed by a nonce in the content security
 * policy.
 */
import type { ProjectionRow, ProjectionsResult } from './protocol';

export interface ViewOptions {
  /** Nonce for the inline style sheet. */
  nonce: string;
  /** File name shown in the heading. */
  fileName: string;
  /** Message shown instead of the figures (not a plan, server not ready, …). */
  notice?: string;
}

export function projectionsHtml(data: ProjectionsResult | null, o: ViewOptions): string {
  const csp = `default-src 'none'; style-src 'nonce-${o.nonce}'; img-src data:;`;
  const title = data?.product ? `${data.product}: projections` : `Projections: ${o.fileName}`;
  const body = !data || o.notice ? `<p class="notice">${esc(o.notice ?? 'No projections: this document is not a scaling plan.')}</p>` : content(data);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(title)}</title>
<style nonce="${o.nonce}">${STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="file">${esc(o.fileName)}${data ? ` · version ${data.version}` : ''}</p>
${body}
</body>
</html>`;
}

function content(data: ProjectionsResult): string {
  const withFigures = (rows: ProjectionRow[]) => rows.filter((r) => figures(r) > 0);
  const stageRows = withFigures(data.stages);
  const chartRows = stageRows.length > 0 ? stageRows : withFigures(data.blocks);
  const currency = data.currency;
  const parts: string[] = [];
  if (data.growth) parts.push(`<p class="growth">${esc(data.growth)}</p>`);
  if (data.stages.length > 0) parts.push(`<h2>Stages</h2>${table(data.stages, currency, true)}`);
  if (data.stages.some((r) => r.checks && Object.keys(r.checks).length > 0)) {
    parts.push('<p class="legend">✗ a check finds the stated figure inconsistent: the value it computes follows the mark.</p>');
  }
  if (data.blocks.length > 0) parts.push(`<h2>Cost and economics blocks</h2>${table(data.blocks, currency, false)}`);
  if (chartRows.length > 0) {
    parts.push(`<h2>Chart: per ${stageRows.length > 0 ? 'stage' : 'block'}</h2>${chart(chartRows, currency)}`);
  }
  if (parts.length === 0 || (data.stages.length === 0 && data.blocks.length === 0)) {
    parts.push('<p class="notice">This plan states no stages and no cost blocks with a user count yet.</p>');
  }
  return parts.join('\n');
}

function figures(r: ProjectionRow): number {
  return [r.users, r.cost, r.costPerUser, r.revenue, r.margin, r.profit].filter((v) => v !== undefined).length;
}

/** A stated figure, and beside it (marked ✗) the value a check computes when they differ. */
function checked(r: ProjectionRow, key: keyof NonNullable<ProjectionRow['checks']>, text: (v: number) => string): string {
  const v = r[key];
  if (v === undefined) return '';
  const c = r.checks?.[key];
  return c === undefined ? text(v) : `${text(v)} ✗ ${text(c)}`;
}

const COLUMNS: { head: string; cell: (r: ProjectionRow, c?: string) => string }[] = [
  { head: 'Users', cell: (r) => (r.users !== undefined ? count(r.users) : '') },
  { head: 'Cost / month', cell: (r, c) => (r.cost === undefined ? '' : r.costHigh !== undefined && r.costHigh !== r.cost ? `${money(r.cost, c)}–${money(r.costHigh, c)}` : checked(r, 'cost', (v) => money(v, c))) },
  { head: 'Cost per user', cell: (r, c) => checked(r, 'costPerUser', (v) => money(v, c, true)) },
  { head: 'Revenue / month', cell: (r, c) => checked(r, 'revenue', (v) => money(v, c)) },
  { head: 'Gross margin', cell: (r) => checked(r, 'margin', percent) },
  { head: 'Profit / month', cell: (r, c) => checked(r, 'profit', (v) => money(v, c)) },
  { head: 'Budget / month', cell: (r, c) => (r.budget === undefined ? '' : r.budgetHigh !== undefined && r.budgetHigh !== r.budget ? `${money(r.budget, c)}–${money(r.budgetHigh, c)}` : money(r.budget, c)) },
  { head: 'Uptime', cell: (r) => (r.uptime !== undefined ? `${trim(r.uptime, 3)}%` : '') },
  { head: 'Downtime / month', cell: (r) => (r.downtimeMinutes !== undefined ? minutes(r.downtimeMinutes) : '') },
];

function table(rows: ProjectionRow[], currency: string | undefined, stages: boolean): string {
  const used = COLUMNS.filter((col) => rows.some((r) => col.cell(r, currency) !== ''));
  const head = `<tr><th>${stages ? 'Stage' : 'Block'}</th>${stages ? '<th>Range</th>' : ''}${used.map((c) => `<th>${c.head}</th>`).join('')}<th>Line</th></tr>`;
  const body = rows
    .map((r) => {
      const range = stages ? `<td>${esc(rangeText(r))}</td>` : '';
      const cells = used.map((c) => `<td class="num">${esc(c.cell(r, currency))}</td>`).join('');
      return `<tr><th scope="row">${esc(r.label)}</th>${range}${cells}<td class="num">${r.line + 1}</td></tr>`;
    })
    .join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function rangeText(r: ProjectionRow): string {
  if (r.low === undefined) return '';
  if (r.open) return `${count(r.low)}+ users`;
  return r.high !== undefined ? `${count(r.low)}–${count(r.high)} users` : `${count(r.low)} users`;
}

// ------------------------------------------------------------------ chart

interface Series {
  id: string;
  title: string;
  value: (r: ProjectionRow) => number | undefined;
  show: (v: number, c?: string) => string;
}

const SERIES: Series[] = [
  { id: 'users', title: 'Users', value: (r) => r.users ?? r.high, show: (v) => count(v) },
  { id: 'cost-per-user', title: 'Cost per user / month', value: (r) => r.costPerUser, show: (v, c) => money(v, c, true) },
  { id: 'margin', title: 'Gross margin', value: (r) => r.margin, show: (v) => percent(v) },
];

const PANEL_W = 300;
const PANEL_H = 200;
const PAD_TOP = 40;
const PAD_BOTTOM = 40;

/**
 * Three small bar charts, one per series, each on its own scale (users, money and percentages
 * do not share an axis), with the same stages along each x axis. Separate SVGs, so they wrap
 * in a narrow view instead of shrinking.
 */
function chart(rows: ProjectionRow[], currency: string | undefined): string {
  return `<div class="charts">\n${SERIES.map((s) => panel(s, rows, currency)).join('\n')}\n</div>`;
}

function panel(s: Series, rows: ProjectionRow[], currency: string | undefined): string {
  const values = rows.map((r) => s.value(r));
  const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  const max = Math.max(0, ...known);
  const min = Math.min(0, ...known);
  const plotH = PANEL_H - PAD_TOP - PAD_BOTTOM;
  const span = max - min || 1;
  const y = (v: number) => PAD_TOP + ((max - v) / span) * plotH;
  const slot = PANEL_W / rows.length;
  const barW = Math.min(48, slot * 0.6);
  const label = `${s.title}: ${rows.map((r, i) => `${r.label} ${values[i] === undefined ? 'n/a' : s.show(values[i]!, currency)}`).join(', ')}`;
  const out: string[] = [
    `<svg class="chart ${s.id}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${PANEL_W} ${PANEL_H}" width="${PANEL_W}" height="${PANEL_H}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(label)}</title>`,
    `<text class="panel-title" x="0" y="14">${esc(s.title)}</text>`,
    `<line class="axis" x1="0" x2="${PANEL_W}" y1="${fmt(y(0))}" y2="${fmt(y(0))}"/>`,
  ];
  rows.forEach((r, i) => {
    const cx = slot * i + slot / 2;
    const v = values[i];
    out.push(`<text class="tick" x="${fmt(cx)}" y="${PANEL_H - 22}" text-anchor="middle">${esc(short(r.label))}</text>`);
    if (v === undefined || !Number.isFinite(v)) {
      out.push(`<text class="missing" x="${fmt(cx)}" y="${fmt(y(0) - 6)}" text-anchor="middle">n/a</text>`);
      return;
    }
    const top = Math.min(y(v), y(0));
    const h = Math.max(1, Math.abs(y(v) - y(0)));
    out.push(`<rect class="bar${v < 0 ? ' negative' : ''}" x="${fmt(cx - barW / 2)}" y="${fmt(top)}" width="${fmt(barW)}" height="${fmt(h)}"><title>${esc(`${r.label}: ${s.show(v, currency)}`)}</title></rect>`);
    out.push(`<text class="value" x="${fmt(cx)}" y="${fmt(v < 0 ? top + h + 12 : top - 5)}" text-anchor="middle">${esc(s.show(v, currency))}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

/** "Stage 2: Traction" → "Stage 2"; long labels are cut. */
function short(label: string): string {
  const m = /^((?:stage|phase|tier|level)\s*\d+)/i.exec(label);
  const s = m ? m[1]! : label;
  return s.length > 14 ? `${s.slice(0, 13)}…` : s;
}

// ------------------------------------------------------------------ formatting

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function trim(n: number, decimals: number): string {
  return n.toFixed(decimals).replace(/\.?0+$/, '');
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

function money(n: number, currency?: string, cents = false): string {
  const sym = SYMBOLS[currency ?? 'USD'];
  const abs = Math.abs(n);
  const digits = cents || (abs < 100 && abs !== Math.round(abs)) ? 2 : 0;
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const sign = n < 0 ? '-' : '';
  return sym ? `${sign}${sym}${text}` : `${sign}${text} ${currency}`;
}

function percent(n: number): string {
  return `${trim(n, 1)}%`;
}

function minutes(n: number): string {
  return n >= 120 ? `${trim(n / 60, 1)} hours` : `${trim(n, 1)} minutes`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
h1 { font-size: 1.3em; margin-bottom: 0; }
h2 { font-size: 1.05em; margin-top: 1.4em; }
.file, .notice, .legend { color: var(--vscode-descriptionForeground); }
.growth { font-style: italic; }
table { border-collapse: collapse; margin: 4px 0; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 3px 8px; text-align: left; }
thead th { background: var(--vscode-editorWidget-background, transparent); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 16px 28px; }
svg.chart { overflow: visible; flex: none; }
svg text { fill: var(--vscode-foreground); font-size: 11px; font-family: var(--vscode-font-family); }
svg .panel-title { font-weight: bold; font-size: 12px; }
svg .missing, svg .tick { fill: var(--vscode-descriptionForeground); }
svg .axis { stroke: var(--vscode-descriptionForeground); stroke-width: 1; }
svg.users .bar { fill: var(--vscode-charts-blue, #3794ff); }
svg.cost-per-user .bar { fill: var(--vscode-charts-orange, #d18616); }
svg.margin .bar { fill: var(--vscode-charts-green, #89d185); }
svg .bar.negative { fill: var(--vscode-charts-red, #f14c4c); }
`;
