import { arpuAssumptions } from '../economics';
import type { Relation } from '../relation';
import { defineRule } from '../rule';

/**
 * Revenue stated for a number of users must equal users × ARPU, from the ARPU the plan states
 * before it in the same section (`Assuming $10/month ARPU`) or at its top. Only blocks about one
 * number of users (`2,500 users:`) are read, never a block about one user or about options.
 */
export default defineRule({
  meta: {
    id: 'revenue',
    description: 'Revenue stated for a number of users must equal users × ARPU from the stated assumptions.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    const arpus = arpuAssumptions(model);
    // The frontmatter's ARPU holds from the start, below any stated in the text.
    if (ctx.assumptions.arpu) arpus.unshift({ claim: ctx.assumptions.arpu, line: -1 });
    if (arpus.length === 0) return out;
    for (const block of model.blocks) {
      if (block.kind === 'table') continue;
      const e = ctx.econ(block);
      if (!e.users || !e.revenue || e.perUser) continue;
      const r = e.revenue;
      if (r.q.high !== undefined || r.unit.per === 'year' || r.unit.per === 'day' || r.unit.per === 'week') continue;
      // The ARPU in force: stated before the block, in its section or above every heading.
      const inForce = arpus.filter((a) => a.line < 0 || (a.line < block.start && (model.sectionAt[a.line] === block.section || model.sectionAt[a.line]!.line === undefined || isAncestor(model.sectionAt[a.line]!, block.section))));
      const a = inForce[inForce.length - 1];
      if (!a) continue;
      out.push({
        rule: 'revenue',
        target: r,
        label: 'Revenue',
        readings: [{ expr: { op: 'mul', factors: [{ op: 'claim', claim: e.users }, { op: 'claim', claim: a.claim }] }, name: `read as ${model.text.slice(e.users.q.span.start, e.users.q.span.end)} × the ARPU ${a.line < 0 ? 'in the frontmatter' : `stated on line ${a.line + 1}`}` }],
        fixable: true,
        fixVerb: 'Set revenue to',
      });
    }
    return out;
  },
});

function isAncestor(a: { index: number }, s: { parent?: { index: number; parent?: unknown } }): boolean {
  for (let p = s.parent as { index: number; parent?: unknown } | undefined; p; p = p.parent as typeof p) if (p.index === a.index) return true;
  return false;
}
