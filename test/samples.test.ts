import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, applyEdits, rules } from '../src/engine';
import { fixAll, problems, rows, sample } from './helpers';

const ARITHMETIC = new Set(rules.filter((r) => r.meta.category === 'arithmetic').map((r) => r.meta.id));

describe('samples/correct-plan.md', () => {
  it('has no findings at all', () => {
    const text = sample('correct-plan.md');
    assert.deepEqual(rows(text, analyze(text).findings), []);
  });

  it('is checked by every arithmetic rule (each rule derives at least one figure)', () => {
    const derived = new Set(analyze(sample('correct-plan.md')).derivations.map((d) => d.rule));
    const unused = [...ARITHMETIC].filter((id) => !derived.has(id) && id !== 'cross-reference');
    assert.deepEqual(unused, []);
  });
});

describe('samples/readiness-worksheet.md', () => {
  it('is filled in, adds up, and has no findings', () => {
    const text = sample('readiness-worksheet.md');
    assert.deepEqual(rows(text, analyze(text).findings), []);
    const checked = new Set(analyze(text).derivations.map((d) => d.rule));
    assert.deepEqual([...checked].sort(), ['explicit-arithmetic', 'score-total', 'shares', 'totals']);
  });
});

describe('samples/planted-errors.md', () => {
  const text = sample('planted-errors.md');
  // The sample plants arithmetic errors; its stage and completeness findings are tested elsewhere.
  const findings = analyze(text).findings.filter((f) => ARITHMETIC.has(f.rule));

  // rule, line, start character, end character, claimed text, replacement text(s) of the first fix
  const expected: [string, number, number, number, string, string][] = [
    ['totals', 31, 9, 19, '$141/month', '$131'],
    ['cost-per-user', 38, 17, 28, '$0.36/month', '$0.32'],
    ['cost-change', 45, 30, 34, '-35%', '-22'],
    ['totals', 53, 26, 32, '$1,688', '$1,668'],
    ['totals', 59, 9, 22, '$60-140/month', '$60|150'],
    ['revenue', 71, 11, 23, '$2,600/month', '$2,160'],
    ['cross-reference', 79, 18, 30, '$1,740/month', '$1,668'],
    ['gross-margin', 81, 16, 19, '64%', '80'],
    ['profit', 82, 10, 23, '-$7,900/month', '-$9,100'],
    ['explicit-arithmetic', 84, 30, 36, '$2,260', '$2,160'],
    ['multiplier', 86, 32, 34, '9x', '6'],
    ['downtime', 92, 41, 51, '52 minutes', '43'],
    ['downtime', 93, 44, 53, '6.5 hours', '4.4'],
    ['shares', 103, 10, 13, '10%', '15'],
    ['score-total', 119, 17, 22, '28/60', '50'],
    ['score-total', 127, 9, 14, '25/30', '23'],
    ['revenue', 136, 11, 24, '$10,600/month', '$9,600'],
    ['explicit-arithmetic', 138, 61, 65, '$320', '$300'],
  ];

  it('finds every planted error on its line and span, and nothing else', () => {
    const got = rows(text, findings).map((r, i) => [...r, findings[i]!.fixes[0]!.edits.map((e) => e.newText).join('|')]);
    assert.deepEqual(got, expected);
  });

  it('covers every arithmetic rule', () => {
    const found = new Set(findings.map((f) => f.rule));
    assert.deepEqual([...ARITHMETIC].filter((id) => !found.has(id)), []);
  });

  it('says the formula and its inputs in each message', () => {
    const byRule = (id: string): string => findings.find((f) => f.rule === id)!.message;
    assert.equal(byRule('revenue'), 'Revenue $2,600/month does not match 1,500 users × 6% × $24 = $2,160/month');
    assert.equal(byRule('gross-margin'), 'Gross margin 64% does not match (8,640 − 1,740) / 8,640 = 79.9%');
    assert.equal(byRule('profit'), 'Profit -$7,900/month does not match 8,640 − 1,740 − 16,000 = −$9,100/month');
    assert.equal(byRule('multiplier'), 'Multiple 9x does not match 270 / 45 = 6x');
    const onLine = (id: string, line: number): string => findings.find((f) => f.rule === id && text.slice(0, f.span.start).split('\n').length === line + 1)!.message;
    assert.equal(onLine('revenue', 136), 'Revenue $10,600/month does not match 800 users × $12/month ARPU = $9,600/month');
    assert.equal(onLine('explicit-arithmetic', 138), 'Result $320 does not match $150 + $90 + $60 = $300');
    // The only revenue on that ARPU: the ARPU may be what is wrong, so both fixes are offered.
    assert.deepEqual(findings.find((f) => f.rule === 'revenue' && f.message.includes('ARPU'))!.fixes.map((x) => x.title), ['Set revenue to $9,600/month', 'Set ARPU to $13.25/month']);
    assert.equal(
      findings.find((f) => f.rule === 'score-total' && f.message.includes('fit'))!.message,
      'Score total 28/60 cannot fit its 5 items scored out of 10: 5 items × 10 = 50, or 2 group averages × 10 = 20.',
    );
  });

  it('each fix writes the computed value and clears its finding', () => {
    for (const f of findings) {
      const fixed = applyEdits(text, f.fixes[0]!.edits);
      const again = analyze(fixed).findings.find((g) => g.rule === f.rule && g.span.start === f.span.start && ARITHMETIC.has(g.rule));
      assert.equal(again, undefined, `${f.rule} at ${f.span.start} still reported after its fix`);
      // The fix touches only the claim's span.
      for (const e of f.fixes[0]!.edits) assert.ok(e.span.start >= f.span.start && e.span.end <= f.span.end);
    }
  });

  it('fix-all reaches a fixed point where the arithmetic rules are silent', () => {
    const { text: fixed, rounds } = fixAll(text);
    assert.ok(rounds <= 10);
    assert.deepEqual(problems(fixed).filter((f) => ARITHMETIC.has(f.rule)).map((f) => f.rule), []);
    assert.equal(fixAll(fixed).text, fixed);
    // Only numbers changed: the same lines, and the same words on each.
    const words = (s: string): string[] => s.split('\n').map((l) => l.replace(/[\d.,]+/g, '#'));
    assert.deepEqual(words(fixed), words(text));
  });
});
