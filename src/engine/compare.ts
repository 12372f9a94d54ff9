/**
 * The precision rule: a claim is right when it equals the computed value rounded or truncated
 * to the claim's own displayed precision; `~`/`about` claims and a configured tolerance widen it.
 */
import type { EngineOptions, Quantity } from './types';

const EPS = 1e-9;

function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) + EPS);
}

/** Does `claimed` (displayed with `precision`) agree with `computed`? */
export function agrees(claimed: number, precision: number, computed: number, relTolerance: number): boolean {
  if (!Number.isFinite(claimed) || !Number.isFinite(computed)) return true;
  const p = precision > 0 && Number.isFinite(precision) ? precision : 1;
  const scale = Math.max(1, Math.abs(claimed), Math.abs(computed)) * 1e-9;
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= scale + p * 1e-6;
  if (near(roundHalfAway(computed / p) * p, claimed)) return true;
  if (near(Math.trunc(computed / p + Math.sign(computed) * EPS) * p, claimed)) return true;
  if (relTolerance > 0 && Math.abs(claimed - computed) <= relTolerance * Math.abs(computed) + scale) return true;
  return false;
}

/** Relative tolerance that applies to a claim. */
export function toleranceFor(q: Quantity, options: EngineOptions): number {
  return options.tolerance + (q.approx ? options.approxTolerance : 0);
}

/**
 * Does the claim agree with any of the computed candidates? `extra` widens the tolerance (for
 * values computed from approximate inputs).
 */
export function claimAgrees(q: Quantity, candidates: number[], options: EngineOptions, which: 'low' | 'high' = 'low', extra = 0): boolean {
  const value = which === 'high' ? q.high! : q.value;
  const precision = which === 'high' ? q.highPrecision ?? q.precision : q.precision;
  const tol = toleranceFor(q, options) + extra;
  return candidates.some((c) => agrees(value, precision, c, tol));
}
