/**
 * Filling blanks is evaluating their formulas: every blank claim the plan's own figures
 * determine (a total, a cost per user, a score total, a revenue, ROI, payback) gets the
 * computed value written in, in the blank's own unit (`$___/month` → `$165/month`).
 */
import { analyze, type Analysis } from '../engine';
import { applyEdits } from '../fixes';
import type { Derivation } from '../rule';
import type { Edit, EngineOptions, Quantity, Span } from '../types';
import { allDerivations } from './derivations';
import { diffEdits } from './fixAll';
import { blankText } from './format';

export interface BlankFill {
  /** The blank's whole quantity (`$___/month`). */
  span: Span;
  edits: Edit[];
  /** The computed value as shown to the user (`$165/month`). */
  display: string;
  value: number;
  derivation: Derivation;
}

/** What a derivation writes into its blank target, when it can compute a value. */
export function fillFor(d: Derivation): BlankFill | undefined {
  const q = d.target;
  if (!q.blank) return undefined;
  const value = d.expected[0];
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const edits: Edit[] = [];
  if (blankLow(q)) edits.push({ span: q.numberSpan, newText: blankText(value, q.kind) });
  const high = d.expectedHigh?.[0];
  if (q.highSpan && high !== undefined && Number.isFinite(high) && blankHigh(q)) edits.push({ span: q.highSpan, newText: blankText(high, q.kind) });
  if (edits.length === 0) return undefined;
  const display = high !== undefined && q.highSpan ? `${d.display(value)}–${d.display(high)}` : d.display(value);
  return { span: q.span, edits, display, value, derivation: d };
}

function blankLow(q: Quantity): boolean {
  return Number.isNaN(q.value);
}

function blankHigh(q: Quantity): boolean {
  return q.high !== undefined && Number.isNaN(q.high);
}

/** Every computable blank of the document, one fill per blank, in document order. */
export function blankFills(analysis: Analysis): BlankFill[] {
  const seen = new Set<number>();
  const out: BlankFill[] = [];
  for (const d of allDerivations(analysis)) {
    const fill = fillFor(d);
    if (!fill || seen.has(fill.span.start)) continue;
    seen.add(fill.span.start);
    out.push(fill);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The edits of "Fill computable blanks". */
export function fillBlankEdits(analysis: Analysis): Edit[] {
  return blankFills(analysis).flatMap((f) => f.edits);
}

/**
 * Fills every computable blank, then the blanks that become computable once those are filled
 * (a cost per user after its total), until nothing more can be filled. Edits are against the
 * original text.
 */
export function fillAll(text: string, options: Partial<EngineOptions>, opts: { analysis?: Analysis; maxRounds?: number } = {}): { edits: Edit[]; text: string; rounds: number } {
  let current = text;
  let analysis = opts.analysis ?? analyze(text, options);
  // An analysis made here may be handed to the next round for reuse; the caller's may not.
  let owned = !opts.analysis;
  let rounds = 0;
  while (rounds < (opts.maxRounds ?? 5)) {
    const edits = fillBlankEdits(analysis);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    rounds++;
    current = next;
    analysis = analyze(current, options, owned ? analysis : undefined);
    owned = true;
  }
  return { edits: diffEdits(text, current), text: current, rounds };
}
