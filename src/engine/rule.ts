/**
 * What a rule is. Arithmetic rules return derivations (a claimed number, the values it should
 * have, and the formula with its inputs); the engine compares them with the precision rule and
 * turns disagreements into findings with fixes. Other rules return findings directly.
 */
import { claimAgrees } from './compare';
import { formatNumber, show } from './quantity';
import type { PlanModel } from './model';
import type { EngineOptions, Finding, Fix, Quantity, RelatedLocation, Severity, Span } from './types';

export type RuleCategory = 'arithmetic' | 'stages' | 'template' | 'document';

export interface RuleMeta {
  /** Kebab-case id, also the name of the rule's file and doc page. */
  id: string;
  /** One sentence: what the rule checks. */
  description: string;
  severity: Severity;
  fixable: boolean;
  category: RuleCategory;
}

/** A number the plan states, and what the plan's own figures say it should be. */
export interface Derivation {
  rule: string;
  /** The claimed quantity (may be a blank, which then gets no finding but can be filled). */
  target: Quantity;
  /** What is said about it in messages: `Gross margin`, `Total`. */
  label: string;
  /** Acceptable computed values for the (low) value; the first is preferred for fixes. */
  expected: number[];
  /** For range claims: acceptable computed values of the high end. */
  expectedHigh?: number[];
  /**
   * Writes the human formula with its inputs, e.g. `(4,750 − 1,200) / 4,750`. A function: most
   * derivations agree with their claim and their formula is never shown.
   */
  formula: () => string;
  /** How to show a computed value: `74.7%`, `$25,000/month`. */
  display: (value: number) => string;
  /** The places the inputs came from. */
  related: RelatedLocation[];
  /** More fixes beyond setting the claim to the computed value (e.g. change the assumption). */
  alternatives?: Fix[];
  /** What a fix does, e.g. `Set revenue to`; defaults to `Change to`. */
  fixVerb?: string;
  /**
   * Some inputs are approximate (`~$40`): the claim gets the tolerance of an approximate claim
   * (`approxTolerance`) even when it is not approximate itself.
   */
  approxInputs?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  derive?(model: PlanModel): Derivation[];
  check?(model: PlanModel): Finding[];
}

/** A rule definition helper, so every rule file reads the same. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/**
 * Edits that write `low` (and `high`) in place of the quantity's number(s), in its own format:
 * sign and currency are rewritten with the number, units and periods are left alone.
 */
export function rewrite(q: Quantity, low: number, high?: number, text?: string): { edits: { span: Span; newText: string }[]; text: string } {
  const digits = formatNumber(Math.abs(low), { ...q.format, minus: '' });
  const negative = low < 0 && Number(digits.replace(/[^\d.]/g, '')) !== 0;
  let start = q.span.start;
  let lead = (negative ? q.format.minus || '-' : '') + (q.currency ?? '');
  // An explicit `+` before the number (`+12%`) goes when the value turns negative.
  if (negative && text && text[start - 1] === '+') start -= 1;
  if (!negative && text && text[start - 1] === '+' && q.currency === undefined) lead = '';
  const edits = [{ span: { start, end: q.numberSpan.end }, newText: lead + digits }];
  if (high !== undefined && q.highSpan && q.highFormat) edits.push({ span: q.highSpan, newText: formatNumber(high, q.highFormat) });
  let shown = q.raw;
  const base = q.span.start;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    const s = Math.max(0, e.span.start - base);
    shown = shown.slice(0, s) + e.newText + shown.slice(e.span.end - base);
  }
  return { edits, text: shown };
}

/** Does a derivation's claim agree with its computed values (both ends of a range)? */
export function derivationAgrees(d: Derivation, options: EngineOptions): boolean {
  const q = d.target;
  const extra = d.approxInputs && !q.approx ? options.approxTolerance : 0;
  const lowOk = claimAgrees(q, d.expected, options, 'low', extra);
  return lowOk && (d.expectedHigh === undefined || q.high === undefined || claimAgrees(q, d.expectedHigh, options, 'high', extra));
}

/** Compares a derivation's claim with its computed values; a finding when they disagree. */
export function evaluate(d: Derivation, model: PlanModel, severity: Severity): Finding | undefined {
  const q = d.target;
  if (q.blank || d.expected.length === 0 || !d.expected.every(Number.isFinite)) return undefined;
  if (derivationAgrees(d, model.options)) return undefined;
  const low = d.expected[0]!;
  const high = d.expectedHigh?.[0];
  const computed = high !== undefined && q.high !== undefined ? `${d.display(low)}–${d.display(high)}` : d.display(low);
  const fixed = rewrite(q, roundTo(low, q.format.decimals, q.format.scale), high !== undefined ? roundTo(high, q.highFormat?.decimals ?? 0, q.highFormat?.scale ?? 1) : undefined, model.text);
  const fixes: Fix[] = [{ title: `${d.fixVerb ?? 'Change to'} ${fixed.text}`, edits: fixed.edits }];
  if (d.alternatives) fixes.push(...d.alternatives);
  return {
    rule: d.rule,
    severity,
    message: `${d.label} ${q.raw} does not match ${d.formula()} = ${computed}`,
    span: q.span,
    fixes,
    related: d.related,
    data: { expected: low, ...(high !== undefined ? { expectedHigh: high } : {}) },
  };
}

function roundTo(v: number, decimals: number, scale: number): number {
  const f = Math.pow(10, decimals);
  return (Math.sign(v) * Math.round(Math.abs(v / scale) * f + 1e-9)) / f * scale;
}

/** `$1,200/month`-style display for computed money. */
export function money(value: number, per?: string, currency = '$'): string {
  const decimals = Math.abs(value) < 10 && !Number.isInteger(value) ? 2 : Number.isInteger(Math.round(value * 100) / 100) ? 0 : 2;
  const body = show(Math.abs(value), decimals);
  return `${value < 0 ? '−' : ''}${currency}${body}${per ? '/' + per : ''}`;
}

export function percent(value: number, decimals = 1): string {
  return `${show(value, decimals)}%`;
}

/** A related location pointing at a quantity. */
export function input(q: Quantity, message: string): RelatedLocation {
  return { span: q.span, message };
}
