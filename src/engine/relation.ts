/**
 * Relations: a claim, and the formulas it should equal under each reasonable reading of the
 * text. A relation holds when one reading agrees with the claim at the claim's own displayed
 * precision; only when none does is it a finding, named after the first (preferred) reading,
 * with a fix only when the reading is certain.
 */
import { evaluate, inputs, readsRange, render, type Env, type Expr, type Value } from './formula';
import { show, writeLike, type MessageStyle } from './format';
import type { Claim } from './model';
import type { EngineOptions, Fix, Finding, RelatedLocation, Severity, Unit } from './types';
import { MINUTES_PER_UNIT } from './vocabulary';

/** One way to read the text: a formula, and what it assumes (`read as monthly`). */
export interface Reading {
  expr: Expr;
  name?: string;
}

export interface Relation {
  rule: string;
  target: Claim;
  /** What the target is called in messages: `Total`, `Gross margin`. */
  label: string;
  readings: Reading[];
  /**
   * The reading is certain: a fix may rewrite the target. With several readings, a fix is
   * offered only when every reading writes the same figure at the target's precision.
   */
  fixable?: boolean;
  /** Some inputs are approximate: the tolerance of `~` figures applies. */
  approx?: boolean;
  /** How computed values are shown (defaults to the target's unit). */
  unit?: Unit;
  /** More places to point at, beyond the formula's inputs. */
  related?: RelatedLocation[];
  /** A verb for the fix's title (`Set revenue to`). */
  fixVerb?: string;
  /** How far the claim may be off because its inputs are rounded (in its own unit). */
  slack?: number;
}

/** What a relation's check found. */
export interface Outcome {
  relation: Relation;
  holds: boolean;
  /** The reading that agreed, or the preferred one when none did. */
  reading: Reading;
  low?: Value;
  high?: Value;
  /** When none holds: what every reading computes (numbers read one way), for a fix they all agree on. */
  each?: { low: Value; high?: Value }[];
}

/** Does the number (or one end) of `claim` agree with a computed value? */
export function agrees(claim: Claim, end: 'low' | 'high', computed: Value, stated: number, options: EngineOptions, approx: boolean, slack = 0): boolean {
  const q = claim.q;
  const v = computed.v;
  const p = end === 'high' && q.highPrecision !== undefined ? q.highPrecision : q.precision;
  const s = end === 'high' && q.highSignificance !== undefined ? q.highSignificance : q.significance;
  const eps = 1e-9 * Math.max(1, Math.abs(v), Math.abs(stated));
  let tol = computed.err + slack + Math.abs(v) * options.tolerance + eps;
  if (approx || q.approx) tol += Math.abs(v) * options.approxTolerance;
  const diff = Math.abs(v - stated);
  // Equal but for floating-point noise (which for figures in the billions exceeds a unit).
  if (diff <= eps) return true;
  // Rounded, truncated or rounded up to the last digit written: less than one unit of it.
  if (diff < p - 2 * eps + (tol - eps)) return true;
  // A round figure (`$4,750`) stands for any value it rounds, unless the value is itself round
  // at the last digit (a sum of whole amounts written `1,400` for 1,390 is wrong).
  if (s > p) {
    const offGrid = Math.abs(v / p - Math.round(v / p)) * p;
    if (offGrid > tol && diff <= s / 2 + tol) return true;
  }
  return false;
}

/**
 * A figure as read under the document's other number convention: its value and the place of
 * its last digit scaled alike (`47.500` read as 47.5 is written to the thousandth).
 */
function otherReading(c: Claim): Claim {
  const q = c.q;
  const ratio = q.lowAlt !== undefined && q.low !== 0 ? Math.abs(q.lowAlt / q.low) : 1;
  const highRatio = q.highAlt !== undefined && q.high !== undefined && q.high !== 0 ? Math.abs(q.highAlt / q.high) : ratio;
  if (ratio === 1 && highRatio === 1) return c;
  const alt: Claim['q'] = { ...q, precision: q.precision * ratio, significance: q.significance * ratio };
  if (q.highPrecision !== undefined) alt.highPrecision = q.highPrecision * highRatio;
  if (q.highSignificance !== undefined) alt.highSignificance = q.highSignificance * highRatio;
  return { ...c, q: alt };
}

function roundsTo(v: number, stated: number, significance: number): boolean {
  return Math.abs(v - stated) <= significance / 2 + 1e-9 * Math.max(1, Math.abs(v));
}

function usesAlt(rel: Relation): boolean {
  if (rel.target.q.lowAlt !== undefined || rel.target.q.highAlt !== undefined) return true;
  return rel.readings.some((r) => inputs(r.expr).some((c) => c.q.lowAlt !== undefined || c.q.highAlt !== undefined));
}

/** Evaluates a relation under each reading (and each number convention where numbers read two ways). */
export function checkRelation(rel: Relation, options: EngineOptions, filled?: Map<number, number>, exact?: Map<number, number>): Outcome {
  const q = rel.target.q;
  const alts = usesAlt(rel) ? [false, true] : [false];
  let first: Outcome | undefined;
  const each: { low: Value; high?: Value }[] = [];
  for (const alt of alts) {
    for (const reading of rel.readings) {
      const envLow: Env = { end: 'low', alt };
      if (filled) envLow.filled = filled;
      if (exact) {
        // The corrected value of any input but the claim itself.
        const own = exact.get(rel.target.id);
        envLow.exact = own === undefined ? exact : new Map([...exact].filter(([id]) => id !== rel.target.id));
      }
      const low = evaluate(reading.expr, envLow);
      if (!low || !Number.isFinite(low.v)) continue;
      const ranged = readsRange(reading.expr);
      const high = ranged ? evaluate(reading.expr, { ...envLow, end: 'high' }) : undefined;
      const outcome: Outcome = { relation: rel, holds: false, reading, low };
      if (high) outcome.high = high;
      if (!alt) each.push(high ? { low, high } : { low });
      if (q.blank) {
        outcome.holds = true;
        return outcome;
      }
      const approx = rel.approx === true;
      // Read the other way (`47.500` as 47.5), the figure's last digit is as far scaled.
      const target = alt ? otherReading(rel.target) : rel.target;
      const statedLow = alt && q.lowAlt !== undefined ? q.lowAlt : q.low;
      const statedHigh = q.high === undefined ? undefined : alt && q.highAlt !== undefined ? q.highAlt : q.high;
      let holds: boolean;
      if (statedHigh === undefined || q.open) {
        // A single figure: it agrees with a computed value, or lies within a computed range.
        if (high && Math.abs(high.v - low.v) > 1e-9) {
          const lo = Math.min(low.v, high.v);
          const hi = Math.max(low.v, high.v);
          holds = (statedLow >= lo && statedLow <= hi) || agrees(target, 'low', low, statedLow, options, approx, rel.slack) || agrees(target, 'low', high, statedLow, options, approx, rel.slack);
        } else {
          holds = agrees(target, 'low', low, statedLow, options, approx, rel.slack);
        }
      } else if (!high || Math.abs(high.v - low.v) <= 1e-9) {
        // A stated range over a computed single value: the value lies in it.
        holds = (low.v >= statedLow - 1e-9 && low.v <= statedHigh + 1e-9) || (agrees(target, 'low', low, statedLow, options, approx, rel.slack) && agrees(target, 'high', low, statedHigh, options, approx, rel.slack));
      } else {
        // Ranges are estimates: each end may be any value its written figure rounds.
        holds = (agrees(target, 'low', low, statedLow, options, approx, rel.slack) || roundsTo(low.v, statedLow, target.q.significance)) && (agrees(target, 'high', high, statedHigh, options, approx, rel.slack) || roundsTo(high.v, statedHigh, target.q.highSignificance ?? target.q.significance));
      }
      outcome.holds = holds;
      if (holds) return outcome;
      if (!first && !alt) first = outcome;
    }
  }
  if (first && each.length === rel.readings.length) first.each = each;
  return first ?? { relation: rel, holds: true, reading: rel.readings[0]! };
}

/**
 * Decimals to show a computed value with: one more than the claim writes, at least one for %;
 * money in cents, or as many decimals as the claim writes.
 */
function shownDecimals(claim: Claim, unit: Unit): number {
  const d = claim.q.style.decimals;
  if (unit.dim === 'percent') return Math.max(1, d + 1);
  if (unit.dim === 'money') return Math.max(2, d);
  return Math.max(2, d + 1);
}

/**
 * Decimals a computed money figure shows at least: when the claim it is compared with writes
 * cents (`$0.90`, not `$1.5K`), the computed figure does too (`$1.00`).
 */
function minDecimals(claim: Claim, unit: Unit): number {
  const s = claim.q.style;
  return unit.dim === 'money' && claim.unit.dim === 'money' && !claim.q.blank && s.scale === 1 && s.decimals > 0 ? Math.max(2, Math.min(6, s.decimals)) : 0;
}

/** The finding for an outcome that does not hold; undefined when it holds. */
export function findingOf(outcome: Outcome, severity: Severity, text: string, style: MessageStyle): Finding | undefined {
  if (outcome.holds || !outcome.low) return undefined;
  const rel = outcome.relation;
  const t = rel.target;
  const q = t.q;
  const unit = rel.unit ?? t.unit;
  const dec = shownDecimals(t, unit);
  const min = minDecimals(t, unit);
  const low = outcome.low.v;
  const high = outcome.high?.v;
  // A figure written with a scale word (`$9.3M`, `12K users`) is answered in that scale.
  const scale = !t.q.blank && t.q.style.scale > 1 && t.q.style.scaleText !== '' && unit.dim === t.unit.dim ? { factor: t.q.style.scale, text: t.q.style.scaleText } : undefined;
  const computed = high !== undefined && Math.abs(high - low) > 1e-9 ? `${show(low, unit, style, dec, min, scale)}–${show(high, unit, style, dec, min, scale)}` : show(low, unit, style, dec, min, scale);
  // A range of two formulas renders both ends itself (`68 … 110`).
  const formula = render(outcome.reading.expr, text, 'low', style) + (high !== undefined && Math.abs(high - low) > 1e-9 && outcome.reading.expr.op !== 'range' ? ` … ${render(outcome.reading.expr, text, 'high', style)}` : '');
  const claimed = text.slice(q.span.start, q.span.end);
  const reading = outcome.reading.name ? ` (${outcome.reading.name})` : '';
  const message = `${rel.label} ${claimed} does not match ${formula} = ${computed}${reading}`;
  const related: RelatedLocation[] = inputs(outcome.reading.expr)
    .filter((c) => c !== t)
    .slice(0, 24)
    .map((c) => ({ span: c.q.span, message: `${text.slice(c.q.span.start, c.q.span.end)}` }));
  if (rel.related) related.push(...rel.related);
  const fixes: Fix[] = [];
  const fix = rel.fixable ? certainFix(outcome, text) : undefined;
  if (fix) fixes.push({ title: `${rel.fixVerb ?? 'Change to'} ${fix.shown}`, edits: fix.edits });
  const finding: Finding = { rule: rel.rule, severity, message, span: { ...q.span }, fixes, related };
  finding.data = high !== undefined && q.high !== undefined ? { expected: low, expectedHigh: high } : { expected: low };
  return finding;
}

/**
 * The fix of a relation that does not hold: the one reading's value, or, with several readings,
 * the figure every reading writes at the target's precision (none when two write different
 * figures, or a reading could not be evaluated).
 */
function certainFix(outcome: Outcome, text: string): ReturnType<typeof fixFor> {
  const rel = outcome.relation;
  const t = rel.target;
  if (rel.readings.length === 1) return fixFor(t, outcome.low!.v, outcome.high?.v, text);
  const each = outcome.each;
  if (!each || each.length !== rel.readings.length) return undefined;
  const fixes = each.map((v) => fixFor(t, v.low.v, v.high?.v, text));
  const first = fixes[0];
  if (!first) return undefined;
  const same = (f: ReturnType<typeof fixFor>): boolean => f !== undefined && f.edits.length === first.edits.length && f.edits.every((e, i) => e.newText === first.edits[i]!.newText && e.span.start === first.edits[i]!.span.start && e.span.end === first.edits[i]!.span.end);
  return fixes.every(same) ? first : undefined;
}

/** Unit words a duration may follow with any number: symbols and abbreviations (`1 h`, `5 min`). */
const NUMBERLESS_TIME_WORD = /^\s*(?:ms|s|sec|m|min|h|hr|d)\b/i;

/**
 * Edits that write `low` (and `high`) over the claim's number(s) in its own format, or
 * undefined when that cannot be done faithfully: the sign would change, a number reads two
 * ways, or the value cannot be written.
 */
export function fixFor(t: Claim, low: number, high: number | undefined, text: string): { edits: { span: { start: number; end: number }; newText: string }[]; shown: string } | undefined {
  const q = t.q;
  if (q.lowAlt !== undefined || q.highAlt !== undefined || q.blank || q.compound) return undefined;
  if (t.unit.dim === 'data') return undefined;
  // A duration is kept in minutes and written in its own unit: convert back.
  const per = t.unit.dim === 'duration' ? (t.unit.time ? MINUTES_PER_UNIT[t.unit.time] : undefined) : 1;
  if (per === undefined) return undefined;
  if (Math.sign(low) !== Math.sign(q.low) && Math.abs(low) > 0 && q.low !== 0) return undefined;
  const lowText = writeLike(Math.abs(low) / per, q);
  if (lowText === undefined) return undefined;
  if (t.unit.dim === 'duration') {
    if (q.high !== undefined) return undefined;
    // `1 hour` and `2 hours`: a word that agrees with its number is not rewritten across one;
    // a duration of nothing is not a figure to write.
    const written = Number(lowText.replace(/[^\d.,]/g, '').replace(q.style.decimal === ',' ? /\./g : /,/g, '').replace(',', '.'));
    if (written === 0) return undefined;
    if ((written === 1 || Math.abs(q.low / per - 1) < 1e-9) && !NUMBERLESS_TIME_WORD.test(text.slice(q.numberSpan.end, q.span.end))) return undefined;
  }
  const edits = [{ span: { ...q.numberSpan }, newText: lowText }];
  if (q.high !== undefined && q.highSpan) {
    const h = high ?? low;
    const highText = writeLike(Math.abs(h), { style: q.highStyle ?? q.style });
    if (highText === undefined) return undefined;
    edits.push({ span: { ...q.highSpan }, newText: highText });
  }
  if (edits.every((e) => text.slice(e.span.start, e.span.end) === e.newText)) return undefined;
  let shown = text.slice(q.span.start, q.span.end);
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    shown = shown.slice(0, e.span.start - q.span.start) + e.newText + shown.slice(e.span.end - q.span.start);
  }
  return { edits, shown };
}
