import { describe } from '../stages';
import { defineRule } from '../rule';
import type { Finding } from '../types';
import { figure } from '../format';

/**
 * The timelines of one list of numbered stages or phases must follow each other: no month in
 * two stages, none skipped. Only lists of stages are read (not independent initiatives,
 * options or scenarios), and only timelines written the same way (`Months 4-6` or `3-6 months`).
 */
export default defineRule({
  meta: {
    id: 'timeline-sequence',
    description: 'The timelines of one list of stages or phases must follow each other without gaps or overlaps.',
    severity: 'warning',
    fixable: false,
    category: 'stages',
  },
  check(model, ctx) {
    const out: Finding[] = [];
    const text = model.text;
    for (const seq of ctx.stages().sequences) {
      if (seq.alternatives) continue;
      const timed = seq.entries.filter((e) => e.timeline && e.number !== undefined);
      if (timed.length < 2 || timed.length !== seq.entries.filter((e) => e.timeline).length) continue;
      if (new Set(timed.map((e) => e.timeline!.style)).size !== 1) continue;
      for (let i = 1; i < timed.length; i++) {
        const a = timed[i - 1]!;
        const b = timed[i]!;
        const ta = a.timeline!;
        const tb = b.timeline!;
        if (ta.open || ta.high === undefined) continue;
        const related = [{ span: ta.span, message: `${describe(a, text)} comes before it` }];
        // Months counted (`Months 4-6`): the next starts at the month after; elapsed time
        // (`3-6 months`): it starts where the last ended.
        // Elapsed ranges are written both ways too (`1-2 months`, then `3-6 months`).
        const next = ta.style === 'index' ? ta.high + 1 : ta.high;
        if (tb.low < ta.low) continue;
        if (tb.low > ta.high + 1 + 1e-9) {
          out.push({ rule: 'timeline-sequence', severity: 'warning', message: `Gap between ${describe(a, text)} and ${describe(b, text)}: month ${figure(next, ctx.style, 0)}${tb.low - next > 1 ? `–${figure(tb.low - (ta.style === 'index' ? 1 : 0), ctx.style, 0)}` : ''} is in no timeline`, span: tb.span, fixes: [], related });
        } else if (tb.low < next - 1e-9 && !(ta.style === 'index' && tb.low === ta.high)) {
          out.push({ rule: 'timeline-sequence', severity: 'warning', message: `${describe(b, text)} starts before ${describe(a, text)} ends: timelines must follow each other`, span: tb.span, fixes: [], related });
        }
      }
    }
    return out;
  },
});
