import { type EconBlock } from '../economics';
import type { Relation } from '../relation';
import { defineRule } from '../rule';

/**
 * A percentage change written beside a cost per user (`$0.76/month (-37%)`) must match the
 * change from the previous block's cost per user in the same list of blocks.
 */
export default defineRule({
  meta: {
    id: 'cost-change',
    description: 'A percentage change written beside a stage’s cost per user must match the change from the previous stage.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    let previous: EconBlock | undefined;
    for (const block of model.blocks) {
      if (block.kind === 'table') continue;
      const e = ctx.econ(block);
      if (!e.users || !e.costPerUser) continue;
      const row = e.costPerUser.row;
      const change = row.claims.find((c) => c.unit.dim === 'percent' && c.q.span.start > e.costPerUser!.q.span.start && c.q.high === undefined && !c.q.blank);
      if (change && previous?.costPerUser && previous.block.section === block.section && previous.users!.q.low < e.users.q.low) {
        out.push({ rule: 'cost-change', target: change, label: 'Change', readings: [{ expr: { op: 'change', from: { op: 'claim', claim: previous.costPerUser }, to: { op: 'claim', claim: e.costPerUser } }, name: `from ${model.text.slice(previous.costPerUser.q.span.start, previous.costPerUser.q.span.end)} at ${model.text.slice(previous.users!.q.span.start, previous.users!.q.span.end)}` }], fixable: true });
      }
      previous = e;
    }
    return out;
  },
});
