import { show } from '../quantity';
import { defineRule } from '../rule';
import { describeEntry, entryName, inUserOrder, stageModel, tileIssues, type Stretch } from '../stages';
import type { Finding } from '../types';

const ID = 'stage-sequence';

/** A list of stages must tile the user axis: no gaps, no overlaps, going up, only the last open-ended. */
export default defineRule({
  meta: {
    id: ID,
    description: 'The user ranges of one list of stages must follow each other without gaps or overlaps, going up, with only the last open-ended.',
    severity: 'error',
    fixable: false,
    category: 'stages',
  },
  check(model) {
    const out: Finding[] = [];
    for (const seq of stageModel(model).sequences) {
      // A decision tree with a row not read with confidence, or made of triggers: say nothing.
      if (seq.untiled) continue;
      const items: Stretch[] = [];
      for (const e of inUserOrder(seq)) {
        const u = e.users;
        if (!u) continue;
        const item: Stretch = { low: u.low, open: u.open, entry: e };
        if (u.high !== undefined) item.high = u.high;
        if (u.point) item.point = true;
        if (u.derivedLow) item.derivedLow = true;
        items.push(item);
      }
      if (items.filter((i) => !i.point).length < 2) continue;
      for (const issue of tileIssues(items)) {
        const a = issue.a.entry;
        const b = issue.b.entry;
        const related = (e: typeof a, what: string) => ({ span: e.users!.span, message: `${describeEntry(e)}${what}` });
        switch (issue.kind) {
          case 'gap':
            out.push({
              rule: ID,
              severity: 'error',
              message: `Gap between ${describeEntry(a)} and ${describeEntry(b)}: ${show(issue.from!)}–${show(issue.to!)} users belong to no stage`,
              span: b.users!.span,
              fixes: [],
              related: [related(a, ` ends at ${show(issue.from!)} users`)],
              data: { kind: 'gap', from: issue.from, to: issue.to },
            });
            break;
          case 'overlap':
            out.push({
              rule: ID,
              severity: 'error',
              message: `${describeEntry(b)} overlaps ${describeEntry(a)}: ${show(issue.from!)}–${show(issue.to!)} users are in both`,
              span: b.users!.span,
              fixes: [],
              related: [related(a, ` ends at ${show(a.users!.high!)} users`)],
              data: { kind: 'overlap', from: issue.from, to: issue.to },
            });
            break;
          case 'order':
            out.push({
              rule: ID,
              severity: 'error',
              message: `${describeEntry(b)} comes after ${describeEntry(a)} but is lower: stages must go up the user axis`,
              span: b.users!.span,
              fixes: [],
              related: [related(a, ' comes before it')],
              data: { kind: 'order' },
            });
            break;
          case 'open':
            out.push({
              rule: ID,
              severity: 'error',
              message: `${describeEntry(a)} is open-ended but ${entryName(b)} follows it: only the last stage of a list may be open-ended`,
              span: a.users!.span,
              fixes: [],
              related: [related(b, ' follows it')],
              data: { kind: 'open' },
            });
            break;
        }
      }
    }
    return out;
  },
});
