import { econRecords, type EconRecord } from '../economics';
import { show } from '../quantity';
import { defineRule, input, percent, type Derivation } from '../rule';

const ID = 'cost-change';

/** A signed percentage beside a cost per user: the change from the previous stage's figure. */
export default defineRule({
  meta: {
    id: ID,
    description: "A percentage change written beside a stage's cost per user must match the change from the previous stage.",
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    const last = new Map<string, EconRecord>();
    for (const rec of econRecords(model)) {
      if (!rec.costPerUser || rec.costPerUser.q.blank || rec.costPerUser.q.high !== undefined) continue;
      const prev = last.get(rec.sequence);
      last.set(rec.sequence, rec);
      const change = rec.change;
      if (!prev || !change || change.q.high !== undefined) continue;
      const before = prev.costPerUser!.q.value;
      const now = rec.costPerUser.q.value;
      if (before === 0) continue;
      const candidates = [(now / before - 1) * 100];
      // Also from the exact costs per user (total / users), when both stages state them.
      const exact = (r: EconRecord): number | undefined => {
        const c = r.total ?? r.infra;
        return c && r.users && r.users.q.value > 0 && !c.q.blank && c.q.high === undefined ? c.q.value / r.users.q.value : undefined;
      };
      const a = exact(prev);
      const b = exact(rec);
      if (a !== undefined && b !== undefined && a !== 0) candidates.push((b / a - 1) * 100);
      out.push({
        rule: ID,
        target: change.q,
        label: 'Change in cost per user',
        expected: candidates,
        formula: () => `(${show(now)} / ${show(before)} − 1) × 100`,
        display: (v) => percent(v),
        related: [input(prev.costPerUser!.q, 'previous stage'), input(rec.costPerUser.q, 'this stage')],
        fixVerb: 'Change to',
      });
    }
    return out;
  },
});
