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

  it('weigh entries when told how: an entry heavier than the limit is not kept, and the weight held empties it', () => {
    const cache = new TextCache<number>(10, (key) => key.length);
    reading(() => {
      cache.set('abcdefghijk', 1);
      cache.set('abcd', 2);
      cache.set('efgh', 3);
    });
    assert.equal(cache.get('abcdefghijk'), undefined);
    assert.equal(cache.size, 2);
    reading(() => cache.set('ijkl', 4));
    assert.equal(cache.size, 0);
  });
});
