import { describe, sameStage, type StageEntry } from '../stages';
import { defineRule } from '../rule';
import type { Finding } from '../types';

/**
 * A stage named in several sections (`Stage 3`, `Phase 2`) must have the same user range in
 * each. A range that contains the other is the same stage described loosely, not a
 * contradiction.
 */
export default defineRule({
  meta: {
    id: 'stage-consistency',
    description: 'A stage named in several sections must have the same user range in each.',
    severity: 'error',
    fixable: false,
    category: 'stages',
  },
  check(model, ctx) {
    const out: Finding[] = [];
    const text = model.text;
    const sm = ctx.stages();
    const first = new Map<string, StageEntry>();
    const inAlternatives = new Set(sm.sequences.filter((s) => s.alternatives).flatMap((s) => s.entries));
    for (const e of sm.entries) {
      if (e.number === undefined || !e.word || !e.users || inAlternatives.has(e)) continue;
      const key = `${e.word.toLowerCase()}:${e.number}`;
      const d = first.get(key);
      if (!d) {
        first.set(key, e);
        continue;
      }
      const a = d.users!;
      const b = e.users!;
      if (sameStage(a, b)) continue;
      out.push({
        rule: 'stage-consistency',
        severity: 'error',
        message: `${e.word} ${e.number} is ${text.slice(b.span.start, b.span.end)} here but ${text.slice(a.span.start, a.span.end)} on line ${d.line + 1}`,
        span: b.span,
        fixes: [],
        related: [{ span: a.span, message: `${describe(d, text)}` }],
      });
    }
    return out;
  },
});
