/**
 * Formulas written for messages (src/engine/formula.ts `render`): every operand is written so
 * that the formula reads as it evaluates. A sum or difference on the right of `−`, and a product
 * or quotient on the right of `/`, are in parentheses (`a / (b × c)`, `a − (b − c)`); where the
 * order of operations already gives the value, no parentheses are added. Money in messages
 * (src/engine/format.ts `show`) shows whole cents when it shows any; a block's users are one
 * number (`500 users`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { add, constant, div, evaluate, mul, render, sub, type Expr } from '../src/engine/formula';
import { DEFAULT_MESSAGE_STYLE, show } from '../src/engine/format';
import { usersText } from '../src/engine/features';
import type { Claim } from '../src/engine/model';
import type { Unit } from '../src/engine/types';
import { analyze } from './helpers';

/** A constant written as its own figure. */
const n = (v: number): Expr => constant(v, v.toLocaleString('en-US'));
const scale = (a: Expr, factor: number, why: string): Expr => ({ op: 'scale', a, factor, why });
const neg = (a: Expr): Expr => ({ op: 'neg', a });
const write = (e: Expr): string => render(e, '');

/** Evaluates a rendered formula as arithmetic (× and / before + and −, left to right). */
function calc(s: string): number {
  const js = s.replace(/×/g, '*').replace(/−/g, '-').replace(/,/g, '').replace(/(\d)%/g, '($1/100)');
  return Function(`"use strict"; return (${js});`)() as number;
}

describe('render: parentheses', () => {
  const cases: [string, Expr, string][] = [
    ['a margin: the revenue it divides by, a product, in parentheses', scale(div(sub(mul([n(250), n(14)]), n(144)), mul([n(250), n(14)])), 100, '100'), '(250 × 14 − 144) / (250 × 14) × 100'],
    ['a quotient on the right of a division', div(n(12), div(n(6), n(3))), '12 / (6 / 3)'],
    ['a scaled figure on the right of a division', div(n(1200), scale(n(10), 12, '12')), '1,200 / (10 × 12)'],
    ['a scale with no reason shown is its operand', div(n(1200), scale(n(10), 60, '')), '1,200 / 10'],
    ['a sum on the right of a division', div(n(10), add([n(2), n(3)])), '10 / (2 + 3)'],
    ['a difference on the right of a difference', sub(n(10), sub(n(4), n(1))), '10 − (4 − 1)'],
    ['a sum on the right of a difference', sub(n(10), add([n(4), n(1)])), '10 − (4 + 1)'],
    ['a product on the right of a difference needs none', sub(n(10), mul([n(4), n(2)])), '10 − 4 × 2'],
    ['a quotient on the left of a division needs none', div(div(n(12), n(6)), n(2)), '12 / 6 / 2'],
    ['a product on the left of a division needs none', div(mul([n(12), n(6)]), n(2)), '12 × 6 / 2'],
    ['a difference on the left of a difference needs none', sub(sub(n(10), n(4)), n(1)), '10 − 4 − 1'],
    ['a difference in a sum', add([n(1), sub(n(10), n(4))]), '1 + (10 − 4)'],
    ['sums in a product', mul([add([n(1), n(2)]), add([n(3), n(4)])]), '(1 + 2) × (3 + 4)'],
    ['a quotient in a product', mul([n(2), div(n(9), n(3))]), '2 × 9 / 3'],
    ['a negated sum', neg(add([n(1), n(2)])), '−(1 + 2)'],
    ['a change on the right of a division', div(n(50), { op: 'change', from: n(4), to: n(5) }), '50 / ((5 − 4) / 4)'],
    ['a change from a sum', { op: 'change', from: add([n(1), n(3)]), to: n(5) }, '(5 − (1 + 3)) / (1 + 3)'],
  ];
  for (const [name, e, want] of cases) {
    it(name, () => {
      const got = write(e);
      assert.equal(got, want);
      // What is written evaluates to the formula's value (but for a unit change written as
      // nothing, and a change, whose value is in percent).
      const v = evaluate(e, { end: 'low', alt: false })!.v;
      if (!/"why":""|"change"/.test(JSON.stringify(e))) assert.ok(Math.abs(calc(got) - v) < 1e-9, `${got} = ${calc(got)}, not ${v}`);
    });
  }
});

describe('render: a plan\'s figures as written', () => {
  it('writes each claim as the document writes it, and a margin with its divisor in parentheses', () => {
    const text = '## Costs at 250 users\n\n- Price: $14/user/month\n- Costs: $144/month\n';
    const claims = analyze(text).model!.rows.flatMap((r) => r.claims);
    const find = (written: string): Claim => claims.find((c) => text.slice(c.q.numberSpan.start, c.q.numberSpan.end) === written)!;
    const users: Expr = { op: 'claim', claim: find('250') };
    const price: Expr = { op: 'claim', claim: find('14') };
    const revenue = mul([users, price]);
    assert.equal(render(scale(div(sub(revenue, { op: 'claim', claim: find('144') }), revenue), 100, '100%'), text), '(250 × 14 − 144) / (250 × 14) × 100%');
  });
});

describe('show: money in messages', () => {
  const usd: Unit = { dim: 'money', currency: '$', per: 'month' };
  const cases: [string, string, string][] = [
    ['cents shown in full', show(0.8, usd), '$0.80/month'],
    ['cents of a larger amount', show(1234.5, usd), '$1,234.50/month'],
    ['a whole amount without cents', show(80, usd), '$80/month'],
    ['a negative amount', show(-0.5, usd), '−$0.50/month'],
    ['a fraction of a cent keeps its digits', show(0.004, usd), '$0.004/month'],
    ['the decimals of the figure it is compared with', show(1, usd, undefined, 2, 2), '$1.00/month'],
    ['in the document\'s separators', show(0.8, { dim: 'money', currency: 'EUR' }, { decimal: ',', group: '.', indian: false }), '0,80 €'],
  ];
  for (const [name, got, want] of cases) it(name, () => assert.equal(got, want));

  it('a finding says the computed cost per user in the cents its figure is written in', () => {
    const found = (text: string): string => analyze(text).findings.find((f) => f.rule === 'cost-per-user')!.message;
    const block = (stated: string): string => `# Costs\n\n\`\`\`\n100 users:\n- Hosting: $50/month\n- Database: $50/month\n- Total: $100/month\n- Cost per user: ${stated}/month\n\`\`\`\n`;
    assert.match(found(block('$0.90')), / = \$1\.00\/month /);
    assert.match(found(block('$2')), / = \$1\/month /);
  });
});

describe('usersText: users in the projection view and the report', () => {
  it('a range, an open range, and the one number of users a block is at', () => {
    assert.equal(usersText({ low: 100, high: 1000, open: false }, DEFAULT_MESSAGE_STYLE), '100–1,000 users');
    assert.equal(usersText({ low: 10000, open: true }, DEFAULT_MESSAGE_STYLE), '10,000+ users');
    assert.equal(usersText({ low: 500, high: 500, open: false }, DEFAULT_MESSAGE_STYLE), '500 users');
  });
});
