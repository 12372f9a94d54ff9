/**
 * A team's growth written in its heading against the hiring table under it: `Support team
 * (4 → 12 people)` over a table of roles whose Total row counts 8 hires. The team it reaches is
 * the team it has plus the hires; a table may also list the whole team, so the figure holds when
 * either reading agrees.
 */
import { isTotalRow } from '../items';
import { Kind } from '../markdown';
import type { Claim, PlanModel, Row } from '../model';
import type { Relation } from '../relation';

/** Between the two sizes: an arrow. */
const ARROW = /^\s*(?:→|->|=>|⟶|➔|➜|⇒)\s*$/;

/** What the larger size counts: people, in the languages the engine reads. */
const PEOPLE = /^\s*(?:people|persons?|employees?|staff|members?|heads?|headcount|FTEs?|engineers?|hires?|personas?|empleados?|pessoas?|funcionários?|colaboradores?|personnes?|salariés?|employés?|mitarbeiter(?:innen)?|personen|persone|dipendenti|osób|pracowników|kişi|çalışan|человек|сотрудник(?:ов|а)?|orang|karyawan|người|nhân viên|人|名|명)(?![\p{L}])/iu;

function plainCount(c: Claim): boolean {
  return (c.unit.dim === 'count' || c.unit.dim === 'number') && !c.unit.currency && c.q.high === undefined && !c.q.blank && !c.q.approx && !c.q.open && !c.q.bound && Number.isInteger(c.q.low) && c.q.low >= 0;
}

/** `(4 → 12 people)` in a heading: the team now and the team it grows to. */
function growth(model: PlanModel, row: Row): [Claim, Claim] | undefined {
  const counts = row.claims.filter(plainCount);
  for (let i = 0; i + 1 < counts.length; i++) {
    const from = counts[i]!;
    const to = counts[i + 1]!;
    if (!ARROW.test(model.text.slice(from.q.span.end, to.q.span.start))) continue;
    if (to.unit.noun !== 'person' && !PEOPLE.test(model.text.slice(to.q.span.end, to.q.span.end + 24))) continue;
    if (to.q.low <= from.q.low) continue;
    return [from, to];
  }
  return undefined;
}

export function teamGrowthTotals(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  for (const section of model.sections) {
    if (section.line === undefined || model.outline.kind[section.line] !== Kind.Heading) continue;
    const heading = model.rowAt[section.line];
    if (!heading || heading.claims.length < 2) continue;
    const sizes = growth(model, heading);
    if (!sizes) continue;
    // The first block under the heading, before any subsection: a table with one Total row.
    const first = model.blocks.find((b) => b.start > section.line! && b.start < section.end);
    if (!first || first.kind !== 'table' || model.sectionAt[first.start] !== section) continue;
    const totals = first.rows.filter((r) => isTotalRow(r));
    if (totals.length !== 1) continue;
    // The Total row states one count (other cells hold money, durations or words).
    const counts = totals[0]!.claims.filter((c) => plainCount(c) && c.unit.dim !== 'money');
    if (counts.length !== 1 || totals[0]!.claims.some((c) => c.unit.dim === 'count' && c !== counts[0] && c.unit.noun === 'person')) continue;
    const hires = counts[0]!;
    const [from, to] = sizes;
    out.push({
      rule: 'totals',
      target: to,
      label: 'Team size',
      readings: [
        { expr: { op: 'add', terms: [{ op: 'claim', claim: from }, { op: 'claim', claim: hires }] }, name: 'read as the team now plus the hires of the table below' },
        { expr: { op: 'claim', claim: hires }, name: 'read as the whole team in the table below' },
      ],
    });
  }
  return out;
}
