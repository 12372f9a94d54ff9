/**
 * Unit-economics records: one per group (`100 users:` with its lines) or table row, with the
 * users it is about and its revenue, costs, total, margin, profit and cost per user. The
 * economics rules (cost per user, revenue, margin, profit, cost change, cross references)
 * all read these records, built once per model.
 */
import { conceptOf, DERIVED, singleValue, type Concept } from './concepts';
import { fit } from './document';
import { assumptionAt, normalizeKey, type AssumptionClaim, type PlanModel } from './model';
import type { Quantity } from './types';

export interface Figure {
  q: Quantity;
  label: string;
}

export interface EconRecord {
  source: 'group' | 'table';
  line: number;
  /** Records in the same sequence (one cost model, one table) share this key. */
  sequence: string;
  context: string[];
  users?: Figure;
  revenue?: Figure;
  total?: Figure;
  infra?: Figure;
  team?: Figure;
  margin?: Figure;
  profit?: Figure;
  costPerUser?: Figure;
  /** A signed percentage written on the cost-per-user line: `(-37%)`. */
  change?: Figure;
  /** Money items that are costs (not derived figures), in order. */
  costs: Figure[];
  /** The total came before later cost items (`Total`, then nothing else) or not. */
  costsAfterTotal: Figure[];
  /**
   * The record is about people, not infrastructure: `team` when its title, context or section
   * is about the team, hiring, headcount or salaries (or its cost items are people), `mixed` when
   * it is about both. Its total is then no infrastructure cost.
   */
  people?: 'team' | 'mixed';
}

/** Titles about the people a plan pays. */
const TEAM_WORDS = /\b(?:teams?|hiring|hires?|headcount|salar(?:y|ies)|payroll|people|staff(?:ing)?|personnel|employees?|recruit(?:ing|ment)?|org(?:ani[sz]ation(?:al)?)? (?:chart|structure))\b/i;
/** Titles and items about infrastructure. */
const INFRA_WORDS = /\binfra(?:structure)?\b|\bhosting\b|\bcloud\b|\bservers?\b/i;
const INFRA_ITEM = /\b(?:infra(?:structure)?|hosting|servers?|databases?|db|cdn|storage|compute|cloud|aws|gcp|azure|bandwidth|backups?|monitoring|logging|logs|e-?mail|sms|saas|tools?|tooling|software|licen[cs]es?|subscriptions?|redis|cache|queues?|search|kubernetes|k8s|domains?|ssl|apis?|third[- ]party)\b/i;
/** Cost items that are people: `3 engineers`, `Support lead`, `Head of sales`, `CTO`. */
const ROLE = /\b(?:engineers?|developers?|devs|designers?|sres?|devops|(?:support|sales|marketing|ops|tech|team|design|product) (?:leads?|agents?|reps?|specialists?|managers?|staff)|customer success(?: managers?)?|account (?:executives?|managers?)|marketers?|(?:product|project|engineering|community|office) managers?|pms?|ctos?|ceos?|coos?|cfos?|vps?|founders?|co-?founders?|contractors?|freelancers?|analysts?|recruiters?|new hires?|employees?|heads? of \w+|directors?|architects?|qa|testers?|writers?|interns?|scientists?)\b/i;

/** What a record's context and cost items say it is about (see {@link EconRecord.people}). */
function peopleOf(context: string[], costs: Figure[]): EconRecord['people'] {
  const roles = costs.length > 0 && costs.every((c) => ROLE.test(c.label) && !INFRA_ITEM.test(c.label));
  const infraItems = costs.some((c) => INFRA_ITEM.test(c.label) && !ROLE.test(c.label));
  // The innermost title that says either decides.
  for (const c of context) {
    const team = TEAM_WORDS.test(c);
    const infra = INFRA_WORDS.test(c);
    if (team && infra) return 'mixed';
    if (team) return infraItems ? 'mixed' : 'team';
    if (infra) return roles ? 'mixed' : undefined;
  }
  return roles ? 'team' : undefined;
}

/** What revenue at a line rests on: an ARPU, or a conversion rate and a price. */
export type RevenueBasis = { arpu: AssumptionClaim } | { conversion: AssumptionClaim; price: AssumptionClaim };

/**
 * The revenue assumption in force at `line`. An ARPU comes first, unless a conversion and a
 * price are stated in the text before the line and the ARPU is not, or is stated before them:
 * an ARPU stated further down (for a later part of the plan) does not reach back over them.
 */
export function revenueBasisAt(model: PlanModel, line: number): RevenueBasis | undefined {
  const arpu = assumptionAt(model.assumptions.arpu, line);
  const conversion = assumptionAt(model.assumptions.conversion, line);
  const price = assumptionAt(model.assumptions.price, line);
  const pair = conversion && price ? { conversion, price } : undefined;
  if (!arpu) return pair;
  if (pair && arpu.source === 'text') {
    const before = (c: AssumptionClaim): boolean => c.source === 'text' && c.line <= line;
    if (before(conversion!) && before(price!) && (!before(arpu) || Math.min(conversion!.line, price!.line) > arpu.line)) return pair;
  }
  return { arpu };
}

const cache = new WeakMap<PlanModel, EconRecord[]>();

/** The records of a model (computed once). */
export function econRecords(model: PlanModel): EconRecord[] {
  let records = cache.get(model);
  if (!records) {
    records = [...fromGroups(model), ...fromTables(model)];
    for (const r of records) {
      r.costs = fit(r.costs);
      r.costsAfterTotal = fit(r.costsAfterTotal);
    }
    cache.set(model, records);
  }
  return records;
}

function fromGroups(model: PlanModel): EconRecord[] {
  const out: EconRecord[] = [];
  for (const group of model.groups) {
    const rec: EconRecord = {
      source: 'group',
      line: group.lines[0]!.index,
      sequence: `block:${group.lines[0]!.kind === 'code' ? group.block : 'section:' + (group.section.heading && group.section.level > 2 ? parentOf(model, group.section) : group.section).index}`,
      context: group.context,
      costs: [],
      costsAfterTotal: [],
    };
    if (group.users) rec.users = { q: group.users.quantity, label: 'users' };
    let sawTotal = false;
    // Cost items since the last subtotal: a subtotal adds them up, so it is no cost of its own.
    let sinceSubtotal = 0;
    for (const item of group.items) {
      const concept = conceptOf(item.key);
      if (concept === 'gross-margin') {
        const q = singleValue(item, ['percent']);
        if (q && !rec.margin) rec.margin = { q, label: item.label };
        continue;
      }
      const q = singleValue(item, ['money']);
      if (!q) continue;
      const fig = { q, label: item.label };
      switch (concept) {
        case 'revenue':
          if (!rec.revenue) rec.revenue = fig;
          break;
        case 'total':
          if (!rec.total) rec.total = fig;
          sawTotal = true;
          break;
        case 'subtotal':
          // With nothing above it to add up, it is the only statement of that cost.
          if (sinceSubtotal === 0) {
            rec.costs.push(fig);
            if (sawTotal) rec.costsAfterTotal.push(fig);
          }
          sinceSubtotal = 0;
          break;
        case 'profit':
          if (!rec.profit) rec.profit = fig;
          break;
        case 'cost-per-user': {
          if (!rec.costPerUser) {
            rec.costPerUser = fig;
            const change = item.values.find((v) => v.kind === 'percent' && /^[-−+]/.test(signOf(model.text, v)));
            if (change) rec.change = { q: change, label: 'change' };
          }
          break;
        }
        default:
          if (concept === 'infrastructure' && !rec.infra) rec.infra = fig;
          if (concept === 'team' && !rec.team) rec.team = fig;
          if (!concept || !DERIVED.has(concept)) {
            rec.costs.push(fig);
            if (sawTotal) rec.costsAfterTotal.push(fig);
            sinceSubtotal++;
          }
      }
    }
    // A group with no figure of these (prose, a checklist) is no record.
    if (!hasFigures(rec)) continue;
    const people = peopleOf(rec.context, rec.costs);
    if (people) rec.people = people;
    out.push(rec);
  }
  return out;
}

function hasFigures(rec: EconRecord): boolean {
  return rec.costs.length > 0 || !!(rec.users || rec.revenue || rec.total || rec.infra || rec.team || rec.margin || rec.profit || rec.costPerUser);
}

/** The text of a quantity's sign: `-37%` → `-`, `+12%` → `+`. */
function signOf(text: string, q: Quantity): string {
  const before = text.slice(Math.max(0, q.span.start - 1), q.span.start);
  return before === '+' ? '+' : text.slice(q.span.start, q.span.start + 1);
}

function parentOf(_model: PlanModel, section: PlanModel['sections'][number]): PlanModel['sections'][number] {
  return section.parent ?? section;
}

const TABLE_CONCEPTS: [keyof EconRecord, RegExp, Quantity['kind'][]][] = [
  ['costPerUser', /cost (?:per|\/) ?user|per[- ]user|cost\/user|unit cost/, ['money']],
  ['margin', /margin/, ['percent']],
  ['profit', /profit|net income|^net\b|ebitda/, ['money']],
  ['revenue', /revenue|mrr/, ['money']],
  ['users', /^(?:users?|customers?|mau|dau|subscribers|active users|paying users)\b/, ['users', 'number']],
  ['total', /^(?:total|total cost|monthly cost|cost|costs|total monthly cost|infrastructure|infra|infrastructure cost|infra cost|monthly infra|hosting)\b/, ['money']],
  ['team', /^(?:team|team cost|salaries|payroll)\b/, ['money']],
];

function fromTables(model: PlanModel): EconRecord[] {
  const out: EconRecord[] = [];
  for (const table of model.tables) {
    const cols = new Map<keyof EconRecord, number>();
    for (const col of table.columns) {
      for (const [field, re] of TABLE_CONCEPTS) {
        if (!cols.has(field) && re.test(col.key)) {
          cols.set(field, col.index);
          break;
        }
      }
    }
    if (cols.size < 2) continue;
    for (const row of table.rows) {
      const first = normalizeKey(row.cells[0]?.text ?? '');
      if (/^total\b/.test(first)) continue;
      const rec: EconRecord = {
        source: 'table',
        line: row.line.index,
        sequence: `table:${table.id}`,
        context: [table.header.text, table.section.title],
        costs: [],
        costsAfterTotal: [],
      };
      for (const [field, idx] of cols) {
        const cell = row.cells[idx];
        if (!cell || cell.values.length !== 1) continue;
        const q = cell.values[0]!;
        const kinds = TABLE_CONCEPTS.find(([f]) => f === field)![2];
        if (!kinds.includes(q.kind)) continue;
        if (field === 'users' && (q.high !== undefined || q.open || q.blank)) continue;
        (rec as unknown as Record<string, Figure>)[field] = { q, label: table.columns[idx]!.header };
      }
      if (rec.total) rec.costs.push(rec.total);
      if (rec.team) rec.costs.push(rec.team);
      // The section says what the table is about; its header row only names the columns.
      const people = peopleOf(rec.context.slice(1), []);
      if (people) rec.people = people;
      // Users may sit in the first cell as `2,500 users` even without a Users column.
      if (!rec.users) {
        const u = row.cells[0]?.values.find((q) => q.kind === 'users' && q.high === undefined && !q.open && !q.blank);
        if (u) rec.users = { q: u, label: 'users' };
      }
      out.push(rec);
    }
  }
  return out;
}

export type { Concept };
