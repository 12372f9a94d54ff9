/**
 * The projection table: per stage and per modelled number of users, the users, cost, cost per
 * user, revenue, margin, profit and downtime budget, each cell a formula over the plan's own
 * claims (as data), evaluated here and nowhere else. Lenses, stage cards, hovers, the
 * projections view and `report` read this table; no front end computes a figure.
 */
import { arpuAssumptions, econBlock, type EconBlock } from './economics';
import { evaluate, inputs, render, type Expr } from './formula';
import { lineEnd } from './markdown';
import type { Block, Claim, PlanModel, Section } from './model';
import { sameStage, type StageEntry, type StageModel } from './stages';
import type { EngineOptions, Span, Unit } from './types';
import { normalizeLabel, WordList, type MonthConvention } from './vocabulary';

/** One figure of the table: its value (a range when its inputs are), formula and sources. */
export interface Cell {
  low: number;
  high?: number;
  unit: Unit;
  /** The formula, as data; undefined for a figure the plan states. */
  expr?: Expr;
  /** The formula as text (`1,000 + 400 + 100`). */
  formula?: string;
  /** Where its inputs are stated. */
  sources: Span[];
  /** A stated figure (the plan's own), or one computed from other figures. */
  stated: boolean;
}

export interface ProjectionRow {
  kind: 'stage' | 'block';
  /** How the row is called: `Stage 2: Early Traction`, `2,500 users`. */
  label: string;
  line: number;
  span: Span;
  users?: { low: number; high?: number; open: boolean };
  /** The cost range the plan budgets for a stage. */
  budget?: Cell;
  /** The cost the plan models (the sum of a block's costs, or its stated total). */
  cost?: Cell;
  costPerUser?: Cell;
  /** A stage's budget over its users: the low budget over the most users, the high over the fewest. */
  budgetPerUser?: Cell;
  revenue?: Cell;
  margin?: Cell;
  profit?: Cell;
  uptime?: Cell;
  /** Downtime the uptime allows per month (minutes). */
  downtime?: Cell;
  /**
   * For a stage: the block its modelled cost comes from (the users at the top of its range),
   * since it is not the stage's budget.
   */
  modelled?: { label: string; line: number };
  /** For a stage: the block its revenue, margin and profit come from. */
  economics?: { label: string; line: number };
  /** A stage's row index in the primary list (for stage rows), its stage entry's id. */
  entry?: number;
}

export interface GrowthModel {
  line: number;
  span: Span;
  /** Monthly growth as a fraction (0.2 for 20%). */
  rate?: number;
  startUsers?: number;
  /** Month at which each stage threshold is reached at `rate`. */
  thresholds: { users: number; month: number; label?: string }[];
}

export interface Projection {
  rows: ProjectionRow[];
  growth?: GrowthModel;
}

const money = (c: Claim): Unit => ({ dim: 'money', ...(c.unit.currency ? { currency: c.unit.currency } : {}), per: c.unit.per ?? 'month' });

function cell(expr: Expr, unit: Unit, text: string, stated = false): Cell | undefined {
  const low = evaluate(expr, { end: 'low', alt: false });
  if (!low || !Number.isFinite(low.v)) return undefined;
  const high = evaluate(expr, { end: 'high', alt: false });
  const c: Cell = { low: low.v, unit, sources: inputs(expr).map((x) => x.q.span), stated };
  if (high && Math.abs(high.v - low.v) > 1e-9) c.high = high.v;
  if (!stated) {
    c.expr = expr;
    c.formula = render(expr, text);
  }
  return c;
}

function claimCell(c: Claim, text: string, unit?: Unit): Cell | undefined {
  return cell({ op: 'claim', claim: c }, unit ?? c.unit, text, true);
}

const SERVING_WORDS = new WordList(['infrastructure', 'infra', 'hosting', 'servers', 'cloud']);

/** The projection of a block about a number of users. */
function blockRow(e: EconBlock, model: PlanModel, arpu: Claim | undefined, month: MonthConvention): ProjectionRow | undefined {
  if (!e.users || e.perUser) return undefined;
  const text = model.text;
  const users: Expr = { op: 'claim', claim: e.users };
  const row: ProjectionRow = {
    kind: 'block',
    label: `${text.slice(e.users.q.numberSpan.start, e.users.q.numberSpan.end)} users`,
    line: e.block.titleLine ?? e.block.start,
    span: e.users.q.span,
    users: { low: e.users.q.low, high: e.users.q.low, open: false },
  };
  const costs = e.costs;
  const unit = costs[0] ? money(costs[0]) : e.total ? money(e.total) : undefined;
  if (costs.length >= 2 && unit) {
    const c = cell({ op: 'add', terms: costs.map((x) => ({ op: 'claim', claim: x })) }, unit, text);
    if (c) row.cost = c;
  } else if (e.total) row.cost = claimCell(e.total, text, money(e.total));
  const costExpr: Expr | undefined = costs.length >= 2 ? { op: 'add', terms: costs.map((x) => ({ op: 'claim', claim: x })) } : e.total ? { op: 'claim', claim: e.total } : undefined;
  if (costExpr && unit && e.users.q.low > 0) {
    const c = cell({ op: 'div', a: costExpr, b: users }, { ...unit, perEntity: 'user' }, text);
    if (c) row.costPerUser = c;
  }
  const revenueExpr: Expr | undefined = arpu && e.revenue ? { op: 'mul', factors: [users, { op: 'claim', claim: arpu }] } : e.revenue ? { op: 'claim', claim: e.revenue } : undefined;
  if (revenueExpr && e.revenue) {
    const c = cell(revenueExpr, money(e.revenue), text, revenueExpr.op === 'claim');
    if (c) row.revenue = c;
  }
  if (revenueExpr && e.revenue && costExpr) {
    // Gross margin over the infrastructure cost when the block names one, else over all costs.
    const infra = costs.find((c) => SERVING_WORDS.has(normalizeLabel(c.row.label)));
    const serving: Expr = infra ? { op: 'claim', claim: infra } : costExpr;
    const m = cell({ op: 'scale', a: { op: 'div', a: { op: 'sub', a: revenueExpr, b: serving }, b: revenueExpr }, factor: 100, why: '100%' }, { dim: 'percent' }, text);
    if (m) row.margin = m;
    const p = cell({ op: 'sub', a: revenueExpr, b: costExpr }, money(e.revenue), text);
    if (p) row.profit = p;
  }
  void month;
  return row.cost || row.revenue ? row : undefined;
}

/** The projection of a stage: its range, budget, the cost modelled within it, and its service level. */
const UPTIME_LABEL = /^(?:uptime|availability|sla|slo|uptime target|availability target|uptime sla)$/;

function stageRow(s: StageEntry, peers: StageEntry[], blocks: ProjectionRow[], model: PlanModel, month: MonthConvention): ProjectionRow {
  const text = model.text;
  const u = s.users!;
  const row: ProjectionRow = { kind: 'stage', label: s.label, line: s.line, span: s.span, users: u.open ? { low: u.low, open: true } : { low: u.low, high: u.high!, open: false }, entry: s.id };
  // What other statements of the same stage (same name and range) say: its budget, its uptime.
  const budget = s.budget ?? peers.find((p) => p.budget)?.budget;
  // An uptime stated as a labelled line (`- Uptime: 99.95%`) over one in prose.
  const uptimes = [s.uptime, ...peers.map((p) => p.uptime)].filter((c): c is Claim => c !== undefined);
  const uptime = uptimes.find((c) => UPTIME_LABEL.test(c.row.key)) ?? uptimes[0];
  if (budget) {
    row.budget = claimCell(budget, text, money(budget));
    // What the budget comes to per user across the stage's range.
    // What the budget comes to per user across the stage: the low budget over the most users,
    // the high budget over the fewest (the top of the range when the stage starts at zero).
    if (!u.open && u.high! > 0 && u.claim.q.high !== undefined) {
      const users = (end: 'low' | 'high'): Expr => ({ op: 'claim', claim: u.claim, end });
      const perUser: Expr = {
        op: 'range',
        low: { op: 'div', a: { op: 'claim', claim: budget, end: 'low' }, b: users('high') },
        high: { op: 'div', a: { op: 'claim', claim: budget, end: 'high' }, b: users(u.low > 0 ? 'low' : 'high') },
      };
      const c = cell(perUser, { ...money(budget), perEntity: 'user' }, text);
      if (c) row.budgetPerUser = c;
    }
  }
  // The blocks modelled at the stage's top: the cost from a block of costs (without revenue)
  // when there is one, revenue, margin and profit from a block that states revenue.
  const within = blocks.filter((b) => b.users && b.users.low >= u.low && (u.open || b.users.low <= u.high!) && !(b.users.low === u.low && u.low > 0 && blocks.some((o) => o !== b && o.users?.low === u.low)));
  const topUsers = Math.max(...within.map((b) => b.users!.low));
  const atTop = within.filter((b) => b.users!.low === topUsers);
  const costs = atTop.find((b) => b.cost && !b.revenue) ?? atTop.find((b) => b.cost);
  const economics = atTop.find((b) => b.revenue);
  if (costs?.cost) {
    row.modelled = { label: costs.label, line: costs.line };
    row.cost = costs.cost;
    if (costs.costPerUser) row.costPerUser = costs.costPerUser;
  }
  if (economics) {
    row.economics = { label: economics.label, line: economics.line };
    if (economics.revenue) row.revenue = economics.revenue;
    if (economics.margin) row.margin = economics.margin;
    if (economics.profit) row.profit = economics.profit;
  }
  if (uptime) {
    row.uptime = claimCell(uptime, text)!;
    const d = cell({ op: 'downtime', uptime: { op: 'claim', claim: uptime }, period: 'month', month }, { dim: 'duration', time: 'minute', per: 'month' }, text);
    if (d) row.downtime = d;
  }
  return row;
}

const GROWTH = [
  /(\d+(?:[.,]\d+)?)\s?%\s*(?:month[- ]over[- ]month|mom|monthly|per month|a month|each month|every month|\/\s?month)[^.\n]{0,20}?\bgrowth/i,
  /\bgrowth(?: rate)?(?: of| is| at)?[:\s]+(?:~\s?|about\s)?(\d+(?:[.,]\d+)?)\s?%\s*(?:month[- ]over[- ]month|mom|monthly|per month|a month|\/\s?month)/i,
  /(\d+(?:[.,]\d+)?)\s?%\s*(?:mom|month[- ]over[- ]month)\b/i,
  /\bgrow(?:s|ing)?\s(?:at\s|by\s)?(?:~\s?|about\s)?(\d+(?:[.,]\d+)?)\s?%\s*(?:month[- ]over[- ]month|mom|monthly|per month|a month|each month|\/\s?month)/i,
];
const START = /\b(?:from|currently(?: at)?|today we have|we have|starting (?:from|at|with))\s+(?:~\s*|about\s+)?([\d,.]+\s?[kK]?)\s+users?\b(?:\s+today)?/i;

/** The plan's monthly user growth and starting users, from its frontmatter or its prose. */
export function growthAssumptions(model: PlanModel, fm: { growth?: number; startUsers?: number }): { rate?: number; start?: number; line?: number } {
  const out: { rate?: number; start?: number; line?: number } = {};
  if (fm.growth !== undefined) out.rate = fm.growth;
  if (fm.startUsers !== undefined) out.start = fm.startUsers;
  for (const row of model.rows) {
    if (row.program || row.cells) continue;
    if (out.rate === undefined && !/\b(?:revenue|mrr|arr|cost|price|churn)\b[^.]*\bgrow/i.test(row.content)) {
      for (const re of GROWTH) {
        const m = re.exec(row.content);
        if (m) {
          out.rate = Number(m[1]!.replace(',', '.')) / 100;
          out.line = row.line;
          break;
        }
      }
    }
    if (out.start === undefined) {
      const m = START.exec(row.content);
      if (m) {
        const users = row.claims.find((c) => c.unit.dim === 'count' && c.unit.noun === 'user' && c.q.high === undefined && row.content.slice(c.q.span.start - row.contentStart).startsWith(m[1]!.trim()));
        if (users) out.start = users.q.low;
      }
    }
  }
  return out;
}

/** Months to grow from `start` to `users` at `rate` per month. */
export function monthsToReach(start: number, users: number, rate: number): number | undefined {
  if (!(start > 0) || !(rate > 0) || !Number.isFinite(users)) return undefined;
  if (users <= start) return 0;
  return Math.ceil(Math.log(users / start) / Math.log(1 + rate) - 1e-9);
}

export function buildProjection(model: PlanModel, stages: StageModel, options: EngineOptions, fm: { growth?: number; startUsers?: number; arpu?: Claim }, econ: (b: Block) => EconBlock = (b) => econBlock(b, model)): Projection {
  const month: MonthConvention = options.month === '730h' ? '730h' : '30d';
  const arpus = arpuAssumptions(model);
  const blocks: ProjectionRow[] = [];
  for (const block of model.blocks) {
    if (block.kind === 'table') continue;
    const e = econ(block);
    if (!e.users) continue;
    const a = [...arpus].reverse().find((x) => x.line < block.start)?.claim ?? fm.arpu;
    const row = blockRow(e, model, a, month);
    if (row) blocks.push(row);
  }
  const rows: ProjectionRow[] = [];
  const primary = stages.primary;
  if (primary) {
    for (const s of primary.entries) {
      if (!s.users) continue;
      const peers = stages.entries.filter((e) => e !== s && !e.inconsistent && e.word && s.word && e.word.toLowerCase() === s.word.toLowerCase() && e.number === s.number && (!e.users || sameStage(e.users, s.users!)));
      rows.push(stageRow(s, peers, blocks, model, month));
    }
  }
  rows.push(...blocks);
  rows.sort((a, b) => a.line - b.line);
  const out: Projection = { rows };
  const g = growthAssumptions(model, fm);
  const first = primary?.entries.find((e) => e.users);
  if (g.rate !== undefined && g.rate > 0 && first) {
    const start = g.start ?? (first.users!.high !== undefined && first.users!.high > 0 ? first.users!.high : undefined);
    if (start !== undefined) {
      const thresholds: GrowthModel['thresholds'] = [];
      for (const s of primary!.entries) {
        const low = s.users?.low;
        if (low === undefined || low <= start) continue;
        const month = monthsToReach(start, low, g.rate);
        if (month !== undefined) thresholds.push({ users: low, month, label: s.label });
      }
      // The growth lens sits on the line that states the growth, else on the heading above the
      // stage list, so that it is never glued to the first stage's lens.
      let line = g.line ?? first.line;
      if (g.line === undefined) {
        let section: Section | undefined = model.sectionAt[first.line];
        while (section && section.line === first.line) section = section.parent;
        if (section?.line !== undefined) line = section.line;
      }
      const span = { start: model.outline.lineStarts[line]!, end: lineEnd(model.outline, line) };
      out.growth = { line, span, rate: g.rate, startUsers: start, thresholds };
    }
  }
  return out;
}
