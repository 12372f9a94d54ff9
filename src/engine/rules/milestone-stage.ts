import { describe } from '../stages';
import { defineRule } from '../rule';
import type { Finding } from '../types';

/**
 * A milestone written as a deadline in users (`Read replica by 1,500 users`) inside a stage's
 * lines must fall within that stage's range. Recommendations (`at 30K users: evaluate X`) and
 * lines that name another stage are not milestones of this one.
 */
export default defineRule({
  meta: {
    id: 'milestone-stage',
    description: 'A milestone at a user count (`by 5,000 users`) must fall inside the stage it is listed under.',
    severity: 'warning',
    fixable: false,
    category: 'stages',
  },
  check(model, ctx) {
    const out: Finding[] = [];
    const text = model.text;
    for (const e of ctx.stages().entries) {
      const u = e.users;
      if (!u || u.open || e.number === undefined) continue;
      for (let l = e.scope.start + 1; l < e.scope.end; l++) {
        const row = model.rowAt[l];
        if (!row || row.cells || !row.item) continue;
        if (/\b(?:stage|phase|fase|etapa)\s*\d/i.test(row.content)) continue;
        for (const c of row.claims) {
          // A blank (`by ___ users`) is never compared: it is the author's to fill in.
          if (c.unit.dim !== 'count' || c.unit.noun !== 'user' || c.q.blank || c.q.high !== undefined || c.q.open) continue;
          if (!/\bby\s*$/i.test(text.slice(Math.max(row.contentStart, c.q.span.start - 4), c.q.span.start))) continue;
          const v = c.q.low;
          if (v >= u.low && v <= u.high!) continue;
          out.push({
            rule: 'milestone-stage',
            severity: 'warning',
            message: `Milestone at ${text.slice(c.q.span.start, c.q.span.end)} is listed under ${describe(e, text)} but falls outside it`,
            span: { ...c.q.span },
            fixes: [],
            related: [{ span: u.span, message: describe(e, text) }],
          });
        }
      }
    }
    return out;
  },
});
