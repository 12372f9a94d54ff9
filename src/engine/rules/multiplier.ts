import type { Claim } from '../model';
import type { Relation } from '../relation';
import { defineRule } from '../rule';

const COMPARATIVE = /^\s*(?:cheaper|more(?: expensive)?|less|faster|slower|bigger|larger|smaller|higher|lower|greater|costlier|increase|decrease|reduction|savings?|growth|as (?:much|many|expensive))\b/i;

/**
 * A multiple such as `6x cheaper` must match the ratio of the two figures it compares in the
 * same sentence. Loose multiples (`~3x`) have the tolerance of approximate figures.
 */
export default defineRule({
  meta: {
    id: 'multiplier',
    description: 'A multiple such as `6x cheaper` must match the ratio of the two figures it compares.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model) {
    const out: Relation[] = [];
    const text = model.text;
    for (const row of model.rows) {
      if (row.program || row.cells || row.claims.length < 3) continue;
      for (const m of row.claims) {
        if (m.unit.dim !== 'multiplier' || m.q.blank || m.q.high !== undefined || m.q.bound) continue;
        if (!COMPARATIVE.test(text.slice(m.q.span.end, m.q.span.end + 30))) continue;
        // The sentence around the multiple, within the row's content.
        const content = row.content;
        const at = m.q.span.start - row.contentStart;
        const after = m.q.span.end - row.contentStart;
        const from = row.contentStart + Math.max(content.lastIndexOf('. ', at), content.lastIndexOf('; ', at), 0);
        const ends = ['. ', '; '].map((s) => content.indexOf(s, after)).filter((x) => x >= 0);
        const to = row.contentStart + (ends.length ? Math.min(...ends) : content.length);
        const others = row.claims.filter((q) => q !== m && q.q.span.start > from && q.q.span.end <= to && (q.unit.dim === 'money' || q.unit.dim === 'count' || q.unit.dim === 'duration'));
        if (others.length !== 2) continue;
        const [a, b] = others as [Claim, Claim];
        if (a.unit.dim !== b.unit.dim || a.q.blank || b.q.blank || a.q.high !== undefined || b.q.high !== undefined || a.unit.per !== b.unit.per || a.unit.currency !== b.unit.currency) continue;
        if (a.q.low <= 0 || b.q.low <= 0) continue;
        const [big, small] = a.q.low >= b.q.low ? [a, b] : [b, a];
        const rel: Relation = { rule: 'multiplier', target: m, label: 'Multiple', readings: [{ expr: { op: 'div', a: { op: 'claim', claim: big }, b: { op: 'claim', claim: small } } }], fixable: true };
        if (m.q.approx) rel.approx = true;
        out.push(rel);
      }
    }
    return out;
  },
});
