/**
 * Decision trees: fenced or plain lines that route on the number of users, one row per branch
 * (`< 1K users? → single Postgres`, `1K-10K users? → read replica`, `> 10K users? → shard`,
 * `else → one server`). A row names a threshold (`<`, `>`), a range (`1K-10K`, `Between 1K and
 * 10K`) or an open range (`10K+`). A tree is read bottom-up (`<` thresholds rising, a `>` row
 * last) or top-down (`>` thresholds falling, a `<` row last); a tree with a row that cannot be
 * read, or whose rows are triggers rather than branches (`> 1K`, then `> 10K`), is not checked.
 */
import type { Line } from '../document';
import type { PlanModel } from '../model';
import { show } from '../quantity';
import type { Quantity } from '../types';
import { rangeText } from './text';
import type { DecisionBranch, StageEntry, StageSequence, UserRange } from './types';

export interface DecisionRow {
  kind: DecisionBranch;
  users: UserRange;
}

const ANSWER = /^\s*\??\s*(?:→|->|⟶|=>|:|—|–)/;
const ARROW = /→|->|⟶|=>/;
const ELSE_ROW = /^\s*(?:[-*+]\s+)?(?:else|otherwise|default|everything else|anything else|all others?|any other)\b/i;
const CONTINUATION = /^\s*(?:→|->|⟶|=>)/;

function isUsers(q: Quantity | undefined): q is Quantity {
  return !!q && q.kind === 'users' && !q.blank && Number.isFinite(q.value) && !/seat/i.test(q.raw);
}

/** Emphasis and code marks blanked out, keeping offsets. */
function unmarked(line: Line): string {
  return line.text.replace(/\*\*|__|`/g, (m) => ' '.repeat(m.length));
}

/** The row's question ends after the range: `?`, an arrow, a colon or a dash. */
function answered(line: Line, end: number): boolean {
  const after = line.text.slice(end - line.start);
  return ANSWER.test(after) || /^\s*\?/.test(after);
}

/**
 * A decision-tree row on `line`, when the line starts with its condition: a threshold
 * (`< 1K users?`), a range (`1K-10K users?`, `Between 1K and 10K users?`) or an open range
 * (`10K+ users?`), followed by a question mark or an arrow.
 */
export function decisionRow(line: Line): DecisionRow | undefined {
  // Not the line's content: a leading `>` reads as a blockquote marker there.
  const text = unmarked(line);
  const qs = line.quantities;
  const q = qs[0];
  if (!q || q.blank) return undefined;
  const at = q.span.start - line.start;
  const lead = /^\s*(<=|>=|≤|≥|<|>)\s*/.exec(text);
  if (lead) {
    if (!isUsers(q) || q.high !== undefined || q.open || at !== lead[0].length || !answered(line, q.span.end)) return undefined;
    const bound = ({ '≤': '<=', '≥': '>=' } as Record<string, string>)[lead[1]!] ?? lead[1]!;
    const label = `${bound} ${show(q.value, 2)} users`;
    if (bound === '<' || bound === '<=') return { kind: 'lt', users: { low: 0, high: q.value, open: false, derivedLow: true, span: q.span, text: label, quantity: q } };
    return { kind: 'gt', users: { low: q.value, open: true, span: q.span, text: label, quantity: q } };
  }
  const opening = /^\s*(?:(between|from)\s+)?/i.exec(text)![0];
  if (at !== opening.length) return undefined;
  const word = /between|from/i.test(opening);
  if (!word && isUsers(q) && !q.bound && q.high !== undefined && Number.isFinite(q.high) && q.high > q.value) {
    if (!answered(line, q.span.end)) return undefined;
    return { kind: 'range', users: { low: q.value, high: q.high, open: false, span: q.span, text: rangeText(q.value, q.high, false), quantity: q } };
  }
  if (!word && isUsers(q) && !q.bound && q.open && q.high === undefined) {
    if (!answered(line, q.span.end)) return undefined;
    return { kind: 'open', users: { low: q.value, open: true, span: q.span, text: rangeText(q.value, undefined, true), quantity: q } };
  }
  // `Between 1K and 10K users?`, `From 1K to 10K users?`, `1K to 10K users?`.
  const r = qs[1];
  if ((q.kind !== 'number' && q.kind !== 'users') || q.bound || q.high !== undefined || q.open || !isUsers(r) || r.bound || r.high !== undefined || r.open) return undefined;
  const between = line.text.slice(q.span.end - line.start, r.span.start - line.start);
  const joiner = /^\s*(?:and|to|-|–|—)\s*$/i.exec(between);
  if (!joiner || (/and/i.test(between) && !/between/i.test(opening)) || !(r.value > q.value) || !answered(line, r.span.end)) return undefined;
  const span = { start: q.span.start, end: r.span.end };
  return { kind: 'range', users: { low: q.value, high: r.value, open: false, span, text: rangeText(q.value, r.value, false) } };
}

/** A line of a tree's block that routes somewhere but is not a row read with confidence. */
function unreadRow(line: Line): boolean {
  if (line.kind === 'blank' || line.kind === 'fence' || !line.plan) return false;
  const text = unmarked(line);
  if (!text.trim() || CONTINUATION.test(text) || ELSE_ROW.test(text)) return false;
  return ARROW.test(text) || text.includes('?') || /^\s*(?:<|>|≤|≥)/.test(text) || line.quantities.some((q) => q.kind === 'users');
}

/**
 * Reads the rows of a decision tree (a sequence of `decision` entries, all in one block) as
 * stretches of the user axis. Sets each row's range, and marks the sequence `descending` when it
 * is written top-down, or `untiled` when it is not to be checked.
 */
export function shapeTree(model: PlanModel, seq: StageSequence): void {
  const lines = model.doc.lines;
  const first = seq.entries[0]!;
  const block = lines[first.line]!.block;
  const rowLines = new Set(seq.entries.map((e) => e.line));
  let from = first.line;
  while (from > 0 && lines[from - 1]!.block === block) from--;
  for (let i = from; i < lines.length && lines[i]!.block === block; i++) {
    if (!rowLines.has(i) && unreadRow(lines[i]!)) {
      seq.untiled = true;
      return;
    }
  }
  const kinds = seq.entries.map((e) => e.branch ?? 'range');
  const top = (k: DecisionBranch): boolean => k === 'gt' || k === 'open';
  if (top(kinds[0]!) && seq.entries.length >= 2) {
    if (readTopDown(seq.entries, kinds)) {
      seq.descending = true;
      return;
    }
    if (kinds.every(top)) {
      seq.untiled = true;
      return;
    }
  }
  // Bottom-up: a `<` row starts where the row before it ends; only the last row may be open.
  if (kinds.slice(0, -1).some(top)) {
    seq.untiled = true;
    return;
  }
  let prevHigh: number | undefined;
  for (const e of seq.entries) {
    const u = e.users!;
    if (u.derivedLow) u.low = prevHigh ?? 0;
    prevHigh = u.open ? undefined : u.high;
  }
}

/**
 * A top-down tree: `>` thresholds falling, ranges below them, at most a `<` row last. Each `>`
 * row under the first ends where the row above it starts. False (and nothing changed) otherwise.
 */
function readTopDown(entries: StageEntry[], kinds: DecisionBranch[]): boolean {
  let prevLow = Infinity;
  for (let i = 0; i < entries.length; i++) {
    const u = entries[i]!.users!;
    const k = kinds[i]!;
    if (k === 'open' && i > 0) return false;
    if (k === 'lt' && i !== entries.length - 1) return false;
    const upper = k === 'range' || k === 'lt' ? u.high! : u.low;
    if (!(upper <= prevLow) || (k !== 'lt' && k !== 'range' && !(u.low < prevLow))) return false;
    prevLow = k === 'lt' ? 0 : u.low;
  }
  for (let i = 0; i < entries.length; i++) {
    const u = entries[i]!.users!;
    const k = kinds[i]!;
    if (k === 'gt' && i > 0) {
      u.high = entries[i - 1]!.users!.low;
      u.open = false;
      u.derivedHigh = true;
    }
    if (k === 'lt') u.low = 0;
  }
  return true;
}

/** A sequence's entries from the lowest users up: reversed for a tree written top-down. */
export function inUserOrder(seq: StageSequence): StageEntry[] {
  return seq.descending ? [...seq.entries].reverse() : seq.entries;
}
