/**
 * The economics of a block about one number of users (`100 users:` then `- Revenue: …`,
 * `- Infrastructure: …`, `- Profit: …`), and the plan's stated assumptions (ARPU, conversion,
 * price, growth): what the revenue, profit and cost-per-user rules bind, and what the
 * projection table reads.
 */
import { amountOf, isTotalRow } from './items';
import type { Block, Claim, PlanModel, Row } from './model';
import { roleOf } from './roles';
import { normalizeLabel, WordList } from './vocabulary';

/** A block about one number of users, with its figures by role. */
export interface EconBlock {
  block: Block;
  /** The number of users the block is about (from its title or heading). */
  users?: Claim;
  revenue?: Claim;
  take?: Claim;
  /** Costs listed (not totals). */
  costs: Claim[];
  /** A stated total of the costs. */
  total?: Claim;
  profit?: Claim;
  margin?: Claim;
  costPerUser?: Claim;
  /** The block is about one user (`Per User:`): its figures are per user. */
  perUser: boolean;
}

const PER_USER_TITLE = /\bper (?:user|customer|seat|member|paying user)\b|\bpor usuario\b|\bpro nutzer\b|\bpar utilisateur\b|\bunit economics\b/i;

/** The single number of users a title names: `100 users:`, `### 1,000 Users`, `At 2,500 users`. */
export function usersInTitle(row: Row | undefined): Claim | undefined {
  if (!row) return undefined;
  const users = row.claims.filter((c) => c.unit.dim === 'count' && (c.unit.noun === 'user' || c.unit.noun === 'customer'));
  if (users.length !== 1) return undefined;
  const c = users[0]!;
  if (c.q.high !== undefined || c.q.open || c.q.bound || c.q.approx || c.q.blank) return undefined;
  return c;
}

/**
 * `Profit per order: €400 × 30% = €120`: the row's first figure is an input of the row's own
 * arithmetic, not what the label names (the explicit-arithmetic rule checks such a row).
 */
export function writesArithmetic(row: Row, text: string): boolean {
  const [c, last] = [row.values[0], row.values[row.values.length - 1]];
  return !!c && !!last && last !== c && text.slice(c.q.span.end, last.q.span.start).includes('=');
}

/** The row's figure (a blank too: blanks are filled from the block's other figures). */
function first(row: Row): Claim | undefined {
  const c = row.values[0];
  if (!c || c.q.bound || c.q.open) return undefined;
  return c;
}

export function econBlock(block: Block, model: PlanModel): EconBlock {
  const e: EconBlock = { block, costs: [], perUser: block.titles.slice(0, 1).some((t) => PER_USER_TITLE.test(t)) };
  const title = block.titleLine !== undefined ? model.rowAt[block.titleLine] : undefined;
  const u = usersInTitle(title) ?? (block.rows[0] && block.rows[0].values.length === 0 ? usersInTitle(block.rows[0]) : undefined);
  if (u) e.users = u;
  for (const row of block.rows) {
    if (row.program || !row.label) continue;
    const c = first(row);
    if (!c) continue;
    if (writesArithmetic(row, model.text)) continue;
    const role = roleOf(row.label);
    if (role === 'per-user' || /\bcost per user\b/.test(normalizeLabel(row.label))) {
      if (c.unit.dim === 'money') e.costPerUser = c;
      continue;
    }
    if (c.unit.dim === 'percent') {
      if (role === 'margin') e.margin = c;
      continue;
    }
    if (c.unit.dim !== 'money' || c.unit.perEntity) continue;
    if (isTotalRow(row)) {
      e.total = c;
      continue;
    }
    const amount = amountOf(row, model.text);
    const value = amount && amount.options.length === 1 && amount.options[0]!.op === 'claim' ? amount.claims[0]! : c;
    if (role === 'revenue' && !e.revenue) e.revenue = value;
    else if (role === 'take' && !e.take) e.take = value;
    else if ((role === 'profit' || role === 'loss') && !e.profit) e.profit = value;
    else if (role === 'cost' || role === undefined) e.costs.push(value);
  }
  return e;
}

export interface Assumption {
  claim: Claim;
  /** First line the assumption is in force from. */
  line: number;
}

const ARPU_LINE = /\b(?:arpu|arpa|average revenue per (?:user|account|customer)|revenue per user)\b/i;

/** ARPU figures the plan states, in document order. */
export function arpuAssumptions(model: PlanModel): Assumption[] {
  const out: Assumption[] = [];
  for (const row of model.rows) {
    if (row.program || row.cells) continue;
    if (!ARPU_LINE.test(row.content)) continue;
    const money = row.claims.filter((c) => c.unit.dim === 'money' && !c.q.blank && c.q.high === undefined && c.unit.per !== 'year' && !c.unit.perEntity || c.unit.dim === 'money' && c.unit.perEntity === 'user' && c.q.high === undefined);
    if (money.length !== 1) continue;
    // `Revenue: $X (ARPU $Y)` states a revenue, not an assumption.
    if (row.label && !/arpu|arpa|average revenue|assum|revenue per user/i.test(row.label) && roleOf(row.label) === 'revenue') continue;
    out.push({ claim: money[0]!, line: row.line });
  }
  return out;
}

/** A revenue assumption as a share of users paying a price: `Revenue assumes 6% Pro @ $24 per month`. */
export interface ConversionAssumption {
  conversion: Claim;
  price: Claim;
  line: number;
}

const ASSUMES = /\bassum(?:e|es|ed|ing|ption)\b/i;

/** Lines that assume a conversion and a price: exactly one percentage and one monthly price. */
export function conversionAssumptions(model: PlanModel): ConversionAssumption[] {
  const out: ConversionAssumption[] = [];
  for (const row of model.rows) {
    if (row.program || row.cells || !ASSUMES.test(row.content) || ARPU_LINE.test(row.content)) continue;
    const pct = row.claims.filter((c) => c.unit.dim === 'percent');
    const money = row.claims.filter((c) => c.unit.dim === 'money');
    if (pct.length !== 1 || money.length !== 1 || row.claims.length !== 2) continue;
    // `Revenue: $1,000/month (assuming 10% paid)` states a figure, not an assumption.
    if (row.label && roleOf(row.label) !== undefined) continue;
    const [c, p] = [pct[0]!, money[0]!];
    if (c.q.blank || p.q.blank || c.q.high !== undefined || p.q.high !== undefined || c.q.low <= 0 || c.q.low > 100) continue;
    if ((p.unit.per && p.unit.per !== 'month') || (p.unit.perEntity && p.unit.perEntity !== 'user')) continue;
    out.push({ conversion: c, price: p, line: row.line });
  }
  return out;
}

const OPTION_WORDS = new WordList(['option', 'options', 'scenario', 'alternative']);

/** Is a block about options or scenarios? */
export function aboutAlternatives(block: Block): boolean {
  return OPTION_WORDS.has(normalizeLabel(block.titles.slice(0, 2).join(' ')));
}
