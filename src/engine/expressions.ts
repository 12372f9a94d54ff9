/**
 * Arithmetic written out in a line: `500 × $18.99 = $9,495`, `$30 - $0.87 = $29.13`,
 * `(4,750 − 1,200) / 4,750 = 74.7%`, `$40 + $40 = $80`, result first `$14.40 (1000 users ×
 * $0.014)`. A line's claims and the operators between them are read into equations: a formula
 * (as data) and the claim it gives.
 */
import type { Claim, Row } from './model';
import type { Expr } from './formula';

type Token =
  | { t: 'q'; claim: Claim; start: number; end: number }
  | { t: 'op'; op: '+' | '-' | '*' | '/'; start: number; end: number }
  | { t: '('; start: number; end: number }
  | { t: ')'; start: number; end: number }
  | { t: '='; approx: boolean; start: number; end: number }
  | { t: 'word'; start: number; end: number }
  | { t: 'break'; start: number; end: number };

/** A parsed term: what the expression reads, with the unit classes it mixes. */
export interface Term {
  expr: Expr;
  /** Claims read, in order. */
  claims: Claim[];
  /** Has an operator (not a single figure). */
  compound: boolean;
  /** Operators used. */
  ops: Set<string>;
  start: number;
  end: number;
}

/** One written equation: `formula = result`, possibly one link of a chain. */
export interface Equation {
  formula: Term;
  /** Words written among the formula's figures (`avg`, `quarter`, `weekly`). */
  words: string[];
  result: Claim;
  /** The result was written before its formula: `$14.40 (1000 users × $0.014)`. */
  resultFirst: boolean;
  /** `≈` or `~` marks the result approximate. */
  approx: boolean;
  /** A dash followed by words (`RAM 15 € - disco 3 €`) may list parts rather than subtract. */
  listDash?: boolean;
}

const OPS: Record<string, '+' | '-' | '*' | '/'> = { '+': '+', '-': '-', '−': '-', '–': '-', '×': '*', '*': '*', '·': '*', x: '*', X: '*', '/': '/', '÷': '/' };

/** `24/7`, `24x7`, `24×7`, `24/7/365`: round the clock, a word rather than arithmetic. */
const ALWAYS = /^24 ?[/x×] ?7(?:\/365)?(?![\d.,]?\d)/;

/** Reads the tokens of `text` (absolute offsets from `base`), claims placed by their spans. */
function tokenize(text: string, base: number, claims: Claim[]): Token[] {
  const out: Token[] = [];
  const sorted = claims.filter((c) => c.q.span.start >= base && c.q.span.end <= base + text.length).sort((a, b) => a.q.span.start - b.q.span.start);
  let k = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const abs = base + i;
    while (k < sorted.length && sorted[k]!.q.span.start < abs) k++;
    const c = sorted[k];
    if (c && c.q.span.start === abs) {
      // `24/7` (`24x7`, `24/7/365`) names round-the-clock service, not a division.
      const always = ALWAYS.exec(text.slice(i, i + 12));
      if (always && !/[\d.,]/.test(text[i - 1] ?? '')) {
        out.push({ t: 'word', start: abs, end: abs + always[0].length });
        i += always[0].length;
        continue;
      }
      // A claim's own leading minus is an operator when something comes before it.
      out.push({ t: 'q', claim: c, start: abs, end: c.q.span.end });
      i = c.q.span.end - base;
      k++;
      continue;
    }
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '*' && text[i + 1] === '*' || ch === '_' && text[i + 1] === '_' || ch === '`') {
      if (ch === '*' || ch === '_') i += 2;
      else i++;
      continue;
    }
    if (ch === '=' || ch === '≈') {
      out.push({ t: '=', approx: ch === '≈' || /^\s*[~≈]/.test(text.slice(i + 1, i + 4)), start: abs, end: abs + 1 });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ t: ch, start: abs, end: abs + 1 });
      i++;
      continue;
    }
    const op = OPS[ch];
    if (op) {
      // `x` is multiplication only between spaces or figures; `-` inside a word is a hyphen.
      if ((ch === 'x' || ch === 'X') && !(/[\s\d)]/.test(text[i - 1] ?? ' ') && /[\s\d($€£¥₹(]/.test(text[i + 1] ?? ' '))) {
        i = readWord(text, i, out, base);
        continue;
      }
      if ((ch === '-' || ch === '–') && /\p{L}/u.test(text[i - 1] ?? '') && /\p{L}/u.test(text[i + 1] ?? '')) {
        i = readWord(text, i, out, base);
        continue;
      }
      out.push({ t: 'op', op, start: abs, end: abs + 1 });
      i++;
      continue;
    }
    if (/[\p{L}]/u.test(ch)) {
      i = readWord(text, i, out, base);
      continue;
    }
    if (ch === '~') {
      i++;
      continue;
    }
    out.push({ t: 'break', start: abs, end: abs + 1 });
    i++;
  }
  return out;
}

function readWord(text: string, i: number, out: Token[], base: number): number {
  let j = i;
  while (j < text.length && /[\p{L}\p{M}'’.\-/&]/u.test(text[j]!)) j++;
  if (j === i) j = i + 1;
  out.push({ t: 'word', start: base + i, end: base + j });
  return j;
}

/** Where the words of a figure's tail (`1.5 weekly`, `$300K avg`) end: up to two words. */
const MAX_TAIL_WORDS = 2;

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[], private readonly end: number) {}
  get pos(): number {
    return this.i;
  }
  peek(): Token | undefined {
    return this.i < this.end ? this.toks[this.i] : undefined;
  }
  next(): Token | undefined {
    return this.i < this.end ? this.toks[this.i++] : undefined;
  }
  /** expr := term (('+'|'-') term)* */
  expr(): Term | undefined {
    let left = this.term();
    if (!left) return undefined;
    for (;;) {
      const t = this.peek();
      if (!t || t.t !== 'op' || (t.op !== '+' && t.op !== '-')) return left;
      this.next();
      const right = this.term();
      if (!right) return undefined;
      left = combine(t.op === '+' ? 'add' : 'sub', left, right);
    }
  }
  /** term := factor (('*'|'/') factor | factor)* — a multiple written against a figure multiplies. */
  term(): Term | undefined {
    let left = this.factor();
    if (!left) return undefined;
    for (;;) {
      const t = this.peek();
      if (t && t.t === 'op' && (t.op === '*' || t.op === '/')) {
        this.next();
        const right = this.factor();
        if (!right) return undefined;
        left = combine(t.op === '*' ? 'mul' : 'div', left, right);
        continue;
      }
      // `2x $5`: a multiplier followed by a figure.
      if (t && t.t === 'q' && left.claims.length === 1 && !left.compound && left.claims[0]!.unit.dim === 'multiplier') {
        const right = this.factor();
        if (!right) return undefined;
        left = combine('mul', left, right);
        continue;
      }
      return left;
    }
  }
  /** factor := words? (q words? | '(' expr ')') */
  factor(): Term | undefined {
    let words = 0;
    while (this.peek()?.t === 'word' && words < MAX_TAIL_WORDS) {
      this.next();
      words++;
    }
    const t = this.next();
    if (!t) return undefined;
    if (t.t === 'q') {
      this.skipTail();
      const c = t.claim;
      if (c.q.blank) return undefined;
      return { expr: { op: 'claim', claim: c }, claims: [c], compound: false, ops: new Set(), start: t.start, end: t.end };
    }
    if (t.t === '(') {
      const inner = this.expr();
      const close = this.next();
      if (!inner || !close || close.t !== ')') return undefined;
      this.skipTail();
      return { ...inner, start: t.start, end: close.end };
    }
    return undefined;
  }
  /** Words after a figure (`weekly`, `avg`, `(marketing)`) that do not change it. */
  skipTail(): void {
    let words = 0;
    while (this.peek()?.t === 'word' && words < MAX_TAIL_WORDS) {
      const after = this.toks[this.i + 1];
      // Only when an operator, `=` or the end follows the words.
      let j = this.i;
      let w = 0;
      while (j < this.end && this.toks[j]!.t === 'word' && w < MAX_TAIL_WORDS) {
        j++;
        w++;
      }
      const follow = this.toks[j];
      if (j < this.end && follow && follow.t !== 'op' && follow.t !== '=' && follow.t !== ')' && follow.t !== '(') return;
      void after;
      this.i = j;
      words = w;
    }
    // `(marketing)`, `(one-time)`: a parenthesis of words only.
    const t = this.peek();
    if (t && t.t === '(') {
      let j = this.i + 1;
      while (j < this.end && this.toks[j]!.t === 'word') j++;
      if (j > this.i + 1 && this.toks[j]?.t === ')') this.i = j + 1;
    }
  }
}

function combine(op: 'add' | 'sub' | 'mul' | 'div', a: Term, b: Term): Term {
  const ops = new Set([...a.ops, ...b.ops, op]);
  let expr: Expr;
  if (op === 'add') expr = a.expr.op === 'add' && a.compound && !a.ops.has('sub') && a.ops.size === 1 ? { op: 'add', terms: [...a.expr.terms, b.expr] } : { op: 'add', terms: [a.expr, b.expr] };
  else if (op === 'mul') expr = a.expr.op === 'mul' && a.ops.size === 1 ? { op: 'mul', factors: [...a.expr.factors, b.expr] } : { op: 'mul', factors: [a.expr, b.expr] };
  else if (op === 'sub') expr = { op: 'sub', a: a.expr, b: b.expr };
  else expr = { op: 'div', a: a.expr, b: b.expr };
  return { expr, claims: [...a.claims, ...b.claims], compound: true, ops, start: a.start, end: b.end };
}

/** Splits the tokens into runs that may hold arithmetic (nothing but figures, operators, `=`, words). */
function runs(toks: Token[]): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (let i = 0; i <= toks.length; i++) {
    if (i === toks.length || toks[i]!.t === 'break') {
      if (i > s) out.push([s, i]);
      s = i + 1;
    }
  }
  return out;
}

/**
 * The equations written in a row: every `formula = figure` link of a chain whose formula has
 * an operator, and `figure (formula)` written result first.
 */
export function equationsIn(row: Row, text: string): Equation[] {
  const eqs: Equation[] = [];
  const pieces: { text: string; base: number; claims: Claim[] }[] = [];
  if (row.cells) for (const c of row.cells) pieces.push({ text: text.slice(c.span.start, c.span.end), base: c.span.start, claims: c.claims });
  else pieces.push({ text: row.content, base: row.contentStart, claims: row.claims });
  for (const piece of pieces) {
    if (piece.claims.length < 2) continue;
    const toks = tokenize(piece.text, piece.base, piece.claims);
    for (const [s, e] of runs(toks)) {
      // Parts between `=` signs.
      const parts: { from: number; to: number; approx: boolean }[] = [];
      let from = s;
      let approx = false;
      for (let i = s; i <= e; i++) {
        if (i === e || toks[i]!.t === '=') {
          parts.push({ from, to: i, approx });
          if (i < e) approx = (toks[i] as { approx: boolean }).approx;
          from = i + 1;
        }
      }
      const partWords = (p: { from: number; to: number }): string[] => toks.slice(p.from, p.to).filter((t) => t.t === 'word').map((t) => text.slice(t.start, t.end).toLowerCase());
      const parsed = parts.map((p) => {
        // Leading words (a label) before the formula are not part of it.
        let a = p.from;
        while (a < p.to && toks[a]!.t === 'word') a++;
        const parser = new Parser(toks, p.to);
        for (let k = 0; k < a; k++) parser.next();
        // Skip to the part's start.
        while (parser.pos < a) parser.next();
        const term = parser.expr();
        const end = p.to - trailingWords(toks, a, p.to);
        const complete = term !== undefined && (parser.pos >= end || (!term.compound && restatedAfter(toks, parser.pos, end)));
        return complete ? { term: term!, approx: p.approx, words: partWords(p), leading: a > p.from } : undefined;
      });
      const dashBeforeWords = (from: number, to: number): boolean => {
        for (let k = from; k + 1 < to; k++) {
          const t = toks[k]!;
          if (t.t === 'op' && t.op === '-' && toks[k + 1]!.t === 'word') return true;
        }
        return false;
      };
      for (let k = 0; k + 1 < parsed.length; k++) {
        const left = parsed[k];
        const right = parsed[k + 1];
        if (!left || !right) continue;
        if (left.term.compound && !right.term.compound) {
          const eq: Equation = { formula: left.term, words: left.words, result: right.term.claims[0]!, resultFirst: false, approx: right.approx };
          if (dashBeforeWords(parts[k]!.from, parts[k]!.to)) eq.listDash = true;
          eqs.push(eq);
        } else if (!left.term.compound && !left.leading && right.term.compound && k + 2 === parsed.length && !restatedInFormula(left.term.claims[0]!, right.term.claims)) {
          // `$9,495 = 500 × $18.99`, but not `Month 3 MRR = …`: words before the figure make it a label,
          // nor `20% of income = 1,000,000 × 20%`, whose percentage names the formula's own.
          eqs.push({ formula: right.term, words: right.words, result: left.term.claims[0]!, resultFirst: true, approx: right.approx });
        }
      }
      // Result first: `figure (formula)` where the parenthesis holds an operator.
      for (let i = s; i + 1 < e; i++) {
        const a = toks[i]!;
        const b = toks[i + 1]!;
        // `Year 3 (1,200 + 15)`: a number that names (an ordinal) is no result.
        if (a.t !== 'q' || b.t !== '(' || a.claim.q.ordinal) continue;
        if (i > s && (toks[i - 1]!.t === 'op' || toks[i - 1]!.t === '=')) continue;
        const parser = new Parser(toks, e);
        while (parser.pos < i + 2) parser.next();
        const inner = parser.expr();
        const close = parser.next();
        if (!inner || !inner.compound || !close || close.t !== ')') continue;
        // Not when the figure itself is part of a larger formula after it (`$5 (x) + ...`).
        const after = toks[parser.pos];
        if (after && (after.t === 'op' || after.t === '=')) continue;
        const words = toks.slice(i + 2, parser.pos - 1).filter((t) => t.t === 'word').map((t) => text.slice(t.start, t.end).toLowerCase());
        const eq: Equation = { formula: inner, words, result: a.claim, resultFirst: true, approx: false };
        if (dashBeforeWords(i + 2, parser.pos - 1)) eq.listDash = true;
        eqs.push(eq);
      }
    }
  }
  return eqs;
}

/**
 * A figure restated in parentheses after a result, and nothing else to the end of its part:
 * `1,800 MB (1.8 GB)`, `$120 (≈ €110)`. One figure and words, no operator.
 */
function restatedAfter(toks: Token[], from: number, end: number): boolean {
  if (from >= end || toks[from]!.t !== '(' || toks[end - 1]!.t !== ')') return false;
  const inner = toks.slice(from + 1, end - 1);
  return inner.filter((t) => t.t === 'q').length === 1 && inner.every((t) => t.t === 'q' || t.t === 'word');
}

/** A percentage on the left that the formula on the right multiplies by (a label, not a result). */
function restatedInFormula(result: Claim, inputs: Claim[]): boolean {
  return result.unit.dim === 'percent' && inputs.some((c) => c.unit.dim === 'percent' && c.q.low === result.q.low);
}

function trailingWords(toks: Token[], from: number, to: number): number {
  let n = 0;
  for (let i = to - 1; i >= from && toks[i]!.t === 'word'; i--) n++;
  return n;
}

/**
 * Arithmetic in a line of code whose result is written in its comment:
 * `echo "1 * 0.04048 + 4 * 0.004445" | bc  # $0.06228/hour`, `x = 100 + 25  # 125`. Only
 * literal figures: an expression with a variable in it is left alone.
 */
export function codeEquations(row: Row, text: string): Equation[] {
  const content = row.content;
  const hash = /(?:^|\s)(#|\/\/)\s?/.exec(content);
  if (!hash) return [];
  const commentStart = row.contentStart + hash.index + hash[0].length;
  const codeText = content.slice(0, hash.index + (hash[0].startsWith(' ') || hash[0].startsWith('\t') ? 1 : 0));
  const comment = text.slice(commentStart, row.contentStart + content.length);
  const lead = /^\s*(?:[=≈~→:]\s*)?/.exec(comment)![0].length;
  const result = row.claims.find((c) => c.q.span.start === commentStart + lead || (c.q.span.start > commentStart + lead && c.q.span.start <= commentStart + lead + 1 && /^[$€£¥₹]/.test(comment.slice(lead))));
  if (!result) return [];
  // The comment states the result: no other figure after it, a few words at most.
  const tail = text.slice(result.q.span.end, row.contentStart + content.length);
  if (/\d/.test(tail) || tail.trim().split(/\s+/).filter(Boolean).length > 3) return [];
  if (result.unit.dim !== 'money' && result.unit.dim !== 'number' && result.unit.dim !== 'percent') return [];
  const codeClaims = row.claims.filter((c) => c.q.span.end <= row.contentStart + codeText.length);
  if (codeClaims.length < 2) return [];
  // `subtotal = 40 + 15 + 5  # 60`: the arithmetic after an assignment.
  const assign = /^\s*(?:(?:const|let|var)\s+)?[A-Za-z_$][\w$.]*\s*=(?!=)\s*/.exec(codeText);
  const skip = assign ? assign[0].length : 0;
  const toks = tokenize(codeText.slice(skip), row.contentStart + skip, codeClaims);
  const out: Equation[] = [];
  for (const [s, e] of runs(toks)) {
    const slice = toks.slice(s, e);
    if (slice.some((t) => t.t === 'word' || t.t === '=')) continue;
    if (!slice.some((t) => t.t === 'op')) continue;
    // The run must stand alone: quotes, brackets or spaces around it, not an identifier.
    const before = text[slice[0]!.start - 1] ?? ' ';
    const after = text[slice[slice.length - 1]!.end] ?? ' ';
    if (/[\p{L}_$]/u.test(before) || /[\p{L}_]/u.test(after)) continue;
    const parser = new Parser(toks, e);
    while (parser.pos < s) parser.next();
    const term = parser.expr();
    if (!term || !term.compound || parser.pos !== e) continue;
    out.push({ formula: term, words: [], result, resultFirst: false, approx: /^\s*[~≈]/.test(comment) });
  }
  return out.length === 1 ? out : [];
}
