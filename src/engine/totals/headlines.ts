/**
 * Headline figures against the section that works them out: a summary list `- 1,000 users:
 * $68-110/month (total infrastructure)`, `- 10,000 users: …`, and for each count a section
 * `### 1,000 Users: Total Monthly Cost` whose table ends in a Total row (`$110/month` in a
 * conservative column, `$68/month` in an optimistic one). The headline must state the range of
 * the Total row's figures (or a figure within it).
 */
import { isTotalRow } from '../items';
import { Kind } from '../markdown';
import type { Block, Claim, PlanModel, Row, Section } from '../model';
import type { Relation } from '../relation';
import { isTotalLabel, normalizeLabel, USER_LABEL_WORDS } from '../vocabulary';

/** A label that is a number of users and nothing else: `1,000 users`, `10K customers`. */
function userCount(row: Row): Claim | undefined {
  if (!row.label || !row.labelSpan) return undefined;
  const inLabel = row.claims.filter((c) => c.q.span.start >= row.labelSpan!.start && c.q.span.end <= row.labelSpan!.end);
  if (inLabel.length !== 1) return undefined;
  const c = inLabel[0]!;
  if (c.q.high !== undefined || c.q.open || c.q.approx || c.q.bound) return undefined;
  const rest = normalizeLabel(row.label.replace(/[\d.,\s]+[kKmM]?\b/, ' ')).replace(/[^\p{L} ]+/gu, ' ').trim();
  return rest !== '' && USER_LABEL_WORDS.includes(rest) ? c : undefined;
}

/** A cell that is not one more alternative but a summary of them (`Avg: $89/month`). */
const SUMMARY_CELL = /\b(?:avg|average|mean|median|moyenne|promedio|média|media|durchschnitt|ortalama|среднее|rata-rata)\b/i;

/** The Total row of a section's tables, when there is exactly one. */
function sectionTotal(section: Section, tables: Block[]): Row | undefined {
  const totals = tables.filter((b) => b.start >= section.start && b.end < section.end).flatMap((b) => b.rows.filter((r) => isTotalRow(r)));
  return totals.length === 1 ? totals[0] : undefined;
}

/** The section for `count` users whose heading says it totals them: `1,000 Users: Total Monthly Cost`. */
function totalSections(model: PlanModel): Map<number, Section[]> {
  const out = new Map<number, Section[]>();
  for (const s of model.sections) {
    if (s.line === undefined || !isTotalLabel(s.title)) continue;
    const row = model.rowAt[s.line];
    if (!row || model.outline.kind[s.line] !== Kind.Heading) continue;
    const counts = row.claims.filter((c) => (c.unit.dim === 'count' || c.unit.dim === 'number') && c.q.high === undefined && !c.q.ordinal);
    if (counts.length !== 1 || !/\b(?:users?|customers?|subscribers?|clients?|usuarios|usuários|utilisateurs|nutzer|utenti|pengguna|kullanıcı)\b/i.test(s.title)) continue;
    const v = counts[0]!.q.low;
    const list = out.get(v) ?? [];
    list.push(s);
    out.set(v, list);
  }
  return out;
}

export function headlineTotals(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  let sections: Map<number, Section[]> | undefined;
  let tables: Block[] | undefined;
  const totalOf = new Map<Section, Row | undefined>();
  for (const block of model.blocks) {
    if (block.kind !== 'list') continue;
    const lines = block.rows.filter((r) => userCount(r) !== undefined);
    if (lines.length < 2) continue;
    sections ??= totalSections(model);
    if (sections.size === 0) return out;
    tables ??= model.blocks.filter((b) => b.kind === 'table');
    const found: Relation[] = [];
    let unmatched = false;
    for (const row of lines) {
      const count = userCount(row)!;
      const money = row.values.filter((c) => c.unit.dim === 'money');
      // The line says it is a total (`(total infrastructure)`), and states one figure or range.
      if (money.length !== 1 || !isTotalLabel(row.content.replace(/[*_`]/g, ''))) {
        unmatched = true;
        continue;
      }
      const target = money[0]!;
      const candidates = (sections.get(count.q.low) ?? []).filter((s) => !(row.line >= s.start && row.line < s.end));
      if (candidates.length !== 1 || target.q.blank || target.q.open || target.q.bound) {
        unmatched = true;
        continue;
      }
      const section = candidates[0]!;
      if (!totalOf.has(section)) totalOf.set(section, sectionTotal(section, tables));
      const total = totalOf.get(section);
      if (!total?.cells) {
        unmatched = true;
        continue;
      }
      const figures: Claim[] = [];
      let ok = true;
      for (const cell of total.cells) {
        if (cell.span.start === total.labelSpan?.start || cell.claims.length === 0) continue;
        if (SUMMARY_CELL.test(cell.text)) continue;
        const c = cell.claims[0]!;
        if (cell.claims.length !== 1 || c.unit.dim !== 'money' || c.unit.currency !== target.unit.currency || c.q.high !== undefined || c.q.approx || c.unit.perEntity) ok = false;
        else if ((c.unit.per ?? 'month') !== (target.unit.per ?? 'month')) ok = false;
        else figures.push(c);
      }
      if (!ok || figures.length === 0) {
        unmatched = true;
        continue;
      }
      const sorted = [...figures].sort((a, b) => a.q.low - b.q.low);
      const low = sorted[0]!;
      const high = sorted[sorted.length - 1]!;
      const expr = low === high ? ({ op: 'claim', claim: low } as const) : ({ op: 'range', low: { op: 'claim', claim: low }, high: { op: 'claim', claim: high } } as const);
      found.push({
        rule: 'totals',
        target,
        label: row.label.replace(/[*_`]/g, '').trim(),
        readings: [{ expr, name: `read as the Total row of “${candidates[0]!.title}”` }],
      });
    }
    // Every count of the list has its section: the list summarises them.
    if (!unmatched && found.length >= 2) out.push(...found);
  }
  return out;
}
