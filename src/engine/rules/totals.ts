import { conceptOf, DERIVED, singleValue } from '../concepts';
import type { Group, Item, PlanModel, Table } from '../model';
import { show } from '../quantity';
import { defineRule, input, type Derivation } from '../rule';
import type { Quantity } from '../types';

const ID = 'totals';

/** A claimed total against the sum of the line items above it. */
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
        if (conceptOf(item.key) !== 'total') return;
        const total = singleValue(item, ['money', 'number', 'users', 'duration']);
        if (!total || total.approx) return;
        let items = lineItems(group.items.slice(0, ii), item, total);
        // `Total:` alone after a blank line sums the list just above it.
        if (items === undefined && ii === 0) {
          const prev = model.groups[gi - 1];
          if (prev && prev.section === group.section && adjacent(model, prev, group)) items = lineItems(prev.items, item, total);
        }
        if (!items || items.length < 2) return;
        const d = sumDerivation(items.map((i) => i.q), total, item.label, items.map((i) => input(i.q, i.item.label)));
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

/** The summable items before a total: same indent, one value each, same kind and period. */
function lineItems(items: Item[], totalItem: Item, total: Quantity): { item: Item; q: Quantity }[] | undefined {
  const same = items.filter((i) => i.indent === totalItem.indent);
  if (same.length === 0) return undefined;
  const out: { item: Item; q: Quantity }[] = [];
  for (const item of same) {
    const concept = conceptOf(item.key);
    if (concept && DERIVED.has(concept)) return undefined;
    const q = singleValue(item, [total.kind]);
    if (!q || q.blank || q.approx || q.open || q.bound) return undefined;
    if (q.per !== total.per || q.unit !== total.unit || (q.currency ?? '') !== (total.currency ?? '')) return undefined;
    out.push({ item, q });
  }
  return out;
}

function sumDerivation(qs: Quantity[], total: Quantity, label: string, related: Derivation['related']): Derivation | undefined {
  const anyRange = qs.some((q) => q.high !== undefined);
  const low = qs.reduce((s, q) => s + q.value, 0);
  const high = qs.reduce((s, q) => s + (q.high ?? q.value), 0);
  if (anyRange && total.high === undefined && !total.blank) return undefined;
  const cur = total.currency ?? '';
  const per = total.per ? `/${total.per}` : '';
  const display = (v: number): string => `${cur}${show(v)}${per}`;
  const terms = qs.map((q) => (q.high !== undefined ? `(${show(q.value)}–${show(q.high)})` : show(q.value)));
  const d: Derivation = {
    rule: ID,
    target: total,
    label,
    expected: [low],
    formula: () => terms.join(' + '),
    display,
    related,
    fixVerb: 'Set total to',
  };
  if (anyRange || total.high !== undefined) d.expectedHigh = [high];
  return d;
}

const NON_ADDITIVE = /per user|\/user|per customer|margin|ratio|rate|price|arpu|average|avg|%|percent|share|users|customers|^(?:month|stage|phase|year|quarter|week|day)s?\b|growth|uptime|downtime|time|score|multiple/;

function tableTotals(table: Table): Derivation[] {
  const out: Derivation[] = [];
  let start = 0;
  table.rows.forEach((row, r) => {
    const first = row.cells[0]?.text.replace(/\*\*|__/g, '').trim() ?? '';
    if (!/^total\b/i.test(first)) return;
    const body = table.rows.slice(start, r);
    start = r + 1;
    if (body.length < 2) return;
    for (const col of table.columns.slice(1)) {
      if (NON_ADDITIVE.test(col.key)) continue;
      const cell = row.cells[col.index];
      if (!cell || cell.values.length !== 1) continue;
      const total = cell.values[0]!;
      if (total.kind !== 'money' && total.kind !== 'number') continue;
      const qs: Quantity[] = [];
      let ok = true;
      for (const b of body) {
        const c = b.cells[col.index];
        const q = c && c.values.length === 1 ? c.values[0]! : undefined;
        if (!q || q.blank || q.approx || q.open || q.kind !== total.kind || q.per !== total.per) {
          ok = false;
          break;
        }
        qs.push(q);
      }
      if (!ok) continue;
      const d = sumDerivation(qs, total, `${first} ${col.header}`.trim(), body.map((b, k) => input(qs[k]!, b.cells[0]?.text.trim() ?? 'item')));
      if (d) out.push(d);
    }
  });
  return out;
}
