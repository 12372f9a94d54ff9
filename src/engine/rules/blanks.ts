import { defineRule } from '../rule';
import type { Finding } from '../types';

const ID = 'blanks';

/** Unfilled template blanks (`___`, `$___/month`, `___%`), one information finding each, counted. */
export default defineRule({
  meta: {
    id: ID,
    description: 'Reports template blanks that are still to be filled in, with a count.',
    severity: 'information',
    fixable: false,
    category: 'template',
  },
  check(model) {
    if (!model.options.blanks) return [];
    const spans: { start: number; end: number }[] = [];
    for (const line of model.doc.lines) {
      if (!line.plan) continue;
      const re = /_{3,}/g;
      for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
        // Emphasis written with underscores (`__bold__`) is two characters; blanks are three or more.
        spans.push({ start: line.start + m.index, end: line.start + m.index + m[0].length });
      }
    }
    return spans.map(
      (span, i): Finding => ({
        rule: ID,
        severity: 'information',
        message: `Blank to fill in (${i + 1} of ${spans.length})`,
        span,
        fixes: [],
        related: [],
        data: { count: spans.length },
      }),
    );
  },
});
