/**
 * What a label or a column header means: the vocabulary the arithmetic rules share.
 */
import type { Group, Item, Table, TableColumn } from './model';
import type { Quantity } from './types';

export type Concept =
  | 'total'
  | 'subtotal'
  | 'cost-per-user'
  | 'revenue'
  | 'gross-margin'
  | 'profit'
  | 'infrastructure'
  | 'team'
  | 'users'
  | 'uptime'
  | 'downtime'
  | 'arpu'
  | 'other-derived';

const PATTERNS: [Concept, RegExp][] = [
  ['cost-per-user', /\bcost (?:per|\/) ?(?:user|customer|seat|mau)\b|^per[- ]user cost|^cost\/user|^unit cost|^infra(?:structure)? (?:cost )?per user/],
  ['gross-margin', /^(?:gross )?margins?\b|\bgross margin\b/],
  ['profit', /^(?:net )?(?:profit|loss|profit\/loss|p&l|income)\b|^net\b(?! revenue)|^ebitda\b|^operating (?:profit|income)\b/],
  ['arpu', /^arpu\b|average revenue per/],
  ['revenue', /^(?:monthly |total |gross |projected |recurring )?(?:revenue|mrr)\b/],
  ['subtotal', /^sub[- ]?totals?\b/],
  ['total', /^(?:grand |monthly |annual |overall )?total\b|^sum\b|^total (?:monthly |annual )?(?:cost|costs|spend|budget)\b/],
  ['infrastructure', /^(?:infrastructure|infra|cogs|cost of (?:goods|revenue)|cloud infrastructure|hosting (?:and|&) infrastructure)\b/],
  ['team', /^(?:team|salaries|salary|payroll|people|staff|headcount cost)\b/],
  ['users', /^(?:users|customers|mau|dau|subscribers|accounts|seats|active users)\b/],
  ['uptime', /\buptime\b|\bavailability\b|\bsla\b/],
  ['downtime', /\bdowntime\b/],
  [
    'other-derived',
    /\b(?:ltv|cac|payback|runway|burn|break[- ]?even|valuation|funding|price|pricing|savings|roi|arr|churn|conversion|growth|budget|range|target|goal|cash|ratio|per month per|rate)\b/,
  ],
];

/** The concept of a normalised label (see `normalizeKey`). */
export function conceptOf(key: string): Concept | undefined {
  for (const [c, re] of PATTERNS) if (re.test(key)) return c;
  return undefined;
}

/** Concepts that are computed from other figures, never summed as costs. */
export const DERIVED = new Set<Concept>(['total', 'subtotal', 'cost-per-user', 'revenue', 'gross-margin', 'profit', 'arpu', 'users', 'uptime', 'downtime', 'other-derived']);

/** The one usable value of an item, when it has exactly one quantity of an accepted kind. */
export function singleValue(item: Item, kinds: Quantity['kind'][]): Quantity | undefined {
  if (item.values.length === 0) return undefined;
  const first = item.values[0]!;
  if (!kinds.includes(first.kind)) return undefined;
  // Further quantities are allowed only as a parenthetical after the first (`$0.76/month (-37%)`,
  // `$15,000/month (2 people)`), never a second amount of the same kind.
  for (const q of item.values.slice(1)) if (q.kind === first.kind && q.kind === 'money') return undefined;
  return first;
}

export interface MoneyItem {
  item: Item;
  q: Quantity;
  concept: Concept | undefined;
}

/** Items of a group that state one amount of money, with their concepts. */
export function moneyItems(group: Group): MoneyItem[] {
  const out: MoneyItem[] = [];
  for (const item of group.items) {
    const q = singleValue(item, ['money']);
    if (!q) continue;
    out.push({ item, q, concept: conceptOf(item.key) });
  }
  return out;
}

/** The first column whose header matches. */
export function column(table: Table, re: RegExp, exclude?: RegExp): TableColumn | undefined {
  return table.columns.find((c) => re.test(c.key) && !(exclude && exclude.test(c.key)));
}

/** Context words that mean figures belong to alternative scenarios, not one plan. */
export const SCENARIO = /\b(?:scenario|conservative|optimistic|pessimistic|aggressive|base case|best case|worst case|option [a-z0-9]|alternative|plan [ab]|bear|bull|example)\b/i;

/** Money per month, for comparing claims stated per month, per year, or without a period. */
export function monthly(q: Quantity): number | undefined {
  if (q.per === undefined || q.per === 'month') return q.value;
  if (q.per === 'year') return q.value / 12;
  return undefined;
}
