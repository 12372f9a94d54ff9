import { isTitleText, type Claim, type PlanModel, type Row } from '../model';
import type { Relation } from '../relation';
import { defineRule, type RuleContext } from '../rule';
import { ALTERNATIVE_WORDS, normalizeLabel } from '../vocabulary';

/**
 * The same figure stated twice in one section must agree: `Total Costs: $2,424.57` where the
 * costs are added up, and `Total Costs: $2,416.57` restated a few lines below. Only the
 * restatement is reported, and only when the other statement is borne out by the plan's own
 * arithmetic (a total that adds up); two statements that nothing decides between are left.
 */
export default defineRule({
  meta: {
    id: 'cross-reference',
    description: 'The same figure stated twice in one section must agree with the statement the plan’s arithmetic bears out.',
    severity: 'warning',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    const groups = new Map<string, { row: Row; claim: Claim }[]>();
    for (const row of model.rows) {
      if (row.program || row.cells || !row.label || row.values.length === 0) continue;
      const block = row.block;
      if (!block || block.kind === 'table') continue;
      const key = labelKey(row.label);
      if (key === '' || /^\d/.test(key)) continue;
      // Scenarios and options say the same label about different things.
      if (block.titles.slice(0, 2).some((t) => ALTERNATIVE_WORDS.test(t) || PER_UNIT.test(t))) continue;
      const c = row.values[0]!;
      if (c.q.blank || c.q.bound || c.q.open || c.unit.dim === 'percent' && c.q.high !== undefined) continue;
      const k = `${row.block!.section.index}|${key}|${unitKey(c)}`;
      const list = groups.get(k) ?? [];
      list.push({ row, claim: c });
      groups.set(k, list);
    }
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const grounded = list.filter((x) => ctx.held(x.claim) === true);
      if (grounded.length === 0) continue;
      for (const x of list) {
        if (ctx.held(x.claim) !== undefined) continue;
        // Compare with the grounded statement nearest before it (else the first after it).
        const g = [...grounded].reverse().find((y) => y.row.line < x.row.line) ?? grounded[0]!;
        if (g === x) continue;
        // Blocks titled for different years, months or user counts state different figures.
        if (differentContext(x.row, g.row, model)) continue;
        out.push(relationOf(x.claim, g.claim, g.row, ctx));
      }
    }
    return out;
  },
});

function differentContext(a: Row, b: Row, model: PlanModel): boolean {
  const ta = contextTitle(a, model);
  const tb = contextTitle(b, model);
  if (ta === tb) return false;
  return /\d/.test(ta) || /\d/.test(tb);
}

/** The nearest title line above a row in its section: a heading, or a bold or `Label:` line. */
function contextTitle(row: Row, model: PlanModel): string {
  const section = row.block?.section;
  const stop = section?.line ?? -1;
  for (let l = row.block ? row.block.start - 1 : row.line - 1; l > stop; l--) {
    const r = model.rowAt[l];
    if (r && isTitleText(r.content)) return r.content;
  }
  return section?.title ?? '';
}

const PER_UNIT = /\bper (?:user|customer|seat|unit|member)\b|\bpor usuario\b|\bpro nutzer\b|\bpar utilisateur\b/i;

/** The label of a figure for matching restatements: lower case, no markup or emoji, singular spacing. */
function labelKey(label: string): string {
  return normalizeLabel(label).replace(/[^\p{L}\p{N}&/ ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

function unitKey(c: Claim): string {
  const u = c.unit;
  return `${u.dim}:${u.currency ?? ''}:${u.perEntity ?? ''}`;
}

function relationOf(target: Claim, other: Claim, otherRow: Row, ctx: RuleContext): Relation {
  void ctx;
  const rel: Relation = {
    rule: 'cross-reference',
    target,
    label: target.row.label.replace(/[*_`]/g, '').trim(),
    readings: [{ expr: { op: 'claim', claim: other }, name: `the figure stated on line ${otherRow.line + 1}` }],
    fixable: true,
  };
  // Periods must agree for the two to be the same figure.
  if (target.unit.per && other.unit.per && target.unit.per !== other.unit.per) rel.readings = [];
  return rel;
}

export type { PlanModel };
