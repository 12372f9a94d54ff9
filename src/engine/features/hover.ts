/**
 * Hovers as markdown, each an evaluation of the engine's formulas: a checked figure shows the
 * formula, its computed value and its inputs; a blank the value the plan's figures give; an
 * uptime the downtime it allows per day, week, month and year; a stage its card (range, the
 * projection table's row with where each figure comes from, and what the plan says of it).
 */
import type { Analysis } from '../engine';
import { evaluate, inputs, render, type Expr } from '../formula';
import type { Claim } from '../model';
import type { ProjectionRow } from '../projection';
import { lineAt } from '../positions';
import type { Outcome } from '../relation';
import type { StageEntry } from '../stages';
import type { Span } from '../types';
import { UPTIME_WORDS, hasWord, normalizeLabel, type Period } from '../vocabulary';
import { blankFills } from './fill';
import { cellText, downtime, usersText, valueText } from './figures';

export interface HoverData {
  span: Span;
  /** Markdown. */
  markdown: string;
}

/** How a hover points at a line: a link in editors that follow them, plain text elsewhere. */
export type LineLink = (line: number) => string;

export const plainLink: LineLink = (line) => `line ${line + 1}`;

export function uriLink(uri: string): LineLink {
  return (line) => `[line ${line + 1}](${uri}#L${line + 1})`;
}

/** The hover at `offset`, if anything there has one. */
export function hoverAt(analysis: Analysis, offset: number, link: LineLink = plainLink): HoverData | undefined {
  const model = analysis.model;
  if (!model) return undefined;
  const claim = claimAt(analysis, offset);
  if (claim) {
    const h = relationHover(analysis, claim, link) ?? blankHover(analysis, claim, link) ?? uptimeHover(analysis, claim);
    if (h) return h;
  }
  return findingHover(analysis, offset, link) ?? stageHover(analysis, offset, link);
}

function within(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

function claimAt(analysis: Analysis, offset: number): Claim | undefined {
  const model = analysis.model!;
  const row = model.rowAt[lineAt(model.outline.lineStarts, offset)];
  return row?.claims.find((c) => within(c.q.span, offset));
}

/** Escapes markdown punctuation that would change how plan text renders in a hover. */
export function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function inputsList(analysis: Analysis, claims: Claim[], target: Claim, link: LineLink): string[] {
  const text = analysis.text;
  const out: string[] = [];
  for (const c of claims) {
    if (c === target) continue;
    const label = c.row.label ? `${escape(c.row.label.replace(/[*_`]/g, '').trim())}: ` : '';
    out.push(`- ${label}${escape(text.slice(c.q.span.start, c.q.span.end))} (${link(c.line)})`);
    if (out.length >= 12) break;
  }
  return out;
}

/** The card of one relation's check: label, formula = value, verdict, inputs. */
export function relationCard(analysis: Analysis, o: Outcome, link: LineLink): string | undefined {
  const rel = o.relation;
  if (!o.low) return undefined;
  const text = analysis.text;
  const style = analysis.style;
  const unit = rel.unit ?? rel.target.unit;
  const low = o.low.v;
  const high = o.high && Math.abs(o.high.v - low) > 1e-9 ? o.high.v : undefined;
  const value = high !== undefined ? `${valueText(low, unit, style)}–${valueText(high, unit, style)}` : valueText(low, unit, style);
  const formula = render(o.reading.expr, text, 'low', style) + (high !== undefined ? ` … ${render(o.reading.expr, text, 'high', style)}` : '');
  const stated = text.slice(rel.target.q.span.start, rel.target.q.span.end);
  const lines = [`**${escape(rel.label)}** (${rel.rule})`, '', `\`${formula} = ${value}\``, ''];
  lines.push(o.holds ? `Stated **${escape(stated)}**: matches${o.reading.name ? ` (${escape(o.reading.name)})` : ''}.` : `Stated **${escape(stated)}**: does not match; computed **${value}**${o.reading.name ? ` (${escape(o.reading.name)})` : ''}.`);
  const list = inputsList(analysis, inputs(o.reading.expr), rel.target, link);
  if (list.length) lines.push('', 'Inputs:', ...list);
  return lines.join('\n');
}

function relationHover(analysis: Analysis, claim: Claim, link: LineLink): HoverData | undefined {
  if (claim.q.blank) return undefined;
  const outcomes = analysis.outcomes.filter((o) => o.relation.target === claim && o.low);
  if (outcomes.length === 0) return undefined;
  // The failing checks first: they are what the finding says.
  outcomes.sort((a, b) => Number(a.holds) - Number(b.holds));
  const cards = outcomes.slice(0, 3).map((o) => relationCard(analysis, o, link)).filter((c): c is string => c !== undefined);
  return cards.length ? { span: { ...claim.q.span }, markdown: cards.join('\n\n---\n\n') } : undefined;
}

function blankHover(analysis: Analysis, claim: Claim, link: LineLink): HoverData | undefined {
  if (!claim.q.blank) return undefined;
  const fill = blankFills(analysis).find((f) => f.claim === claim);
  if (!fill) return undefined;
  const lines = [`**${escape(fill.relation.label)}** (${fill.relation.rule})`, '', `\`${fill.formula} = ${fill.shown}\``, '', `Blank: the plan's figures give **${fill.shown}**.`];
  const list = inputsList(analysis, inputs(fill.relation.readings[0]!.expr), claim, link);
  if (list.length) lines.push('', 'Inputs:', ...list);
  return { span: { ...claim.q.span }, markdown: lines.join('\n') };
}

const PERIODS: Period[] = ['day', 'week', 'month', 'year'];

/** An uptime target: the downtime it allows per period, each the downtime formula's value. */
function uptimeHover(analysis: Analysis, claim: Claim): HoverData | undefined {
  const q = claim.q;
  if (claim.unit.dim !== 'percent' || q.blank || q.high !== undefined || !(q.low >= 90 && q.low < 100)) return undefined;
  const row = claim.row;
  const header = claim.column !== undefined ? (row.block?.columns?.[claim.column]?.header ?? '') : '';
  if (!hasWord(normalizeLabel(`${row.cells ? row.label : row.content} ${header}`), UPTIME_WORDS)) return undefined;
  const month = analysis.options.month === '730h' ? '730h' : '30d';
  const rows: string[] = [];
  for (const period of PERIODS) {
    const e: Expr = { op: 'downtime', uptime: { op: 'claim', claim }, period, month };
    const v = evaluate(e, { end: 'low', alt: false });
    if (v) rows.push(`| ${period} | ${downtime(v.v, analysis.style)} |`);
  }
  const stated = analysis.text.slice(q.span.start, q.span.end);
  const note = month === '730h' ? 'a month of 730 hours' : 'a month of 30 days';
  return { span: { ...q.span }, markdown: [`**${escape(stated)} uptime** allows this much downtime (${note}):`, '', '| per | downtime |', '|---|---|', ...rows].join('\n') };
}

/** A finding that is not a relation's (a stage rule, a score total that cannot fit): its message. */
function findingHover(analysis: Analysis, offset: number, link: LineLink): HoverData | undefined {
  const f = analysis.findings.find((x) => x.span.end > x.span.start && within(x.span, offset) && x.rule !== 'blanks' && x.rule !== 'missing-section');
  if (!f) return undefined;
  const text = analysis.text;
  const lineOf = (o: number): number => lineAt(analysis.model!.outline.lineStarts, o);
  const lines = [`**${escape(text.slice(f.span.start, f.span.end))}** (${f.rule})`, '', escape(f.message)];
  if (f.related.length > 0) {
    lines.push('', 'See:');
    for (const r of f.related.slice(0, 12)) lines.push(`- ${escape(r.message)} (${link(lineOf(r.span.start))})`);
  }
  if (f.fixes.length > 0) lines.push('', `Fixes: ${f.fixes.map((x) => escape(x.title)).join('; ')}.`);
  return { span: { ...f.span }, markdown: lines.join('\n') };
}

function stageHover(analysis: Analysis, offset: number, link: LineLink): HoverData | undefined {
  const sm = analysis.stages();
  const entry = sm.entries.find((e) => within(e.span, offset));
  if (!entry) return undefined;
  return { span: { ...entry.span }, markdown: stageCard(analysis, entry, link) };
}

/** The stage's projection row: by entry, or the primary list's stage of the same name and range. */
function rowFor(analysis: Analysis, entry: StageEntry): ProjectionRow | undefined {
  const rows = analysis.projection().rows.filter((r) => r.kind === 'stage');
  const own = rows.find((r) => r.entry === entry.id);
  if (own) return own;
  const primary = analysis.stages().primary?.entries ?? [];
  const same = primary.find((p) => p.word && entry.word && p.word.toLowerCase() === entry.word.toLowerCase() && p.number === entry.number);
  return same ? rows.find((r) => r.entry === same.id) : undefined;
}

/** The stage card: range, projected figures with their sources, and what the plan says. */
export function stageCard(analysis: Analysis, entry: StageEntry, link: LineLink): string {
  const style = analysis.style;
  const text = analysis.text;
  const lines: string[] = [];
  const range = entry.users ? ` · ${usersText(entry.users, style)}` : '';
  lines.push(`**${escape(entry.label)}**${range} (${link(entry.line)})`);
  const row = rowFor(analysis, entry);
  if (row) {
    const figures: string[] = [];
    if (row.budget) figures.push(`- Budget: ${cellText(row.budget, style)} (stated, ${link(lineOfSpan(analysis, row.budget.sources[0]))})`);
    if (row.budgetPerUser) figures.push(`- Budget per user: ${cellText(row.budgetPerUser, style)} = \`${row.budgetPerUser.formula}\``);
    if (row.cost) figures.push(`- Cost modelled${row.modelled ? ` at ${escape(row.modelled.label)}` : ''}: ${cellText(row.cost, style)}${row.cost.formula ? ` = \`${row.cost.formula}\`` : ''} (${row.modelled ? link(row.modelled.line) : 'stated'})`);
    if (row.costPerUser) figures.push(`- Cost per user: ${cellText(row.costPerUser, style)}${row.costPerUser.formula ? ` = \`${row.costPerUser.formula}\`` : ''}`);
    const econ = row.economics ? ` (${link(row.economics.line)})` : '';
    if (row.revenue) figures.push(`- Revenue${row.economics ? ` at ${escape(row.economics.label)}` : ''}: ${cellText(row.revenue, style)}${row.revenue.formula ? ` = \`${row.revenue.formula}\`` : ''}${econ}`);
    if (row.margin) figures.push(`- Gross margin: ${cellText(row.margin, style)}${row.margin.formula ? ` = \`${row.margin.formula}\`` : ''}`);
    if (row.profit) figures.push(`- Profit: ${cellText(row.profit, style)}${row.profit.formula ? ` = \`${row.profit.formula}\`` : ''}`);
    if (row.uptime) figures.push(`- Uptime: ${cellText(row.uptime, style)}${row.downtime ? `, allowing ${cellText(row.downtime, style)} of downtime a month` : ''}`);
    if (figures.length) lines.push('', ...figures);
  }
  const facts: string[] = [];
  if (entry.timeline) facts.push(`- Timeline: ${escape(text.slice(entry.timeline.span.start, entry.timeline.span.end))} (${link(entry.line)})`);
  for (const r of entry.response) facts.push(`- ${escape(r.key || 'Response time')}: ${escape(text.slice(r.claim.q.span.start, r.claim.q.span.end))} (${link(r.claim.line)})`);
  const others = analysis.stages().entries.filter((e) => e !== entry && e.word && entry.word && e.word.toLowerCase() === entry.word.toLowerCase() && e.number === entry.number);
  for (const o of others.slice(0, 8)) facts.push(`- Also as ${escape(o.label)}${o.users ? ` (${usersText(o.users, style)})` : ''} (${link(o.line)})`);
  if (facts.length) lines.push('', 'What the plan says:', ...facts);
  return lines.join('\n');
}

function lineOfSpan(analysis: Analysis, span: Span | undefined): number {
  return lineAt(analysis.model!.outline.lineStarts, span?.start ?? 0);
}
