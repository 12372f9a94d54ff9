/**
 * Fixes are data: spans and replacement text. One pure function applies them everywhere
 * (quick fix, fix-all, `--fix`): edits are applied from the end so offsets stay valid, and an
 * edit that overlaps one already taken is skipped rather than corrupting the text.
 */
import type { Edit, Finding } from './types';

/** Applies non-overlapping edits to `text`; overlapping later edits are dropped. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const kept: Edit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.span.start < 0 || e.span.end > text.length || e.span.start > e.span.end) continue;
    if (e.span.start < lastEnd) continue;
    kept.push(e);
    lastEnd = e.span.end;
  }
  let out = '';
  let at = 0;
  for (const e of kept) {
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
