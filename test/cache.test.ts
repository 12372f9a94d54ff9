import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reading, TextCache } from '../src/engine/cache';

describe('line caches', () => {
  it('keep what an analysis put in them for the next one', () => {
    const cache = new TextCache<number>(3);
    reading(() => {
      cache.set('a', 1);
      cache.set('b', 2);
    });
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), 1);
  });

  it('empty when they fill, and let go at the end of an analysis that overflowed them', () => {
    const cache = new TextCache<number>(3);
    let during = -1;
    reading(() => {
      for (const [k, v] of [['a', 1], ['b', 2], ['c', 3], ['d', 4]] as const) cache.set(k, v);
      during = cache.size;
    });
    assert.equal(during, 1);
    assert.equal(cache.size, 0);
    // The next analysis starts afresh: if it fits, what it read is kept.
    reading(() => cache.set('e', 5));
    assert.equal(cache.get('e'), 5);
  });
});
