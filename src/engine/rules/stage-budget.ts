import type { EconBlock } from '../economics';
import type { Block, Claim } from '../model';
import { describe, sameStage, stagesFor, type StageEntry } from '../stages';
import { defineRule } from '../rule';
import type { Finding } from '../types';
import { normalizeLabel, WordList, wordsOf, type Period } from '../vocabulary';

/**
 * A modelled total cost at a number of users (a cost block's Total) must fall within the
 * infrastructure cost range budgeted for that number's stage (`Costs: $1,000-3,000/month` in the
 * stage's lines). A number of users on a boundary shared by two stages belongs to either: it is
 * reported only when every stage holding it has a budget and none covers the cost. A block
 * about people (the team, hiring, salaries) is not an infrastructure cost and is not compared.
 * A stage's budget may be stated in another statement of the same stage; a budget per year or
 * per quarter is compared per month with a monthly cost.
 */
export default defineRule({
  meta: {
    id: 'stage-budget',
    description: 'A modelled cost at a number of users must fall within the cost range budgeted for that number’s stage.',
    severity: 'warning',
    fixable: false,
    category: 'stages',
  },
  check(model, ctx) {
    const out: Finding[] = [];
    const text = model.text;
    const sm = ctx.stages();
    const { tolerance, approxTolerance } = ctx.options;
    for (const block of model.blocks) {
      if (block.kind === 'table') continue;
      const e = ctx.econ(block);
      if (!e.users || !e.total || e.total.q.blank || e.total.q.high !== undefined || e.revenue) continue;
      const holding = stagesFor(sm, e.users.q.low).map((s) => ({ stage: s, budget: budgetOf(s, sm.entries) }));
      // A stage without a budget may be the one the count belongs to: nothing to compare with.
      if (holding.length === 0 || holding.some((h) => !h.budget)) continue;
      if (aboutPeople(block, e)) continue;
      const total = e.total;
      const checked = holding.map((h) => ({ ...h, range: monthly(h.budget!, total) }));
      // A budget of another period than the cost that cannot be converted is not compared.
      if (checked.some((h) => !h.range)) continue;
      const fits = checked.some((h) => {
        const tol = tolerance + (h.budget!.q.approx || total.q.approx ? approxTolerance : 0);
        return total.q.low >= h.range!.low * (1 - tol) - 1e-9 && total.q.low <= h.range!.high * (1 + tol) + 1e-9;
      });
      if (fits) continue;
      const s = holding[0]!;
      out.push({
        rule: 'stage-budget',
        severity: 'warning',
        message: `Total ${text.slice(total.q.span.start, total.q.span.end)} at ${text.slice(e.users.q.span.start, e.users.q.span.end)} is outside the budget of ${describe(s.stage, text)}: ${text.slice(s.budget!.q.span.start, s.budget!.q.span.end)}`,
        span: { ...total.q.span },
        fixes: [],
        related: holding.map((x) => ({ span: x.budget!.q.span, message: `budget of ${describe(x.stage, text)}` })),
      });
    }
    return out;
  },
});

/** Titles about people: the team, hiring, headcount, pay. */
const PEOPLE_WORDS = new WordList([
  'team', 'teams', 'hiring', 'hires', 'headcount', 'salary', 'salaries', 'payroll', 'people', 'staff', 'staffing', 'personnel', 'compensation', 'org chart', 'employees',
  'equipo', 'equipe', 'équipe', 'contratación', 'salarios', 'salários', 'salaires', 'personal', 'gehälter', 'mitarbeiter', 'personale', 'stipendi', 'zespół', 'ekip', 'maaş', 'команда', 'зарплаты', 'tim', 'gaji', 'nhân sự', 'đội ngũ', 'チーム', '人件費', '团队', '人员', '팀', '인건비',
]);
/** Titles about infrastructure. */
const INFRA_WORDS = new WordList([
  'infrastructure', 'infra', 'hosting', 'cloud', 'server', 'servers', 'aws', 'gcp', 'azure', 'compute', 'database', 'databases', 'tech stack', 'tooling',
  'infraestructura', 'infraestrutura', 'hébergement', 'serveurs', 'infrastruktur', 'infrastruttura', 'altyapı', 'инфраструктура', 'infrastruktur', 'hạ tầng', 'インフラ', '基础设施', '인프라',
]);
/** Cost items that are a person or a role: `3 engineers`, `Support lead`, `CTO`. */
const ROLE_WORDS = new WordList([
  'engineer', 'engineers', 'developer', 'developers', 'dev', 'devs', 'designer', 'designers', 'sre', 'sres', 'devops', 'cto', 'ceo', 'coo', 'cfo', 'vp', 'head of', 'lead', 'leads', 'manager', 'managers', 'pm', 'pms',
  'founder', 'founders', 'hire', 'hires', 'contractor', 'contractors', 'freelancer', 'freelancers', 'fte', 'ftes', 'salary', 'salaries', 'payroll', 'recruiter', 'recruiting', 'analyst', 'analysts', 'architect', 'architects',
  'agent', 'agents', 'rep', 'reps', 'specialist', 'specialists', 'intern', 'interns', 'staff', 'employee', 'employees', 'headcount', 'people', 'person',
]);

/**
 * Is a block about people rather than infrastructure? The innermost of its titles (its own, then
 * its sections' outwards) that names people or infrastructure decides; a title that names both
 * is not an infrastructure cost alone either. Without such a title, a block whose every cost
 * item is a person or a role is about people.
 */
function aboutPeople(block: Block, e: EconBlock): boolean {
  for (const title of block.titles) {
    const n = normalizeLabel(title);
    const words = wordsOf(n);
    const people = PEOPLE_WORDS.findIn(n, words) !== undefined;
    const infra = INFRA_WORDS.findIn(n, words) !== undefined;
    if (people) return true;
    if (infra) return false;
  }
  if (e.costs.length === 0) return false;
  return e.costs.every((c) => {
    const n = normalizeLabel(c.row.label);
    return ROLE_WORDS.findIn(n, wordsOf(n)) !== undefined;
  });
}

/** The stage's budget: in its own lines, or in another statement of the same stage (same name and range). */
function budgetOf(s: StageEntry, entries: StageEntry[]): Claim | undefined {
  if (s.budget) return s.budget;
  if (!s.word || s.number === undefined || !s.users || s.inconsistent) return undefined;
  const word = s.word.toLowerCase();
  return entries.find((p) => p !== s && p.budget && !p.inconsistent && p.word?.toLowerCase() === word && p.number === s.number && (!p.users || sameStage(p.users, s.users!)))?.budget;
}

const MONTHS: Partial<Record<Period, number>> = { month: 1, quarter: 3, year: 12 };

/**
 * The budget range in the cost's period: as written when the periods agree or one is not
 * stated; converted between months, quarters and years; undefined otherwise (a week or a day
 * has no single number of months).
 */
function monthly(budget: Claim, cost: Claim): { low: number; high: number } | undefined {
  const b = budget.unit.per;
  const c = cost.unit.per;
  const low = budget.q.low;
  const high = budget.q.high!;
  if (b === c || b === undefined || c === undefined) return { low, high };
  const mb = MONTHS[b];
  const mc = MONTHS[c];
  if (mb === undefined || mc === undefined) return undefined;
  return { low: (low * mc) / mb, high: (high * mc) / mb };
}
