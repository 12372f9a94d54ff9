import { Kind } from '../markdown';
import { defineRule } from '../rule';
import type { Finding } from '../types';

/**
 * Template blanks still to fill in (`___`, `$___/month`, `___%`, `___/10`), one hint each (shown
 * faintly, not in the Problems list), counted. Lines of box drawing (ASCII charts) are not
 * templates.
 */
export default defineRule({
  meta: {
    id: 'blanks',
    description: 'Reports template blanks that are still to be filled in, with a count.',
    severity: 'hint',
    fixable: false,
    category: 'template',
  },
  check(model) {
    const spans: { start: number; end: number }[] = [];
    for (const row of model.rows) {
      if (row.program) continue;
      const k = model.outline.kind[row.line];
      if (k !== Kind.Text && k !== Kind.Heading && k !== Kind.Code && k !== Kind.TableRow) continue;
      // An axis or frame drawn with underscores is not a blank.
      if (/[│┃|+]\s*_{3,}\s*[│┃|+]|^[\s_|+\-─]*$/.test(row.content) && row.source === 'code') continue;
      const re = /_{3,}/g;
      for (let m = re.exec(row.content); m; m = re.exec(row.content)) spans.push({ start: row.contentStart + m.index, end: row.contentStart + m.index + m[0].length });
    }
    return spans.map((span, i): Finding => ({ rule: 'blanks', severity: 'hint', message: `Blank to fill in (${i + 1} of ${spans.length})`, span, fixes: [], related: [] }));
  },
});
