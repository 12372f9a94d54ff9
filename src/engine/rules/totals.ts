import { conceptOf, DERIVED, singleValue } from '../concepts';
import type { Group, Item, PlanModel, Table } from '../model';
import { show } from '../quantity';
import { defineRule, input, type Derivation } from '../rule';
import type { Quantity, RelatedLocation } from '../types';

const ID = 'totals';

/** A line item or a subtotal above a total, with what related locations call it. */
interface Entry {
  q: Quantity;
  label: string;
  subtotal: boolean;
}

/**
 * A claimed total against the sum of the line items above it; a subtotal against the items
 * since the previous total or subtotal.
 */
export default defineRule({
  meta: {
    id: ID,
    description: 'A Total line or row must equal the sum of the line items above it (ranges add as ranges).',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    model.groups.forEach((group, gi) => {
      group.items.forEach((item, ii) => {
        const concept = totalKind(item);
        if (!concept) return;
        const total = singleValue(item, ['money', 'number', 'users', 'duration']);
        if (!total) return;
        let entries = lineItems(group.items.slice(0, ii), item, total);
        // `Total:` alone after a blank line sums the list just above it.
        if (entries === undefined && ii === 0 && concept === 'total') {
          const prev = model.groups[gi - 1];
          if (prev && prev.section === group.section && adjacent(model, prev, group)) entries = lineItems(prev.items, item, total);
        }
        if (!entries) return;
        const d = concept === 'subtotal' ? subtotalDerivation(entries, total, item.label) : totalDerivation(entries, total, item.label);
        if (d) out.push(d);
      });
    });
    for (const table of model.tables) out.push(...tableTotals(table));
    return out;
  },
});

function adjacent(model: PlanModel, a: Group, b: Group): boolean {
  const last = a.lines[a.lines.length - 1]!.index;
  const first = b.lines[0]!.index;
  for (let i = last + 1; i < first; i++) {
    const kind = model.doc.lines[i]!.kind;
    if (kind !== 'blank' && kind !== 'fence') return false;
  }
  return true;
}

/**
 * Whether an item is a total or a subtotal: `Subtotal`, `Sub-total`, or a label that ends in
 * `total` without being a Total line or a derived figure (`Infrastructure total`, `Running total`).
 */
function totalKind(item: Item): 'total' | 'subtotal' | undefined {
  const concept = conceptOf(item.key);
  if (concept === 'total' || concept === 'subtotal') return concept;
  if (/\btotals?$/.test(item.key) && !(concept && DERIVED.has(concept))) return 'subtotal';
  return undefined;
}

/** Can `q` be added into `total`: one plain amount of the same kind, period, unit and currency. */
function summable(q: Quantity | undefined, total: Quantity): q is Quantity {
  if (!q || q.blank || q.open || q.bound) return false;
  return q.kind === total.kind && q.per === total.per && q.unit === total.unit && (q.currency ?? '') === (total.currency ?? '');
}

/**
 * The entries before a total: the items at its indent, one value each, of its kind and period,
 * and the subtotals among them. Undefined when any of them is something else (a derived figure,
 * another total, a second amount): the rule then says nothing.
 */
function lineItems(items: Item[], totalItem: Item, total: Quantity): Entry[] | undefined {
  const same = items.filter((i) => i.line.indent === totalItem.line.indent);
  if (same.length === 0) return undefined;
  const out: Entry[] = [];
  for (const item of same) {
    const concept = conceptOf(item.key);
    const subtotal = totalKind(item) === 'subtotal';
    if (concept && DERIVED.has(concept) && !subtotal) return undefined;
    const q = singleValue(item, [total.kind]);
    if (!summable(q, total)) return undefined;
    out.push({ q, label: item.label, subtotal });
  }
  return out;
}

/** The items since the last subtotal. */
function sinceLastSubtotal(entries: Entry[]): Entry[] {
  let i = entries.length;
  while (i > 0 && !entries[i - 1]!.subtotal) i--;
  return entries.slice(i);
}

/**
 * A subtotal is the sum of the items since the previous subtotal; a running subtotal (all the
 * items so far) is accepted too.
 */
function subtotalDerivation(entries: Entry[], target: Quantity, label: string): Derivation | undefined {
  const own = sinceLastSubtotal(entries);
  if (own.length < 2) return undefined;
  const running = entries.filter((e) => !e.subtotal);
  const alternatives = running.length > own.length ? [running.map((e) => e.q)] : [];
  const d = sumDerivation([own.map((e) => e.q)], alternatives, target, label, related(own));
  if (d) d.fixVerb = 'Set subtotal to';
  return d;
}

/**
 * A total is the sum of its line items. After subtotals it is as right when it adds the
 * subtotals as stated to the items no subtotal covers. A subtotal with no item of its own
 * above it may be a summary written before its items: the shape is unclear, and nothing is said.
 */
function totalDerivation(entries: Entry[], target: Quantity, label: string): Derivation | undefined {
  const segments: Entry[][] = [[]];
  const subtotals: Entry[] = [];
  for (const e of entries) {
    if (e.subtotal) {
      if (segments[segments.length - 1]!.length === 0) return undefined;
      subtotals.push(e);
      segments.push([]);
    } else segments[segments.length - 1]!.push(e);
  }
  const items = segments.flat();
  if (items.length < 2) return undefined;
  const uncovered = segments[segments.length - 1]!;
  const viaSubtotals = subtotals.length > 0 ? [[...subtotals, ...uncovered].map((e) => e.q)] : [];
  return sumDerivation(segments.filter((s) => s.length > 0).map((s) => s.map((e) => e.q)), viaSubtotals, target, label, related(items));
}

function related(entries: Entry[]): RelatedLocation[] {
  return entries.map((e) => input(e.q, e.label));
}

/**
 * `target` against the sum of `groups` (items grouped by the subtotal that covers them, shown in
 * parentheses in the formula), or of any of the `alternatives`. Approximate items widen the
 * tolerance as an approximate total does.
 */
function sumDerivation(groups: Quantity[][], alternatives: Quantity[][], total: Quantity, label: string, related: Derivation['related']): Derivation | undefined {
  const qs = groups.flat();
  const anyRange = qs.some((q) => q.high !== undefined);
  if (anyRange && total.high === undefined && !total.blank) return undefined;
  const sums = [qs, ...alternatives].map((list) => ({
    low: list.reduce((s, q) => s + q.value, 0),
    high: list.reduce((s, q) => s + (q.high ?? q.value), 0),
  }));
  const cur = total.currency ?? '';
  const per = total.per ? `/${total.per}` : '';
  const display = (v: number): string => `${cur}${show(v)}${per}`;
  const term = (q: Quantity): string => (q.approx ? '~' : '') + (q.high !== undefined ? `(${show(q.value)}–${show(q.high)})` : show(q.value));
  const terms = groups.map((g) => (groups.length > 1 && g.length > 1 ? `(${g.map(term).join(' + ')})` : g.map(term).join(' + ')));
  const d: Derivation = {
    rule: ID,
    target: total,
    label,
    expected: unique(sums.map((s) => s.low)),
    formula: () => terms.join(' + '),
    display,
    related,
    fixVerb: 'Set total to',
  };
  if (anyRange || total.high !== undefined) d.expectedHigh = unique(sums.map((s) => s.high));
  if ([...qs, ...alternatives.flat()].some((q) => q.approx)) d.approxInputs = true;
  return d;
}

function unique(values: number[]): number[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}

const NON_ADDITIVE = /per user|\/user|per customer|margin|ratio|rate|price|arpu|average|avg|%|percent|share|users|customers|^(?:month|stage|phase|year|quarter|week|day)s?\b|growth|uptime|downtime|time|score|multiple/;

/**
 * Table rows: a `Total` row sums the rows since the previous total row, a `Subtotal` row the
 * rows since the previous total or subtotal row, column by column.
 */
function tableTotals(table: Table): Derivation[] {
  const out: Derivation[] = [];
  let start = 0;
  table.rows.forEach((row, r) => {
    const first = row.cells[0]?.text.replace(/\*\*|__/g, '').trim() ?? '';
    const subtotal = /^sub[- ]?totals?\b/i.test(first);
    if (!subtotal && !/^total\b/i.test(first)) return;
    const body = table.rows.slice(start, r);
    if (!subtotal) start = r + 1;
    if (body.length < 2) return;
    for (const col of table.columns.slice(1)) {
      if (NON_ADDITIVE.test(col.key)) continue;
      const cell = row.cells[col.index];
      if (!cell || cell.values.length !== 1) continue;
      const total = cell.values[0]!;
      if (total.kind !== 'money' && total.kind !== 'number') continue;
      const entries: Entry[] = [];
      let ok = true;
      for (const b of body) {
        const c = b.cells[col.index];
        const q = c && c.values.length === 1 ? c.values[0]! : undefined;
        if (!summable(q, total)) {
          ok = false;
          break;
        }
        const label = b.cells[0]?.text.trim() ?? 'item';
        entries.push({ q, label, subtotal: /^sub[- ]?totals?\b/i.test(label.replace(/\*\*|__/g, '')) });
      }
      if (!ok) continue;
      const name = `${first} ${col.header}`.trim();
      const d = subtotal ? subtotalDerivation(entries, total, name) : totalDerivation(entries, total, name);
      if (d) out.push(d);
    }
  });
  return out;
}
