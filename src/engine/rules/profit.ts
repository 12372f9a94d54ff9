import { econRecords } from '../economics';
import { show } from '../quantity';
import { defineRule, input, money, type Derivation } from '../rule';

const ID = 'profit';

/** Profit = revenue − all listed costs. */
export default defineRule({
  meta: {
    id: ID,
    description: 'A profit must equal the revenue minus all costs listed beside it.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    for (const rec of econRecords(model)) {
      const { revenue, profit } = rec;
      if (!revenue || !profit || revenue.q.high !== undefined || revenue.q.blank || profit.q.high !== undefined) continue;
      if (rec.costs.some((c) => c.q.blank || c.q.high !== undefined)) continue;
      if (revenue.q.per !== profit.q.per && revenue.q.per !== undefined && profit.q.per !== undefined) continue;
      const r = revenue.q.value;
      const itemised = rec.costs.filter((c) => !rec.costsAfterTotal.includes(c));
      const candidates: { value: number; terms: { v: number; label: string; q: typeof revenue.q }[] }[] = [];
      if (rec.costs.length > 0) {
        candidates.push({ value: r - rec.costs.reduce((s, c) => s + c.q.value, 0), terms: rec.costs.map((c) => ({ v: c.q.value, label: c.label, q: c.q })) });
      }
      if (rec.total && !rec.total.q.blank && rec.total.q.high === undefined) {
        const after = rec.costsAfterTotal;
        candidates.push({
          value: r - rec.total.q.value - after.reduce((s, c) => s + c.q.value, 0),
          terms: [{ v: rec.total.q.value, label: rec.total.label, q: rec.total.q }, ...after.map((c) => ({ v: c.q.value, label: c.label, q: c.q }))],
        });
        void itemised;
      }
      if (candidates.length === 0) continue;
      const first = candidates[0]!;
      out.push({
        rule: ID,
        target: profit.q,
        label: profit.label,
        expected: candidates.map((c) => c.value),
        formula: () => `${show(r)} − ${first.terms.map((t) => show(t.v)).join(' − ')}`,
        display: (v) => money(v, profit.q.per),
        related: [input(revenue.q, revenue.label), ...first.terms.map((t) => input(t.q, t.label))],
        fixVerb: 'Set profit to',
      });
    }
    return out;
  },
});
