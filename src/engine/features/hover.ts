/**
 * Hovers as markdown text: a checked number shows its formula, inputs and computed value; an
 * uptime shows the downtime it allows per day, week, month and year; a stage reference shows
 * the stage card (its range, projection, and everything the plan says about it, with links).
 */
import type { Analysis } from '../engine';
import type { PlanModel } from '../model';
import { derivationAgrees, type Derivation } from '../rule';
import { show } from '../quantity';
import type { Quantity, Span } from '../types';
import { ruleById } from '../rules';
import { allDerivations } from './derivations';
import { duration, money, pct, periodMinutes, userRange } from './format';
import { lineAt, lineOf, stageAt, stageFacts, type CheckedFigure, type StagePlan, type StageView } from './stages';

export interface HoverData {
  span: Span;
  /** Markdown. */
  markdown: string;
}

export interface HoverContext {
  analysis: Analysis;
  stages: StagePlan;
  /** The document's URI, for links to its lines (`uri#L12`). */
  uri: string;
}

/** The hover at `offset`, if anything there has one. */
export function hoverAt(ctx: HoverContext, offset: number): HoverData | undefined {
  const model = ctx.analysis.model;
  if (!model) return undefined;
  return derivationHover(ctx, model, offset) ?? checkHover(ctx, model, offset) ?? uptimeHover(model, offset) ?? stageHover(ctx, model, offset);
}

/**
 * A checked number whose check is not a formula with one computed value (a score total that
 * cannot fit its items): the finding, its inputs, and the fixes it offers.
 */
function checkHover(ctx: HoverContext, model: PlanModel, offset: number): HoverData | undefined {
  const f = ctx.analysis.findings.find((x) => x.span.end > x.span.start && within(x.span, offset) && ruleById.get(x.rule)?.meta.category === 'arithmetic');
  if (!f) return undefined;
  const lines = [`**${escape(model.text.slice(f.span.start, f.span.end))}** (${f.rule})`, '', escape(f.message)];
  if (f.related.length > 0) {
    lines.push('', 'Inputs:');
    for (const r of f.related) lines.push(`- ${escape(r.message)}: ${escape(model.text.slice(r.span.start, r.span.end))} (${link(ctx.uri, lineOf(model, r.span.start))})`);
  }
  if (f.fixes.length > 0) lines.push('', `Fixes: ${f.fixes.map((x) => escape(x.title)).join('; ')}.`);
  return { span: f.span, markdown: lines.join('\n') };
}

function derivationHover(ctx: HoverContext, model: PlanModel, offset: number): HoverData | undefined {
  const hits = allDerivations(ctx.analysis).filter((d) => within(d.target.span, offset));
  if (hits.length === 0) return undefined;
  const parts: string[] = [];
  for (const d of hits.slice(0, 3)) parts.push(derivationCard(ctx, model, d));
  return { span: hits[0]!.target.span, markdown: parts.join('\n\n---\n\n') };
}

/** `Total $90/month` with its formula, computed value, verdict and inputs (each linked). */
export function derivationCard(ctx: HoverContext, model: PlanModel, d: Derivation): string {
  const q = d.target;
  const value = d.expected[0]!;
  const high = d.expectedHigh?.[0];
  const computed = high !== undefined && q.high !== undefined ? `${d.display(value)}–${d.display(high)}` : d.display(value);
  const lines: string[] = [];
  lines.push(`**${escape(d.label.replace(/,$/, ''))}** (${d.rule})`);
  lines.push('');
  lines.push(`\`${d.formula()} = ${computed}\``);
  lines.push('');
  if (q.blank) lines.push(`Blank: the plan's figures give **${computed}**.`);
  else {
    const ok = Number.isFinite(value) && derivationAgrees(d, model.options);
    lines.push(ok ? `Stated **${escape(q.raw)}**: matches.` : `Stated **${escape(q.raw)}**: does not match; computed **${computed}**.`);
  }
  if (d.related.length > 0) {
    lines.push('');
    lines.push('Inputs:');
    for (const r of d.related) {
      const text = model.text.slice(r.span.start, r.span.end);
      lines.push(`- ${escape(r.message)}: ${escape(text)} (${link(ctx.uri, lineOf(model, r.span.start))})`);
    }
  }
  return lines.join('\n');
}

const UPTIME_WORDS = /\b(?:uptime|availability|available|sla|slo)\b/i;

function uptimeHover(model: PlanModel, offset: number): HoverData | undefined {
  const line = lineAt(model, offset);
  if (!line || !line.plan) return undefined;
  const q = line.quantities.find((x) => within(x.span, offset));
  if (!q || !isUptime(model, line, q)) return undefined;
  const share = 1 - q.value / 100;
  const rows = periodMinutes(model.options.month).map((p) => `| ${p.period} | ${duration(share * p.minutes)} |`);
  const markdown = [`**${escape(q.raw)} uptime** allows this much downtime:`, '', '| per | downtime |', '|---|---|', ...rows].join('\n');
  return { span: q.span, markdown };
}

function isUptime(model: PlanModel, line: PlanModel['doc']['lines'][number], q: Quantity): boolean {
  if (q.kind !== 'percent' || q.blank || q.high !== undefined || !(q.value >= 90 && q.value < 100)) return false;
  if (UPTIME_WORDS.test(line.text) && line.kind !== 'table') return true;
  if (line.kind !== 'table' || line.table === undefined) return false;
  let table: PlanModel['tables'][number] | undefined;
  for (const t of model.tables) if (t.header.table === line.table && t.id < line.index) table = t;
  const cellIndex = line.cells?.findIndex((c) => q.span.start >= c.span.start && q.span.end <= c.span.end) ?? -1;
  const header = table?.columns[cellIndex]?.key ?? '';
  return UPTIME_WORDS.test(header);
}

function stageHover(ctx: HoverContext, model: PlanModel, offset: number): HoverData | undefined {
  const hit = stageAt(model, ctx.stages, offset);
  if (!hit) return undefined;
  return { span: hit.span, markdown: stageCard(ctx, model, hit.stage) };
}

/** The stage card: range, projected figures, and what the plan says about the stage. */
export function stageCard(ctx: HoverContext, model: PlanModel, stage: StageView): string {
  const lines: string[] = [];
  lines.push(`**${escape(stage.label)}** · ${userRange(stage.low, stage.high, stage.open)} (${link(ctx.uri, stage.line)})`);
  const figures = projectionFigures(stage);
  if (figures.length > 0) {
    lines.push('');
    lines.push(figures.join(' · '));
  }
  const facts = stageFacts(model, ctx.stages, stage);
  if (facts.length > 0) {
    lines.push('');
    lines.push('What the plan says:');
    for (const f of facts) lines.push(`- ${escape(f.text)} (${link(ctx.uri, f.line)})`);
  }
  return lines.join('\n');
}

/** A stage's projection as short labelled figures. */
export function projectionFigures(stage: StageView): string[] {
  const p = stage.projection;
  if (!p) return [];
  const out: string[] = [];
  if (p.users !== undefined) out.push(`at ${show(Math.round(p.users), 0)} users`);
  // A figure a check finds inconsistent is shown with the value the check computes.
  const checked = (key: CheckedFigure, text: (v: number) => string): string => (p.checks?.[key] !== undefined ? `${text(p[key]!)} (checks: ${text(p.checks[key]!)})` : text(p[key]!));
  if (p.cost !== undefined) out.push(`cost ${checked('cost', (v) => money(v, 'month'))}`);
  if (p.costPerUser !== undefined) out.push(`${checked('costPerUser', (v) => money(v))} per user`);
  if (p.revenue !== undefined) out.push(`revenue ${checked('revenue', (v) => money(v, 'month'))}`);
  if (p.margin !== undefined) out.push(`margin ${checked('margin', (v) => pct(v))}`);
  if (p.profit !== undefined) out.push(`profit ${checked('profit', (v) => money(v, 'month'))}`);
  if (p.budget) out.push(`budget ${p.budget.high !== undefined && p.budget.high !== p.budget.low ? `${money(p.budget.low)}–${money(p.budget.high, 'month')}` : money(p.budget.low, 'month')}`);
  if (p.uptime !== undefined) out.push(`uptime ${pct(p.uptime, 3)}`);
  if (p.downtimeMinutes !== undefined) out.push(`downtime budget ${duration(p.downtimeMinutes)}/month`);
  return out;
}

function link(uri: string, line: number): string {
  return `[line ${line + 1}](${uri}#L${line + 1})`;
}

function within(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** Escapes markdown punctuation that would change how plan text renders in a hover. */
function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
