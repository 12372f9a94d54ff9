/**
 * Filling blanks is evaluating their formulas. Every relation whose target is a blank (a total,
 * a cost per user, a margin, a score total, a revenue, an uptime, an ROI, a payback) gives the
 * blank its preferred reading's value once its inputs are known; blanks that other blanks feed
 * (a cost per user from a blank total) are evaluated after them, in dependency order, in one
 * pass over the relations: no rewriting and re-reading of the text.
 */
import type { Analysis } from '../engine';
import { blankText, show } from '../format';
import { evaluate, inputs, readsRange, render } from '../formula';
import type { Claim } from '../model';
import type { Relation } from '../relation';
import type { Edit, Span } from '../types';

export interface BlankFill {
  claim: Claim;
  /** The blank's whole quantity (`$___/month`). */
  span: Span;
  edits: Edit[];
  value: number;
  high?: number;
  /** The computed value as shown to the user (`$165/month`). */
  shown: string;
  relation: Relation;
  /** The formula with the blanks it reads filled in: `$120 + $80 + $25`. */
  formula: string;
}

/** Every computable blank of the analysis, one fill per blank, in document order. */
export function blankFills(analysis: Analysis): BlankFill[] {
  const byTarget = new Map<number, Relation[]>();
  for (const rel of analysis.relations) {
    if (!rel.target.q.blank) continue;
    const list = byTarget.get(rel.target.id);
    if (list) list.push(rel);
    else byTarget.set(rel.target.id, [rel]);
  }
  if (byTarget.size === 0) return [];
  const filled = new Map<number, number>();
  const fills: BlankFill[] = [];
  const text = analysis.text;
  // Dependency order: a blank is evaluated once every blank it reads has a value.
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (id: number): void => {
    if (state.has(id)) return;
    state.set(id, 'visiting');
    for (const rel of byTarget.get(id) ?? []) {
      const reading = rel.readings[0]!;
      for (const c of inputs(reading.expr)) if (c.q.blank && byTarget.has(c.id)) visit(c.id);
      const fill = evaluateFill(rel, filled, text, analysis);
      if (fill) {
        fills.push(fill);
        if (fill.high === undefined) filled.set(id, fill.value);
        break;
      }
    }
    state.set(id, 'done');
  };
  for (const id of byTarget.keys()) visit(id);
  return fills.sort((a, b) => a.span.start - b.span.start);
}

function evaluateFill(rel: Relation, filled: Map<number, number>, text: string, analysis: Analysis): BlankFill | undefined {
  const reading = rel.readings[0]!;
  const low = evaluate(reading.expr, { end: 'low', alt: false, filled });
  if (!low || !Number.isFinite(low.v)) return undefined;
  const q = rel.target.q;
  const unit = rel.target.unit;
  const ranged = readsRange(reading.expr) && q.high !== undefined;
  const high = ranged ? evaluate(reading.expr, { end: 'high', alt: false, filled }) : undefined;
  const edits: Edit[] = [];
  const lowText = blankText(low.v, unit, analysis.style);
  if (lowText === undefined) return undefined;
  edits.push({ span: { ...q.numberSpan }, newText: lowText });
  if (ranged && high && q.highSpan) {
    const highText = blankText(high.v, unit, analysis.style);
    if (highText === undefined) return undefined;
    if (text.slice(q.highSpan.start, q.highSpan.end).startsWith('___')) edits.push({ span: { ...q.highSpan }, newText: highText });
  }
  const shownUnit = rel.unit ?? unit;
  const fill: BlankFill = {
    claim: rel.target,
    span: { ...q.span },
    edits,
    value: low.v,
    shown: high && Math.abs(high.v - low.v) > 1e-9 ? `${show(low.v, shownUnit, analysis.style)}–${show(high.v, shownUnit, analysis.style)}` : show(low.v, shownUnit, analysis.style),
    relation: rel,
    formula: render(reading.expr, text, 'low', analysis.style, filled),
  };
  if (high && Math.abs(high.v - low.v) > 1e-9) fill.high = high.v;
  return fill;
}

/** The edits of "Fill computable blanks": every fill at once. */
export function fillEdits(analysis: Analysis): Edit[] {
  return blankFills(analysis).flatMap((f) => f.edits);
}
