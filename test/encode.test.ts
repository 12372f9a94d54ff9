import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeJson } from '../server/src/encode';

describe('messages written in parts', () => {
  it('are the bytes of JSON.stringify, for any JSON value and long arrays in it', () => {
    const long = fc.array(fc.jsonValue(), { minLength: 65, maxLength: 120 });
    const value = fc.oneof(fc.jsonValue(), long, fc.record({ jsonrpc: fc.constant('2.0'), method: fc.string(), params: fc.record({ uri: fc.string(), diagnostics: long }) }));
    fc.assert(
      fc.property(value, (v) => {
        assert.equal(encodeJson(v).toString('utf8'), JSON.stringify(v));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('write what JSON.stringify writes of undefined, functions, holes, toJSON and non-ASCII text', () => {
    const holes: unknown[] = new Array(70);
    holes[3] = 'é 🎉 – ×';
    const v = {
      a: undefined,
      f: () => 1,
      list: [...holes, undefined, () => 2, new Date(0), { toJSON: () => 'custom' }, { nested: Array.from({ length: 80 }, (_, i) => ({ i, s: `ü${i}`, u: undefined })) }],
      '2': 'integer-like key first',
    };
    const bytes = encodeJson(v);
    assert.equal(bytes.toString('utf8'), JSON.stringify(v));
    assert.equal(bytes.byteLength, Buffer.byteLength(JSON.stringify(v), 'utf8'));
  });
});
