import { toleranceFor } from '../compare';
import { show } from '../quantity';
import { defineRule } from '../rule';
import { modelledCost, modelledRecords, stageModel, stagesHolding, type Fact, type Stage } from '../stages';
import type { Finding, Quantity } from '../types';

const ID = 'stage-budget';

/** Factor to a monthly amount; a budget must say its period (a bare `$5,000-10,000` may be one-off). */
function perMonth(q: Quantity, bareIsMonthly = true): number | undefined {
  if (q.per === 'month' || (q.per === undefined && bareIsMonthly)) return 1;
  if (q.per === 'year') return 1 / 12;
  return undefined;
}

function name(s: Stage): string {
  return s.number !== undefined ? `${s.word} ${s.number}` : (s.name ?? s.label);
}

/** The first cost range budgeted for a stage in any of its mentions (its definition first). */
function budgetOf(s: Stage): Fact | undefined {
  const b = [s.definition, ...s.mentions.filter((m) => m !== s.definition)].find((m) => m.budget)?.budget;
  return b && b.q.high !== undefined && Number.isFinite(b.q.high) && perMonth(b.q, false) !== undefined ? b : undefined;
}

/** The modelled cost at N users must fall within the cost range budgeted for N's stage. */
export default defineRule({
  meta: {
    id: ID,
    description: "A modelled cost at a number of users must fall within the cost range budgeted for that number's stage.",
    severity: 'warning',
    fixable: false,
    category: 'stages',
  },
  check(model) {
    const out: Finding[] = [];
    const main = stageModel(model).stages.filter((s) => s.primary && s.low !== undefined);
    if (main.length === 0) return out;
    const seen = new Set<string>();
    for (const rec of modelledRecords(model)) {
      const cost = modelledCost(rec);
      if (!cost || cost.q.high !== undefined || cost.q.blank) continue;
      const f = perMonth(cost.q);
      if (f === undefined) continue;
      const c = cost.q.value * f;
      const n = rec.users!.q.value;
      // A count on a shared boundary belongs to either neighbour: flag it only when every
      // stage holding it has a budget and none of them covers the cost.
      const holders = stagesHolding(main, n);
      if (holders.length === 0) continue;
      const budgets = holders.map((s) => ({ s, b: budgetOf(s) }));
      if (budgets.some((x) => !x.b)) continue;
      const fits = budgets.some(({ b }) => {
        const g = perMonth(b!.q)!;
        const tol = toleranceFor(b!.q, model.options) + toleranceFor(cost.q, model.options);
        return c >= b!.q.value * g * (1 - tol) - 1e-9 && c <= b!.q.high! * g * (1 + tol) + 1e-9;
      });
      if (fits) continue;
      const key = `${n}:${c}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const each = budgets.map(({ s, b }) => `the ${b!.q.raw} budgeted for ${name(s)} (${s.definition.users!.text})`);
      const described = each.length === 1 ? each[0]! : `both ${each.join(' and ')}`;
      out.push({
        rule: ID,
        severity: 'warning',
        message: `Modelled cost ${cost.q.raw} at ${show(n)} users is outside ${described}`,
        span: cost.q.span,
        fixes: [],
        related: [
          ...budgets.map(({ s, b }) => ({ span: b!.q.span, message: `${name(s)} budget: ${b!.q.raw}` })),
          ...budgets.map(({ s }) => ({ span: s.definition.users!.span, message: `${name(s)} is ${s.definition.users!.text}` })),
        ],
        data: { users: n, cost: c, stages: holders.map((s) => s.key) },
      });
    }
    return out;
  },
});
