/**
 * Items written as a product without their result: `Engineers: 3 × $8,000`, `4 × $2,000
 * (events)`, `2 designers at $6,000 each`, a cell `2 × 60,00 €`. What such an item adds to a
 * total is the product.
 */
import type { Amount } from '../items';
import type { Claim } from '../model';

/** Between a count and a price: `×`, `x`, `*`, `at`, `@`, with up to two words after the count. */
const TIMES = /^[\s*_]*(?:[\p{L}][\p{L}'’-]*\s+){0,2}(?:[×xX*]|at|@|à)[\s*_]*$/u;

/** What may follow the price: `each`, `(events)`, a period already read with the price. */
const AFTER = /^[\s*_]*(?:each|apiece|chacun|cada|je|ciascuno|her biri|каждый)?[\s*_]*(?:\([^)\d]*\))?[\s*_.,;]*(?:[\p{L}][\p{L}\s'’,-]*)?$/u;

/**
 * The product a run of figures writes (`values` in order, in `text` from `start` to `end`): a
 * count times an amount of money, nothing else on the line but words. Undefined otherwise.
 */
export function productAmount(values: Claim[], text: string, start: number, end: number): Amount | undefined {
  const vs = values.filter((c) => !c.q.ordinal);
  if (vs.length !== 2) return undefined;
  const [a, b] = vs as [Claim, Claim];
  const between = text.slice(a.q.span.end, b.q.span.start);
  if (!TIMES.test(between)) return undefined;
  const count = a.unit.dim === 'money' ? b : a;
  const money = a.unit.dim === 'money' ? a : b;
  if (money.unit.dim !== 'money' || (count.unit.dim !== 'count' && count.unit.dim !== 'number')) return undefined;
  if (count.unit.perEntity || money.q.high !== undefined || count.q.high !== undefined || count.q.blank || money.q.blank || count.q.open || money.q.open) return undefined;
  // `at` and `per` need the count first (`3 at $50`), and no `=` anywhere on the line.
  if (a !== count && !/[×xX*]/.test(between)) return undefined;
  const before = text.slice(start, a.q.span.start);
  const after = text.slice(b.q.span.end, end);
  if (/[=≈]/.test(before + between + after) || /\d/.test(after) || !AFTER.test(after)) return undefined;
  // A per-unit price (`$0.30 per transaction`) is not an item of a list of amounts.
  if (money.unit.perEntity) return undefined;
  return { options: [{ op: 'mul', factors: [{ op: 'claim', claim: count }, { op: 'claim', claim: money }] }], claims: [money], optional: false, derived: true };
}
