/**
 * Fixes are data: spans and replacement text. One pure function applies them everywhere (quick
 * fix, fix-all, `--fix`): edits are applied in order, and an edit that overlaps one already
 * taken is skipped rather than corrupting the text. Fix-all applies every finding's fix,
 * analyses again, and repeats until nothing changes (a corrected total can make its cost per
 * user right); the result is small edits against the original text.
 */
import type { PlanService } from '../engine';
import type { Edit, EngineOptions, Finding } from '../types';

/** Applies non-overlapping edits to `text`; overlapping later edits are dropped. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.span.start < at || e.span.end > text.length || e.span.start > e.span.end) continue;
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/** The edits of every finding's preferred (first) fix, optionally of one rule only. */
export function preferredEdits(findings: readonly Finding[], rule?: string): Edit[] {
  const edits: Edit[] = [];
  for (const f of findings) {
    if (rule && f.rule !== rule) continue;
    const fix = f.fixes[0];
    if (fix) edits.push(...fix.edits);
  }
  return edits;
}

export interface FixAllResult {
  /** Edits against the original text (non-overlapping, in order). */
  edits: Edit[];
  text: string;
  /** Rounds of fixes applied. */
  rounds: number;
  /** False when the fixes went round in a cycle or the round limit was reached. */
  fixedPoint: boolean;
}

export interface FixAllOptions {
  /** Only the findings of this rule. */
  rule?: string;
  maxRounds?: number;
  /** The findings of `text` when the caller has them already. */
  findings?: readonly Finding[];
}

/** Applies preferred fixes until the text stops changing. Never throws on odd input. */
export function fixAll(service: PlanService, text: string, options: Partial<EngineOptions>, opts: FixAllOptions = {}): FixAllResult {
  const maxRounds = opts.maxRounds ?? 10;
  // The rounds share one kept version, so each re-reads only what the fixes changed.
  const key = `\0fix-all:${Math.random()}`;
  let current = text;
  let findings = opts.findings ?? service.analyze(text, options, key).findings;
  const seen = new Set<string>([text]);
  let rounds = 0;
  let fixedPoint = false;
  try {
    while (rounds < maxRounds) {
      const edits = preferredEdits(findings, opts.rule);
      const next = edits.length ? applyEdits(current, edits) : current;
      if (next === current) {
        fixedPoint = true;
        break;
      }
      rounds++;
      if (seen.has(next)) break;
      seen.add(next);
      current = next;
      findings = service.analyze(current, options, key).findings;
    }
  } finally {
    service.forget(key);
  }
  return { edits: diffEdits(text, current), text: current, rounds, fixedPoint };
}

/**
 * Small edits that turn `before` into `after`: line by line when the line count is unchanged
 * (each changed line narrowed to its changed numbers), else one edit over the changed middle.
 */
export function diffEdits(before: string, after: string): Edit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  if (a.length !== b.length) return [narrow(before, after, 0)];
  const edits: Edit[] = [];
  let offset = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) edits.push(...byNumber(x, y, offset));
    offset += x.length;
  }
  return edits;
}

const TOKENS = /\d+(?:[.,]\d+)*|[^\d]+/g;

/** One edit per changed number when only numbers changed, else one over the changed middle. */
function byNumber(x: string, y: string, base: number): Edit[] {
  const a = x.match(TOKENS) ?? [];
  const b = y.match(TOKENS) ?? [];
  if (a.length !== b.length) return [narrow(x, y, base)];
  const edits: Edit[] = [];
  let at = 0;
  for (let i = 0; i < a.length; i++) {
    const ta = a[i]!;
    const tb = b[i]!;
    const numeric = /^\d/.test(ta) && /^\d/.test(tb);
    if (ta !== tb && !numeric) return [narrow(x, y, base)];
    if (ta !== tb) edits.push({ span: { start: base + at, end: base + at + ta.length }, newText: tb });
    at += ta.length;
  }
  return edits;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** One edit replacing the part of `x` that differs from `y`; offsets shifted by `base`. */
function narrow(x: string, y: string, base: number): Edit {
  let start = 0;
  const max = Math.min(x.length, y.length);
  while (start < max && x.charCodeAt(start) === y.charCodeAt(start)) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x.charCodeAt(endX - 1) === y.charCodeAt(endY - 1)) {
    endX--;
    endY--;
  }
  // Whole numbers read better than changed digits: widen over the digits around the change.
  while (start > 0 && isDigitish(x.charCodeAt(start - 1))) start--;
  while (endX < x.length && isDigitish(x.charCodeAt(endX))) {
    endX++;
    endY++;
  }
  // Never split a surrogate pair.
  if (start > 0 && isLow(x.charCodeAt(start))) start--;
  if (endX < x.length && isLow(x.charCodeAt(endX))) {
    endX++;
    endY++;
  }
  return { span: { start: base + start, end: base + endX }, newText: y.slice(start, endY) };
}

function isDigitish(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 44 || c === 46;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
