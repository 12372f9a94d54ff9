import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, rules } from '../src/engine';

const ARITHMETIC = new Set(rules.filter((r) => r.meta.category === 'arithmetic').map((r) => r.meta.id));
import { problems, rows, seed, seedsSkip } from './helpers';

describe('reference plans in ../shared/seeds', { skip: seedsSkip }, () => {
  it('000: revenue at 2,500 and 10,000 users disagrees with the stated $10/month ARPU', () => {
    const text = seed('000_7c0a2102dead1249.md');
    const found = problems(text).filter((f) => ARITHMETIC.has(f.rule));
    assert.deepEqual(
      found.map((f) => [f.rule, f.severity, f.message]),
      [
        ['revenue', 'error', 'Revenue $37,500/month does not match 2,500 users × $10/month ARPU = $25,000/month'],
        ['revenue', 'error', 'Revenue $200,000/month does not match 10,000 users × $10/month ARPU = $100,000/month'],
      ],
    );
    assert.deepEqual(rows(text, found).map((r) => r.slice(1)), [
      [290, 11, 24, '$37,500/month'],
      [297, 11, 25, '$200,000/month'],
    ]);
  });

  it('000: the rest of its arithmetic is right and is checked', () => {
    const a = analyze(seed('000_7c0a2102dead1249.md'));
    const rulesChecked = new Set(a.derivations.map((d) => d.rule));
    for (const id of ['downtime', 'totals', 'cost-per-user', 'cost-change', 'revenue', 'gross-margin', 'profit', 'cross-reference']) {
      assert.ok(rulesChecked.has(id), `${id} checked nothing`);
    }
  });

  it('001: the overall score out of 100 cannot fit its 16 items scored out of 10', () => {
    const text = seed('001_3461db778a046460.md');
    const found = problems(text);
    assert.deepEqual(
      found.map((f) => [f.rule, f.message]),
      [['score-total', 'Score total ___/100 cannot fit its 16 items scored out of 10: 16 items × 10 = 160, or 4 group averages × 10 = 40.']],
    );
    assert.deepEqual(rows(text, found).map((r) => r.slice(1)), [[494, 23, 30, '___/100']]);
    // The readiness sheet of 20 items in 5 groups out of 50 fits as 5 group averages × 10.
    assert.equal(found.some((f) => f.message.includes('/50')), false);
  });

  it('002 and 004: no error or warning', () => {
    assert.deepEqual(problems(seed('002_771453326071f4f8.md')).map((f) => f.message), []);
    assert.deepEqual(problems(seed('004_412fce2b80bb92e5.md')).map((f) => f.message), []);
  });
});
