import { agrees } from '../compare';
import { SCENARIO } from '../concepts';
import { positionAt } from '../document';
import { econRecords, revenueBasisAt, type EconRecord, type Figure } from '../economics';
import type { PlanModel } from '../model';
import { show } from '../quantity';
import { defineRule, input, money, percent, type Derivation } from '../rule';

const ID = 'cross-reference';

type Key = 'infrastructure cost' | 'revenue' | 'cost per user' | 'gross margin' | 'profit';

const INFRA_CONTEXT = /\binfra(?:structure)?\b|\bhosting\b|\bcloud\b|\bservers?\b/i;

/**
 * The figures a record states, each with whether the record can also compute it from its own
 * lines (a total from its items, a cost per user from its total). Such a figure is checked by
 * its own rule; here it only serves as the reference others must agree with, so two rules
 * never pull one number two ways.
 */
function facts(rec: EconRecord, model: PlanModel): [Key, Figure, boolean][] {
  const out: [Key, Figure, boolean][] = [];
  const hasCost = !!(rec.infra || rec.total || rec.costs.length);
  if (rec.infra) out.push(['infrastructure cost', rec.infra, false]);
  else if (rec.total && !rec.people && rec.context.some((c) => INFRA_CONTEXT.test(c))) out.push(['infrastructure cost', rec.total, rec.costs.length - rec.costsAfterTotal.length >= 2]);
  if (rec.revenue) {
    const assumed = revenueBasisAt(model, rec.line);
    out.push(['revenue', rec.revenue, !!assumed]);
  }
  if (rec.costPerUser) out.push(['cost per user', rec.costPerUser, !!(rec.users && (rec.total || rec.infra))]);
  if (rec.margin) out.push(['gross margin', rec.margin, !!rec.revenue && hasCost]);
  if (rec.profit) out.push(['profit', rec.profit, !!rec.revenue && rec.costs.length > 0]);
  return out;
}

/** The same quantity (e.g. infrastructure cost at 2,500 users) stated twice must agree. */
export default defineRule({
  meta: {
    id: ID,
    description: 'The same figure for the same number of users, stated in two places, must agree.',
    severity: 'warning',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    const byId = new Map<string, { fig: Figure; rec: EconRecord; derived: boolean; key: Key }[]>();
    for (const rec of econRecords(model)) {
      if (!rec.users || rec.context.some((c) => SCENARIO.test(c))) continue;
      for (const [key, fig, derived] of facts(rec, model)) {
        if (fig.q.blank || fig.q.high !== undefined || fig.q.approx) continue;
        const id = `${key}@${rec.users.q.value}@${fig.q.per ?? ''}`;
        let list = byId.get(id);
        if (!list) byId.set(id, (list = []));
        list.push({ fig, rec, derived, key });
      }
    }
    for (const list of byId.values()) {
      if (list.length < 2) continue;
      // The reference: the first figure the plan computes from its own lines, else the first stated.
      const anchor = list.find((f) => f.derived) ?? list[0]!;
      for (const other of list) {
        if (other === anchor || other.derived || other.rec.sequence === anchor.rec.sequence) continue;
        const a = anchor.fig.q;
        const b = other.fig.q;
        const users = other.rec.users!.q.value;
        // Either claim, read at its own precision, may carry the other's value.
        const expected = agrees(a.value, a.precision, b.value, 0) ? [a.value, b.value] : [a.value];
        const pct = b.kind === 'percent';
        out.push({
          rule: ID,
          target: b,
          label: `${other.key[0]!.toUpperCase()}${other.key.slice(1)} at ${show(users)} users,`,
          expected,
          formula: () => `the ${other.key} stated on line ${positionAt(model.doc.lineStarts, a.span.start).line + 1}`,
          display: (v) => (pct ? percent(v, 2) : money(v, b.per)),
          related: [input(a, `${other.key} at ${show(users)} users stated here`)],
          fixVerb: 'Change to',
        });
      }
    }
    return out;
  },
});
