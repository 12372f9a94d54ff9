import type { Expr } from '../formula';
import { amountOf, cellAmount, isPartLabel, isSubtotalRow, isTotalRow, type Amount } from '../items';
import { Kind } from '../markdown';
import type { Block, Cell, Claim, PlanModel, Row, Section } from '../model';
import type { Reading, Relation } from '../relation';
import { defineRule } from '../rule';
import { roleOf } from '../roles';
import { codeDictTotals } from '../totals/code-dicts';
import { productAmount } from '../totals/products';
import { detailListTotals } from '../totals/detail-lists';
import { periodBlockTotals } from '../totals/period-blocks';
import { cumulativeTotals } from '../totals/cumulative';
import { headlineTotals } from '../totals/headlines';
import { teamGrowthTotals } from '../totals/team-growth';
import { assignsArithmetic } from '../totals/code-sums';
import { ALTERNATIVE_WORDS, normalizeLabel, periodsPer, TOTAL_WORDS } from '../vocabulary';

/**
 * A Total (or Subtotal) line, table row, column or cell must equal the sum of the items it
 * totals: the rows above it in its list, code block or table (ranges add end by end), the
 * cells of its row in a Total column, or the column of the table just above a Total line. The
 * text decides what may be left out: alternatives (`$0 or $20`), optional items, subtotals
 * and items of another period; the total holds when any such reading agrees.
 */
export default defineRule({
  meta: {
    id: 'totals',
    description: 'A Total line, row, column or cell must equal the sum of the items it totals (ranges add as ranges).',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    const facts = new Facts(model);
    for (const block of model.blocks) {
      if (block.kind === 'table') out.push(...tableTotals(block, facts), ...rowTotals(block));
      else out.push(...listTotals(block, facts));
    }
    out.push(...totalsAfterTables(model));
    out.push(...codeDictTotals(model));
    out.push(...detailListTotals(model, ctx.options.approxTolerance));
    out.push(...periodBlockTotals(model));
    out.push(...cumulativeTotals(model, ctx.options));
    out.push(...headlineTotals(model));
    out.push(...teamGrowthTotals(model));
    return out;
  },
});

/**
 * What the rule reads of each row, read once per row: a total's items are read by every total
 * below them in their list, so a row is not read again (its label normalised again) for each.
 */
class Facts {
  private readonly totalRows = new Map<Row, boolean>();
  private readonly subtotalRows = new Map<Row, boolean>();
  private readonly parts = new Map<Row, boolean>();
  private readonly amounts = new Map<Row, Amount | undefined>();
  private readonly programAmounts = new Map<Row, Amount | undefined>();
  private readonly keys = new Map<Row, string>();
  private readonly partKeys = new Map<string, boolean>();
  private readonly sortedSections = new Map<Section, boolean>();
  private readonly rowsByKey = new Map<Block, Map<string, Row[]>>();
  private blocksBySection: Map<Section, Block[]> | undefined;
  constructor(readonly model: PlanModel) {}
  isTotal(r: Row): boolean {
    let v = this.totalRows.get(r);
    if (v === undefined) this.totalRows.set(r, (v = isTotalRow(r)));
    return v;
  }
  /** A total or a subtotal: what the readings of a total leave out or start from. */
  isTotalOrSubtotal(r: Row): boolean {
    if (this.isTotal(r)) return true;
    let v = this.subtotalRows.get(r);
    if (v === undefined) this.subtotalRows.set(r, (v = isSubtotalRow(r)));
    return v;
  }
  isPart(r: Row): boolean {
    let v = this.parts.get(r);
    if (v === undefined) this.parts.set(r, (v = isPartLabel(r.key)));
    return v;
  }
  amount(r: Row): Amount | undefined {
    if (!this.amounts.has(r)) this.amounts.set(r, rowAmount(r, this.model.text));
    return this.amounts.get(r);
  }
  /** The amount a row adds as an item: in code, a money key's value (see programAmount). */
  itemAmount(r: Row): Amount | undefined {
    if (!r.program) return this.amount(r);
    if (!this.programAmounts.has(r)) this.programAmounts.set(r, programAmount(r));
    return this.programAmounts.get(r);
  }
  isPartKey(key: string): boolean {
    let v = this.partKeys.get(key);
    if (v === undefined) this.partKeys.set(key, (v = isPartLabel(key)));
    return v;
  }
  /**
   * The blocks of the section of `block` that a total opening it may read (not tables, with a
   * figure), in document order: the first `count` of them end above it.
   */
  blocksBefore(block: Block): { blocks: Block[]; count: number } {
    const blocks = this.sectionBlocks(block.section);
    if (!this.sortedSections.has(block.section)) this.sortedSections.set(block.section, blocks.every((b, k) => k === 0 || blocks[k - 1]!.end <= b.end));
    if (!this.sortedSections.get(block.section)) {
      const above = blocks.filter((b) => b.end < block.start);
      return { blocks: above, count: above.length };
    }
    let a = 0;
    let b = blocks.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (blocks[m]!.end < block.start) a = m + 1;
      else b = m;
    }
    return { blocks, count: a };
  }
  /** A row's label as the blocks above a total are matched by it (`Cost` in each). */
  key(r: Row): string {
    let k = this.keys.get(r);
    if (k === undefined) this.keys.set(r, (k = r.key.replace(/[^\p{L}\p{N} ]+/gu, ' ').trim()));
    return k;
  }
  /** The rows of a block with this key. */
  rowsWithKey(b: Block, key: string): Row[] {
    let byKey = this.rowsByKey.get(b);
    if (!byKey) {
      byKey = new Map();
      for (const r of b.rows) {
        const k = this.key(r);
        const list = byKey.get(k);
        if (list) list.push(r);
        else byKey.set(k, [r]);
      }
      this.rowsByKey.set(b, byKey);
    }
    return byKey.get(key) ?? [];
  }
  /** The blocks of a section a total opening its own block may read, collected once for all sections. */
  private sectionBlocks(section: Section): Block[] {
    if (!this.blocksBySection) {
      this.blocksBySection = new Map();
      for (const b of this.model.blocks) {
        if (b.kind === 'table' || !b.rows.some((r) => r.claims.length > 0)) continue;
        const list = this.blocksBySection.get(b.section);
        if (list) list.push(b);
        else this.blocksBySection.set(b.section, [b]);
      }
    }
    return this.blocksBySection.get(section) ?? [];
  }
}

/**
 * Items in document order, with what the readings of a total need of any first `len` of them
 * (counts, the first item of each kind), kept as items are added: a total reads a prefix of
 * its run without going through the items above it again.
 */
class Run {
  readonly items: Item[] = [];
  /** A rate or an average among the items (above the run): no total reads this run. */
  rateAbove = false;
  /** Per item: the index of the last total at or before it (-1: none). */
  private readonly lastTotals: number[] = [];
  /** Per item: how many totals are at or before it. */
  private readonly totalCounts: number[] = [];
  /** Per unit class of the items' figures, the first item that has it. */
  readonly classes = new Map<string, number>();
  /** The first item with a figure of no class, with a blank, not zero, approximate. */
  firstUnclassed = Infinity;
  firstBlank = Infinity;
  firstNonZero = Infinity;
  firstApprox = Infinity;
  static of(items: Item[]): Run {
    const run = new Run();
    for (const it of items) run.push(it);
    return run;
  }
  push(it: Item): void {
    const k = this.items.length;
    this.items.push(it);
    const before = k > 0 ? this.lastTotals[k - 1]! : -1;
    this.lastTotals.push(it.total ? k : before);
    this.totalCounts.push((k > 0 ? this.totalCounts[k - 1]! : 0) + (it.total ? 1 : 0));
    for (const c of it.amount.claims) {
      const cls = classOf(c);
      if (!cls) this.firstUnclassed = Math.min(this.firstUnclassed, k);
      else if (!this.classes.has(cls)) this.classes.set(cls, k);
      if (c.q.blank) this.firstBlank = Math.min(this.firstBlank, k);
      if (c.q.approx) this.firstApprox = Math.min(this.firstApprox, k);
      if (!(c.q.low === 0 && (c.q.high ?? 0) === 0)) this.firstNonZero = Math.min(this.firstNonZero, k);
    }
  }
  /** The index of the last total among the first `len` items (-1: none). */
  lastTotal(len: number): number {
    return len > 0 ? this.lastTotals[len - 1]! : -1;
  }
  totals(len: number): number {
    return len > 0 ? this.totalCounts[len - 1]! : 0;
  }
}

/** The first `len` items of a run: the items a total reads. */
interface View {
  run: Run;
  len: number;
}

/** The amount a row adds: a product written without its result (`3 × $8,000`), or as items.ts reads it. */
function rowAmount(r: Row, text: string): Amount | undefined {
  if (r.cells) return undefined;
  return productAmount(r.values, text, r.contentStart, r.contentStart + r.content.length) ?? amountOf(r, text);
}

/** The amount a table cell adds as an item: a product (`2 × 60,00 €`), or as items.ts reads it. */
function cellItemAmount(r: Row, cell: Cell, text: string): Amount | undefined {
  return productAmount(cell.claims, text, cell.span.start, cell.span.end) ?? cellAmount(r, cell, text);
}

/** Unit class of an amount for adding: amounts of different classes never add. */
function classOf(c: Claim): string | undefined {
  const u = c.unit;
  if (c.q.open || c.q.bound) return undefined;
  switch (u.dim) {
    case 'money':
      return `money:${u.currency ?? ''}:${u.perEntity ?? ''}`;
    case 'count':
    case 'number':
      // What the count counts, when it says: `6 nodes` is no sum of `2 nodes` and `1 cluster`.
      return (u.perEntity ? `count:${u.perEntity}` : 'count') + (u.noun ? `#${u.noun}` : '');
    case 'duration':
      return 'duration';
    case 'data':
      return 'data';
    default:
      return undefined;
  }
}

/** Can an item of class `item` add into a total of class `total`? */
function compatible(total: string, item: string): boolean {
  if (total === item) return true;
  // A bare number among counts, or a count among bare numbers.
  if (total.startsWith('count') && item.startsWith('count')) {
    const [t, tn] = total.split('#');
    const [i, n] = item.split('#');
    if (tn && n && tn !== n) return false;
    return t === i || t === 'count' || i === 'count';
  }
  return false;
}

interface Item {
  row: Row;
  amount: Amount;
  /** This row is itself a total or subtotal. */
  total: boolean;
}

/** The term an item adds: its figure, scaled when its period differs from the total's. */
function term(e: Expr, c: Claim, total: Claim): Expr | undefined {
  const per = c.unit.per;
  const tper = total.unit.per;
  if (per && tper && per !== tper) {
    const k = periodsPer(per, tper);
    if (k === undefined) return undefined;
    return { op: 'scale', a: e, factor: k, why: k >= 1 ? String(k) : `1/${Math.round(1 / k)}` };
  }
  return e;
}

const MAX_READINGS = 48;

/**
 * Readings of a total over `items` (document order): the items since the previous total, that
 * total and the items since, all items but the totals among them, with alternatives and
 * optional items read each way.
 */
/** The words of a total's label besides the total word (`Total paid` → `paid`). */
function qualifierOf(label: string): string[] {
  const n = normalizeLabel(label).replace(/\([^)]*\)/g, ' ');
  const words = n.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2 && !TOTAL_WORDS.includes(w) && !/^(?:monthly|annual|yearly|cost|costs|all|the|of|per|month|year)$/.test(w));
  return words.length <= 2 ? words : [];
}

/**
 * Totals a total may be read over besides the items since the one above it: past this many
 * totals above in its run, the readings over every item above are not made (in a run of
 * totals, each reading them all would read the whole run again: quadratic).
 */
export const MAX_TOTALS_ABOVE = 32;

function readingsFor(target: Claim, view: View, totalLabel: string): { readings: Reading[]; certain: boolean } | undefined {
  const cls = classOf(target);
  if (!cls) return undefined;
  const { run, len } = view;
  const items = run.items;
  // Items since the previous total.
  const lastTotal = run.lastTotal(len);
  const since = items.slice(lastTotal + 1, len);
  if (since.length === 0) return undefined;
  // Every figure above must add into the total's class (kept by the run as it was read).
  if (run.firstUnclassed < len) return undefined;
  for (const [k, at] of run.classes) if (at < len && !compatible(cls, k)) return undefined;
  // A blank item leaves a stated total unchecked; a blank total is computed once its items are.
  if (run.firstBlank < len && !target.q.blank) return undefined;
  const sets: { items: Item[]; name?: string; primary?: boolean }[] = [];
  sets.push({ items: since, primary: true });
  if (lastTotal >= 0) {
    // Not a revenue total carried into a total of costs (`Total revenue`, then `Total costs`):
    // the items above a total of another kind are that total's.
    const above = roleOf(items[lastTotal]!.row.label);
    const own = roleOf(totalLabel);
    const sameKind = !above || !own || above === own;
    if (sameKind) sets.push({ items: [items[lastTotal]!, ...since], name: 'the total above and the items after it' });
    if (sameKind && run.totals(len) <= MAX_TOTALS_ABOVE) {
      const above = items.slice(0, len);
      const leaves = above.filter((it) => !it.total);
      if (leaves.length >= 2) sets.push({ items: leaves, name: 'every item above' });
      const totals = above.filter((it) => it.total);
      if (totals.length >= 2) sets.push({ items: [...totals, ...since], name: 'the totals above' });
    }
  }
  // `Total paid` over `Free tier`, `Existing paid`, `New paid`: the items the qualifier names.
  const qualifier = qualifierOf(totalLabel);
  if (qualifier.length > 0) {
    const named = since.filter((it) => qualifier.some((w) => normalizeLabel(it.row.label).split(/\s+/).includes(w)));
    if (named.length >= 1 && named.length < since.length) sets.push({ items: named, name: `the items that are ${qualifier.join(' ')}` });
  }
  // `Total paid` leaves out the free tier.
  if (qualifier.some((w) => /^(?:paid|paying|billable|pagos|pagantes|payants|zahlende)$/.test(w))) {
    const paid = since.filter((it) => !/\b(?:free|trial|gratis|grátis|gratuit|freemium|kostenlos|ücretsiz)\b/i.test(it.row.label));
    if (paid.length < since.length) sets.push({ items: paid, name: 'the paid items' });
  }
  // Items that are sums of other items (subtotals without the word): leave them out, or keep only them.
  const plain = since.filter((it) => !it.total);
  const { sums, summary } = subtotalsAmong(plain);
  if (sums.size > 0) {
    sets.push({ items: plain.filter((it) => !sums.has(it)), name: 'leaving out the items that sum others' });
    if (sums.size >= 2) sets.push({ items: plain.filter((it) => sums.has(it)), name: 'the items that sum others' });
    // A running total: the last item that sums others, and the items after it.
    const lastSum = plain.reduce((at, it, k) => (sums.has(it) ? k : at), -1);
    if (lastSum >= 0 && lastSum < plain.length - 1) sets.push({ items: plain.slice(lastSum), name: 'the subtotal above and the items after it' });
  }
  if (summary.length > 0) {
    sets.push({ items: summary, name: 'the items that sum others' });
    sets.push({ items: plain.filter((it) => !summary.includes(it)), name: 'leaving out the items that sum others' });
  }
  // Money in and out in one column: a total of spending is the sum of the outgoings.
  const signs = since.map((it) => Math.sign(it.amount.claims[0]!.q.low));
  if (signs.includes(1) && signs.includes(-1)) {
    sets.push({ items: since.filter((_, k) => signs[k] === -1), name: 'the outgoings' });
    sets.push({ items: since.filter((_, k) => signs[k] === 1), name: 'the incomings' });
  }
  // Code: figures written with cents are amounts; whole numbers beside them may be quantities.
  if (since.every((it) => it.row.program)) {
    const cents = since.filter((it) => it.amount.claims[0]!.q.style.decimals === 2);
    if (cents.length >= 2 && cents.length < since.length) sets.push({ items: cents, name: 'the amounts written with cents' });
  }
  const readings: Reading[] = [];
  let certain = true;
  for (const set of sets) {
    if (set.items.length < 2 && !set.name?.startsWith('the items that are')) continue;
    const choices: Expr[][] = [];
    for (const it of set.items) {
      const opts: Expr[] = [];
      it.amount.options.forEach((o, k) => {
        const t = term(o, it.amount.claims[k] ?? it.amount.claims[0]!, target);
        if (t) opts.push(t);
      });
      if (opts.length === 0) return undefined;
      if (it.amount.optional) opts.push({ op: 'const', value: 0, text: '0' });
      const c0 = it.amount.claims[0]!;
      if (c0.unit.per && target.unit.per && c0.unit.per !== target.unit.per) opts.push({ op: 'const', value: 0, text: '0' }, it.amount.options[0]!);
      if (opts.length > 1) certain = false;
      choices.push(opts);
    }
    for (const combo of combinations(choices, MAX_READINGS - readings.length)) {
      const r: Reading = { expr: { op: 'add', terms: combo } };
      if (set.name) r.name = `read as ${set.name}`;
      readings.push(r);
    }
    if (!set.primary) certain = false;
    if (readings.length >= MAX_READINGS) break;
  }
  if (readings.length === 0) return undefined;
  // Quarters of monthly run rates (`Q1 … Q4` rows in a table with an MRR or monthly column)
  // under a year's total: the year is three months of each.
  const monthly = (target.row.block?.columns ?? []).some((c) => c.period === 'month' || /\bMRR\b/i.test(c.header)) || since.every((it) => it.amount.claims[0]!.unit.per === 'month');
  if (monthly && since.length >= 2 && since.every((it) => QUARTER_ROW.test(it.row.label.replace(/[*_`]/g, '').trim())) && YEAR_TOTAL.test(`${totalLabel} ${target.row.content}`)) {
    for (const r of readings.slice(0, MAX_READINGS)) readings.push({ expr: { op: 'scale', a: r.expr, factor: 3, why: '3 months' }, name: `${r.name ?? 'read as the items above'}, each a monthly figure for three months` });
    certain = false;
  }
  return { readings, certain: certain && sets.length === 1 };
}

/** A row named by a quarter: `Q3`, `Y1 Q2`, `2025 Q4`, `Q1 2026`. */
const QUARTER_ROW = /^(?:(?:Y|FY|Year\s*)?\d{1,4}\s*)?Q[1-4](?:\s*(?:'|’)?\d{2,4})?$/i;

/** A total of a year: `Year total`, `Y1 Total`, `Annual`, `FY2025`, `Toplam (yıl)`. */
const YEAR_TOTAL = /\b(?:year|yearly|annual|annually|Y\d|FY\s?\d{2,4}|año|anual|ano|annuel|année|jahr|jährlich|anno|annuale|rok|roczn\p{L}*|yıl|yıllık|год|годовой|tahun|năm)\b|年|년/iu;

function* combinations(choices: Expr[][], limit: number): Generator<Expr[]> {
  let n = 0;
  const idx = choices.map(() => 0);
  for (;;) {
    if (n++ >= limit) return;
    yield choices.map((c, i) => c[idx[i]!]!);
    let k = choices.length - 1;
    while (k >= 0) {
      idx[k]!++;
      if (idx[k]! < choices[k]!.length) break;
      idx[k] = 0;
      k--;
    }
    if (k < 0) return;
  }
}

/**
 * Items that restate others: an item equal to the sum of two or more (non-zero) items above it,
 * and the run of items just above the total that each sum items before them (`Fixed: $19`,
 * `Variable: $0.40` after the costs they sum).
 */
function subtotalsAmong(items: Item[]): { sums: Set<Item>; summary: Item[] } {
  const sums = new Set<Item>();
  // Small whole counts make sums by chance: only amounts of money are read this way.
  if (!items.every((it) => it.amount.claims[0]!.unit.dim === 'money')) return { sums, summary: [] };
  const values = items.map((it) => (it.amount.options.length === 1 && it.amount.options[0]!.op === 'claim' && it.amount.claims[0]!.q.high === undefined ? it.amount.claims[0]!.q : undefined));
  const isSubsetSum = (k: number, before: SubsetSums, minItems: number): boolean => {
    const v = values[k]!;
    const n = before.values.length;
    if (n < minItems || n > MAX_SUBSET || v.low === 0) return false;
    return before.has(v.low, Math.max(v.precision, 1e-9), minItems);
  };
  // The figures before item k that are not themselves sums: kept as k goes on (an item's
  // place among the sums is settled when it is reached).
  const before = new SubsetSums();
  const keep = (j: number): void => {
    if (values[j] && values[j]!.low !== 0 && !sums.has(items[j]!)) before.values.push(values[j]!.low);
  };
  for (let j = 0; j < Math.min(2, items.length); j++) keep(j);
  for (let k = 2; k < items.length; k++) {
    if (values[k] && isSubsetSum(k, before, 2)) sums.add(items[k]!);
    keep(k);
  }
  // The run just above the total: each sums items before the run.
  const summary: Item[] = [];
  for (let k = items.length - 1; k >= 1; k--) {
    if (!values[k]) break;
    const prior = new SubsetSums();
    // Past MAX_SUBSET figures no subset is tried: the list stops there.
    for (let j = 0; j < k && prior.values.length <= MAX_SUBSET; j++) if (values[j] && values[j]!.low !== 0) prior.values.push(values[j]!.low);
    if (!isSubsetSum(k, prior, 1)) break;
    summary.unshift(items[k]!);
  }
  return { sums, summary: summary.length >= 2 && summary.length < items.length ? summary : [] };
}

/** Figures whose subsets are tried as sums: at most this many. */
const MAX_SUBSET = 14;

/**
 * Does a subset of `values` (of at least `minItems` figures) add up to `v` within `tol`? Each
 * subset is added in the order of its figures. Up to 8 figures every subset is tried; beyond,
 * the sums of all subsets are computed once (for as long as the list does not grow) and
 * sorted, and only those near `v` are compared: a long list of items that each sum a few
 * figures above them does not add up 2^14 subsets for each.
 */
class SubsetSums {
  readonly values: number[] = [];
  private table: { n: number; sums: Float64Array; bits: Uint8Array; order: Uint32Array } | undefined;
  has(v: number, tol: number, minItems: number): boolean {
    const values = this.values;
    const n = values.length;
    if (n <= 8 || !values.every(Number.isFinite)) {
      for (let mask = 1; mask < 1 << n; mask++) {
        let bits = 0;
        let sum = 0;
        for (let b = 0; b < n; b++) {
          if (mask & (1 << b)) {
            bits++;
            sum += values[b]!;
          }
        }
        if (bits >= minItems && Math.abs(sum - v) < tol) return true;
      }
      return false;
    }
    const t = this.table?.n === n ? this.table : (this.table = subsetTable(values));
    // Every sum that can be within `tol` of `v`, with room for rounding; each compared as above.
    const margin = 1e-9 * Math.max(1, Math.abs(v), tol);
    const lo = v - tol - margin;
    const hi = v + tol + margin;
    let a = 0;
    let b = t.order.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (t.sums[t.order[m]!]! < lo) a = m + 1;
      else b = m;
    }
    for (let i = a; i < t.order.length; i++) {
      const mask = t.order[i]!;
      const sum = t.sums[mask]!;
      if (sum > hi) break;
      if (t.bits[mask]! >= minItems && Math.abs(sum - v) < tol) return true;
    }
    return false;
  }
}

/** The sum and size of every non-empty subset, each added lowest figure first, and the subsets by sum. */
function subsetTable(values: number[]): { n: number; sums: Float64Array; bits: Uint8Array; order: Uint32Array } {
  const n = values.length;
  const size = 1 << n;
  const sums = new Float64Array(size);
  const bits = new Uint8Array(size);
  for (let mask = 1; mask < size; mask++) {
    // The highest figure is added last: the same additions, in the same order, as one by one.
    const high = 31 - Math.clz32(mask);
    const rest = mask ^ (1 << high);
    sums[mask] = sums[rest]! + values[high]!;
    bits[mask] = bits[rest]! + 1;
  }
  const order = new Uint32Array(size - 1);
  for (let k = 0; k < order.length; k++) order[k] = k + 1;
  // Sums that overflow are ±Infinity (never NaN: the figures are finite): compared, not subtracted.
  order.sort((x, y) => (sums[x]! < sums[y]! ? -1 : sums[x]! > sums[y]! ? 1 : 0));
  return { n, sums, bits, order };
}

/**
 * The items above row `i` of `rows`: rows at the total's depth, up to a shallower row. (What
 * listTotals keeps as it reads a block top down; read up from one row only for a total that
 * opens its block, over the block above it.)
 */
function itemsAbove(rows: Row[], i: number, depth: number, facts: Facts): Item[] | undefined {
  const items: Item[] = [];
  for (let k = i - 1; k >= 0; k--) {
    const r = rows[k]!;
    if (r.depth < depth) break;
    if (r.depth > depth) continue;
    if (r.values.length === 0) {
      // A row without figures between items (a sub-title) ends the items.
      if (items.length > 0) break;
      continue;
    }
    // In code, keys that name quantities (`storage_gb`, `instances`) are not amounts.
    const a = facts.itemAmount(r);
    if (!a) {
      if (r.program) continue;
      break;
    }
    // A rate or an average among the items: not a list of parts.
    if (!facts.isPart(r) && !facts.isTotal(r)) return undefined;
    items.unshift({ row: r, amount: a, total: facts.isTotalOrSubtotal(r) });
  }
  return items;
}

/**
 * What reading up from a row finds at one depth (as itemsAbove reads): the items (a run and
 * how many of it), nothing (`none`: no item, or the items end here), or a rate among them.
 */
type Found = View | 'none' | 'rate';

function listTotals(block: Block, facts: Facts): Relation[] {
  const out: Relation[] = [];
  const rows = block.rows.filter((r) => !r.program || r.lang === 'python' || r.lang === 'json' || r.lang === 'yaml' || r.lang === 'yml');
  // Rows below the last total are read neither as items nor as totals.
  let last = -1;
  for (let i = 0; i < rows.length; i++) if (facts.isTotal(rows[i]!)) last = i;
  const total = (i: number, found: Found): Relation | undefined => {
    const t = rows[i]!;
    const amount = facts.amount(t);
    // A total whose own line writes how it is computed is not a sum of the rows above.
    if (!amount || amount.options.length !== 1 || amount.options[0]!.op !== 'claim' || amount.derived || assignsArithmetic(t)) return undefined;
    const target = amount.claims[0]!;
    if (target.unit.dim === 'percent') return undefined;
    if (found === 'rate' || (found !== 'none' && found.run.rateAbove)) return undefined;
    if (found !== 'none') return relationFor(target, found, t);
    if (i !== 0) return undefined;
    const items = itemsBefore(block, t, facts);
    if (!items || items.length === 0) return undefined;
    return relationFor(target, { run: Run.of(items), len: items.length }, t);
  };
  // The rows are read once, top down, keeping for each depth what reading up from the current
  // row would find (itemsAbove): `first` before any item is found (rows without figures are
  // passed over), `next` after one (they end the items). A row ends the items of every
  // deeper depth, and deeper rows are passed over.
  const depths: number[] = [];
  const firsts = new Map<number, Found>();
  const nexts = new Map<number, Found>();
  for (let i = 0; i <= last; i++) {
    const r = rows[i]!;
    const d = r.depth;
    while (depths.length > 0 && depths[depths.length - 1]! > d) {
      const e = depths.pop()!;
      firsts.delete(e);
      nexts.delete(e);
    }
    if (depths.length === 0 || depths[depths.length - 1]! < d) depths.push(d);
    if (facts.isTotal(r)) {
      const rel = total(i, firsts.get(d) ?? 'none');
      if (rel) out.push(rel);
    }
    if (r.values.length === 0) {
      nexts.set(d, 'none');
      continue;
    }
    const a = facts.itemAmount(r);
    if (!a) {
      if (!r.program) {
        firsts.set(d, 'none');
        nexts.set(d, 'none');
      }
      continue;
    }
    if (!facts.isPart(r) && !facts.isTotal(r)) {
      firsts.set(d, 'rate');
      nexts.set(d, 'rate');
      continue;
    }
    const next = nexts.get(d) ?? 'none';
    let run: Run;
    if (next === 'none' || next === 'rate') {
      run = new Run();
      run.rateAbove = next === 'rate';
    } else if (next.len === next.run.items.length) run = next.run;
    else {
      run = Run.of(next.run.items.slice(0, next.len));
      run.rateAbove = next.run.rateAbove;
    }
    run.push({ row: r, amount: a, total: facts.isTotalOrSubtotal(r) });
    const view: View = { run, len: run.items.length };
    firsts.set(d, view);
    nexts.set(d, view);
  }
  return out;
}

/**
 * Blocks a total that opens its own block reads one line of each from: past this many, the
 * lines are not read as its items (each total of a long run of such blocks would read them
 * all again).
 */
export const MAX_BLOCKS_ABOVE = 64;

/**
 * The items of a total that opens its own block: the run of lines just above it in the same
 * code block (a blank line between), or one line of the same label in each of the blocks just
 * above it in its section (`Cost: …` under each service, then `Total: …`).
 */
function itemsBefore(block: Block, t: Row, facts: Facts): Item[] | undefined {
  const model = facts.model;
  const { blocks: before, count } = facts.blocksBefore(block);
  const prev = before[count - 1];
  if (!prev) return undefined;
  if (block.kind === 'code' && prev.kind === 'code' && prev.lang === block.lang) {
    // Same fence: nothing but blank lines between the two runs.
    let k = prev.end + 1;
    while (k < block.start && model.rowAt[k] === undefined) k++;
    if (k === block.start && !prev.rows.some((r) => facts.isTotal(r))) return itemsAbove(prev.rows, prev.rows.length, t.depth, facts);
    return undefined;
  }
  if (block.kind === 'code') return undefined;
  // One line of the same label in each block above.
  for (const candidate of prev.rows) {
    if (!candidate.label || candidate.values.length === 0) continue;
    const key = facts.key(candidate);
    if (key === '' || !facts.isPartKey(key)) continue;
    const items: Item[] = [];
    let j = count - 1;
    for (; j >= 0 && items.length <= MAX_BLOCKS_ABOVE; j--) {
      const b = before[j]!;
      const hits = facts.rowsWithKey(b, key);
      if (hits.length !== 1) break;
      const a = facts.amount(hits[0]!);
      if (!a) break;
      items.push({ row: hits[0]!, amount: a, total: false });
    }
    if (items.length > MAX_BLOCKS_ABOVE) continue;
    items.reverse();
    if (items.length >= 2) return items;
  }
  return undefined;
}

const QUANTITY_KEY = new Set(['slots', 'slot', 'gb', 'tb', 'mb', 'kb', 'gib', 'tib', 'count', 'hours', 'hour', 'hrs', 'users', 'requests', 'instances', 'instance', 'nodes', 'node', 'replicas', 'qty', 'quantity', 'size', 'tokens', 'calls', 'seats', 'vcpu', 'vcpus', 'cores', 'memory', 'ram', 'disk', 'storage', 'egress', 'fill', 'scaling', 'pct', 'percent', 'ratio', 'rate', 'units', 'months', 'days', 'minutes', 'seconds']);

/**
 * A key of a code dictionary or assignment that names an amount of money: not one that names
 * a quantity (`storage_gb`, `instances`, `europe_egress  # GB`).
 */
function moneyKey(row: Row): boolean {
  const k = row.label.toLowerCase();
  const words = k.split(/[_\-\s.]+/).filter(Boolean);
  // A period after a number qualifies the key (`salary_5_months`): it is not what the key counts.
  if (words.length > 2 && /^\d+$/.test(words[words.length - 2]!) && /^(?:months?|years?|weeks?|days?)$/.test(words[words.length - 1]!)) words.splice(-2);
  if (words.some((w) => /^(?:costs?|prices?|fees?|spend|amount|charges?|totals?|budget|revenue|usd|eur)$/.test(w))) return true;
  const last = words[words.length - 1] ?? '';
  if (QUANTITY_KEY.has(last) || words.some((w) => /^(?:k|m|g|t)i?b$/.test(w)) || /^(?:n|num|count|number)$/.test(words[0] ?? '')) return false;
  // A comment that is a unit: `"cache_fill": 50,  # GB`.
  const comment = /(?:#|\/\/)\s*(.*)$/.exec(row.content)?.[1];
  if (comment && /^(?:gb|tb|mb|kb|gib|tib|hours?|hrs?|users?|requests?|instances?|nodes?|vcpus?|cores?|%)\b/i.test(comment)) return false;
  return true;
}

/** The amount of money a line of code states: a money key's value, or a money key inside an inline dictionary. */
function programAmount(row: Row): Amount | undefined {
  const pairs = [...row.content.matchAll(/["']?([\w-]+)["']?\s*:\s*(-?[\d_]+(?:\.\d+)?)/g)];
  if (pairs.length > 1) {
    for (const p of pairs) {
      if (!/(?:cost|price|fee|amount|spend|charge|total)/i.test(p[1]!)) continue;
      const at = row.contentStart + p.index! + p[0].length - p[2]!.length;
      const c = row.claims.find((x) => x.q.numberSpan.start === at);
      if (c) return { options: [{ op: 'claim', claim: c }], claims: [c], optional: false, derived: false };
    }
    return undefined;
  }
  const hash = /\s(?:#|\/\/)/.exec(row.content);
  const end = hash ? row.contentStart + hash.index : Infinity;
  let values = row.values.filter((c) => c.q.span.start < end);
  // A note in parentheses after the amount (`ECS: $108 (3 tasks, 1 vCPU, 2GB)`) is not the amount.
  const open = row.content.indexOf('(');
  if (values.length > 1 && open > 0) {
    const at = row.contentStart + open;
    const before = values.filter((c) => c.q.span.end <= at);
    if (before.length === 1 && before[0]!.q.unit.currency !== undefined) values = before;
  }
  // A figure written with its currency (`storage: "$9.20"`) is money whatever its key names.
  if (!(moneyKey(row) || values[0]?.q.unit.currency !== undefined) || values.length !== 1) return undefined;
  const c = values[0]!;
  return { options: [{ op: 'claim', claim: c }], claims: [c], optional: false, derived: false };
}

/** The relation of a total to the items it reads: the first `len` of a run. */
function relationFor(target: Claim, view: View, row: Row): Relation | undefined {
  const { run, len } = view;
  if (len - run.totals(len) < 1) return undefined;
  // A column of zeros under a stated figure is no breakdown of it.
  if (run.firstNonZero >= len) return undefined;
  const r = readingsFor(target, view, row.label);
  if (!r) return undefined;
  const approx = target.q.approx === true || run.firstApprox < len;
  const rel: Relation = { rule: 'totals', target, label: row.label ? labelOf(row.label) : 'Total', readings: r.readings };
  if (r.certain && !approx) rel.fixable = true;
  if (approx) rel.approx = true;
  return rel;
}

function labelOf(label: string): string {
  const l = label.replace(/[*_`]/g, '').trim();
  return l.length > 40 ? 'Total' : l;
}

/**
 * A label or header that is a total word alone, with at most a period or unit: `Total`,
 * `TOTAL (€)`, `Total monthly`, `Итого`, `小计（元/月）`; not `Total (Option A)`.
 */
function bareTotal(key: string, strict = false): boolean {
  let rest = key
    .replace(/\((?:[^)]*(?:[$€£¥₹元円원]|usd|eur|inr|month|year|mes|mês|mois|monat|ay|yıl|月|年|per|\/)[^)]*)\)/gi, ' ')
    .replace(/（[^）]*）/g, ' ')
    .replace(/\b(?:monthly|annual|yearly|per month|per year|mensual|mensal|mensuel|monatlich|aylık|yıllık)\b/gi, ' ');
  if (!strict) rest = rest.replace(/\b(?:cost|costs|costo|costos|custo|custos|coût|coûts|kosten|biaya|maliyet|расходы|spend|budget)\b/gi, ' ');
  rest = rest
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return TOTAL_WORDS.includes(rest) || rest === '';
}

/**
 * A total's label that names no single row: words besides the total word are fine (`Subtotal
 * Infraestructura`), and so are notes in parentheses on units, periods or exclusions (`(sin
 * licencia Oracle)`), but not a qualifier such as `Toplam (Kuzeyhost)`.
 */
function plainTotal(key: string): boolean {
  for (const m of key.matchAll(/\(([^)]*)\)/g)) {
    const note = m[1]!;
    if (/[$€£¥₹]|usd|eur|month|year|mes|mês|mois|monat|ay\b|yıl|月|年|\//i.test(note)) continue;
    if (/^\s*(?:sin|without|excl\.?|excluding|not including|hors|ohne|senza|bez|hariç|без|tanpa|không|sem|sans)\b/i.test(note)) continue;
    return false;
  }
  return true;
}

/** Cells that stand for nothing to add: empty, a dash, `Included`, `Free`, `N/A`. */
const ZERO_WORDS = /^(?:|[-–—−]+|n\/?a|none|nil|free|included|incl\.?|gratis|gratuit|gratuito|kostenlos|inclus|incluido|incluso|inclusa|dahil|ücretsiz|бесплатно|включено|termasuk|miễn phí|無料|免费|무료|✓|✔|✅|x)$/i;

/** Column headers whose figures are not parts of a column total. */
function summableColumn(header: string): boolean {
  const n = normalizeLabel(header);
  if (/\b(?:cumulative|cumul[ée]|running|acumulad[oa]|kumul|toplam birikimli|накоплен|累計|누적)\b/.test(n)) return false;
  if (/\b(?:timeline|when|duration|date|month|year|week|deadline|plazo|prazo|délai|dauer)\b/.test(n) && !/\b(?:cost|price|budget|revenue|spend|hours?)\b/.test(n)) return false;
  return isPartLabel(n);
}

function tableTotals(block: Block, facts: Facts): Relation[] {
  const out: Relation[] = [];
  const model = facts.model;
  const rows = block.rows;
  const columns = block.columns ?? [];
  // The cells of a column are read once, top down, as far as the total being read: its items
  // so far, and the first row whose cell is words (`Needs setup`) or no amount, above which
  // the column is not all figures and no total below is a sum.
  const read = new Map<number, { run: Run; next: number; stop: number }>();
  const itemsAboveRow = (col: number, i: number): View | undefined => {
    let c = read.get(col);
    if (!c) read.set(col, (c = { run: new Run(), next: 0, stop: Infinity }));
    for (; c.next < i && c.stop === Infinity; c.next++) {
      const r = rows[c.next]!;
      const cell = r.cells?.[col];
      if (!cell) continue;
      if (cell.claims.length === 0) {
        // A cell of words (`Needs setup`) means the column is not all figures: no sum.
        if (/\d/.test(cell.text) || !ZERO_WORDS.test(cell.text.replace(/[*_`]/g, '').trim())) c.stop = c.next;
        continue;
      }
      const a = cellItemAmount(r, cell, model.text);
      if (!a) {
        c.stop = c.next;
        continue;
      }
      c.run.push({ row: r, amount: a, total: facts.isTotalOrSubtotal(r) });
    }
    return c.stop < i ? undefined : { run: c.run, len: c.run.items.length };
  };
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i]!;
    if (!facts.isTotal(t) || !t.cells) continue;
    const labelCell = t.cells.findIndex((c) => c.span.start === t.labelSpan?.start);
    t.cells.forEach((cell, col) => {
      if (col === labelCell) return;
      const ta = cellAmount(t, cell, model.text);
      if (!ta || ta.options.length !== 1 || ta.options[0]!.op !== 'claim' || ta.derived) return;
      const target = ta.claims[0]!;
      if (target.unit.dim === 'percent') return;
      const header = columns[col]?.header ?? '';
      if (!summableColumn(header)) return;
      // A column written as text here and there (`Included`, `-`) is still a column of parts.
      const items = itemsAboveRow(col, i);
      if (!items) return;
      const rel = relationFor(target, items, t);
      if (rel) {
        rel.label = header ? `${labelOf(t.label)} ${labelOf(header)}` : labelOf(t.label);
        out.push(rel);
      }
    });
  }
  return out;
}

/** A Total column: each row's cell is the sum of its other cells of the same kind. */
function rowTotals(block: Block): Relation[] {
  const out: Relation[] = [];
  const columns = block.columns ?? [];
  // Only a column headed by a total word alone (with a unit in parentheses at most).
  const totalCols = columns.filter((c) => c.index > 0 && bareTotal(c.key, true));
  if (totalCols.length !== 1) return out;
  const tc = totalCols[0]!.index;
  const parts = columns.filter((c) => c.index !== tc && c.index > 0 && summableColumn(c.header) && c.index < tc).map((c) => c.index);
  if (parts.length < 2) return out;
  for (const row of block.rows) {
    const cells = row.cells;
    if (!cells) continue;
    const target = cells[tc]?.claims;
    if (!target || target.length !== 1) continue;
    const t = target[0]!;
    const cls = classOf(t);
    if (!cls) continue;
    const items: Claim[] = [];
    let ok = true;
    for (const p of parts) {
      const c = cells[p];
      if (!c || c.claims.length === 0) {
        if (c && /\d/.test(c.text)) ok = false;
        continue;
      }
      if (c.claims.length !== 1) {
        ok = false;
        break;
      }
      const k = classOf(c.claims[0]!);
      if (!k || !compatible(cls, k)) {
        ok = false;
        break;
      }
      items.push(c.claims[0]!);
    }
    if (!ok || items.length < 2 || items.some((c) => c.q.unknownUnit || (c.q.blank && !t.q.blank))) continue;
    const readings: Reading[] = [{ expr: { op: 'add', terms: items.map((c) => ({ op: 'claim', claim: c })) } }];
    // `| Qty | Unit price | Subtotal |`: a subtotal may be a product of two cells.
    for (let a = 0; a < items.length; a++) for (let b = a + 1; b < items.length; b++) readings.push({ expr: { op: 'mul', factors: [{ op: 'claim', claim: items[a]! }, { op: 'claim', claim: items[b]! }] }, name: 'read as a quantity times a price' });
    const rel: Relation = { rule: 'totals', target: t, label: `${labelOf(columns[tc]!.header)}`, readings, fixable: readings.length === 1 };
    if (t.q.approx || items.some((c) => c.q.approx)) {
      rel.approx = true;
      rel.fixable = false;
    }
    out.push(rel);
  }
  return out;
}

/** Does a total's label say it covers a year (`First Year Total`, `Annual total`, `Total Year 1`)? */
const YEARLY = /\b(?:year|yearly|annual|annually|annum|12 months|anual|anuales|anuais|ano|año|annuel|annuelle|année|jahr|jährlich|anno|annuale|rok|roczny|yıl|yıllık|год|годовой|tahun|tahunan|năm)\b|年/i;

/** A Total line just below a table: the sum of one of the table's columns. */
function totalsAfterTables(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  const kinds = model.outline.kind;
  // Is there a table that starts after line `after` and before lines `start` and `end`? The
  // last table start above both says (table starts sorted once, not every table for each).
  const starts = model.blocks.filter((b) => b.kind === 'table').map((b) => b.start);
  starts.sort((a, b) => a - b);
  const tableAbove = (start: number, end: number, after: number): boolean => {
    const upto = Math.min(start, end);
    let a = 0;
    let b = starts.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (starts[m]! < upto) a = m + 1;
      else b = m;
    }
    return a > 0 && starts[a - 1]! > after;
  };
  for (const block of model.blocks) {
    if (block.kind !== 'table' || !block.columns) continue;
    let k = block.end + 1;
    while (k < kinds.length && kinds[k] === Kind.Blank && k <= block.end + 2) k++;
    const row = model.rowAt[k];
    if (!row || row.cells || !isTotalRow(row) || !plainTotal(row.key)) continue;
    // Rows that are options to choose from are not added up.
    if (block.titles.some((t) => ALTERNATIVE_WORDS.test(t))) continue;
    // A total after the last of several tables in a section may total them all: only the
    // first table of its section is read here.
    const scope = block.section.level >= 3 && block.section.parent ? block.section.parent : block.section;
    if (tableAbove(block.start, scope.end, scope.line ?? -1)) continue;
    const amount = amountOf(row, model.text);
    if (!amount || amount.options.length !== 1 || amount.options[0]!.op !== 'claim' || amount.derived) continue;
    const target = amount.claims[0]!;
    const cls = classOf(target);
    if (!cls || target.unit.dim === 'percent') continue;
    const sums: { expr: Expr; total?: Claim }[] = [];
    for (const col of block.columns) {
      if (!summableColumn(col.header)) continue;
      const claims: Claim[] = [];
      let ok = true;
      let totalCell: Claim | undefined;
      const terms: Expr[] = [];
      for (const r of block.rows) {
        const c = r.cells?.[col.index];
        if (!c || c.claims.length === 0) continue;
        const a = cellItemAmount(r, c, model.text);
        if (!a || a.options.length !== 1) {
          ok = false;
          break;
        }
        const first = a.claims[0]!;
        const kc = classOf(first);
        if (!kc || !compatible(cls, kc)) {
          ok = false;
          break;
        }
        if (isTotalRow(r)) totalCell = first;
        else {
          claims.push(first);
          const t = term(a.options[0]!, first, target);
          if (!t) {
            ok = false;
            break;
          }
          terms.push(t);
        }
      }
      if (!ok || claims.length < 2) continue;
      if (claims.every((c) => c.q.low === 0)) continue;
      const sum: { expr: Expr; total?: Claim } = { expr: { op: 'add', terms } };
      if (totalCell) sum.total = totalCell;
      sums.push(sum);
    }
    if (sums.length === 0) continue;
    const bases: Reading[] = [];
    for (const s of sums) {
      bases.push({ expr: s.expr });
      if (s.total) bases.push({ expr: { op: 'claim', claim: s.total }, name: 'read as the table’s total' });
    }
    // A range over two columns (`$68-110` from an optimistic and a conservative column).
    if (target.q.high !== undefined && sums.length >= 2) {
      for (const a of sums) for (const b of sums) if (a !== b) bases.push({ expr: { op: 'range', low: a.expr, high: b.expr }, name: 'read as the range of two columns' });
    }
    const readings: Reading[] = [...bases];
    if (YEARLY.test(row.label) && !target.unit.per) {
      for (const r of bases) readings.push({ expr: { op: 'scale', a: r.expr, factor: 12, why: '12 months' }, name: 'read as a year of the monthly figures' });
    }
    const rel: Relation = { rule: 'totals', target, label: labelOf(row.label), readings };
    if (readings.length === 1 && !target.q.approx) rel.fixable = true;
    if (target.q.approx) rel.approx = true;
    out.push(rel);
  }
  return out;
}
