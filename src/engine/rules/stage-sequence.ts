import { describe } from '../stages';
import { defineRule } from '../rule';
import type { Finding } from '../types';
import { figure } from '../format';

/**
 * The user ranges of one list of stages must tile the user axis: going up, without gaps or
 * overlaps, with only the last open-ended. Lists of options or scenarios are not checked, nor
 * are lists written from the top down, nor two descriptions of the same range.
 */
export default defineRule({
  meta: {
    id: 'stage-sequence',
    description: 'The user ranges of one list of stages must follow each other without gaps or overlaps, going up, with only the last open-ended.',
    severity: 'error',
    fixable: false,
    category: 'stages',
  },
  check(model, ctx) {
    const out: Finding[] = [];
    const text = model.text;
    for (const seq of ctx.stages().sequences) {
      if (seq.alternatives) continue;
      // A stage stated with another range elsewhere is reported there, not again here.
      const ranged = seq.entries.filter((e) => e.users);
      if (ranged.length < 2) continue;
      // Written from the top down (`> 10K`, then `> 1K`): not a list going up.
      const lows = ranged.map((e) => e.users!.low);
      if (lows.every((v, i) => i === 0 || v <= lows[i - 1]!)) continue;
      for (let i = 1; i < ranged.length; i++) {
        const a = ranged[i - 1]!;
        const b = ranged[i]!;
        const ua = a.users!;
        const ub = b.users!;
        const same = ua.low === ub.low && ua.high === ub.high && ua.open === ub.open;
        if (same || a.inconsistent || b.inconsistent) continue;
        const related = [{ span: ua.span, message: `${describe(a, text)} comes before it` }];
        if (ua.open) {
          out.push({ rule: 'stage-sequence', severity: 'error', message: `${describe(a, text)} is open-ended but ${b.label} follows it: only the last stage of a list may be open-ended`, span: ua.span, fixes: [], related: [{ span: ub.span, message: `${describe(b, text)} follows it` }] });
          continue;
        }
        const high = ua.high!;
        if (ub.low < ua.low) {
          out.push({ rule: 'stage-sequence', severity: 'error', message: `${describe(b, text)} comes after ${describe(a, text)} but is lower: stages must go up the user axis`, span: ub.span, fixes: [], related });
        } else if (ub.low > high + 1) {
          out.push({ rule: 'stage-sequence', severity: 'error', message: `Gap between ${describe(a, text)} and ${describe(b, text)}: ${figure(high, ctx.style, 0)}–${figure(ub.low, ctx.style, 0)} users belong to no stage`, span: ub.span, fixes: [], related });
        } else if (ub.low < high) {
          out.push({ rule: 'stage-sequence', severity: 'error', message: `${describe(b, text)} overlaps ${describe(a, text)}: ${figure(ub.low, ctx.style, 0)}–${figure(Math.min(high, ub.high ?? high), ctx.style, 0)} users are in both`, span: ub.span, fixes: [], related });
        }
      }
    }
    return out;
  },
});
