/**
 * Answer keys for the reference plans in ../shared/seeds (skipped when they are absent): the
 * errors each plan has, on their lines (1-based, as the key gives them), and nothing else of
 * error or warning severity; fix-all changes those lines and no other.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, fixAll, problems, rows, seed, seedsSkip } from './helpers';

const SEED_000 = '000_7c0a2102dead1249.md';
const SEED_001 = '001_3461db778a046460.md';
const SEED_002 = '002_771453326071f4f8.md';
const SEED_004 = '004_412fce2b80bb92e5.md';

/** The 1-based lines whose text differs between two versions of a plan with the same line count. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'fix-all changed the number of lines');
  const out: number[] = [];
  a.forEach((line, i) => {
    if (line !== b[i]) out.push(i + 1);
  });
  return out;
}

describe('reference plans in ../shared/seeds', { skip: seedsSkip }, () => {
  it('000: revenue at 2,500 and 10,000 users disagrees with the $10/month ARPU (lines 291 and 298)', () => {
    const text = seed(SEED_000);
    const found = problems(text);
    // [rule, 0-based line, start, end, claimed text]
    assert.deepEqual(rows(text, found), [
      ['revenue', 290, 11, 24, '$37,500/month'],
      ['revenue', 297, 11, 25, '$200,000/month'],
    ]);
    assert.deepEqual(
      found.map((f) => [f.severity, f.message]),
      [
        ['error', 'Revenue $37,500/month does not match 2,500 × 10 = $25,000/month (read as 2,500 users × the ARPU stated on line 274)'],
        ['error', 'Revenue $200,000/month does not match 10,000 × 10 = $100,000/month (read as 10,000 users × the ARPU stated on line 274)'],
      ],
    );
    assert.deepEqual(
      found.map((f) => f.fixes[0]?.title),
      ['Set revenue to $25,000/month', 'Set revenue to $100,000/month'],
    );
  });

  it('000: the rest of its arithmetic is checked and holds', () => {
    const a = analyze(seed(SEED_000));
    const checked = new Set(a.outcomes.map((o) => o.relation.rule));
    for (const id of ['downtime', 'totals', 'cost-per-user', 'cost-change', 'revenue', 'gross-margin', 'profit']) assert.ok(checked.has(id), `${id} checked nothing`);
    const failing = a.outcomes.filter((o) => !o.holds).map((o) => [o.relation.rule, o.relation.target.line + 1]);
    assert.deepEqual(failing, [
      ['revenue', 291],
      ['revenue', 298],
    ]);
  });

  it('000: fix-all rewrites the two revenues and no other line', () => {
    const text = seed(SEED_000);
    const fixed = fixAll(text).text;
    assert.deepEqual(changedLines(text, fixed), [291, 298]);
    const after = fixed.split('\n');
    assert.equal(after[290], '- Revenue: $25,000/month (15% paid)');
    assert.equal(after[297], '- Revenue: $100,000/month (20% paid)');
  });

  it('001: the overall score out of 100 cannot fit its 16 items scored out of 10 (line 495)', () => {
    const text = seed(SEED_001);
    const found = problems(text);
    assert.deepEqual(rows(text, found), [['score-total', 494, 23, 30, '___/100']]);
    assert.deepEqual(
      found.map((f) => [f.severity, f.message]),
      [['error', 'OVERALL SCALING SCORE ___/100 cannot fit its 16 items scored out of 10: 16 items × 10 = 160, or 4 group averages × 10 = 40.']],
    );
    // Its blanks are counted, as hints or information, never as problems.
    const a = analyze(text);
    assert.equal(a.blanks.length, 283);
    assert.ok(a.findings.filter((f) => f.rule === 'blanks').every((f) => f.severity === 'hint' || f.severity === 'information'));
  });

  it('001: fix-all changes no line (a blank total has no value to write)', () => {
    const text = seed(SEED_001);
    assert.deepEqual(changedLines(text, fixAll(text).text), []);
  });

  for (const name of [SEED_002, SEED_004]) {
    it(`${name.slice(0, 3)}: no error or warning, and fix-all changes nothing`, () => {
      const text = seed(name);
      assert.deepEqual(rows(text, problems(text)), []);
      assert.equal(fixAll(text).text, text);
    });
  }
});
