/**
 * What a row (or a table cell) contributes when figures are added up: its amount (the figure
 * after its label, the result of the arithmetic it writes out, the sum it writes as `$5 +
 * $2.50`), with the readings the text allows (`$0 or $20` are alternatives), and whether it
 * names a total, a subtotal or something that may be left out.
 */
import { codeEquations, equationsIn } from './expressions';
import type { Expr } from './formula';
import type { Cell, Claim, Row } from './model';
import { isSubtotalLabel, isTotalLabel, normalizeLabel } from './vocabulary';

export interface Amount {
  /** The figure: one option, or alternatives (`$0 (free tier) or $20 (if upgraded)`). */
  options: Expr[];
  /** The claim each option stands for (its first figure), for units. */
  claims: Claim[];
  /** The row says it may be left out (`(optional)`, `(one-time)`, `(if needed)`). */
  optional: boolean;
  /** The amount is the result of arithmetic written on the row. */
  derived: boolean;
}

const OR = /^\s*(?:\)|\*\*|\s)*\s*(?:or|o|ou|oder|oppure|veya|или|atau|hoặc|або|lub|of)\s/i;
const OPTIONAL = /\b(?:optional|one[- ]time|once|if needed|if required|if enabled|future|later|excluded?|not included|not billed|opcional|facultatif|optionnel|einmalig|una tantum|opzionale|jednorazowo|tek seferlik|разово|sekali)\b/i;

function single(c: Claim): Expr {
  return { op: 'claim', claim: c };
}

/**
 * The amount of figures written in a row or cell (`values` in order): the result after the
 * last `=`, a sum written `a + b`, or the first figure (with alternatives joined by `or`).
 */
function amountIn(all: Claim[], text: string, equations: { result: Claim; resultFirst: boolean }[], optional: boolean): Amount | undefined {
  const values = all.filter((c) => !c.q.ordinal);
  if (values.length === 0) return undefined;
  const last = equations.filter((e) => !e.resultFirst).pop() ?? equations.find((e) => e.resultFirst);
  if (last) return { options: [single(last.result)], claims: [last.result], optional, derived: true };
  // `R$ 40/ano = R$ 3,33/mês`, `500 customers = $5,000 MRR = $60,000/year`: the figure after
  // the last `=`.
  let k = 0;
  for (let j = 1; j < values.length; j++) {
    const between = text.slice(values[j - 1]!.q.span.end, values[j]!.q.span.start);
    if (/^[\s*_]*(?:[\p{L}/]+\s+){0,2}=[\s*_~]*$/u.test(between)) k = j;
    else break;
  }
  const first = values[k]!;
  // `$5 + $2.50`: a sum written out without its result.
  const sum: Claim[] = [first];
  for (let j = k + 1; j < values.length; j++) {
    const between = text.slice(values[j - 1]!.q.span.end, values[j]!.q.span.start);
    if (/^[\s*_]*\+[\s*_]*$/.test(between) && values[j]!.unit.dim === first.unit.dim) sum.push(values[j]!);
    else break;
  }
  if (sum.length > 1) return { options: [{ op: 'add', terms: sum.map(single) }], claims: [first], optional, derived: false };
  const claims = [first];
  let j = k + 1;
  for (; j < values.length; j++) {
    const prev = claims[claims.length - 1]!;
    const c = values[j]!;
    const between = text.slice(prev.q.span.end, c.q.span.start).replace(/\([^)]*\)/g, ' ');
    if (c.unit.dim === first.unit.dim && OR.test(between)) claims.push(c);
    else break;
  }
  // `8,000 users (retention 90% = 7,200 users)`: a figure restated in parentheses after `=`
  // may be the one that adds up.
  for (; j < values.length; j++) {
    const c = values[j]!;
    const before = text.slice(first.q.span.end, c.q.span.start);
    if (c.unit.dim === first.unit.dim && /\(/.test(before) && /=\s*[~≈]?\s*(?:\*\*)?\s*$/.test(before) && !claims.includes(c)) claims.push(c);
  }
  return { options: claims.map(single), claims, optional, derived: false };
}

/** The amount a row states for adding up. */
export function amountOf(row: Row, text: string): Amount | undefined {
  if (row.cells) return undefined;
  const eqs = row.program ? codeEquations(row, text) : equationsIn(row, text);
  return amountIn(row.values, text, eqs, OPTIONAL.test(row.content));
}

/** The amount a table cell states for adding up. */
export function cellAmount(row: Row, cell: Cell, text: string): Amount | undefined {
  if (cell.claims.length === 0) return undefined;
  const eqs = equationsIn({ ...row, cells: [cell] }, text);
  return amountIn(cell.claims, text, eqs, OPTIONAL.test(cell.text));
}

/** Totals that are not plain sums: weighted, averaged, per unit. */
const NOT_A_SUM = /\b(?:weighted|average|avg|mean|median|per|ponderad[oa]|gewichtet|pondéré|ağırlıklı|взвешенн|加权|加重|가중)\b/i;

/**
 * A total of items its own label names and the plan does not list (`Public IP / LB / ILB
 * 等小口合計`, `Misc fees etc. total`): not a sum of the rows above.
 */
const OWN_ITEMS = /等|など|ほか|其他|기타|\betc\b/i;

/** The row is a total: its label (or first cell) says so. */
export function isTotalRow(row: Row): boolean {
  if (!row.label) return false;
  return isTotalLabel(row.label) && !NOT_A_SUM.test(normalizeLabel(row.label)) && !OWN_ITEMS.test(row.label);
}

export function isSubtotalRow(row: Row): boolean {
  return row.label !== '' && isSubtotalLabel(row.label);
}

/** Labels of figures that are not parts of a whole: rates, averages, per-unit prices. */
const NOT_A_PART = /\b(?:per|avg|average|mean|median|rate|ratio|price|unit|each|margin|%|percent|share|growth|cagr|churn|conversion|arpu|arpa|cac|ltv|roi|payback|break[- ]?even|uptime|latency|p\d\d|score|weight|(?:average|avg\.?|mean) ticket|ticket (?:médio|medio|promedio|moyen)|média|medio|moyen|durchschnitt|ortalama|среднее|rata-rata|trung bình|平均|평균|单价|単価|단가|tariffa|tarifa|compenso|stawka|ücret)\b/i;

/** Is a figure with this label a part that adds into a total? */
export function isPartLabel(key: string): boolean {
  return !NOT_A_PART.test(normalizeLabel(key));
}
