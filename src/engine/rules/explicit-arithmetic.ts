import type { Line } from '../document';
import { show } from '../quantity';
import { defineRule, input, money, type Derivation } from '../rule';
import type { Quantity } from '../types';

const ID = 'explicit-arithmetic';

type Op = '+' | '-' | '*' | '/';

/** Between two operands: words allowed around exactly one operator. */
const BETWEEN = /^(?:\/[A-Za-z]+)?[A-Za-z '’()]*?\s(×|x|X|\*|÷|\/|\+|−|-|–)\s[A-Za-z '’()]*$|^\s*(×|\*|÷|\+|−)\s*$/;

function opOf(sym: string): Op {
  if (sym === '+') return '+';
  if (sym === '-' || sym === '−' || sym === '–') return '-';
  if (sym === '/' || sym === '÷') return '/';
  return '*';
}

function operand(q: Quantity): number {
  return q.kind === 'percent' ? q.value / 100 : q.value;
}

/** Evaluates with × and / before + and −. */
function evaluateTerms(values: number[], ops: Op[]): number {
  const terms: number[] = [values[0]!];
  const signs: Op[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const v = values[i + 1]!;
    if (op === '*') terms[terms.length - 1] = terms[terms.length - 1]! * v;
    else if (op === '/') terms[terms.length - 1] = terms[terms.length - 1]! / v;
    else {
      signs.push(op);
      terms.push(v);
    }
  }
  let total = terms[0]!;
  signs.forEach((s, i) => (total = s === '+' ? total + terms[i + 1]! : total - terms[i + 1]!));
  return total;
}

const SYMBOL: Record<Op, string> = { '+': '+', '-': '−', '*': '×', '/': '/' };

function lineDerivations(line: Line): Derivation[] {
  const out: Derivation[] = [];
  const text = line.text;
  const eqs: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '=' || text[i] === '≈') eqs.push(line.start + i);
  if (eqs.length === 0) return out;
  const qs = line.quantities;
  let segmentStart = line.contentStart;
  for (const eq of eqs) {
    const lhs = qs.filter((q) => q.span.start >= segmentStart && q.span.end <= eq);
    const result = qs.find((q) => q.span.start > eq);
    segmentStart = eq + 1;
    if (lhs.length < 2 || !result) continue;
    // Only whitespace and a currency sign may stand between `=` and the result.
    if (!/^\s*$/.test(text.slice(eq + 1 - line.start, result.span.start - line.start))) continue;
    // Operands: the longest run of quantities ending right before `=` joined by operators.
    const ops: Op[] = [];
    const operands: Quantity[] = [lhs[lhs.length - 1]!];
    if (!/^\s*$/.test(text.slice(operands[0]!.span.end - line.start, eq - line.start).replace(/^[A-Za-z '’/]*/, ''))) continue;
    for (let k = lhs.length - 2; k >= 0; k--) {
      const between = text.slice(lhs[k]!.span.end - line.start, lhs[k + 1]!.span.start - line.start);
      const m = BETWEEN.exec(between);
      if (!m) break;
      ops.unshift(opOf(m[1] ?? m[2]!));
      operands.unshift(lhs[k]!);
    }
    if (operands.length < 2) continue;
    if (operands.some((q) => q.blank || q.high !== undefined || q.open || q.bound || q.kind === 'score' || q.kind === 'ratio')) continue;
    if (result.high !== undefined || result.open || result.kind === 'score' || result.kind === 'ratio') continue;
    // A percentage result of a division is a share: `380 / 500 = 76%`.
    let value = evaluateTerms(operands.map(operand), ops);
    if (result.kind === 'percent' && !operands.some((q) => q.kind === 'percent')) value *= 100;
    if (result.kind === 'percent' && operands.some((q) => q.kind === 'percent') && ops.every((o) => o === '+' || o === '-')) value = evaluateTerms(operands.map((q) => q.value), ops);
    if (!Number.isFinite(value)) continue;
    const approx = text[eq - line.start] === '≈';
    const target: Quantity = approx ? { ...result, approx: true } : result;
    const formula = operands.map((q, i) => (i === 0 ? '' : ` ${SYMBOL[ops[i - 1]!]} `) + (q.kind === 'money' ? money(q.value) : q.kind === 'percent' ? `${show(q.value)}%` : show(q.value))).join('');
    out.push({
      rule: ID,
      target,
      label: 'Result',
      expected: [value],
      formula,
      display: (v) => (result.kind === 'money' ? money(v, result.per) : result.kind === 'percent' ? `${show(v, 2)}%` : show(v, 2)),
      related: operands.map((q) => input(q, 'operand')),
      fixVerb: 'Change to',
    });
  }
  return out;
}

/** Arithmetic written out in the text: `500 × $18.99 = $9,495`, `a + b = c`. */
export default defineRule({
  meta: {
    id: ID,
    description: 'Arithmetic written out in the plan (`500 × $18.99 = $9,495`, `a + b = c`) must be right.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    for (const line of model.doc.lines) {
      if (!line.plan || line.quantities.length < 3 || line.kind === 'heading') continue;
      out.push(...lineDerivations(line));
    }
    return out;
  },
});
