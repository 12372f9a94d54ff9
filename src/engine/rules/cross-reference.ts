import { agrees } from '../compare';
import { SCENARIO } from '../concepts';
import { econRecords, type EconRecord, type Figure } from '../economics';
import { show } from '../quantity';
import { defineRule, input, money, percent, type Derivation } from '../rule';

const ID = 'cross-reference';

type Key = 'infrastructure cost' | 'revenue' | 'cost per user' | 'gross margin' | 'profit';

const INFRA_CONTEXT = /\binfra(?:structure)?\b|\bhosting\b|\bcloud\b|\bservers?\b/i;

function facts(rec: EconRecord): [Key, Figure][] {
  const out: [Key, Figure][] = [];
  if (rec.infra) out.push(['infrastructure cost', rec.infra]);
  else if (rec.total && rec.context.some((c) => INFRA_CONTEXT.test(c))) out.push(['infrastructure cost', rec.total]);
  if (rec.revenue) out.push(['revenue', rec.revenue]);
  if (rec.costPerUser) out.push(['cost per user', rec.costPerUser]);
  if (rec.margin) out.push(['gross margin', rec.margin]);
  if (rec.profit) out.push(['profit', rec.profit]);
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
    const first = new Map<string, { fig: Figure; rec: EconRecord }>();
    for (const rec of econRecords(model)) {
      if (!rec.users || rec.context.some((c) => SCENARIO.test(c))) continue;
      for (const [key, fig] of facts(rec)) {
        if (fig.q.blank || fig.q.high !== undefined || fig.q.approx) continue;
        const id = `${key}@${rec.users.q.value}@${fig.q.per ?? ''}`;
        const seen = first.get(id);
        if (!seen) {
          first.set(id, { fig, rec });
          continue;
        }
        if (seen.rec.sequence === rec.sequence) continue;
        const a = seen.fig.q;
        const b = fig.q;
        // Either claim, read at its own precision, may carry the other's value.
        const expected = agrees(a.value, a.precision, b.value, 0) ? [a.value, b.value] : [a.value];
        const pct = b.kind === 'percent';
        out.push({
          rule: ID,
          target: b,
          label: `${key[0]!.toUpperCase()}${key.slice(1)} at ${show(rec.users.q.value)} users,`,
          expected,
          formula: `the ${key} stated on line ${seen.rec.line + 1}`,
          display: (v) => (pct ? percent(v, 2) : money(v, b.per)),
          related: [input(a, `${key} at ${show(rec.users.q.value)} users stated here`)],
          fixVerb: 'Change to',
        });
      }
    }
    return out;
  },
});
