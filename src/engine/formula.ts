/**
 * Formulas as data: an expression over claims and constants that the engine evaluates, shows
 * and walks for its inputs. A relation says that a claim should equal a formula under one of
 * several readings; checking it is the only place the engine compares figures.
 */
import type { Claim } from './model';
import { figure, type MessageStyle } from './format';
import { minutesIn, type MonthConvention, type Period } from './vocabulary';

export type Expr =
  /**
   * A claim's stated value, divided by `per` when given: 100 reads a percentage as a fraction,
   * 60 a duration kept in minutes as hours, a score's denominator reads it as a fraction.
   */
  | { op: 'claim'; claim: Claim; per?: number; end?: 'low' | 'high' }
  | { op: 'const'; value: number; text?: string }
  | { op: 'add'; terms: Expr[] }
  | { op: 'sub'; a: Expr; b: Expr }
  | { op: 'mul'; factors: Expr[] }
  | { op: 'div'; a: Expr; b: Expr }
  | { op: 'neg'; a: Expr }
  /** Allowed downtime (minutes) of an uptime percentage over one period. */
  | { op: 'downtime'; uptime: Expr; period: Period; month: MonthConvention }
  /** A change of scale with a reason: ×12 for a year of months, ÷1,024 for binary sizes. */
  | { op: 'scale'; a: Expr; factor: number; why: string }
  /** Percent change from `a` to `b`. */
  | { op: 'change'; from: Expr; to: Expr }
  /** A range whose ends come from two formulas (`$68-110` from two columns). */
  | { op: 'range'; low: Expr; high: Expr };

export const claim = (c: Claim, per?: number): Expr => (per === undefined || per === 1 ? { op: 'claim', claim: c } : { op: 'claim', claim: c, per });
export const constant = (value: number, text?: string): Expr => (text === undefined ? { op: 'const', value } : { op: 'const', value, text });
export const add = (terms: Expr[]): Expr => ({ op: 'add', terms });
export const sub = (a: Expr, b: Expr): Expr => ({ op: 'sub', a, b });
export const mul = (factors: Expr[]): Expr => ({ op: 'mul', factors });
export const div = (a: Expr, b: Expr): Expr => ({ op: 'div', a, b });

/** Which end of ranges to evaluate, and which reading of numbers that read two ways. */
export interface Env {
  end: 'low' | 'high';
  /** Use the other number convention for numbers such as `1.500`. */
  alt: boolean;
  /** Values of blank claims, filled in dependency order. */
  filled?: Map<number, number>;
  /** Values computed for claims the plan derives: a figure may be computed from these too. */
  exact?: Map<number, number>;
  /**
   * Every input may be any value its written figure rounds (`83` for 83.33): used where a
   * formula is read from the figures themselves.
   */
  displayed?: boolean;
}

/** A value and the most it can be off because its inputs are rounded. */
export interface Value {
  v: number;
  err: number;
}

/** The value of a claim at one end of its range, under a reading; undefined for a blank. */
export function claimValue(c: Claim, env: Env): number | undefined {
  const q = c.q;
  if (q.blank) return env.filled?.get(c.id);
  if (env.end === 'high' && q.high !== undefined) {
    if (env.alt && q.highAlt !== undefined) return q.highAlt;
    return q.high;
  }
  if (env.alt && q.lowAlt !== undefined) return q.lowAlt;
  return q.low;
}

/**
 * How far a written figure may be from the value it stands for: half its last digit when it
 * is written with decimals (an amount rounded to cents), nothing for a whole number (`$5` is 5).
 */
function halfPrecision(c: Claim, env: Env): number {
  const q = c.q;
  if (q.blank) return 0;
  const style = env.end === 'high' && q.highStyle ? q.highStyle : q.style;
  const p = env.end === 'high' && q.highPrecision !== undefined ? q.highPrecision : q.precision;
  if (env.displayed) return p / 2;
  // Percentages, rates and targets are meant exactly as written.
  if (style.decimals === 0 || c.unit.dim === 'percent' || c.unit.perEntity) return 0;
  return p / 2;
}

/** Evaluates an expression; undefined when an input is missing or a division is by zero. */
export function evaluate(e: Expr, env: Env): Value | undefined {
  switch (e.op) {
    case 'claim': {
      const exact = env.exact?.get(e.claim.id);
      const at = e.end && e.end !== env.end ? { ...env, end: e.end } : env;
      const v = exact ?? claimValue(e.claim, at);
      if (v === undefined || !Number.isFinite(v)) return undefined;
      const err = halfPrecision(e.claim, env);
      const per = e.per ?? 1;
      return { v: v / per, err: err / per };
    }
    case 'const':
      return { v: e.value, err: 0 };
    case 'add': {
      let v = 0;
      let err = 0;
      for (const t of e.terms) {
        const x = evaluate(t, env);
        if (!x) return undefined;
        v += x.v;
        err += x.err;
      }
      return { v, err };
    }
    case 'sub': {
      const a = evaluate(e.a, env);
      const b = evaluate(e.b, env);
      if (!a || !b) return undefined;
      return { v: a.v - b.v, err: a.err + b.err };
    }
    case 'neg': {
      const a = evaluate(e.a, env);
      return a ? { v: -a.v, err: a.err } : undefined;
    }
    case 'mul': {
      // Factors are taken as written: a rate written `$0.014` is 0.014, not anything that
      // rounds to it. Only amounts added up carry their rounding (`err`).
      let v = 1;
      const parts: Value[] = [];
      for (const f of e.factors) {
        const x = evaluate(f, env);
        if (!x) return undefined;
        parts.push(x);
        v *= x.v;
      }
      if (!env.displayed) return { v, err: 0 };
      let err = 0;
      for (let i = 0; i < parts.length; i++) {
        let others = 1;
        for (let j = 0; j < parts.length; j++) if (j !== i) others *= parts[j]!.v;
        err += Math.abs(others) * parts[i]!.err;
      }
      return { v, err };
    }
    case 'div': {
      const a = evaluate(e.a, env);
      const b = evaluate(e.b, env);
      if (!a || !b || b.v === 0) return undefined;
      const err = env.displayed ? a.err / Math.abs(b.v) + (Math.abs(a.v) * b.err) / (b.v * b.v) : 0;
      return { v: a.v / b.v, err };
    }
    case 'downtime': {
      const u = evaluate(e.uptime, env);
      if (!u) return undefined;
      const minutes = minutesIn(e.period, e.month);
      return { v: ((100 - u.v) / 100) * minutes, err: (u.err / 100) * minutes };
    }
    case 'scale': {
      const a = evaluate(e.a, env);
      return a ? { v: a.v * e.factor, err: a.err * Math.abs(e.factor) } : undefined;
    }
    case 'range':
      return evaluate(env.end === 'low' ? e.low : e.high, env);
    case 'change': {
      const a = evaluate(e.from, env);
      const b = evaluate(e.to, env);
      if (!a || !b || a.v === 0) return undefined;
      const v = ((b.v - a.v) / Math.abs(a.v)) * 100;
      const err = ((a.err + b.err) / Math.abs(a.v) + (Math.abs(b.v - a.v) * a.err) / (a.v * a.v)) * 100;
      return { v, err };
    }
  }
}

/** Every claim an expression reads. */
export function inputs(e: Expr, out: Claim[] = []): Claim[] {
  // Claims already listed are kept in a set: a sum of n items is walked in n steps, not n².
  collectInputs(e, out, new Set(out));
  return out;
}

function collectInputs(e: Expr, out: Claim[], seen: Set<Claim>): void {
  switch (e.op) {
    case 'claim':
      if (!seen.has(e.claim)) {
        seen.add(e.claim);
        out.push(e.claim);
      }
      break;
    case 'const':
      break;
    case 'add':
      for (const t of e.terms) collectInputs(t, out, seen);
      break;
    case 'mul':
      for (const t of e.factors) collectInputs(t, out, seen);
      break;
    case 'sub':
    case 'div':
      collectInputs(e.a, out, seen);
      collectInputs(e.b, out, seen);
      break;
    case 'neg':
    case 'scale':
      collectInputs(e.a, out, seen);
      break;
    case 'downtime':
      collectInputs(e.uptime, out, seen);
      break;
    case 'change':
      collectInputs(e.from, out, seen);
      collectInputs(e.to, out, seen);
      break;
    case 'range':
      collectInputs(e.low, out, seen);
      collectInputs(e.high, out, seen);
      break;
  }
}

/** Does the expression read a range anywhere (so its low and high ends differ)? */
export function readsRange(e: Expr): boolean {
  if (e.op === 'range') return true;
  return inputs(e).some((c) => c.q.high !== undefined && !c.q.open);
}

/** The number of a claim as written in the document (`1,200`, `5K`, `99.9`); a filled blank's value. */
function written(c: Claim, end: 'low' | 'high', text: string, style?: MessageStyle, filled?: Map<number, number>): string {
  const q = c.q;
  if (q.blank) {
    const v = filled?.get(c.id);
    return v === undefined ? '___' : figure(v, style);
  }
  const span = end === 'high' && q.highSpan ? q.highSpan : q.numberSpan;
  const t = text.slice(span.start, span.end);
  const neg = end === 'low' && q.low < 0 ? '−' : '';
  return neg + t;
}

/**
 * How tightly each form binds as it is written: sums 1, products and quotients 2 (a change
 * `(b − a) / a`, a downtime `(100% − u%) × minutes` and a scale `x × 12` are written as
 * products or quotients), a negation 3, single figures 4. A range `a … b` binds loosest.
 */
const PRECEDENCE: Record<Expr['op'], number> = { range: 0, add: 1, sub: 1, mul: 2, div: 2, scale: 2, change: 2, downtime: 2, neg: 3, claim: 4, const: 4 };

/** The precedence of an expression as written: a scale with no reason shown is its operand. */
function precedence(e: Expr): number {
  return e.op === 'scale' && e.why === '' ? precedence(e.a) : PRECEDENCE[e.op];
}

/** Writes an expression for a message: `(4,750 − 1,200) / 4,750`, `600 + 400 + 100 + 300`. */
export function render(e: Expr, text: string, end: 'low' | 'high' = 'low', style?: MessageStyle, filled?: Map<number, number>): string {
  /**
   * A child written within an operator of precedence `parent`: in parentheses when it binds
   * less tightly, or as tightly on the right of `−` or `/` (`a − (b + c)`, `a / (b × c)`).
   */
  const wrap = (child: Expr, parent: number, right = false): string => {
    const s = render(child, text, end, style, filled);
    const p = precedence(child);
    return p < parent || (right && p === parent) ? `(${s})` : s;
  };
  switch (e.op) {
    case 'claim': {
      const w = written(e.claim, e.end ?? end, text, style, filled);
      return e.per === 100 && e.claim.unit.dim === 'percent' ? `${w}%` : w;
    }
    case 'const':
      return e.text ?? figure(e.value, style);
    case 'add':
      return e.terms.map((t, i) => (i === 0 ? wrap(t, 1) : wrap(t, 1, true))).join(' + ');
    case 'sub':
      return `${wrap(e.a, 1)} − ${wrap(e.b, 1, true)}`;
    case 'mul':
      // `a × (b / c)` equals `a × b / c`: factors need parentheses only when looser than a product.
      return e.factors.map((f) => wrap(f, 2)).join(' × ');
    case 'div':
      return `${wrap(e.a, 2)} / ${wrap(e.b, 2, true)}`;
    case 'neg':
      return `−${wrap(e.a, 3)}`;
    case 'downtime':
      return `(100% − ${wrap(e.uptime, 4)}%) × ${periodLength(e.period, e.month)}`;
    case 'scale':
      // A change of unit with no reason to show (months kept as minutes) is not written.
      return e.why === '' ? render(e.a, text, end, style, filled) : `${wrap(e.a, 2)} × ${e.why}`;
    case 'change':
      return `(${wrap(e.to, 1)} − ${wrap(e.from, 1, true)}) / ${wrap(e.from, 2, true)}`;
    case 'range':
      return `${render(e.low, text, 'low', style, filled)} … ${render(e.high, text, 'high', style, filled)}`;
  }
}

function periodLength(period: Period, month: MonthConvention): string {
  switch (period) {
    case 'hour':
      return '60 minutes';
    case 'day':
      return '1,440 minutes';
    case 'week':
      return '10,080 minutes';
    case 'month':
      return month === '30d' ? '43,200 minutes (30 days)' : '43,800 minutes (730 hours)';
    case 'quarter':
      return month === '30d' ? '129,600 minutes (90 days)' : '131,400 minutes';
    case 'year':
      return '525,600 minutes (365 days)';
  }
}
