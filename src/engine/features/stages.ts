/**
 * What the editor features need to know about a plan's stages, as plain data. The stage model
 * (`src/engine/stages`) is the source of these views; the language server maps it here through
 * a small adapter, so lenses, hovers and symbols do not depend on its internal shape.
 * Also: finding the stage a piece of text refers to, and what the plan says about a stage.
 */
import { econRecords } from '../economics';
import type { PlanModel } from '../model';
import type { Span } from '../types';

/** A stage's projected figures (per month, money in the plan's currency). */
export interface StageProjection {
  /** Users the projection is made for (usually the stage's upper bound). */
  users?: number;
  cost?: number;
  costPerUser?: number;
  revenue?: number;
  /** Gross margin in percent. */
  margin?: number;
  profit?: number;
  /** Uptime in percent, and the downtime budget it leaves per month in minutes. */
  uptime?: number;
  downtimeMinutes?: number;
  /** The cost range budgeted for the stage, per month. */
  budget?: { low: number; high?: number };
  /**
   * For stated figures a check finds inconsistent: the value the check computes (what its fix
   * would write), so views show both instead of repeating a wrong figure.
   */
  checks?: Partial<Record<CheckedFigure, number>>;
}

/** Figures of a stage projection that checks may find inconsistent. */
export type CheckedFigure = 'cost' | 'costPerUser' | 'revenue' | 'margin' | 'profit';

export interface StageView {
  /** Stable identity within one document, e.g. `stage:2`. */
  id: string;
  /** `Stage` or `Phase` (the word the plan uses), when it numbers its stages. */
  word?: string;
  number?: number;
  name?: string;
  /** How the stage is called in the card: `Stage 2: Traction`. */
  label: string;
  /** The stage's definition (its title line or heading). */
  span: Span;
  line: number;
  low: number;
  high?: number;
  open: boolean;
  projection?: StageProjection;
  /** Where the stage model saw this stage mentioned (beyond its definition). */
  mentions?: Span[];
}

/** The growth model: at a monthly growth rate, when each threshold is reached. */
export interface GrowthView {
  /** Line of the stage list the growth lens sits above. */
  line: number;
  span: Span;
  /** Monthly growth as a fraction (0.2 for 20%). */
  rate?: number;
  startUsers?: number;
  /** Month (from the start) at which each threshold is reached at `rate` (and the stage it starts). */
  thresholds: { users: number; month: number; label?: string }[];
  /** Growth a stage's timeline implies: from `low` to `high` users in `months`. */
  implied: { label: string; from: number; to: number; months: number; monthlyGrowth: number }[];
}

export interface StagePlan {
  stages: StageView[];
  growth?: GrowthView;
}

export const noStages: StagePlan = { stages: [] };

/** Months to grow from `start` to `users` at `rate` per month (fractional months round up). */
export function monthsToReach(start: number, users: number, rate: number): number | undefined {
  if (!(start > 0) || !(rate > 0) || !Number.isFinite(users)) return undefined;
  if (users <= start) return 0;
  return Math.ceil(Math.log(users / start) / Math.log(1 + rate) - 1e-9);
}

/** Monthly growth that takes `from` to `to` users in `months`. */
export function impliedGrowth(from: number, to: number, months: number): number | undefined {
  if (!(from > 0) || !(to > from) || !(months > 0)) return undefined;
  return Math.pow(to / from, 1 / months) - 1;
}

/**
 * The stage whose range holds `users`: ranges share boundaries, and a count on a boundary
 * belongs to the stage it ends (`1,000 users` is the top of `100-1,000 users`).
 */
export function stageForUsers(stages: readonly StageView[], users: number): StageView | undefined {
  for (const s of stages) if (s.high !== undefined && users > s.low && users <= s.high) return s;
  for (const s of stages) if (s.open && users >= s.low) return s;
  return stages.find((s) => users === s.low);
}

/** A reference to a stage at `offset`: `Stage 3`, the stage's name, or a user count in its range. */
export function stageAt(model: PlanModel, plan: StagePlan, offset: number): { stage: StageView; span: Span } | undefined {
  if (plan.stages.length === 0) return undefined;
  const line = lineAt(model, offset);
  if (!line) return undefined;
  const rel = offset - line.start;
  const numbered = /\b(stage|phase|tier|level)\s*(\d{1,3})\b/gi;
  for (let m = numbered.exec(line.text); m; m = numbered.exec(line.text)) {
    if (rel < m.index || rel > m.index + m[0].length) continue;
    const n = Number(m[2]);
    const word = m[1]!.toLowerCase();
    const stage =
      plan.stages.find((s) => s.number === n && (s.word ?? 'stage').toLowerCase() === word) ??
      plan.stages.find((s) => s.number === n && s.word === undefined);
    if (stage) return { stage, span: { start: line.start + m.index, end: line.start + m.index + m[0].length } };
  }
  for (const stage of plan.stages) {
    if (!stage.name || stage.name.length < 3) continue;
    let at = line.text.indexOf(stage.name);
    while (at >= 0) {
      const end = at + stage.name.length;
      const wordStart = at === 0 || !/\w/.test(line.text[at - 1]!);
      const wordEnd = end >= line.text.length || !/\w/.test(line.text[end]!);
      if (wordStart && wordEnd && rel >= at && rel <= end) return { stage, span: { start: line.start + at, end: line.start + end } };
      at = line.text.indexOf(stage.name, at + 1);
    }
  }
  for (const q of line.quantities) {
    if (q.kind !== 'users' || q.blank || offset < q.span.start || offset > q.span.end) continue;
    if (q.high !== undefined || q.open) {
      const stage = plan.stages.find((s) => s.low === q.value && (q.open ? s.open : s.high === q.high));
      if (stage) return { stage, span: q.span };
      continue;
    }
    const stage = stageForUsers(plan.stages, q.value);
    if (stage) return { stage, span: q.span };
  }
  return undefined;
}

/** One thing the plan says about a stage: a line of text (or a summary of a block) and where. */
export interface StageFact {
  line: number;
  text: string;
}

const MAX_FACTS = 30;

/**
 * Everything the plan says about a stage: lines that name it, the items under titles and
 * headings that name it or its user range, and the cost and economics blocks for user counts
 * inside its range. In document order, one entry per line.
 */
export function stageFacts(model: PlanModel, plan: StagePlan, stage: StageView): StageFact[] {
  const facts = new Map<number, string>();
  const add = (line: number, text: string): void => {
    if (!facts.has(line) && text.trim() !== '') facts.set(line, clip(text.trim()));
  };
  const refersTo = (text: string): boolean => {
    const numbered = /\b(stage|phase|tier|level)\s*(\d{1,3})\b/gi;
    for (let m = numbered.exec(text); m; m = numbered.exec(text)) {
      if (Number(m[2]) === stage.number && (stage.word ?? 'stage').toLowerCase() === m[1]!.toLowerCase()) return true;
    }
    if (stage.name && stage.name.length >= 3 && new RegExp(`(?:^|\\W)${escapeRegExp(stage.name)}(?:\\W|$)`).test(text) && stage.number === undefined) return true;
    return false;
  };
  const sameRange = (lineIndex: number): boolean =>
    model.doc.lines[lineIndex]!.quantities.some(
      (q) => q.kind === 'users' && !q.blank && q.value === stage.low && (stage.open ? q.open : q.high === stage.high),
    );
  for (const line of model.doc.lines) {
    if (!line.plan || line.kind === 'blank') continue;
    if (refersTo(line.text) || (line.index === stage.line)) add(line.index, plainLine(line.text));
  }
  // Items under a title or heading that names the stage or its range.
  for (const group of model.groups) {
    const title = group.title ?? group.section.heading;
    if (!title) continue;
    if (!(refersTo(title.text) || sameRange(title.index))) continue;
    add(title.index, plainLine(title.text));
    for (const item of group.items) add(item.line.index, plainLine(item.line.text));
  }
  // Cost and economics blocks for user counts in the stage's range.
  for (const rec of econRecords(model)) {
    if (!rec.users) continue;
    const users = rec.users.q.value;
    if (stageForUsers(plan.stages, users) !== stage) continue;
    const figures = [rec.revenue, rec.total, rec.infra, rec.team, rec.costPerUser, rec.margin, rec.profit]
      .filter((f): f is NonNullable<typeof f> => !!f)
      .map((f) => `${f.label}: ${f.q.raw}`);
    const costs = rec.costs.filter((c) => c !== rec.infra && c !== rec.team && c !== rec.total).map((c) => `${c.label}: ${c.q.raw}`);
    const all = [...costs, ...figures];
    if (all.length > 0) add(lineOf(model, rec.users.q.span.start), `${rec.users.q.raw}: ${all.join(', ')}`);
  }
  for (const span of stage.mentions ?? []) {
    const l = lineOf(model, span.start);
    add(l, plainLine(model.doc.lines[l]!.text));
  }
  return [...facts.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(0, MAX_FACTS)
    .map(([line, text]) => ({ line, text }));
}

function plainLine(text: string): string {
  return text.replace(/^\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)?/, '').replace(/\*\*|__/g, '').trim();
}

function clip(text: string): string {
  return text.length > 160 ? text.slice(0, 157) + '…' : text;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The line holding `offset`. */
export function lineOf(model: PlanModel, offset: number): number {
  const starts = model.doc.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function lineAt(model: PlanModel, offset: number): PlanModel['doc']['lines'][number] | undefined {
  return model.doc.lines[lineOf(model, offset)];
}
