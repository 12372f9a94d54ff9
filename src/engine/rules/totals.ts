import type { Expr } from '../formula';
import { amountOf, cellAmount, isPartLabel, isSubtotalRow, isTotalRow, type Amount } from '../items';
import { Kind } from '../markdown';
import type { Block, Claim, PlanModel, Row } from '../model';
import type { Reading, Relation } from '../relation';
import { defineRule } from '../rule';
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
  relations(model) {
    const out: Relation[] = [];
    for (const block of model.blocks) {
      if (block.kind === 'table') out.push(...tableTotals(block, model), ...rowTotals(block));
      else out.push(...listTotals(block, model));
    }
    out.push(...totalsAfterTables(model));
    return out;
  },
});

/** Unit class of an amount for adding: amounts of different classes never add. */
function classOf(c: Claim): string | undefined {
  const u = c.unit;
  if (c.q.open || c.q.bound) return undefined;
  switch (u.dim) {
    case 'money':
      return `money:${u.currency ?? ''}:${u.perEntity ?? ''}`;
    case 'count':
    case 'number':
      return u.perEntity ? `count:${u.perEntity}` : 'count';
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
  if (total.startsWith('count') && item.startsWith('count')) return total === item || total === 'count' || item === 'count';
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

function readingsFor(target: Claim, items: Item[], totalLabel: string): { readings: Reading[]; certain: boolean } | undefined {
  const cls = classOf(target);
  if (!cls) return undefined;
  // Items since the previous total.
  let lastTotal = -1;
  for (let k = items.length - 1; k >= 0; k--) {
    if (items[k]!.total) {
      lastTotal = k;
      break;
    }
  }
  const since = items.slice(lastTotal + 1);
  if (since.length === 0) return undefined;
  for (const it of items) {
    for (const c of it.amount.claims) {
      const k = classOf(c);
      if (!k || !compatible(cls, k)) return undefined;
      // A blank item leaves a stated total unchecked; a blank total is computed once its items are.
      if (c.q.blank && !target.q.blank) return undefined;
    }
  }
  const sets: { items: Item[]; name?: string; primary?: boolean }[] = [];
  sets.push({ items: since, primary: true });
  if (lastTotal >= 0) {
    sets.push({ items: [items[lastTotal]!, ...since], name: 'the total above and the items after it' });
    const leaves = items.filter((it) => !it.total);
    if (leaves.length >= 2) sets.push({ items: leaves, name: 'every item above' });
    const totals = items.filter((it) => it.total);
    if (totals.length >= 2) sets.push({ items: [...totals, ...since], name: 'the totals above' });
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
  return { readings, certain: certain && sets.length === 1 };
}

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
  const isSubsetSum = (k: number, before: number[], minItems: number): boolean => {
    const v = values[k]!;
    const n = before.length;
    if (n < minItems || n > 14 || v.low === 0) return false;
    const tol = Math.max(v.precision, 1e-9);
    for (let mask = 1; mask < 1 << n; mask++) {
      let bits = 0;
      let sum = 0;
      for (let b = 0; b < n; b++) {
        if (mask & (1 << b)) {
          bits++;
          sum += before[b]!;
        }
      }
      if (bits >= minItems && Math.abs(sum - v.low) < tol) return true;
    }
    return false;
  };
  for (let k = 2; k < items.length; k++) {
    if (!values[k]) continue;
    const before: number[] = [];
    for (let j = 0; j < k; j++) if (values[j] && values[j]!.low !== 0 && !sums.has(items[j]!)) before.push(values[j]!.low);
    if (isSubsetSum(k, before, 2)) sums.add(items[k]!);
  }
  // The run just above the total: each sums items before the run.
  const summary: Item[] = [];
  for (let k = items.length - 1; k >= 1; k--) {
    if (!values[k]) break;
    const start = k - summary.length;
    void start;
    const before: number[] = [];
    for (let j = 0; j < k - 0 && j < items.length - summary.length - 1; j++) if (values[j] && values[j]!.low !== 0) before.push(values[j]!.low);
    if (!isSubsetSum(k, before, 1)) break;
    summary.unshift(items[k]!);
  }
  return { sums, summary: summary.length >= 2 && summary.length < items.length ? summary : [] };
}

/** The items above row `i` of `rows`: rows at the total's depth, up to a shallower row. */
function itemsAbove(rows: Row[], i: number, depth: number, model: PlanModel): Item[] | undefined {
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
    const a = r.program ? programAmount(r) : amountOf(r, model.text);
    if (!a) {
      if (r.program) continue;
      break;
    }
    // A rate or an average among the items: not a list of parts.
    if (!isPartLabel(r.key) && !isTotalRow(r)) return undefined;
    items.unshift({ row: r, amount: a, total: isTotalRow(r) || isSubtotalRow(r) });
  }
  return items;
}

function listTotals(block: Block, model: PlanModel): Relation[] {
  const out: Relation[] = [];
  const rows = block.rows.filter((r) => !r.program || r.lang === 'python' || r.lang === 'json' || r.lang === 'yaml' || r.lang === 'yml');
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i]!;
    if (!isTotalRow(t)) continue;
    const amount = amountOf(t, model.text);
    // A total whose own line writes how it is computed is not a sum of the rows above.
    if (!amount || amount.options.length !== 1 || amount.options[0]!.op !== 'claim' || amount.derived) continue;
    const target = amount.claims[0]!;
    if (target.unit.dim === 'percent') continue;
    let items = itemsAbove(rows, i, t.depth, model);
    if (items === undefined) continue;
    if (items.length === 0 && i === 0) items = itemsBefore(block, t, model);
    if (!items || items.length === 0) continue;
    const rel = relationFor(target, items, t);
    if (rel) out.push(rel);
  }
  return out;
}

/**
 * The items of a total that opens its own block: the run of lines just above it in the same
 * code block (a blank line between), or one line of the same label in each of the blocks just
 * above it in its section (`Cost: …` under each service, then `Total: …`).
 */
function itemsBefore(block: Block, t: Row, model: PlanModel): Item[] | undefined {
  const before = model.blocks.filter((b) => b.end < block.start && b.section === block.section && b.kind !== 'table' && b.rows.some((r) => r.claims.length > 0));
  const prev = before[before.length - 1];
  if (!prev) return undefined;
  if (block.kind === 'code' && prev.kind === 'code' && prev.lang === block.lang) {
    // Same fence: nothing but blank lines between the two runs.
    let k = prev.end + 1;
    while (k < block.start && model.rowAt[k] === undefined) k++;
    if (k === block.start && !prev.rows.some(isTotalRow)) return itemsAbove(prev.rows, prev.rows.length, t.depth, model);
    return undefined;
  }
  if (block.kind === 'code') return undefined;
  // One line of the same label in each block above.
  const keyOf = (r: Row): string => r.key.replace(/[^\p{L}\p{N} ]+/gu, ' ').trim();
  for (const candidate of prev.rows) {
    if (!candidate.label || candidate.values.length === 0) continue;
    const key = keyOf(candidate);
    if (key === '' || !isPartLabel(key)) continue;
    const items: Item[] = [];
    for (let j = before.length - 1; j >= 0; j--) {
      const b = before[j]!;
      const hits = b.rows.filter((r) => keyOf(r) === key);
      if (hits.length !== 1) break;
      const a = amountOf(hits[0]!, model.text);
      if (!a) break;
      items.unshift({ row: hits[0]!, amount: a, total: false });
    }
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
  const values = row.values.filter((c) => c.q.span.start < end);
  if (!moneyKey(row) || values.length !== 1) return undefined;
  const c = values[0]!;
  return { options: [{ op: 'claim', claim: c }], claims: [c], optional: false, derived: false };
}

function relationFor(target: Claim, items: Item[], row: Row): Relation | undefined {
  if (items.filter((it) => !it.total).length < 1) return undefined;
  // A column of zeros under a stated figure is no breakdown of it.
  if (items.every((it) => it.amount.claims.every((c) => c.q.low === 0 && (c.q.high ?? 0) === 0))) return undefined;
  const r = readingsFor(target, items, row.label);
  if (!r) return undefined;
  const approx = target.q.approx === true || items.some((it) => it.amount.claims.some((c) => c.q.approx));
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

function tableTotals(block: Block, model: PlanModel): Relation[] {
  const out: Relation[] = [];
  const rows = block.rows;
  const columns = block.columns ?? [];
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i]!;
    if (!isTotalRow(t) || !t.cells) continue;
    const labelCell = t.cells.findIndex((c) => c.span.start === t.labelSpan?.start);
    t.cells.forEach((cell, col) => {
      if (col === labelCell) return;
      const ta = cellAmount(t, cell, model.text);
      if (!ta || ta.options.length !== 1 || ta.options[0]!.op !== 'claim' || ta.derived) return;
      const target = ta.claims[0]!;
      if (target.unit.dim === 'percent') return;
      const header = columns[col]?.header ?? '';
      if (!summableColumn(header)) return;
      const items: Item[] = [];
      for (let k = i - 1; k >= 0; k--) {
        const r = rows[k]!;
        const c = r.cells?.[col];
        if (!c) continue;
        if (c.claims.length === 0) {
          // A cell of words (`Needs setup`) means the column is not all figures: no sum.
          if (/\d/.test(c.text) || !ZERO_WORDS.test(c.text.replace(/[*_`]/g, '').trim())) return;
          continue;
        }
        const a = cellAmount(r, c, model.text);
        if (!a) return;
        items.unshift({ row: r, amount: a, total: isTotalRow(r) || isSubtotalRow(r) });
      }
      // A column written as text here and there (`Included`, `-`) is still a column of parts.
      const rel = relationFor(target, items, t);
      if (rel) {
        rel.label = header ? `${labelOf(t.label)} ${labelOf(header)}` : labelOf(t.label);
        out.push(rel);
      }
    });
  }
  void model;
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
    if (model.blocks.some((b) => b !== block && b.kind === 'table' && b.start < block.start && b.start > (scope.line ?? -1) && b.start < scope.end)) continue;
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
        const a = cellAmount(r, c, model.text);
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
