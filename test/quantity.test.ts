/**
 * The quantity scanner, data-driven: each shape of number a plan writes, and what it reads
 * (kind, value, range, displayed precision, period, unit, approximation, blank), plus
 * `formatNumber` writing a value back the way the document wrote it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatNumber, scanQuantities, show, type NumberFormat, type Quantity } from '../src/engine';
import { precisionOf } from '../src/engine/quantity';

/** What a row asserts; omitted optional fields must be absent, flags default to false. */
interface Read {
  kind: Quantity['kind'];
  value: number;
  high?: number;
  precision: number;
  highPrecision?: number;
  per?: Quantity['per'];
  unit?: Quantity['unit'];
  approx?: boolean;
  blank?: boolean;
  open?: boolean;
  denominator?: number;
  currency?: string;
  bound?: Quantity['bound'];
  /** The quantity's whole text as it stands in the input. */
  raw: string;
}

function read(q: Quantity): Read {
  const r: Read = { kind: q.kind, value: q.value, precision: q.precision, approx: q.approx, blank: q.blank, open: q.open, raw: q.raw };
  if (q.high !== undefined) r.high = q.high;
  if (q.highPrecision !== undefined) r.highPrecision = q.highPrecision;
  if (q.per !== undefined) r.per = q.per;
  if (q.unit !== undefined) r.unit = q.unit;
  if (q.denominator !== undefined) r.denominator = q.denominator;
  if (q.currency !== undefined) r.currency = q.currency;
  if (q.bound !== undefined) r.bound = q.bound;
  return r;
}

const expected = (r: Read): Read => ({ approx: false, blank: false, open: false, ...r });

const B = NaN; // the value and precision of a blank

/** Input text → the one quantity it holds. */
const shapes: [string, Read][] = [
  // money
  ['$1,200', { kind: 'money', value: 1200, precision: 100, currency: '$', raw: '$1,200' }],
  ['$1.2K', { kind: 'money', value: 1200, precision: 100, currency: '$', raw: '$1.2K' }],
  ['$5K-20K/month', { kind: 'money', value: 5000, high: 20000, precision: 1000, highPrecision: 10000, per: 'month', currency: '$', raw: '$5K-20K/month' }],
  ['~$150-600/month', { kind: 'money', value: 150, high: 600, precision: 10, highPrecision: 100, per: 'month', approx: true, currency: '$', raw: '$150-600/month' }],
  ['-$10,380', { kind: 'money', value: -10380, precision: 10, currency: '$', raw: '-$10,380' }],
  ['−$5', { kind: 'money', value: -5, precision: 1, currency: '$', raw: '−$5' }],
  ['$0.46/month', { kind: 'money', value: 0.46, precision: 0.01, per: 'month', currency: '$', raw: '$0.46/month' }],
  ['$4,750', { kind: 'money', value: 4750, precision: 10, currency: '$', raw: '$4,750' }],
  ['$18.99', { kind: 'money', value: 18.99, precision: 0.01, currency: '$', raw: '$18.99' }],
  ['€2.5M/year', { kind: 'money', value: 2_500_000, precision: 100_000, per: 'year', currency: '€', raw: '€2.5M/year' }],
  ['$600/yr', { kind: 'money', value: 600, precision: 100, per: 'year', currency: '$', raw: '$600/yr' }],
  ['$10 monthly', { kind: 'money', value: 10, precision: 10, per: 'month', currency: '$', raw: '$10 monthly' }],
  ['$50 per user', { kind: 'money', value: 50, precision: 10, per: 'user', currency: '$', raw: '$50 per user' }],
  ['$1,200 to $1,500', { kind: 'money', value: 1200, high: 1500, precision: 100, highPrecision: 100, currency: '$', raw: '$1,200 to $1,500' }],
  // counts and users
  ['1K', { kind: 'number', value: 1000, precision: 1000, raw: '1K' }],
  ['2.5K users', { kind: 'users', value: 2500, precision: 100, raw: '2.5K users' }],
  ['1M', { kind: 'number', value: 1_000_000, precision: 1_000_000, raw: '1M' }],
  ['10,000+ users', { kind: 'users', value: 10000, precision: 10000, open: true, raw: '10,000+ users' }],
  ['10,000 users', { kind: 'users', value: 10000, precision: 10000, raw: '10,000 users' }],
  ['100–500 users', { kind: 'users', value: 100, high: 500, precision: 100, highPrecision: 100, raw: '100–500 users' }],
  ['(5000-20000 users)', { kind: 'users', value: 5000, high: 20000, precision: 1000, highPrecision: 10000, raw: '5000-20000 users' }],
  ['(200K-1M users)', { kind: 'users', value: 200_000, high: 1_000_000, precision: 100_000, highPrecision: 1_000_000, raw: '200K-1M users' }],
  ['< 10K users', { kind: 'users', value: 10000, precision: 10000, bound: '<', raw: '10K users' }],
  // percentages: exact to their last digit, trailing zeros included
  ['99.95%', { kind: 'percent', value: 99.95, precision: 0.01, raw: '99.95%' }],
  ['(-37%)', { kind: 'percent', value: -37, precision: 1, raw: '-37%' }],
  ['+12%', { kind: 'percent', value: 12, precision: 1, raw: '12%' }],
  ['30%', { kind: 'percent', value: 30, precision: 1, raw: '30%' }],
  ['>99.9%', { kind: 'percent', value: 99.9, precision: 0.1, bound: '>', raw: '99.9%' }],
  // durations
  ['7.2 hours', { kind: 'duration', value: 7.2, precision: 0.1, unit: 'hour', raw: '7.2 hours' }],
  ['43 minutes', { kind: 'duration', value: 43, precision: 1, unit: 'minute', raw: '43 minutes' }],
  ['about 40 minutes', { kind: 'duration', value: 40, precision: 10, unit: 'minute', approx: true, raw: '40 minutes' }],
  ['<200ms', { kind: 'duration', value: 200, precision: 100, unit: 'ms', bound: '<', raw: '200ms' }],
  ['2h', { kind: 'duration', value: 2, precision: 1, unit: 'hour', raw: '2h' }],
  ['3-6 months', { kind: 'duration', value: 3, high: 6, precision: 1, highPrecision: 1, unit: 'month', raw: '3-6 months' }],
  ['Months 4-6', { kind: 'number', value: 4, high: 6, precision: 1, highPrecision: 1, raw: '4-6' }],
  // multiples, ratios, scores
  ['6x', { kind: 'multiplier', value: 6, precision: 1, raw: '6x' }],
  ['3.5x', { kind: 'multiplier', value: 3.5, precision: 0.1, raw: '3.5x' }],
  ['5:1', { kind: 'ratio', value: 5, precision: 1, denominator: 1, raw: '5:1' }],
  ['1.5:1', { kind: 'ratio', value: 1.5, precision: 0.1, denominator: 1, raw: '1.5:1' }],
  ['7/10', { kind: 'score', value: 7, precision: 1, denominator: 10, raw: '7/10' }],
  ['___/10', { kind: 'score', value: B, precision: B, blank: true, denominator: 10, raw: '___/10' }],
  ['___/50', { kind: 'score', value: B, precision: B, blank: true, denominator: 50, raw: '___/50' }],
  // blanks
  ['___', { kind: 'number', value: B, precision: B, blank: true, raw: '___' }],
  ['________________', { kind: 'number', value: B, precision: B, blank: true, raw: '________________' }],
  ['$___/month', { kind: 'money', value: B, precision: B, blank: true, per: 'month', currency: '$', raw: '$___/month' }],
  ['___%', { kind: 'percent', value: B, precision: B, blank: true, raw: '___%' }],
  ['____%', { kind: 'percent', value: B, precision: B, blank: true, raw: '____%' }],
  ['$_____', { kind: 'money', value: B, precision: B, blank: true, currency: '$', raw: '$_____' }],
  ['| $_____ |', { kind: 'money', value: B, precision: B, blank: true, currency: '$', raw: '$_____' }],
  ['Month ___', { kind: 'number', value: B, precision: B, blank: true, raw: '___' }],
];

/** Text that holds no quantity at all. */
const none = ['v1.2.3', 'Q3', 'H2O', 'COVID-19', 'abc123', 'x_1', 'a__b', '__bold__', 'user_id', 'p95', '$', '%', '', '—', 'x'];

describe('scanQuantities', () => {
  for (const [input, want] of shapes) {
    it(`reads ${JSON.stringify(input)}`, () => {
      const qs = scanQuantities(input);
      assert.equal(qs.length, 1, `one quantity in ${JSON.stringify(input)}: ${qs.map((q) => q.raw).join(', ')}`);
      const q = qs[0]!;
      assert.deepEqual(read(q), expected(want));
      assert.equal(input.slice(q.span.start, q.span.end), want.raw, 'span');
      // The number span lies inside the quantity's span and holds its digits (or blank).
      assert.ok(q.span.start <= q.numberSpan.start && q.numberSpan.end <= q.span.end);
      assert.match(input.slice(q.numberSpan.start, q.numberSpan.end), /^(?:[\d.,]+[KkMmBb]?|_{3,})$/);
    });
  }

  for (const input of none) {
    it(`reads nothing in ${JSON.stringify(input)}`, () => assert.deepEqual(scanQuantities(input), []));
  }

  it('reads every quantity of a line in order, with offsets shifted by base', () => {
    const line = 'Stage 2: Early Traction (100-500 users), $200-500/month, 99.9% uptime';
    const qs = scanQuantities(line, 1000);
    assert.deepEqual(
      qs.map((q) => [q.kind, line.slice(q.span.start - 1000, q.span.end - 1000)]),
      [
        ['number', '2'],
        ['users', '100-500 users'],
        ['money', '$200-500/month'],
        ['percent', '99.9%'],
      ],
    );
  });

  it('reads a descending hyphenated pair as arithmetic, not a range', () => {
    assert.deepEqual(scanQuantities('20 - 10 = 10').map((q) => q.value), [20, 10, 10]);
    assert.deepEqual(scanQuantities('20-10').map((q) => [q.value, q.high]), [[20, undefined]]);
  });

  it('reads a range with the suffix on its high end only as scaled', () => {
    const [q] = scanQuantities('5-20K users');
    assert.equal(q?.value, 5000);
    assert.equal(q?.high, 20000);
    assert.equal(q?.precision, 1000);
    assert.equal(formatNumber(2000, q!.format), '2');
  });
});

describe('precisionOf', () => {
  const rows: [digits: string, scale: number, precision: number][] = [
    ['4,750', 1, 10],
    ['20,000', 1, 10000],
    ['100', 1, 100],
    ['43', 1, 1],
    ['0', 1, 1],
    ['7.2', 1, 0.1],
    ['7.20', 1, 0.01],
    ['1.2', 1000, 100],
    ['5', 1000, 1000],
    ['10', 1_000_000, 10_000_000],
  ];
  for (const [digits, scale, precision] of rows) {
    it(`${digits} × ${scale} is displayed to ${precision}`, () => assert.ok(Math.abs(precisionOf(digits, scale) - precision) < precision * 1e-9));
  }
});

describe('formatNumber', () => {
  /** Each written number, read and written back, is the text it was read from. */
  const roundTrips = ['$1,200', '$1.2K', '$5K', '-$10,380', '−$5', '$0.46', '$18.99', '2.5K users', '1M', '10,000 users', '99.95%', '-37%', '7.2 hours', '6x', '$1,200.50', '$12,345,678', '€2.5M', '$950', '$1500'];
  for (const input of roundTrips) {
    it(`writes ${JSON.stringify(input)} back as written`, () => {
      const [q] = scanQuantities(input);
      assert.ok(q);
      const written = formatNumber(q.value, q.format);
      const start = q.numberSpan.start - (q.format.minus ? q.format.minus.length + (q.currency?.length ?? 0) : 0);
      const original = input.slice(start, q.numberSpan.end).replace(q.currency ?? '\u0000', '');
      assert.equal(written, original);
    });
  }

  const fmt = (over: Partial<NumberFormat>): NumberFormat => ({ decimals: 0, grouping: true, suffix: '', scale: 1, minus: '', ...over });
  const rows: [number, Partial<NumberFormat>, string][] = [
    [4747.5, {}, '4,748'],
    [1234567.891, { decimals: 2 }, '1,234,567.89'],
    [1234, { grouping: false }, '1234'],
    [2400, { suffix: 'K', scale: 1000, decimals: 1 }, '2.4K'],
    [-4400, { minus: '−' }, '−4,400'],
    [-4400, {}, '-4,400'],
    [-0.001, { decimals: 2, minus: '-' }, '0.00'],
    [0.76, { decimals: 2 }, '0.76'],
  ];
  for (const [value, over, text] of rows) {
    it(`writes ${value} with ${JSON.stringify(over)} as ${text}`, () => assert.equal(formatNumber(value, fmt(over)), text));
  }

  it('round-trips any amount through the scanner at its own precision', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(['', 1], ['K', 1e3], ['M', 1e6]),
        fc.boolean(),
        (cents, decimals, [suffix, scale], negative) => {
          const value = ((negative ? -1 : 1) * cents) / 100;
          const format = fmt({ decimals, suffix: suffix as string, scale: scale as number, minus: negative ? '-' : '' });
          const text = formatNumber(value, format);
          const [q] = scanQuantities(`$${text.replace(/^-/, '')}`);
          assert.ok(q, text);
          const shown = Number(text.replace(/[-,KM]/g, ''));
          assert.ok(Math.abs(q.value - shown * (scale as number)) <= Math.abs(q.value) * 1e-12 + 1e-9, `${text} read as ${q.value}`);
          assert.equal(q.format.decimals, decimals);
          assert.equal(q.format.suffix, suffix);
          assert.equal(formatNumber(q.value, q.format), text.replace(/^-/, ''));
        },
      ),
      { numRuns: 500, seed: 20240611 },
    );
  });
});

describe('show', () => {
  const rows: [number, number | undefined, string][] = [
    [4400, undefined, '4,400'],
    [-4400, undefined, '−4,400'],
    [43.2, undefined, '43.2'],
    [1.5, 2, '1.5'],
    [0.456, 2, '0.46'],
    [1234567, 0, '1,234,567'],
    [Infinity, undefined, 'Infinity'],
  ];
  for (const [value, decimals, text] of rows) it(`shows ${value} as ${text}`, () => assert.equal(show(value, decimals), text));
});
