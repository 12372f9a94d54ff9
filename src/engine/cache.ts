/**
 * Caches of what lines give, keyed by their text, kept from one version of a document to the
 * next: an edit reads again only the lines it changed. Each is bounded, and emptied when it
 * fills. A document with more such lines than a cache holds cannot be served by it (it fills and
 * empties while the document is read), so when an analysis has overflowed a cache, what is left
 * in it is let go at the end ({@link reading}) rather than kept for nothing.
 */
export class TextCache<V> {
  private readonly map = new Map<string, V>();
  private overflowed = false;
  private held = 0;

  /**
   * `limit` is in entries, or in what `weigh` says of each key (its length, say); an entry that
   * alone weighs more is not kept.
   */
  constructor(
    private readonly limit: number,
    private readonly weigh: (key: string) => number = () => 1,
  ) {
    caches.push(this);
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    const weight = this.weigh(key);
    if (weight > this.limit) return;
    if (this.held + weight > this.limit) {
      this.clear();
      this.overflowed = true;
    }
    this.map.set(key, value);
    this.held += weight;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }

  /** Starts an analysis: nothing has overflowed yet. */
  begin(): void {
    this.overflowed = false;
  }

  /** Ends an analysis: a cache it overflowed is emptied. */
  end(): void {
    if (this.overflowed) this.clear();
  }
}

const caches: TextCache<unknown>[] = [];

/** Runs `read`, an analysis, and empties every cache it overflowed. */
export function reading<T>(read: () => T): T {
  for (const c of caches) c.begin();
  try {
    return read();
  } finally {
    for (const c of caches) c.end();
  }
}
