import { describe, stagesFor } from '../stages';
import { defineRule } from '../rule';
import type { Finding } from '../types';

/**
 * A modelled total cost at a number of users (a cost block's Total) must fall within the cost
 * range budgeted for that number's stage (`Costs: $1,000-3,000/month` in the stage's lines). At a
 * boundary shared by two stages either budget will do.
 */
export default defineRule({
  meta: {
    id: 'stage-budget',
    description: 'A modelled cost at a number of users must fall within the cost range budgeted for that number’s stage.',
    severity: 'warning',
    fixable: false,
    category: 'stages',
  },
  check(model, ctx) {
    const out: Finding[] = [];
    const text = model.text;
    const sm = ctx.stages();
    for (const block of model.blocks) {
      if (block.kind === 'table') continue;
      const e = ctx.econ(block);
      if (!e.users || !e.total || e.total.q.blank || e.total.q.high !== undefined || e.revenue) continue;
      const stages = stagesFor(sm, e.users.q.low).filter((s) => s.budget);
      if (stages.length === 0) continue;
      const total = e.total.q.low;
      const fits = stages.some((s) => total >= s.budget!.q.low && total <= s.budget!.q.high!);
      if (fits) continue;
      const s = stages[0]!;
      out.push({
        rule: 'stage-budget',
        severity: 'warning',
        message: `Total ${text.slice(e.total.q.span.start, e.total.q.span.end)} at ${text.slice(e.users.q.span.start, e.users.q.span.end)} is outside the budget of ${describe(s, text)}: ${text.slice(s.budget!.q.span.start, s.budget!.q.span.end)}`,
        span: { ...e.total.q.span },
        fixes: [],
        related: stages.map((x) => ({ span: x.budget!.q.span, message: `budget of ${describe(x, text)}` })),
      });
    }
    return out;
  },
});
