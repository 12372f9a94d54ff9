/**
 * How much the heap may grow between collections. V8 sizes its heap for throughput: after a
 * collection it lets the heap grow to up to four times what is live, which for a large plan
 * (a 2 MB plan keeps ~100 MB of analysis alive) lets resident memory climb to several hundred MB
 * over a few edits. While a large document is open, the heap may grow by a fixed share only, so
 * memory stays proportional to what the server holds; collections come more often, which costs
 * little next to the analysis of such a document. Small documents keep V8's own sizing.
 */
import { setFlagsFromString } from 'node:v8';

/** Open text (UTF-16 units) from which the heap's growth is capped. */
export const LARGE_TEXT = 512 * 1024;
/** Growth allowed between collections while large documents are open, in percent. */
export const CAPPED_GROWTH = 30;

let capped = false;

/** Caps or frees the heap's growth for `openText` units of open documents. */
export function sizeHeapFor(openText: number): void {
  const cap = openText >= LARGE_TEXT;
  if (cap === capped) return;
  capped = cap;
  // 0 restores V8's own heuristics.
  setFlagsFromString(`--heap-growing-percent=${cap ? CAPPED_GROWTH : 0}`);
  // The young generation stays at its first size (V8 lets it grow to 32 MB, all resident):
  // an analysis keeps most of what it allocates, so a larger one saves little work.
  setFlagsFromString(`--semi-space-growth-factor=${cap ? 1 : 2}`);
}
