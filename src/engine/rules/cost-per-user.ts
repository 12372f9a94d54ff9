import { econRecords } from '../economics';
import { show } from '../quantity';
import { defineRule, input, money, type Derivation } from '../rule';

const ID = 'cost-per-user';

/** Cost per user = total cost / users, for a stage or a row that states both. */
export default defineRule({
  meta: {
    id: ID,
    description: 'A stated cost per user must equal the total cost divided by the users it is stated for.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    for (const rec of econRecords(model)) {
      const cpu = rec.costPerUser;
      const cost = rec.total ?? rec.infra;
      if (!cpu || !cost || !rec.users || cpu.q.high !== undefined) continue;
      if (cost.q.blank || cost.q.high !== undefined || rec.users.q.value <= 0) continue;
      if (cost.q.per !== cpu.q.per && !(cost.q.per === 'month' && cpu.q.per === undefined) && !(cost.q.per === undefined && cpu.q.per === 'month')) continue;
      const n = rec.users.q.value;
      out.push({
        rule: ID,
        target: cpu.q,
        label: cpu.label,
        expected: [cost.q.value / n],
        formula: () => `${money(cost.q.value)} / ${show(n)} users`,
        display: (v) => money(v, cpu.q.per),
        related: [input(cost.q, cost.label), input(rec.users.q, 'users')],
        fixVerb: 'Set cost per user to',
      });
    }
    return out;
  },
});
