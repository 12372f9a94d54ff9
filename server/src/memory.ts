/**
 * How the server's heap is sized while a large plan is open. V8 sizes its heap for throughput:
 * after a collection it lets the heap grow to up to four times what is live, grows the young
 * generation to 32 MB, and compacts only the most fragmented pages. For a small plan that costs nothing. An analysis of a 2 MB plan keeps ~60 MB alive and builds
 * as much again on every edit, so left to itself resident memory climbs to 300 MB and more.
 *
 * While large documents are open (from {@link LARGE_TEXT} units of text), the server trades
 * some time per analysis, which is long for such a document anyway, for memory in proportion
 * to what it holds:
 * - the heap may grow by a fixed share only between collections, and the young generation
 *   keeps its first size;
 * - each analysis is preceded and followed by a full, compacting collection
 *   ({@link collectAround}), so the previous version's analysis is gone before the next one is
 *   built and what the analysis threw away is given back before its results are published.
 * Small documents keep V8's own heuristics.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Open text (UTF-16 units) from which the heap is sized for memory. */
export const LARGE_TEXT = 512 * 1024;
/** Growth allowed between collections while large documents are open, in percent. */
export const CAPPED_GROWTH = 30;

/**
 * V8 flags while large documents are open, and the values that restore its defaults. Only flags
 * V8 reads afresh at each collection may change while it runs (turning concurrent marking off,
 * for one, aborts the process).
 */
const FOR_MEMORY: [flag: string, capped: string, free: string][] = [
  // 0 restores V8's own growth heuristics.
  ['heap-growing-percent', String(CAPPED_GROWTH), '0'],
  ['semi-space-growth-factor', '1', '2'],
];

function setFlag(name: string, value: string): void {
  if (value === 'true') setFlagsFromString(`--${name}`);
  else if (value === 'false') setFlagsFromString(`--no-${name}`);
  else setFlagsFromString(`--${name}=${value}`);
}

/** Undefined until the first document is sized. */
let capped: boolean | undefined;
// Until then the young generation keeps its first size: the message that opens a large plan is
// itself large, and once grown the young generation does not shrink.
setFlag('semi-space-growth-factor', '1');
let gc: (() => void) | undefined;

/** A full collection, when V8 lets the server ask for one. */
function fullCollection(compact: boolean): void {
  if (!gc) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = () => undefined;
    }
  }
  // Compacting moves what is live onto as few pages as it fills, and the rest are given back.
  // Only these collections compact: compacting every collection during an analysis would
  // raise its peak (each compaction copies before it frees).
  if (!compact) return gc();
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/** Sizes the heap for `openText` units of open documents. */
export function sizeHeapFor(openText: number): void {
  const cap = openText >= LARGE_TEXT;
  if (cap === capped) return;
  capped = cap;
  for (const [name, on, off] of FOR_MEMORY) setFlag(name, cap ? on : off);
}

/**
 * Runs `analyse` between two full collections while large documents are open (see the module
 * comment); otherwise just runs it.
 */
export function collectAround<T>(analyse: () => T): T {
  if (!capped) return analyse();
  fullCollection(false);
  const result = analyse();
  fullCollection(true);
  return result;
}
