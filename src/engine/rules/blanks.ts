import type { Expr } from '../formula';
import { Kind } from '../markdown';
import type { Claim, PlanModel } from '../model';
import type { Relation } from '../relation';
import { defineRule } from '../rule';
import type { Finding } from '../types';
import { normalizeLabel } from '../vocabulary';

/**
 * Template blanks still to fill in (`___`, `$___/month`, `___%`, `___/10`), one hint each (shown
 * faintly, not in the Problems list), counted. Lines of box drawing (ASCII charts) are not
 * templates. Besides the blanks other rules compute (totals, costs per user, margins, score
 * totals, revenue, uptime), this rule binds the formulas of an investment's blank return and
 * payback: a one-off cost against a recurring gain. Its relations have blank targets only, so
 * they fill blanks and never report a stated figure.
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
  relations(model) {
    return investments(model);
  },
});

const COST = /^(?:total )?(?:investment|upfront cost|up-front cost|one-time cost|one-off cost|implementation cost|setup cost|initial cost|cost|build cost)\b/;
const GAIN = /^(?:monthly |annual |expected |estimated )?(?:savings?|return|gain|benefit|additional revenue|added revenue|revenue gain|revenue impact|value)\b/;
const ROI = /^(?:expected |estimated )?(?:roi|return on investment)\b/;
const PAYBACK = /^(?:expected |estimated )?payback(?: period| time)?\b/;

/**
 * A block with a one-off cost (`Upfront cost: $6,000`), a monthly gain (`Monthly savings:
 * $1,500/month`) and a blank `ROI: ___%` or `Payback: ___ months`: the return over the first
 * year, (12 × gain − cost) / cost, and the months the gain takes to pay the cost back.
 */
function investments(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  for (const block of model.blocks) {
    if (block.kind === 'table') continue;
    let cost: Claim | undefined;
    let gain: Claim | undefined;
    const roi: Claim[] = [];
    const payback: Claim[] = [];
    for (const row of block.rows) {
      if (row.program || !row.label) continue;
      const key = normalizeLabel(row.label);
      const c = row.values[0];
      if (!c || c.q.high !== undefined || c.q.bound || c.q.open) continue;
      if (ROI.test(key)) {
        if (c.q.blank && c.unit.dim === 'percent') roi.push(c);
      } else if (PAYBACK.test(key)) {
        if (c.q.blank && (c.unit.dim === 'duration' || c.unit.dim === 'number')) payback.push(c);
      } else if (c.unit.dim === 'money' && !c.q.blank && !c.q.approx && !c.unit.perEntity) {
        if (!cost && COST.test(key) && c.unit.per === undefined) cost = c;
        else if (!gain && GAIN.test(key) && c.unit.per === 'month') gain = c;
      }
    }
    if (!cost || !gain || !(cost.q.low > 0) || !(gain.q.low > 0)) continue;
    const c: Expr = { op: 'claim', claim: cost };
    const g: Expr = { op: 'claim', claim: gain };
    const year: Expr = { op: 'scale', a: g, factor: 12, why: '12' };
    for (const t of roi) {
      out.push({ rule: 'blanks', target: t, label: 'ROI', readings: [{ expr: { op: 'scale', a: { op: 'div', a: { op: 'sub', a: year, b: c }, b: c }, factor: 100, why: '100%' }, name: 'read as the first year’s return' }], fixable: true });
    }
    for (const t of payback) {
      // Months, kept in minutes for a duration.
      const months: Expr = { op: 'div', a: c, b: g };
      const expr: Expr = t.unit.dim === 'duration' ? { op: 'scale', a: months, factor: 43200, why: '' } : months;
      out.push({ rule: 'blanks', target: t, label: 'Payback', readings: [{ expr, name: 'read as months of gain to repay the cost' }], fixable: true });
    }
  }
  return out;
}
