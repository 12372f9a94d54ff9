/**
 * How the server's heap is sized while a large plan is open. V8 sizes its heap for throughput:
 * after a collection it lets the heap grow to up to four times what is live, it grows the young
 * generation to 32 MB, and it compacts only the most fragmented pages. For a small plan that
 * costs nothing. An analysis of a 2 MB plan keeps ~60 MB alive and builds as much again on every
 * edit, so left to itself resident memory climbs to 300 MB and more.
 *
 * While large documents are open (from {@link LARGE_TEXT} units of text), the server trades
 * some time per analysis (~100 ms for a 2 MB plan, whose analysis takes about a second) for
 * memory in proportion to what it holds:
 * - the heap may grow by a fixed share only between collections, and the young generation
 *   keeps its first size;
 * - each analysis of a large document runs between two full collections ({@link collectAround}):
 *   the first lets the previous version's analysis go before the next one is built, the second
 *   compacts what the new one keeps onto as few pages as it fills and gives the rest back before
 *   its results are published. Compacting copies before it frees, so the process's high-water
 *   mark is above what it then keeps.
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

/** Undefined until the first document is sized. */
let capped: boolean | undefined;
// Until then the young generation keeps its first size: the message that opens a large plan is
// itself large, and once grown the young generation does not shrink. (This module is the
// server's first import.)
setFlagsFromString('--semi-space-growth-factor=1');

let gc: (() => void) | undefined;

/** A full collection (compacting every page when `compact`), when V8 lets the server ask for one. */
function fullCollection(compact: boolean): void {
  if (!gc) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = () => undefined;
    }
  }
  if (!compact) return gc();
  // Only this collection compacts everything: doing so in every collection of an analysis would
  // raise its peak for nothing.
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
  for (const [name, on, off] of FOR_MEMORY) setFlagsFromString(`--${name}=${cap ? on : off}`);
}

/**
 * Runs `analyse`, the analysis of `length` units of text, between two full collections when
 * that text is large (see the module comment); otherwise just runs it. A small document's
 * analysis is never slowed down by a large one open beside it.
 */
export function collectAround<T>(length: number, analyse: () => T): T {
  if (!capped || length < LARGE_TEXT) return analyse();
  fullCollection(false);
  const result = analyse();
  fullCollection(true);
  return result;
}
