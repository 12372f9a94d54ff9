import { claimAgrees } from '../compare';
import { conceptOf } from '../concepts';
import type { Item, PlanModel } from '../model';
import { show } from '../quantity';
import { defineRule, input, type Derivation } from '../rule';
import type { EngineOptions, Finding, Quantity } from '../types';

const ID = 'shares';

/** Titles that say the figures share out one whole. */
const WHOLE = /\b(?:mix|split|allocation|allocated|breakdown|distribution|shares?|composition|weights?|weighting|portfolio|use of funds)\b|%\s*of\b|\bper ?cent(?:age)? of\b/i;
/** Titles of lists that may or may not share out a whole: their shares count only when they make 100%. */
const PARTS = /\b(?:channels?|sources?|segments?)\b/i;
/**
 * Rates and partial lists: a conversion or growth rate by channel, a market share, the share
 * of users who use each feature, the top channels with the rest left out. Their percentages
 * need not make 100%.
 */
const NOT_A_WHOLE =
  /\b(?:conversion|converts?|convert(?:ing|ed)|growth|grow(?:ing|s)?|churn|retention|rates?|ctr|click[- ]?through|uplift|increase|decrease|change|margins?|roi|who|using|adoption|usage|penetration|coverage|utili[sz]ation|completion|top(?: \d+)?|the rest|remainder|remaining|long tail|others?|market share|revenue share|rev share)\b/i;

interface Part {
  q: Quantity;
  label: string;
}

/** A list of shares: its parts, its stated total, and whether its title claims a whole. */
interface ShareList {
  parts: Part[];
  total?: Quantity;
  /** The title says the parts make up a whole; otherwise they count only when they make 100%. */
  whole: boolean;
}

/** Items that each state one percentage and nothing else. */
function shareItems(items: Item[]): Part[] | undefined {
  const out: Part[] = [];
  for (const item of items) {
    if (item.values.length !== 1) return undefined;
    const q = item.values[0]!;
    if (q.kind !== 'percent' || q.high !== undefined || q.bound || q.open || q.approx) return undefined;
    out.push({ q, label: item.label });
  }
  return out;
}

/** Does a title (or a column header) say its percentages share out a whole, or may they? */
function titleKind(title: string): 'whole' | 'parts' | undefined {
  if (NOT_A_WHOLE.test(title)) return undefined;
  if (WHOLE.test(title)) return 'whole';
  if (PARTS.test(title)) return 'parts';
  return undefined;
}

const cache = new WeakMap<PlanModel, ShareList[]>();

/** The lists and tables of shares of a model (found once for both the derivations and the checks). */
function shareLists(model: PlanModel): ShareList[] {
  let lists = cache.get(model);
  if (lists) return lists;
  lists = [];
  for (const group of model.groups) {
    const kind = titleKind(group.titleText);
    if (!kind) continue;
    const totalIdx = group.items.findIndex((i) => conceptOf(i.key) === 'total');
    const parts = shareItems(totalIdx >= 0 ? group.items.slice(0, totalIdx) : group.items);
    if (!parts) continue;
    const list: ShareList = { parts, whole: kind === 'whole' };
    if (totalIdx >= 0) {
      const t = group.items[totalIdx]!;
      if (t.values.length !== 1 || t.values[0]!.kind !== 'percent') continue;
      list.total = t.values[0]!;
    }
    lists.push(list);
  }
  for (const table of model.tables) {
    // The header as written: `Share (% of signups)` keeps its parenthesis here.
    const col = table.columns.find((c) => /\bshare\b|\bmix\b|allocation|\bsplit\b|% of|percent of|\bweight/i.test(c.header) && !NOT_A_WHOLE.test(c.header));
    if (!col) continue;
    const list: ShareList = { parts: [], whole: true };
    let ok = true;
    for (const row of table.rows) {
      const cell = row.cells[col.index];
      const q = cell && cell.values.length === 1 ? cell.values[0]! : undefined;
      if (!q || q.kind !== 'percent' || q.high !== undefined || q.bound || q.approx) {
        ok = false;
        break;
      }
      if (/^\W*total\b/i.test(row.cells[0]?.text ?? '')) list.total = q;
      else list.parts.push({ q, label: row.cells[0]?.text.trim() ?? 'row' });
    }
    if (ok) lists.push(list);
  }
  cache.set(model, lists);
  return lists;
}

interface Reading {
  sum: number;
  terms: string;
  /** The sum misses 100% by no more than the rounding of the shares. */
  makesWhole: boolean;
  /** The shares before the last one already make 100% or more: the last cannot be what they leave. */
  othersOver: boolean;
}

/**
 * Rounded shares may miss 100 by their rounding, but by no more than one unit of the coarsest
 * share (33% + 33% + 33% is fine; 98% is not).
 */
function read(parts: Part[]): Reading {
  const sum = parts.reduce((s, p) => s + p.q.value, 0);
  const unit = Math.max(...parts.map((p) => Math.pow(10, -p.q.format.decimals)));
  const slack = Math.min(unit, (parts.length * unit) / 2);
  const others = sum - parts[parts.length - 1]!.q.value;
  return {
    sum,
    terms: parts.map((p) => `${show(p.q.value)}%`).join(' + '),
    makesWhole: Math.abs(sum - 100) <= slack + 1e-9,
    othersOver: others >= 100 - 1e-9,
  };
}

function usable(list: ShareList): boolean {
  return list.parts.length >= 2 && !list.parts.some((p) => p.q.blank);
}

/**
 * Shares above 100% with a stated total that disagrees: either the total or any share may be
 * wrong, so no value is the one to change.
 */
function overWithTotal(list: ShareList, r: Reading, options: EngineOptions): boolean {
  const t = list.total;
  return !!t && !t.blank && !r.makesWhole && r.sum > 100 && !claimAgrees(t, [r.sum], options);
}

/**
 * Shares with a stated total: the total is their sum. Without one, they make 100%: the last
 * share is what the others leave, within the rounding of all of them. A list whose title does
 * not claim a whole is read as shares only when it makes 100% and states no total of its own.
 */
function derive(list: ShareList, options: EngineOptions): Derivation | undefined {
  if (!usable(list)) return undefined;
  const { parts, total } = list;
  const r = read(parts);
  if (!list.whole && (!r.makesWhole || total)) return undefined;
  if (total) {
    // Reported by the check, without a fix.
    if (overWithTotal(list, r, options)) return undefined;
    return {
      rule: ID,
      target: total,
      label: 'Total share',
      expected: [r.sum],
      formula: () => r.terms,
      display: (v) => `${show(v, 2)}%`,
      related: parts.map((p) => input(p.q, p.label)),
      fixVerb: 'Change to',
    };
  }
  if (r.othersOver && !r.makesWhole) return undefined;
  const last = parts[parts.length - 1]!;
  const others = parts.slice(0, -1);
  const rest = 100 - (r.sum - last.q.value);
  return {
    rule: ID,
    target: last.q,
    label: `Share ${last.label}`,
    expected: [r.makesWhole ? last.q.value : rest],
    formula: () => `100% − (${others.map((p) => `${show(p.q.value)}%`).join(' + ')}), as the shares must make 100%`,
    display: (v) => `${show(v, 2)}%`,
    related: others.map((p) => input(p.q, p.label)),
    fixVerb: 'Change to',
  };
}

/**
 * Shares of a whole that add up to more than 100% where no one share is the one to change: the
 * shares before the last already make 100% or more, or a stated total disagrees with a sum
 * above 100%.
 */
function overWhole(list: ShareList, options: EngineOptions): Finding | undefined {
  if (!list.whole || !usable(list)) return undefined;
  const r = read(list.parts);
  if (list.total ? !overWithTotal(list, r, options) : r.makesWhole || !r.othersOver) return undefined;
  const at = list.total ?? list.parts[list.parts.length - 1]!.q;
  return {
    rule: ID,
    severity: 'error',
    message: `Shares add up to ${show(r.sum, 2)}% (${r.terms}), more than the 100% they make up`,
    span: at.span,
    fixes: [],
    related: list.parts.filter((p) => p.q !== at).map((p) => input(p.q, p.label)),
    data: { sum: r.sum },
  };
}

/** Shares that should make 100% (channel mix, budget split) must. */
export default defineRule({
  meta: {
    id: ID,
    description: 'Shares that make up a whole (a channel mix, a budget split) must add up to 100%, or to their stated total.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    for (const list of shareLists(model)) {
      const d = derive(list, model.options);
      if (d) out.push(d);
    }
    return out;
  },
  check(model) {
    const out: Finding[] = [];
    for (const list of shareLists(model)) {
      const f = overWhole(list, model.options);
      if (f) out.push(f);
    }
    return out;
  },
});
