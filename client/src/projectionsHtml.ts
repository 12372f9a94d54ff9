/**
 * The "Show Projections" view as one HTML string: the projection table and an SVG chart of
 * users, cost per user and margin per stage (or per cost block when the plan models no stage).
 * Every figure is shown as the server wrote it; only bar heights are scaled here.
 * Pure: no `vscode` import, so it can be tested without an editor. The page has no script and
 * loads nothing: its only style sheet is inline, allowed by a nonce in the content security
 * policy.
 */
import type { FigureKey, ProjectionFigure, ProjectionRow, ProjectionsResult } from './protocol';

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
  const withFigures = (rows: ProjectionRow[]) => rows.filter((r) => Object.keys(r.figures).length > 0);
  const stageRows = withFigures(data.stages);
  const chartRows = stageRows.length > 0 ? stageRows : withFigures(data.blocks);
  const parts: string[] = [];
  if (data.growth) parts.push(`<p class="growth">${esc(data.growth)}</p>`);
  if (data.stages.length > 0) parts.push(`<h2>Stages</h2>${table(data.stages, true)}`);
  if (data.stages.some((r) => r.modelled || r.economics)) {
    parts.push('<p class="legend">A stage&#39;s cost is the one modelled for the users at its top (the line is given); its budget is the range the plan states for it.</p>');
  }
  if (data.blocks.length > 0) parts.push(`<h2>Cost and economics blocks</h2>${table(data.blocks, false)}`);
  if (chartRows.length > 0) {
    parts.push(`<h2>Chart: per ${stageRows.length > 0 ? 'stage' : 'block'}</h2>${chart(chartRows)}`);
  }
  if (data.stages.length === 0 && data.blocks.length === 0) {
    parts.push('<p class="notice">This plan states no stages and no cost blocks with a user count yet.</p>');
  }
  return parts.join('\n');
}

const COLUMNS: { key: FigureKey; head: string }[] = [
  { key: 'budget', head: 'Budget' },
  { key: 'budgetPerUser', head: 'Budget per user' },
  { key: 'cost', head: 'Cost' },
  { key: 'costPerUser', head: 'Cost per user' },
  { key: 'revenue', head: 'Revenue' },
  { key: 'margin', head: 'Gross margin' },
  { key: 'profit', head: 'Profit' },
  { key: 'uptime', head: 'Uptime' },
  { key: 'downtime', head: 'Downtime / month' },
];

/** A figure's cell: the engine's text, with its formula as a tooltip. */
function cell(f: ProjectionFigure | undefined): string {
  if (!f) return '<td class="num"></td>';
  const title = f.formula ? ` title="${esc(`= ${f.formula}`)}"` : f.stated ? ' title="stated in the plan"' : '';
  return `<td class="num"${title}>${esc(f.text)}</td>`;
}

function table(rows: ProjectionRow[], stages: boolean): string {
  const used = COLUMNS.filter((col) => rows.some((r) => r.figures[col.key] !== undefined));
  const head = `<tr><th>${stages ? 'Stage' : 'Block'}</th><th>Users</th>${used.map((c) => `<th>${c.head}</th>`).join('')}<th>Line</th></tr>`;
  const body = rows
    .map((r) => {
      const cells = used.map((c) => cell(r.figures[c.key])).join('');
      const from = r.modelled ? ` (cost at line ${r.modelled.line + 1})` : '';
      return `<tr><th scope="row">${esc(r.label)}</th><td>${esc(r.users?.text ?? '')}</td>${cells}<td class="num">${r.line + 1}${esc(from)}</td></tr>`;
    })
    .join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

// ------------------------------------------------------------------ chart

interface Series {
  id: string;
  title: string;
  /** The bar's height and its label, both as the server sent them. */
  value: (r: ProjectionRow) => { value: number; text: string } | undefined;
}

const SERIES: Series[] = [
  { id: 'users', title: 'Users', value: (r) => r.users },
  { id: 'cost-per-user', title: 'Cost per user', value: (r) => r.figures.costPerUser },
  { id: 'margin', title: 'Gross margin', value: (r) => r.figures.margin },
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
function chart(rows: ProjectionRow[]): string {
  return `<div class="charts">\n${SERIES.map((s) => panel(s, rows)).join('\n')}\n</div>`;
}

function panel(s: Series, rows: ProjectionRow[]): string {
  const values = rows.map((r) => s.value(r));
  const known = values.filter((v) => v !== undefined && Number.isFinite(v.value)).map((v) => v!.value);
  const max = Math.max(0, ...known);
  const min = Math.min(0, ...known);
  const plotH = PANEL_H - PAD_TOP - PAD_BOTTOM;
  const span = max - min || 1;
  const y = (v: number) => PAD_TOP + ((max - v) / span) * plotH;
  const slot = PANEL_W / rows.length;
  const barW = Math.min(48, slot * 0.6);
  const label = `${s.title}: ${rows.map((r, i) => `${r.label} ${values[i]?.text ?? 'n/a'}`).join(', ')}`;
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
    if (v === undefined || !Number.isFinite(v.value)) {
      out.push(`<text class="missing" x="${fmt(cx)}" y="${fmt(y(0) - 6)}" text-anchor="middle">n/a</text>`);
      return;
    }
    const top = Math.min(y(v.value), y(0));
    const h = Math.max(1, Math.abs(y(v.value) - y(0)));
    out.push(`<rect class="bar${v.value < 0 ? ' negative' : ''}" x="${fmt(cx - barW / 2)}" y="${fmt(top)}" width="${fmt(barW)}" height="${fmt(h)}"><title>${esc(`${r.label}: ${v.text}`)}</title></rect>`);
    out.push(`<text class="value" x="${fmt(cx)}" y="${fmt(v.value < 0 ? top + h + 12 : top - 5)}" text-anchor="middle">${esc(v.text)}</text>`);
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

// ------------------------------------------------------------------ markup

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An SVG coordinate to one decimal. */
function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
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
