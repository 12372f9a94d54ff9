/**
 * Code lenses as plain data: projections rendered above the places they are about. Above each
 * stage definition its users, modelled cost, cost per user, revenue, margin, profit and
 * downtime budget; above the stage list the growth model; above a cost or economics block its
 * computed total, cost per user, and (when it states revenue) margin and profit.
 */
import type { Analysis } from '../engine';
import { econRecords, type EconRecord } from '../economics';
import { assumptionAt, type PlanModel } from '../model';
import { show } from '../quantity';
import type { Span } from '../types';
import { money, pct, userRange } from './format';
import { projectionFigures } from './hover';
import { monthsToReach, type GrowthView, type StagePlan } from './stages';

export type LensKind = 'stage' | 'growth' | 'block';

export interface LensData {
  kind: LensKind;
  /** The line the lens sits above. */
  line: number;
  span: Span;
  title: string;
}

export function lenses(analysis: Analysis, stages: StagePlan): LensData[] {
  const model = analysis.model;
  if (!model) return [];
  const out: LensData[] = [];
  const growth = stages.growth ?? fallbackGrowth(model, stages);
  if (growth) {
    const title = growthTitle(growth);
    if (title) out.push({ kind: 'growth', line: growth.line, span: growth.span, title });
  }
  for (const stage of stages.stages) {
    const figures = projectionFigures(stage);
    const title = [stage.label, userRange(stage.low, stage.high, stage.open), ...(figures.length ? figures : ['no cost modelled'])].join(' · ');
    out.push({ kind: 'stage', line: stage.line, span: stage.span, title });
  }
  for (const rec of econRecords(model)) {
    const lens = blockLens(analysis, model, rec);
    if (lens) out.push(lens);
  }
  // One lens per line and kind, in document order.
  const seen = new Set<string>();
  return out
    .filter((l) => (seen.has(`${l.kind}:${l.line}`) ? false : (seen.add(`${l.kind}:${l.line}`), true)))
    .sort((a, b) => a.line - b.line || order(a.kind) - order(b.kind));
}

function order(kind: LensKind): number {
  return kind === 'growth' ? 0 : kind === 'stage' ? 1 : 2;
}

/** Figures of one block, computed from its items (not from its stated total). */
export interface BlockFigures {
  users?: number;
  /** Low and high of the summed costs (equal unless items are ranges). */
  total?: [number, number];
  costPerUser?: [number, number];
  revenue?: number;
  margin?: number;
  profit?: number;
  per?: string;
}

export function blockFigures(analysis: Analysis, rec: EconRecord): BlockFigures | undefined {
  const costs = rec.costs.filter((c) => !c.q.blank && !Number.isNaN(c.q.value));
  const stated = rec.total && !rec.total.q.blank ? rec.total : undefined;
  let total: [number, number] | undefined;
  if (costs.length >= 1 && costs.length === rec.costs.length && (costs.length >= 2 || !stated)) {
    total = [costs.reduce((s, c) => s + c.q.value, 0), costs.reduce((s, c) => s + (c.q.high ?? c.q.value), 0)];
  } else if (stated) total = [stated.q.value, stated.q.high ?? stated.q.value];
  if (!total) return undefined;
  const per = (rec.total ?? costs[0])?.q.per;
  const f: BlockFigures = { total };
  if (per) f.per = per;
  const n = rec.users?.q.value;
  if (n !== undefined && n > 0) {
    f.users = n;
    f.costPerUser = [total[0] / n, total[1] / n];
  }
  if (rec.revenue && !rec.revenue.q.blank && rec.revenue.q.high === undefined) {
    // The plan's own model of revenue (users × ARPU) when it has one, else the stated figure.
    const derived = analysis.derivations.find((d) => d.rule === 'revenue' && d.target === rec.revenue!.q);
    const r = derived?.expected[0] ?? rec.revenue.q.value;
    f.revenue = r;
    if (r > 0) {
      const serving = rec.infra && !rec.infra.q.blank ? rec.infra.q.value : rec.team ? undefined : total[0];
      if (serving !== undefined) f.margin = ((r - serving) / r) * 100;
    }
    f.profit = r - total[0];
  }
  return f;
}

function blockLens(analysis: Analysis, model: PlanModel, rec: EconRecord): LensData | undefined {
  if (rec.source !== 'group') return undefined;
  if (rec.costs.length < 2 && !rec.revenue) return undefined;
  const f = blockFigures(analysis, rec);
  if (!f || !f.total) return undefined;
  const group = model.groups.find((g) => g.lines[0]!.index === rec.line);
  const titleLine = group?.title ?? model.doc.lines[rec.line]!;
  const range = (v: [number, number], per?: string): string => (v[0] === v[1] ? money(v[0], per) : `${money(v[0])}–${money(v[1], per)}`);
  const parts: string[] = [];
  if (f.users !== undefined) parts.push(`${show(f.users, 0)} users`);
  if (f.revenue !== undefined) parts.push(`revenue ${money(f.revenue, f.per)}`);
  parts.push(`${f.revenue !== undefined ? 'costs' : 'total'} ${range(f.total!, f.per)}`);
  if (f.costPerUser) parts.push(`${range(f.costPerUser)} per user`);
  if (f.margin !== undefined) parts.push(`margin ${pct(f.margin)}`);
  if (f.profit !== undefined) parts.push(`profit ${money(f.profit, f.per)}`);
  return { kind: 'block', line: titleLine.index, span: { start: titleLine.start, end: titleLine.start + titleLine.text.length }, title: parts.join(' · ') };
}

/** The growth lens's text: thresholds at the plan's rate, or the growth the timelines imply. */
export function growthTitle(g: GrowthView): string | undefined {
  const parts: string[] = [];
  // Thresholds already passed at the start (month 0) say nothing.
  const ahead = g.thresholds.filter((t) => t.month > 0);
  if (g.rate !== undefined && ahead.length > 0) {
    const from = g.startUsers !== undefined ? ` from ${show(g.startUsers, 0)} users` : '';
    const when = ahead.map((t) => `${t.label ? `${t.label.replace(/:.*$/, '')} (${show(t.users, 0)} users)` : `${show(t.users, 0)} users`} in month ${t.month}`);
    parts.push(`Growth ${pct(g.rate * 100)}/month${from}: ${when.join(', ')}`);
  }
  if (g.implied.length > 0) {
    parts.push(`timelines imply ${g.implied.map((i) => `${pct(i.monthlyGrowth * 100)}/month for ${i.label}`).join(', ')}`);
  }
  if (parts.length === 0) return undefined;
  const title = parts.join(' · ');
  return title[0]!.toUpperCase() + title.slice(1);
}

/**
 * When the stage model gives no growth model: the plan's growth assumption applied to the
 * stage thresholds, from its starting users (or the first stage's upper bound).
 */
export function fallbackGrowth(model: PlanModel, plan: StagePlan): GrowthView | undefined {
  const first = plan.stages[0];
  if (!first) return undefined;
  const rate = assumptionAt(model.assumptions.growth, first.line)?.value;
  if (rate === undefined || !(rate > 0)) return undefined;
  const start = assumptionAt(model.assumptions.startUsers, first.line)?.value ?? (first.high !== undefined && first.high > 0 ? first.high : undefined);
  if (start === undefined || !(start > 0)) return undefined;
  const thresholds: GrowthView['thresholds'] = [];
  const seen = new Set<number>();
  for (const s of plan.stages) {
    for (const users of [s.low, s.high]) {
      if (users === undefined || users <= start || seen.has(users)) continue;
      seen.add(users);
      const month = monthsToReach(start, users, rate);
      if (month !== undefined) thresholds.push({ users, month });
    }
  }
  if (thresholds.length === 0) return undefined;
  thresholds.sort((a, b) => a.users - b.users);
  return { line: first.line, span: first.span, rate, startUsers: start, thresholds, implied: [] };
}
