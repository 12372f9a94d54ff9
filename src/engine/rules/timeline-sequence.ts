import { show } from '../quantity';
import { defineRule } from '../rule';
import { entryName, stageModel, tileIssues, type Stretch } from '../stages';
import type { Finding } from '../types';
import type { StageEntry } from '../stages';

const ID = 'timeline-sequence';

function named(e: StageEntry): string {
  const name = entryName(e);
  return name === e.timeline!.text ? name : `${e.timeline!.text} (${name})`;
}

/** Months no timeline covers between two consecutive ones, as words. */
function missing(a: StageEntry, from: number, to: number): string {
  if (a.timeline!.style === 'index') {
    const first = from + 1;
    const last = to - 1;
    return first === last ? `month ${show(first)} is` : `months ${show(first)}–${show(last)} are`;
  }
  return `${show(from)}–${show(to)} months are`;
}

/** Timelines of one list (`Months 4-6`, `Timeline: 3-6 months`) must follow each other. */
export default defineRule({
  meta: {
    id: ID,
    description: 'The timelines of one list of stages or phases must follow each other without gaps or overlaps.',
    severity: 'warning',
    fixable: false,
    category: 'stages',
  },
  check(model) {
    const out: Finding[] = [];
    for (const seq of stageModel(model).sequences) {
      const items: Stretch[] = [];
      for (const e of seq.entries) {
        const t = e.timeline;
        if (!t) continue;
        const item: Stretch = { low: t.low, open: t.open, entry: e };
        if (t.high !== undefined) item.high = t.high;
        items.push(item);
      }
      if (items.length < 2) continue;
      for (const issue of tileIssues(items)) {
        const a = issue.a.entry;
        const b = issue.b.entry;
        const related = [{ span: a.timeline!.span, message: `${entryName(a)}: ${a.timeline!.text}` }];
        let message: string;
        let span = b.timeline!.span;
        switch (issue.kind) {
          case 'gap':
            message = `Gap between ${named(a)} and ${named(b)}: ${missing(a, issue.from!, issue.to!)} in no timeline`;
            break;
          case 'overlap':
            message = `${named(b)} overlaps ${named(a)}`;
            break;
          case 'order':
            message = `${named(b)} comes after ${named(a)} but starts earlier: timelines must follow each other`;
            break;
          case 'open':
            message = `${named(a)} is open-ended but ${entryName(b)} follows it: only the last timeline may be open-ended`;
            span = a.timeline!.span;
            related[0] = { span: b.timeline!.span, message: `${entryName(b)}: ${b.timeline!.text}` };
            break;
        }
        out.push({ rule: ID, severity: 'warning', message, span, fixes: [], related, data: { kind: issue.kind } });
      }
    }
    return out;
  },
});
