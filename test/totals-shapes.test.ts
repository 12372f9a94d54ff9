/**
 * Totals in the shapes plans written elsewhere use (test/fixtures/shapes/c-*.md): the grand total
 * of a code dictionary of categories, arithmetic assigned in code, a figure and the list that
 * details it, products written without their result, totals over period blocks, running-total
 * columns, and headline figures against their section's Total row. For each, the exact findings
 * (rule, 0-based line, UTF-16 character range, claimed text, message, fix titles) and the text
 * fix-all writes; each has a plan of the same shape whose figures are right, with no finding.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { positionAt } from '../src/engine';
import { analyze, fixAll, fixture } from './helpers';

/** A fixture with its `<!-- wrong: … -->` markers blanked (same length: offsets stay). */
function load(name: string): string {
  return fixture(join('shapes', name))
    .split('\n')
    .map((l) => l.replace(/\s*<!--\s*wrong(?::[^>]*)?-->/, (m) => ' '.repeat(m.length)))
    .join('\n');
}

type Found = [string, number, number, number, string, string, string[]];

function found(text: string): Found[] {
  const a = analyze(text);
  const starts = a.model!.outline.lineStarts;
  return a.findings
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => {
      const s = positionAt(starts, f.span.start);
      const e = positionAt(starts, f.span.end);
      return [f.rule, s.line, s.character, e.character, text.slice(f.span.start, f.span.end), f.message, f.fixes.map((x) => x.title)];
    });
}

/** The lines fix-all changes: [0-based line, before, after] (trimmed). */
function fixedLines(text: string): [number, string, string][] {
  const after = fixAll(text).text.split('\n');
  const before = text.split('\n');
  assert.equal(after.length, before.length);
  return before.flatMap((l, i) => (l === after[i] ? [] : [[i, l.trim(), after[i]!.trim()] as [number, string, string]]));
}

const cases: { name: string; ok: string; expect: Found[]; fixed: [number, string, string][] }[] = [
  {
    name: 'c-code-dict-grand-total.md',
    ok: 'c-code-dict-grand-total-ok.md',
    expect: [
      ['totals', 35, 21, 29, '1_019.00', 'pilot_base_monthly 1_019.00 does not match 350.50 + 207.50 + 19.00 + 42.00 = 619', ['Change to 619.00']],
      ['explicit-arithmetic', 43, 34, 37, '190', 'Result 190 does not match 120 + 45 + 15 = 180', ['Change to 180']],
    ],
    fixed: [
      [35, 'pilot_base_monthly = 1_019.00', 'pilot_base_monthly = 619.00'],
      [43, 'object_storage = 120 + 45 + 15  # 190', 'object_storage = 120 + 45 + 15  # 180'],
    ],
  },
  {
    name: 'c-detail-list-and-products.md',
    ok: 'c-detail-list-and-products.md',
    expect: [
      // An item is `~`: the sum is not certain to the pound, so no fix.
      ['totals', 9, 29, 35, '£1,940', 'Usage-based platform £1,940 does not match 1,600 + 360 + 30 = £1,990/month (read as the sum of the list “Detailed usage-based costs”)', []],
      ['totals', 22, 14, 21, '£10,200', 'Total team £10,200 does not match 3 × 2,100 + 2 × 1,800 = £9,900', ['Change to £9,900']],
    ],
    fixed: [[22, '- Total team: £10,200', '- Total team: £9,900']],
  },
  {
    name: 'c-period-blocks-resumen.md',
    ok: 'c-period-blocks-year-ok.md',
    expect: [
      // `47.500` could read as 47.5 in a plan with no decimal comma to tell: no fix.
      ['totals', 26, 20, 28, '47.500 €', 'Total publicidad 47.500 € does not match 8.000 × 3 months + 3.500 × 5 months + 1.000 × 4 months = 45.500 € (read as each period’s monthly publicidad times its months)', []],
      ['totals', 27, 35, 43, '68.400 €', 'Total comisión de la plataforma 68.400 € does not match 1.800 × 3 months + 4.500 × 5 months + 8.250 × 4 months = 60.900 € (read as each period’s monthly comisión de la plataforma times its months)', []],
    ],
    fixed: [],
  },
  {
    name: 'c-fr-cumul-annee.md',
    ok: 'c-de-kumuliert-ok.md',
    expect: [
      // Two readings (the last running figure, each rate times its months): no fix.
      ['totals', 25, 28, 37, '1 673,40€', 'TOTAL ANNÉE 1 Coût cumulé 1 673,40€ does not match 169,00 + 121,40 × 11 months = 1\u00a0504,40 € (read as each row’s monthly cost times its months)', []],
      // The saving below it was the difference of the totals as written: it is recomputed from the rows.
      ['totals', 26, 23, 31, '-354,60€', 'ÉCONOMIE -354,60€ does not match 169,00 + 121,40 × 11 months − 2 028,00 = −523,60 € (read as this table’s total from its rows, less the total above)', []],
      ['totals', 34, 24, 30, '13,00€', 'Total options Prix 13,00€ does not match 2 × 3,50 + 4 × 1,25 = 12,00 €', ['Change to 12,00€']],
    ],
    fixed: [[34, '| **Total options** | **13,00€** |', '| **Total options** | **12,00€** |']],
  },
  {
    name: 'c-headline-section-total.md',
    ok: 'c-headline-section-total-ok.md',
    expect: [['totals', 5, 13, 31, '₹4,100-6,900/month', '500 users ₹4,100-6,900/month does not match 4,100 … 6,400 = ₹4,100/month–₹6,400/month (read as the Total row of “500 Users: Total Monthly Cost”)', []]],
    fixed: [],
  },
];

describe('totals in the shapes of plans written elsewhere', () => {
  for (const c of cases) {
    it(`${c.name}: the exact findings and what fix-all writes`, () => {
      const text = load(c.name);
      assert.deepEqual(found(text), c.expect);
      assert.deepEqual(fixedLines(text), c.fixed);
    });
    if (c.ok !== c.name) {
      it(`${c.ok}: the same shape with right figures has no finding`, () => {
        const text = load(c.ok);
        assert.deepEqual(found(text), []);
        assert.deepEqual(fixedLines(text), []);
      });
    }
  }

  it('the same shape with right figures: the second phase of c-detail-list-and-products.md has no finding', () => {
    const text = load('c-detail-list-and-products.md');
    assert.ok(found(text).every((f) => f[1] < 25));
  });

  it('a code dictionary whose categories cannot all be read is not totalled', () => {
    // `misc` has two amounts and no total: which one it adds is not known.
    const text = '```python\ncosts = {\n    "web": {"total": 10.00},\n    "db": {"total": 20.00},\n    "misc": {"dns_cost": 1.00, "mail_cost": 2.00},\n}\ncosts_monthly = 99.00\n```\n';
    assert.deepEqual(found(text), []);
  });

  it('a total in a code block named for a peak, a year or savings is not the dictionary’s sum', () => {
    const text = '```python\ncosts = {\n    "web": {"total_base": 10.00, "total_peak": 30.00},\n    "db": {"total": 20.00},\n    "cdn": {"total": 5.00},\n}\ncosts_monthly = 35.00\ncosts_peak_monthly = 80.00\ncosts_annual = 999.00\nmonthly_savings = 3.00\n```\n';
    assert.deepEqual(found(text), []);
    // The name says neither base nor peak: either sum may be meant (35 or 55), and no fix.
    assert.deepEqual(found(text.replace('costs_monthly = 35.00', 'costs_monthly = 55.00')), []);
    const wrong = text.replace('costs_monthly = 35.00', 'costs_monthly = 60.00');
    assert.deepEqual(found(wrong), [['totals', 6, 16, 21, '60.00', 'costs_monthly 60.00 does not match 10.00 + 20.00 + 5.00 = 35', []]]);
    const base = text.replace('costs_monthly = 35.00', 'costs_base_monthly = 55.00');
    assert.deepEqual(found(base), [['totals', 6, 21, 26, '55.00', 'costs_base_monthly 55.00 does not match 10.00 + 20.00 + 5.00 = 35', ['Change to 35.00']]]);
  });

  it('arithmetic on names in code: the names stand for the figures assigned above, once', () => {
    const text = '```python\nweb = 40.00\ndb = 25.50\nweb = 45.00\ntotal = web + db  # 65.50\nsum2 = db * 2\n# => 51.00\n```\n';
    // `web` is assigned twice: the first line is not checked; `db * 2` is, with its result on the next line.
    assert.deepEqual(found(text), []);
    const wrong = text.replace('# => 51.00', '# => 52.00');
    assert.deepEqual(found(wrong), [['explicit-arithmetic', 6, 5, 10, '52.00', 'Result of sum2 52.00 does not match 25.50 × 2 = 51', ['Change to 51.00']]]);
  });

  it('a code dictionary of options side by side has no grand total', () => {
    const text = '```python\nhosting_options = {\n    "vps": {"total": 40.00},\n    "paas": {"total": 95.00},\n    "serverless": {"total": 60.00},\n}\nhosting_options_monthly = 60.00\n```\n';
    assert.deepEqual(found(text), []);
  });

  it('a detail list that says it lists some of the parts is not their sum', () => {
    const row = '| Bucket | Cost |\n|---|---|\n| Fixed | $300 |\n| Usage-based | $1,150 |\n\n';
    const partial = `${row}**Usage-based breakdown (main items):**\n- Payments: $700\n- Video: $400\n`;
    assert.deepEqual(found(partial), []);
    const whole = `${row}**Usage-based breakdown:**\n- Payments: $700\n- Video: $400\n`;
    assert.deepEqual(found(whole), [['totals', 3, 16, 22, '$1,150', 'Usage-based $1,150 does not match 700 + 400 = $1,100 (read as the sum of the list “Usage-based breakdown”)', ['Change to $1,100']]]);
  });

  it('a comment of words on the next line is no result', () => {
    const text = '```python\nrps = 120 + 80\n# 150 requests per second at peak\n```\n';
    assert.deepEqual(found(text), []);
  });
});
