import { show } from '../quantity';
import { defineRule, input, type Derivation } from '../rule';
import type { Quantity } from '../types';

const ID = 'multiplier';

const COMPARATIVE = /^\s*(?:cheaper|more(?: expensive)?|less|faster|slower|bigger|larger|smaller|higher|lower|greater|costlier|the (?:cost|price|revenue|users)|increase|decrease|reduction|savings?|growth|as (?:much|many|expensive))\b/i;

/** `6x cheaper` against the two figures it compares in the same sentence. */
export default defineRule({
  meta: {
    id: ID,
    description: 'A multiple such as `6x cheaper` must match the ratio of the two figures it compares.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    for (const line of model.doc.lines) {
      if (!line.plan || line.quantities.length < 3) continue;
      for (const m of line.quantities) {
        if (m.kind !== 'multiplier' || m.blank || m.high !== undefined || m.bound) continue;
        if (!COMPARATIVE.test(line.text.slice(m.span.end - line.start))) continue;
        // The sentence around the multiple: up to the nearest '.', ';' or '!' that ends one.
        const rel = m.span.start - line.start;
        const startCut = Math.max(line.text.lastIndexOf('. ', rel), line.text.lastIndexOf('; ', rel));
        const endRel = (() => {
          const cands = ['. ', '; '].map((s) => line.text.indexOf(s, m.span.end - line.start)).filter((x) => x >= 0);
          return cands.length ? Math.min(...cands) : line.text.length;
        })();
        const others = line.quantities.filter(
          (q) => q !== m && q.span.start - line.start > startCut && q.span.end - line.start <= endRel && (q.kind === 'money' || q.kind === 'users' || q.kind === 'duration'),
        );
        if (others.length !== 2) continue;
        const [a, b] = others as [Quantity, Quantity];
        if (a.kind !== b.kind || a.blank || b.blank || a.high !== undefined || b.high !== undefined || a.per !== b.per || a.unit !== b.unit) continue;
        if (a.value <= 0 || b.value <= 0) continue;
        const big = Math.max(a.value, b.value);
        const small = Math.min(a.value, b.value);
        out.push({
          rule: ID,
          target: m,
          label: 'Multiple',
          expected: [big / small],
          formula: () => `${show(big)} / ${show(small)}`,
          display: (v) => `${show(v, 2)}x`,
          related: [input(a, 'compared figure'), input(b, 'compared figure')],
          fixVerb: 'Change to',
        });
      }
    }
    return out;
  },
});
