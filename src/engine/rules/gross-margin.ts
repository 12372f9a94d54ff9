import { econRecords } from '../economics';
import { show } from '../quantity';
import { defineRule, input, percent, type Derivation } from '../rule';

const ID = 'gross-margin';

/** Gross margin = (revenue − cost) / revenue. */
export default defineRule({
  meta: {
    id: ID,
    description: 'A gross margin must equal (revenue − cost) / revenue from the figures stated beside it.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    for (const rec of econRecords(model)) {
      const { revenue, margin } = rec;
      if (!revenue || !margin || revenue.q.high !== undefined || revenue.q.blank || revenue.q.value <= 0 || margin.q.high !== undefined) continue;
      const r = revenue.q.value;
      // The cost a gross margin subtracts is the cost of serving users (infrastructure);
      // plans also use the total or all listed costs, so each of those is accepted.
      const costs = [rec.infra, rec.total].filter((c): c is NonNullable<typeof c> => !!c && !c.q.blank && c.q.high === undefined);
      const plain = rec.costs.filter((c) => !c.q.blank && c.q.high === undefined);
      const candidates = costs.map((c) => ({ value: c.q.value, label: c.label, q: c.q }));
      if (plain.length > 0 && plain.length === rec.costs.length) {
        const sum = plain.reduce((s, c) => s + c.q.value, 0);
        candidates.push({ value: sum, label: 'costs', q: plain[0]!.q });
      }
      if (candidates.length === 0) continue;
      const first = candidates[0]!;
      out.push({
        rule: ID,
        target: margin.q,
        label: margin.label,
        expected: candidates.map((c) => ((r - c.value) / r) * 100),
        formula: () => `(${show(r)} − ${show(first.value)}) / ${show(r)}`,
        display: (v) => percent(v),
        related: [input(revenue.q, revenue.label), input(first.q, first.label)],
        fixVerb: 'Set margin to',
      });
    }
    return out;
  },
});
