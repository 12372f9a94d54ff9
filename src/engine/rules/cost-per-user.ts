import type { Reading, Relation } from '../relation';
import { defineRule } from '../rule';

/**
 * A cost per user stated in a block about a number of users must equal the block's total cost
 * (stated, or the sum of its costs) divided by those users.
 */
export default defineRule({
  meta: {
    id: 'cost-per-user',
    description: 'A stated cost per user must equal the total cost divided by the users it is stated for.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    for (const block of model.blocks) {
      if (block.kind === 'table') continue;
      const e = ctx.econ(block);
      const t = e.costPerUser;
      if (!t || !e.users || t.q.high !== undefined) continue;
      const readings: Reading[] = [];
      const users = { op: 'claim' as const, claim: e.users };
      if (e.total && e.total.q.high === undefined) readings.push({ expr: { op: 'div', a: { op: 'claim', claim: e.total }, b: users }, name: 'read as the total over the users' });
      if (e.costs.length >= 2 && e.costs.every((c) => c.q.high === undefined)) readings.push({ expr: { op: 'div', a: { op: 'add', terms: e.costs.map((c) => ({ op: 'claim', claim: c })) }, b: users }, name: 'read as the costs over the users' });
      if (readings.length === 0) continue;
      out.push({ rule: 'cost-per-user', target: t, label: 'Cost per user', readings, fixable: readings.length === 1 });
    }
    return out;
  },
});
