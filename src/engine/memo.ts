/**
 * Remembering a pure function of a string: labels and headers repeat across a document and
 * across its versions, and reading what one names costs word-list lookups each time.
 */

/**
 * `f`, remembered for the strings seen most recently: two generations of at most `size`
 * entries each, so memory stays bounded. Only for functions whose results are never mutated.
 */
export function memoize<T>(f: (s: string) => T, size = 4096): (s: string) => T {
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  return (s) => {
    if (young.has(s)) return young.get(s) as T;
    const v = old.has(s) ? (old.get(s) as T) : f(s);
    young.set(s, v);
    if (young.size >= size) {
      old = young;
      young = new Map();
    }
    return v;
  };
}
