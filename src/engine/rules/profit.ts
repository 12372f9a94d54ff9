import type { Expr } from '../formula';
import type { Reading, Relation } from '../relation';
import { defineRule } from '../rule';

/**
 * A profit must equal the revenue (or a marketplace's take) minus the costs listed beside it:
 * all of them, or their stated total. A loss may be written as a positive amount.
 */
export default defineRule({
  meta: {
    id: 'profit',
    description: 'A profit must equal the revenue minus all costs listed beside it.',
    severity: 'error',
    fixable: false,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    for (const block of model.blocks) {
      if (block.kind === 'table') continue;
      const e = ctx.econ(block);
      const p = e.profit;
      // Figures per user are not a block's profit and loss (per-user profit may be net of fees).
      if (!p || p.q.high !== undefined || (!e.revenue && !e.take) || e.perUser) continue;
      if (e.costs.length === 0 && !e.total) continue;
      const incomes = [e.take, e.revenue].filter((x) => x !== undefined);
      const per = p.unit.per;
      const costs = e.costs.filter((c) => !per || !c.unit.per || c.unit.per === per);
      if (costs.length !== e.costs.length) continue;
      if (incomes.some((i) => i!.q.high !== undefined) || costs.some((c) => c.q.high !== undefined)) continue;
      const readings: Reading[] = [];
      for (const inc of incomes) {
        const income: Expr = { op: 'claim', claim: inc! };
        if (costs.length > 0) readings.push({ expr: { op: 'sub', a: income, b: { op: 'add', terms: costs.map((c) => ({ op: 'claim', claim: c })) } }, name: 'read as income − every cost listed' });
        if (e.total) readings.push({ expr: { op: 'sub', a: income, b: { op: 'claim', claim: e.total } }, name: 'read as income − the total of costs' });
        for (const c of costs) readings.push({ expr: { op: 'sub', a: income, b: { op: 'claim', claim: c } }, name: 'read as income − one cost' });
      }
      // A loss written as a positive figure (`Net Burn: $83,800`).
      const neg = readings.map((r): Reading => ({ expr: { op: 'neg', a: r.expr }, name: `${r.name}, a loss written as a positive figure` }));
      out.push({ rule: 'profit', target: p, label: p.row.label.replace(/[*_`]/g, '').trim() || 'Profit', readings: p.q.low >= 0 ? [...readings, ...neg] : readings });
    }
    return out;
  },
});
