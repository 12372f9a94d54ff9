/**
 * Each stage's projection: its range, timeline, budget, and the modelled cost, cost per user,
 * revenue, margin and profit at its users, from the plan's own figures (the cost model and
 * break-even blocks) and, where the plan states none, computed from them and its assumptions;
 * its uptime and the downtime that allows; its team. Every stated figure keeps its span.
 */
import { SCENARIO } from '../concepts';
import { econRecords, revenueBasisAt, type EconRecord, type Figure } from '../economics';
import type { PlanModel } from '../model';
import { show } from '../quantity';
import { money } from '../rule';
import type { Quantity } from '../types';
import { peopleOnLine } from './extract';
import type { DowntimeBudget, Fact, ProjectedFigure, ProjectionPoint, Stage, StageProjection } from './types';

function stated(fig: Figure | Fact, line?: number): ProjectedFigure {
  const q = fig.q;
  const out: ProjectedFigure = { value: q.value, source: 'stated', span: q.span, raw: q.raw, label: fig.label };
  if (q.high !== undefined) out.high = q.high;
  if (q.per) out.per = q.per;
  const l = line ?? ('line' in fig ? fig.line : undefined);
  if (l !== undefined) out.line = l;
  return out;
}

function computed(value: number, label: string, formula: string, per?: string): ProjectedFigure {
  const out: ProjectedFigure = { value, source: 'computed', formula, label };
  if (per) out.per = per;
  return out;
}

/** Money per month of a stated figure, or undefined when stated per another period. */
function perMonth(q: Quantity): number | undefined {
  if (q.per === undefined || q.per === 'month') return q.value;
  if (q.per === 'year') return q.value / 12;
  return undefined;
}

function lineOf(model: PlanModel, offset: number): number {
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

/**
 * The stage a user count belongs to: a count on a shared boundary belongs to the stage it ends
 * (`100 users` is the top of `0-100 users`), an open stage holds everything from its start.
 */
export function stageForUsers<T extends { low?: number; high?: number; open: boolean }>(stages: readonly T[], users: number): T | undefined {
  for (const s of stages) if (s.low !== undefined && s.high !== undefined && users > s.low && users <= s.high) return s;
  for (const s of stages) if (s.low !== undefined && s.open && users >= s.low) return s;
  return stages.find((s) => s.low === users);
}

/** Every stage (of `stages`) whose range holds `users`, boundaries included on both sides. */
export function stagesHolding<T extends { low?: number; high?: number; open: boolean }>(stages: readonly T[], users: number): T[] {
  return stages.filter((s) => s.low !== undefined && users >= s.low && (s.open ? true : s.high !== undefined && users <= s.high));
}

/** Records of the plan's unit economics with a user count, outside alternative scenarios. */
export function modelledRecords(model: PlanModel): EconRecord[] {
  return econRecords(model).filter((r) => r.users && !r.users.q.blank && r.users.q.value > 0 && !r.context.some((c) => SCENARIO.test(c)));
}

/**
 * The modelled monthly cost of a record: its total when it lists no team cost and is not about
 * people (a team or hiring block), else its infrastructure line (a total that includes salaries
 * is not an infrastructure cost).
 */
export function modelledCost(rec: EconRecord): Figure | undefined {
  if (rec.total && !rec.team && !rec.people && !rec.total.q.blank) return rec.total;
  if (rec.infra && !rec.infra.q.blank) return rec.infra;
  return undefined;
}

/** The figures at each user count, merging the cost model and break-even blocks for the same count. */
function pointsByUsers(model: PlanModel): Map<number, ProjectionPoint> {
  const out = new Map<number, ProjectionPoint>();
  for (const rec of modelledRecords(model)) {
    if (!rec.total && !rec.infra && !rec.team && !rec.revenue && !rec.costPerUser && !rec.margin && !rec.profit) continue;
    const n = rec.users!.q.value;
    let p = out.get(n);
    if (!p) {
      p = { users: n, usersSpan: rec.users!.q.span };
      out.set(n, p);
    }
    const use = (f: Figure | undefined, key: 'infrastructure' | 'team' | 'costPerUser' | 'revenue' | 'margin' | 'profit'): void => {
      if (f && !f.q.blank && f.q.high === undefined && !p![key]) p![key] = stated(f, lineOf(model, f.q.span.start));
    };
    const cost = modelledCost(rec);
    if (cost && !p.cost && cost.q.high === undefined) p.cost = stated(cost, lineOf(model, cost.q.span.start));
    use(rec.infra, 'infrastructure');
    // A team block's total is the team's cost at that count.
    const team = rec.team ?? (rec.people === 'team' ? rec.total : undefined);
    use(team, 'team');
    use(rec.costPerUser, 'costPerUser');
    use(rec.revenue, 'revenue');
    use(rec.margin, 'margin');
    use(rec.profit, 'profit');
    if (team && !p.teamSize) {
      const people = peopleOnLine(model, lineOf(model, team.q.span.start));
      if (people) p.teamSize = stated({ q: people, label: 'team size', line: lineOf(model, people.span.start), item: true });
    }
  }
  return out;
}

/** Fills what the plan does not state at a point from what it does: cost per user, revenue, margin, profit. */
function complete(model: PlanModel, p: ProjectionPoint, line: number): void {
  const n = p.users;
  const cost = p.infrastructure ?? p.cost;
  if (!p.costPerUser && p.cost && n > 0) p.costPerUser = computed(p.cost.value / n, 'cost per user', `${money(p.cost.value)} / ${show(n)} users`, 'month');
  if (!p.revenue) {
    const basis = revenueBasisAt(model, line);
    if (basis && 'arpu' in basis) p.revenue = computed(n * basis.arpu.value, 'revenue', `${show(n)} users × ${money(basis.arpu.value)} ARPU`, 'month');
    else if (basis) {
      const { conversion, price } = basis;
      p.revenue = computed(n * conversion.value * price.value, 'revenue', `${show(n)} users × ${show(conversion.value * 100, 2)}% × ${money(price.value)}`, 'month');
    }
  }
  const rev = p.revenue?.value;
  if (!p.margin && rev !== undefined && rev > 0 && cost) {
    const c = cost.value;
    p.margin = computed(((rev - c) / rev) * 100, 'gross margin', `(${money(rev)} − ${money(c)}) / ${money(rev)}`);
  }
  if (!p.profit && rev !== undefined && cost) {
    const team = p.team?.value ?? 0;
    const formula = p.team ? `${money(rev)} − ${money(cost.value)} − ${money(team)}` : `${money(rev)} − ${money(cost.value)}`;
    p.profit = computed(rev - cost.value - team, 'profit', formula, 'month');
  }
}

/** Downtime an uptime allows per day, week, month and year. */
export function downtimeBudget(uptime: number, month: '30d' | '730h'): DowntimeBudget {
  const share = 1 - uptime / 100;
  return {
    uptime,
    perDay: share * 1440,
    perWeek: share * 10080,
    perMonth: share * (month === '730h' ? 43800 : 43200),
    perYear: share * 525600,
    month,
  };
}

/** The projection of each stage of the main list. */
export function buildProjections(model: PlanModel, stages: Stage[]): StageProjection[] {
  const main = stages.filter((s) => s.primary && s.low !== undefined);
  const points = pointsByUsers(model);
  const byStage = new Map<Stage, ProjectionPoint[]>();
  for (const p of [...points.values()].sort((a, b) => a.users - b.users)) {
    const s = stageForUsers(main, p.users);
    if (!s) continue;
    const list = byStage.get(s) ?? [];
    list.push(p);
    byStage.set(s, list);
  }
  return main.map((s) => {
    const def = s.definition;
    const proj: StageProjection = {
      key: s.key,
      label: s.label,
      span: s.span,
      line: s.line,
      users: { low: s.low!, open: s.open, span: def.users!.span, text: def.users!.text },
      points: byStage.get(s) ?? [],
    };
    if (s.word) proj.word = s.word;
    if (s.number !== undefined) proj.number = s.number;
    if (s.name) proj.name = s.name;
    if (s.high !== undefined) proj.users.high = s.high;
    // The definition speaks first, then the other mentions in document order.
    const mentions = [def, ...s.mentions.filter((m) => m !== def)];
    const timed = mentions.find((m) => m.timeline);
    if (timed) proj.timeline = { ...timed.timeline!, line: lineOf(model, timed.timeline!.span.start) };
    const budget = mentions.find((m) => m.budget)?.budget;
    if (budget) proj.budget = stated(budget);
    const up = mentions.find((m) => m.uptime?.item) ?? mentions.find((m) => m.uptime);
    if (up?.uptime) {
      proj.uptime = stated(up.uptime);
      proj.downtime = downtimeBudget(up.uptime.q.value, model.options.month);
      if (up.downtime) proj.downtime.stated = stated(up.downtime);
    }
    for (const p of proj.points) complete(model, p, def.line);
    if (proj.points.length === 0 && s.high !== undefined && !s.open && s.high > 0) {
      // No modelled figures inside the stage: what the assumptions alone say at its top.
      const p: ProjectionPoint = { users: s.high, usersSpan: def.users!.span };
      complete(model, p, def.line);
      if (p.revenue) proj.points.push(p);
    }
    const at = proj.points[proj.points.length - 1];
    if (at) proj.at = at;
    const team = at?.teamSize ?? mentions.find((m) => m.teamSize)?.teamSize;
    if (team) proj.teamSize = 'q' in team ? stated(team) : team;
    return proj;
  });
}

export { perMonth };
