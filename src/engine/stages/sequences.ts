/**
 * Groups entries into lists (one list = one sequence: the entries of one fenced block, the
 * sibling headings under one parent, the titles of one section, one table, one decision tree),
 * picks the plan's main stage list, identifies the same stage across sections (by word and
 * number: `Stage 2`; by name for unnumbered titles), and says where a list fails to tile its axis.
 */
import type { PlanModel } from '../model';
import { inUserOrder, shapeTree } from './decision';
import type { Stage, StageEntry, StageSequence } from './types';

/** `stage:2` for `Stage 2`; undefined for unnumbered entries. */
export function keyOf(e: { word?: string; number?: number }): string | undefined {
  return e.number !== undefined && e.word ? `${e.word.toLowerCase()}:${e.number}` : undefined;
}

/** The lists entries form, in document order. A list restarts when its numbering does. */
export function buildSequences(model: PlanModel, entries: StageEntry[]): StageSequence[] {
  const out: StageSequence[] = [];
  const open = new Map<string, StageSequence>();
  for (const e of entries) {
    if (e.form === 'reference') continue;
    let seq = open.get(e.container);
    if (seq && e.number !== undefined) {
      const prev = [...seq.entries].reverse().find((x) => x.number !== undefined && x.word === e.word);
      if (prev && e.number <= prev.number!) seq = undefined;
    }
    if (!seq) {
      const section = model.sectionOf[e.line];
      seq = { id: out.length, container: e.container, entries: [], ranged: 0, timed: 0, title: section?.title ?? '' };
      out.push(seq);
      open.set(e.container, seq);
    }
    seq.entries.push(e);
  }
  for (const seq of out) {
    if (seq.entries[0]!.form === 'decision') shapeTree(model, seq);
    seq.ranged = seq.entries.filter((e) => e.users).length;
    seq.timed = seq.entries.filter((e) => e.timeline).length;
  }
  return out;
}

/** The main stage list (never a decision tree left unchecked): a list of two or more ranges, numbered `Stage N` if any, the longest, the first. */
export function primarySequence(sequences: StageSequence[]): StageSequence | undefined {
  let best: StageSequence | undefined;
  let bestScore: number[] = [];
  for (const seq of sequences) {
    if (seq.untiled) continue;
    const ranged = seq.entries.filter((e) => e.users && !e.users.point);
    if (ranged.length === 0) continue;
    const numbered = ranged.every((e) => e.number !== undefined);
    const stageWord = numbered && ranged.every((e) => e.word === 'Stage');
    const score = [ranged.length >= 2 ? 1 : 0, stageWord ? 2 : numbered ? 1 : 0, ranged.length];
    if (!best || compare(score, bestScore) > 0) {
      best = seq;
      bestScore = score;
    }
  }
  return best;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i]! !== b[i]!) return a[i]! - b[i]!;
  return 0;
}

/** Stages identified across sections; the main list's stages first, in order. */
export function identifyStages(entries: StageEntry[], sequences: StageSequence[], primary: StageSequence | undefined): { stages: Stage[]; stageOf: Map<number, Stage> } {
  const byKey = new Map<string, Stage>();
  const stages: Stage[] = [];
  const stageOf = new Map<number, Stage>();
  const make = (key: string, def: StageEntry, isPrimary: boolean): Stage => {
    const s: Stage = {
      key,
      label: def.label,
      definition: def,
      span: def.span,
      line: def.line,
      open: false,
      mentions: [],
      primary: isPrimary,
    };
    if (def.word) s.word = def.word;
    if (def.number !== undefined) s.number = def.number;
    if (def.name) s.name = def.name;
    if (def.users && !def.users.point) {
      s.low = def.users.low;
      if (def.users.high !== undefined) s.high = def.users.high;
      s.open = def.users.open;
    }
    byKey.set(key, s);
    stages.push(s);
    return s;
  };
  for (const e of primary ? inUserOrder(primary) : []) {
    if (!e.users || e.users.point) continue;
    const key = keyOf(e) ?? `entry:${e.id}`;
    if (!byKey.has(key)) make(key, e, true);
  }
  const firstLines = new Map<string, StageEntry[]>();
  for (const e of entries) {
    const key = keyOf(e);
    if (!key) continue;
    const list = firstLines.get(key) ?? [];
    list.push(e);
    firstLines.set(key, list);
  }
  for (const [key, list] of firstLines) {
    if (byKey.has(key)) continue;
    make(key, list.find((e) => e.users && !e.users.point && e.form !== 'reference') ?? list.find((e) => e.users && !e.users.point) ?? list[0]!, false);
  }
  const byDefinition = new Map<StageEntry, Stage>();
  for (const s of stages) byDefinition.set(s.definition, s);
  const byName = namedLists(sequences, primary, stages);
  for (const e of entries) {
    const key = keyOf(e);
    const s = key ? byKey.get(key) : (byDefinition.get(e) ?? byName.get(e));
    if (!s) continue;
    s.mentions.push(e);
    stageOf.set(e.id, s);
  }
  // Main-list stages first in list order, then the others by first mention.
  const primaryStages = stages.filter((s) => s.primary);
  const others = stages.filter((s) => !s.primary).sort((a, b) => a.line - b.line);
  return { stages: [...primaryStages, ...others], stageOf };
}

/**
 * Unnumbered lists that repeat the main list's stages by name (`### Growth (500-2,500 users)`):
 * only a whole list whose every range is named after a main stage, in the main list's order.
 * A list with one other name (`Starter`, `Growth`, `Enterprise` pricing tiers) is something else.
 */
function namedLists(sequences: StageSequence[], primary: StageSequence | undefined, stages: Stage[]): Map<StageEntry, Stage> {
  const out = new Map<StageEntry, Stage>();
  const names = new Map<string, { stage: Stage; order: number }>();
  stages.filter((s) => s.primary).forEach((s, order) => {
    if (s.name && s.name.length >= 3) names.set(s.name.toLowerCase(), { stage: s, order });
  });
  if (names.size === 0) return out;
  for (const seq of sequences) {
    if (seq === primary) continue;
    const ranged = seq.entries.filter((e) => e.users || e.timeline);
    if (ranged.length === 0 || ranged.some((e) => e.number !== undefined || e.form === 'table' || e.form === 'decision')) continue;
    const matched = ranged.map((e) => (e.name ? names.get(e.name.toLowerCase()) : undefined));
    if (matched.some((m) => !m)) continue;
    if (matched.some((m, i) => i > 0 && m!.order <= matched[i - 1]!.order)) continue;
    ranged.forEach((e, i) => out.set(e, matched[i]!.stage));
  }
  return out;
}

/** A stretch of an axis (users or months) as a list states it. */
export interface Stretch {
  low: number;
  high?: number;
  open: boolean;
  point?: boolean;
  derivedLow?: boolean;
  entry: StageEntry;
}

export interface TileIssue {
  kind: 'gap' | 'overlap' | 'order' | 'open';
  /** The earlier entry and the later one (for `open`: the open entry and the one after it). */
  a: Stretch;
  b: Stretch;
  /** The stretch that is uncovered (gap) or covered twice (overlap). */
  from?: number;
  to?: number;
}

/**
 * Where consecutive stretches fail to tile: a shared boundary is fine, and so is the next whole
 * number (`0-99`, `100-499`); only the last may be open-ended. A single count in the middle of a
 * list (`Current - 100 users`) says nothing about where its stage starts and is skipped.
 */
export function tileIssues(items: Stretch[]): TileIssue[] {
  const out: TileIssue[] = [];
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    if (a.point && i - 1 > 0) continue;
    if (b.point) continue;
    if (a.open || a.high === undefined) {
      out.push({ kind: 'open', a, b });
      continue;
    }
    const aHigh = a.high;
    if (b.derivedLow) {
      if (b.high !== undefined && b.high <= aHigh) out.push({ kind: 'order', a, b });
      continue;
    }
    if (b.low < a.low || (b.low === a.low && b.high !== undefined && b.high <= aHigh)) {
      out.push({ kind: 'order', a, b });
      continue;
    }
    const nextWhole = Number.isInteger(aHigh) && Number.isInteger(b.low) && b.low === aHigh + 1;
    if (b.low > aHigh && !nextWhole) out.push({ kind: 'gap', a, b, from: aHigh, to: b.low });
    else if (b.low < aHigh) out.push({ kind: 'overlap', a, b, from: b.low, to: Math.min(aHigh, b.high ?? aHigh) });
  }
  return out;
}
