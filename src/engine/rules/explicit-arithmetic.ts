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

type Token = number | Op | '(' | ')';

/** Evaluates tokens with parentheses, × and / before + and −; undefined when malformed. */
function evaluateTokens(tokens: Token[]): number | undefined {
  let i = 0;
  const primary = (): number | undefined => {
    const t = tokens[i];
    if (t === '(') {
      i++;
      const v = sum();
      if (tokens[i] !== ')') return undefined;
      i++;
      return v;
    }
    if (typeof t === 'number') {
      i++;
      return t;
    }
    return undefined;
  };
  const product = (): number | undefined => {
    let v = primary();
    while (v !== undefined && (tokens[i] === '*' || tokens[i] === '/')) {
      const op = tokens[i++];
      const r = primary();
      if (r === undefined) return undefined;
      v = op === '*' ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number | undefined => {
    let v = product();
    while (v !== undefined && (tokens[i] === '+' || tokens[i] === '-')) {
      const op = tokens[i++];
      const r = product();
      if (r === undefined) return undefined;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const v = sum();
  return i === tokens.length ? v : undefined;
}

/** Parentheses in a stretch of text, ignoring ones that hold only words (`(Pro)`). */
function parens(text: string): { open: number; close: number } {
  const t = text.replace(/\([A-Za-z '’]*\)/g, ' ');
  let open = 0;
  let close = 0;
  for (const c of t) {
    if (c === '(') open++;
    else if (c === ')') close++;
  }
  return { open, close };
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
    if (!/^\s*$/.test(text.slice(operands[0]!.span.end - line.start, eq - line.start).replace(/^[A-Za-z '’/()]*/, ''))) continue;
    for (let k = lhs.length - 2; k >= 0; k--) {
      const between = text.slice(lhs[k]!.span.end - line.start, lhs[k + 1]!.span.start - line.start);
      const m = BETWEEN.exec(between);
      if (!m) break;
      ops.unshift(opOf(m[1] ?? m[2]!));
      operands.unshift(lhs[k]!);
    }
    if (operands.length < 2) continue;
    // Parentheses: `(100 - 40) / 100`. Those before the first operand and after the last one
    // may enclose more than the expression; only the ones that balance inside it count.
    const tokens: Token[] = [];
    const before = /((?:\(\s*)*)$/.exec(text.slice(0, operands[0]!.span.start - line.start))![1]!.replace(/\s/g, '');
    let depth = 0;
    const leading: Token[] = [...before].map(() => '(' as const);
    tokens.push(...leading);
    depth += leading.length;
    let malformed = false;
    operands.forEach((q, k) => {
      tokens.push(operand(q));
      const next = operands[k + 1];
      if (!next) return;
      const between = text.slice(q.span.end - line.start, next.span.start - line.start);
      const m = /(×|x|X|\*|÷|\/|\+|−|-|–)(?=\s|\(|$)/.exec(between.replace(/^\/[A-Za-z]+/, ''));
      const cut = m ? m.index + (between.length - between.replace(/^\/[A-Za-z]+/, '').length) : between.length;
      const p1 = parens(between.slice(0, cut));
      const p2 = parens(between.slice(cut));
      if (p1.open || p2.close) malformed = true;
      for (let c = 0; c < p1.close; c++) tokens.push(')');
      depth -= p1.close;
      tokens.push(ops[k]!);
      for (let c = 0; c < p2.open; c++) tokens.push('(');
      depth += p2.open;
      if (depth < 0) malformed = true;
    });
    const trailing = parens(text.slice(operands[operands.length - 1]!.span.end - line.start, eq - line.start));
    for (let c = 0; c < Math.min(trailing.close, depth); c++) tokens.push(')');
    depth -= Math.min(trailing.close, depth);
    // Unmatched leading parentheses enclose the whole equation: drop them.
    while (depth > 0 && tokens[0] === '(') {
      tokens.shift();
      depth--;
    }
    if (malformed || depth !== 0) continue;
    if (operands.some((q) => q.blank || q.high !== undefined || q.open || q.bound || q.kind === 'score' || q.kind === 'ratio')) continue;
    if (result.high !== undefined || result.open || result.kind === 'score' || result.kind === 'ratio') continue;
    // A percentage result of a division is a share: `380 / 500 = 76%`.
    let value = evaluateTokens(tokens);
    if (value === undefined) continue;
    if (result.kind === 'percent' && !operands.some((q) => q.kind === 'percent')) value *= 100;
    if (result.kind === 'percent' && operands.some((q) => q.kind === 'percent') && ops.every((o) => o === '+' || o === '-')) {
      value = evaluateTokens(tokens.map((t) => (typeof t === 'number' ? t * 100 : t)));
      if (value === undefined) continue;
    }
    if (!Number.isFinite(value)) continue;
    const hasParens = tokens.includes('(');
    const approx = text[eq - line.start] === '≈';
    const target: Quantity = approx ? { ...result, approx: true } : result;
    let n = 0;
    const formula = hasParens
      ? tokens
          .map((t) => {
            if (typeof t !== 'number') return t === '(' ? '(' : t === ')' ? ')' : ` ${SYMBOL[t]} `;
            const q = operands[n++]!;
            return q.kind === 'money' ? money(q.value) : q.kind === 'percent' ? `${show(q.value)}%` : show(q.value);
          })
          .join('')
      : operands.map((q, i) => (i === 0 ? '' : ` ${SYMBOL[ops[i - 1]!]} `) + (q.kind === 'money' ? money(q.value) : q.kind === 'percent' ? `${show(q.value)}%` : show(q.value))).join('');
    out.push({
      rule: ID,
      target,
      label: 'Result',
      expected: [value],
      formula: () => formula,
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
