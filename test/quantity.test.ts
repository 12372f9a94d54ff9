/**
 * How numbers are read into claims: each dimension (money in many currencies, periods and
 * per-entity rates, data sizes, counts, percentages, durations, multiples, ratios, scores) and
 * each way of writing a number (grouping, decimal commas, scale words, ranges), read through the
 * plan service as a document of one line, with the exact text, value, unit and precision of the
 * claim. Units the context adds (a label, a column header, a heading) and UTF-16 positions after
 * non-ASCII text are read the same way; the scanner itself is checked for its offsets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { positionAt, type Claim, type Quantity, type Unit } from '../src/engine';
import { inferConvention, readQuantities } from '../src/engine/numbers';
import { analyze } from './helpers';

/** What a test says of a claim; flags and optional values absent here must be absent on the claim. */
interface Read {
  /** The claim's whole text. */
  text: string;
  /** The text of its (first) number, scale word included. */
  number: string;
  low: number;
  high?: number;
  unit: Unit;
  precision: number;
  significance?: number;
  highPrecision?: number;
  lowAlt?: number;
  highAlt?: number;
  denominator?: number;
  approx?: true;
  open?: true;
  blank?: true;
  compound?: true;
  ordinal?: true;
  bound?: Quantity['bound'];
  minus?: string;
  periodFrom?: Claim['periodFrom'];
}

/** The reading of a claim in the shape of `want`: `significance` only when the test states it. */
function readingOf(text: string, c: Claim, want: Read): Read {
  const q = c.q;
  const r: Read = { text: text.slice(q.span.start, q.span.end), number: text.slice(q.numberSpan.start, q.numberSpan.end), low: q.low, unit: c.unit, precision: q.precision };
  if (q.high !== undefined) r.high = q.high;
  if (want.significance !== undefined) r.significance = q.significance;
  if (want.highPrecision !== undefined) r.highPrecision = q.highPrecision;
  if (q.lowAlt !== undefined) r.lowAlt = q.lowAlt;
  if (q.highAlt !== undefined) r.highAlt = q.highAlt;
  if (q.denominator !== undefined) r.denominator = q.denominator;
  if (q.approx) r.approx = true;
  if (q.open) r.open = true;
  if (q.blank) r.blank = true;
  if (q.compound) r.compound = true;
  if (q.ordinal) r.ordinal = true;
  if (q.bound) r.bound = q.bound;
  if (q.minus) r.minus = q.minus;
  if (c.periodFrom) r.periodFrom = c.periodFrom;
  return r;
}

/** Claims of a document, as the plan service reads them. */
function claims(text: string): Claim[] {
  const model = analyze(text).model;
  assert.ok(model, 'the document is analysed');
  return model.claims;
}

/** Checks that `line`, alone in a document, states exactly one claim, read as `want`. */
function readsAs(line: string, want: Read): void {
  const cs = claims(line);
  assert.equal(cs.length, 1, `one claim in ${JSON.stringify(line)}: ${cs.map((c) => JSON.stringify(line.slice(c.q.span.start, c.q.span.end))).join(', ')}`);
  assert.deepEqual(readingOf(line, cs[0]!, want), want);
}

const USD: Unit = { dim: 'money', currency: '$' };
const money = (currency: string, more: Partial<Unit> = {}): Unit => ({ dim: 'money', currency, ...more });
/** The value and precision of a template blank. */
const BLANK = NaN;

/** One line → the one claim it states. */
type Row = [line: string, want: Read, todo?: string];

const currencies: Row[] = [
  ['$1,200', { text: '$1,200', number: '1,200', low: 1200, unit: USD, precision: 1, significance: 100 }],
  ['US$5', { text: 'US$5', number: '5', low: 5, unit: money('USD'), precision: 1 }],
  ['US$ 1,500.50', { text: 'US$ 1,500.50', number: '1,500.50', low: 1500.5, unit: money('USD'), precision: 0.01 }],
  ['€50', { text: '€50', number: '50', low: 50, unit: money('EUR'), precision: 1, significance: 10 }],
  ['50 €', { text: '50 €', number: '50', low: 50, unit: money('EUR'), precision: 1 }],
  ['50€', { text: '50€', number: '50', low: 50, unit: money('EUR'), precision: 1 }],
  ['£30', { text: '£30', number: '30', low: 30, unit: money('GBP'), precision: 1 }],
  ['₹1,00,000', { text: '₹1,00,000', number: '1,00,000', low: 100000, unit: money('INR'), precision: 1, significance: 100000 }],
  ['₹86.4L', { text: '₹86.4L', number: '86.4L', low: 8_640_000, unit: money('INR'), precision: 10000 }],
  ['₹2 lakh', { text: '₹2 lakh', number: '2 lakh', low: 200_000, unit: money('INR'), precision: 100_000 }],
  ['Rs. 5,000', { text: 'Rs. 5,000', number: '5,000', low: 5000, unit: money('INR'), precision: 1 }],
  ['R 500', { text: 'R 500', number: '500', low: 500, unit: money('ZAR'), precision: 1 }],
  ['R$ 1.500,00', { text: 'R$ 1.500,00', number: '1.500,00', low: 1500, unit: money('BRL'), precision: 0.01 }],
  ['R$1,500', { text: 'R$1,500', number: '1,500', low: 1500, unit: money('BRL'), precision: 1 }],
  ['USD 200', { text: 'USD 200', number: '200', low: 200, unit: money('USD'), precision: 1 }],
  ['200 USD', { text: '200 USD', number: '200', low: 200, unit: money('USD'), precision: 1 }],
  ['¥5,000', { text: '¥5,000', number: '5,000', low: 5000, unit: money('JPY'), precision: 1 }],
  ['$12 USD/year', { text: '$12 USD/year', number: '12', low: 12, unit: { ...USD, per: 'year' }, precision: 1, periodFrom: 'own' }],
  ['Net: -$10,380', { text: '-$10,380', number: '10,380', low: -10380, unit: USD, precision: 1, significance: 10, minus: '-' }],
  ['- -$500 refunds', { text: '-$500', number: '500', low: -500, unit: USD, precision: 1, minus: '-' }],
  // A paragraph that starts with a negative figure: the minus is a sign, not a list or tree marker.
  ['-$10,380 net burn', { text: '-$10,380', number: '10,380', low: -10380, unit: USD, precision: 1, significance: 10, minus: '-' }, 'a line that starts with `-` followed by a figure loses the sign: model.ts MARKERS strips `-` as tree drawing'],
  ['−$5', { text: '−$5', number: '5', low: -5, unit: USD, precision: 1, minus: '−' }],
];

const periods: Row[] = [
  ['$5/mo', { text: '$5/mo', number: '5', low: 5, unit: { ...USD, per: 'month' }, precision: 1, periodFrom: 'own' }],
  ['$5 per month', { text: '$5 per month', number: '5', low: 5, unit: { ...USD, per: 'month' }, precision: 1, periodFrom: 'own' }],
  ['$10 monthly', { text: '$10 monthly', number: '10', low: 10, unit: { ...USD, per: 'month' }, precision: 1, periodFrom: 'own' }],
  ['$60 annual', { text: '$60 annual', number: '60', low: 60, unit: { ...USD, per: 'year' }, precision: 1, periodFrom: 'own' }],
  ['$600/yr', { text: '$600/yr', number: '600', low: 600, unit: { ...USD, per: 'year' }, precision: 1, periodFrom: 'own' }],
  ['€2.5M/year', { text: '€2.5M/year', number: '2.5M', low: 2_500_000, unit: money('EUR', { per: 'year' }), precision: 100_000, periodFrom: 'own' }],
  ['1.234,56 € pro Monat', { text: '1.234,56 € pro Monat', number: '1.234,56', low: 1234.56, unit: money('EUR', { per: 'month' }), precision: 0.01, periodFrom: 'own' }],
  ['$0.46/month', { text: '$0.46/month', number: '0.46', low: 0.46, unit: { ...USD, per: 'month' }, precision: 0.01, periodFrom: 'own' }],
];

const perEntity: Row[] = [
  ['$2 per user', { text: '$2 per user', number: '2', low: 2, unit: { ...USD, perEntity: 'user' }, precision: 1 }],
  ['$3/seat', { text: '$3/seat', number: '3', low: 3, unit: { ...USD, perEntity: 'seat' }, precision: 1 }],
  ['$0.001 per request', { text: '$0.001 per request', number: '0.001', low: 0.001, unit: { ...USD, perEntity: 'request' }, precision: 0.001 }],
  ['$0.15/M', { text: '$0.15/M', number: '0.15', low: 0.15, unit: { ...USD, perEntity: 'unit', perScale: 1e6 }, precision: 0.01 }],
  ['$0.15 per million requests', { text: '$0.15 per million requests', number: '0.15', low: 0.15, unit: { ...USD, perEntity: 'request', perScale: 1e6 }, precision: 0.01 }],
  ['$0.50 per 1K requests', { text: '$0.50 per 1K requests', number: '0.50', low: 0.5, unit: { ...USD, perEntity: 'request', perScale: 1000 }, precision: 0.01 }],
  ['$2 per 1,000 requests', { text: '$2 per 1,000 requests', number: '2', low: 2, unit: { ...USD, perEntity: 'request', perScale: 1000 }, precision: 1 }],
  ['$20/user/month', { text: '$20/user/month', number: '20', low: 20, unit: { ...USD, perEntity: 'user', per: 'month' }, precision: 1, periodFrom: 'own' }],
  ['$50 per user per month', { text: '$50 per user per month', number: '50', low: 50, unit: { ...USD, perEntity: 'user', per: 'month' }, precision: 1, periodFrom: 'own' }],
  ['512 MiB/user', { text: '512 MiB/user', number: '512', low: 512 * 1024 ** 2, unit: { dim: 'data', data: 'MB', binary: true, perEntity: 'user' }, precision: 1024 ** 2 }],
];

const dataSizes: Row[] = [
  ['500 kB', { text: '500 kB', number: '500', low: 500_000, unit: { dim: 'data', data: 'KB' }, precision: 1000, significance: 100_000 }],
  ['2 MB', { text: '2 MB', number: '2', low: 2_000_000, unit: { dim: 'data', data: 'MB' }, precision: 1_000_000 }],
  ['1.5 GB', { text: '1.5 GB', number: '1.5', low: 1.5e9, unit: { dim: 'data', data: 'GB' }, precision: 1e8 }],
  ['3 TB', { text: '3 TB', number: '3', low: 3e12, unit: { dim: 'data', data: 'TB' }, precision: 1e12 }],
  ['4 GiB', { text: '4 GiB', number: '4', low: 4 * 1024 ** 3, unit: { dim: 'data', data: 'GB', binary: true }, precision: 1024 ** 3 }],
];

const counts: Row[] = [
  ['1,000 users', { text: '1,000 users', number: '1,000', low: 1000, unit: { dim: 'count', noun: 'user' }, precision: 1, significance: 1000 }],
  ['2.5K users', { text: '2.5K users', number: '2.5K', low: 2500, unit: { dim: 'count', noun: 'user' }, precision: 100 }],
  ['10,000+ users', { text: '10,000+ users', number: '10,000', low: 10000, unit: { dim: 'count', noun: 'user' }, precision: 1, open: true }],
  ['3 engineers', { text: '3 engineers', number: '3', low: 3, unit: { dim: 'count', noun: 'person' }, precision: 1 }],
  ['100–500 users', { text: '100–500 users', number: '100', low: 100, high: 500, unit: { dim: 'count', noun: 'user' }, precision: 1 }],
  ['< 10K users', { text: '10K users', number: '10K', low: 10000, unit: { dim: 'count', noun: 'user' }, precision: 1000, bound: '<' }],
  ['1,000 用户', { text: '1,000 用户', number: '1,000', low: 1000, unit: { dim: 'count', noun: 'user' }, precision: 1 }],
  ['1K', { text: '1K', number: '1K', low: 1000, unit: { dim: 'number' }, precision: 1000 }],
];

const percents: Row[] = [
  ['45%', { text: '45%', number: '45', low: 45, unit: { dim: 'percent' }, precision: 1, significance: 1 }],
  ['99.95%', { text: '99.95%', number: '99.95', low: 99.95, unit: { dim: 'percent' }, precision: 0.01 }],
  ['Uptime >99.9%', { text: '99.9%', number: '99.9', low: 99.9, unit: { dim: 'percent' }, precision: 0.1, bound: '>' }],
  ['2,5 %', { text: '2,5 %', number: '2,5', low: 2.5, unit: { dim: 'percent' }, precision: 0.1 }],
  ['-5% churn', { text: '-5%', number: '5', low: -5, unit: { dim: 'percent' }, precision: 1, minus: '-' }, 'a line that starts with `-5%` is read as +5%: model.ts MARKERS strips `-` as tree drawing'],
  ['Churn: -5%', { text: '-5%', number: '5', low: -5, unit: { dim: 'percent' }, precision: 1, minus: '-' }],
  ['10%-20%', { text: '10%-20%', number: '10', low: 10, high: 20, unit: { dim: 'percent' }, precision: 1 }],
  ['___%', { text: '___%', number: '___', low: BLANK, unit: { dim: 'percent' }, precision: 1, blank: true }],
];

const durations: Row[] = [
  ['43 minutes', { text: '43 minutes', number: '43', low: 43, unit: { dim: 'duration', time: 'minute' }, precision: 1 }],
  ['7.2 hours', { text: '7.2 hours', number: '7.2', low: 432, unit: { dim: 'duration', time: 'hour' }, precision: 6 }],
  ['<200ms', { text: '200ms', number: '200', low: 200 / 60000, unit: { dim: 'duration', time: 'ms' }, precision: 1 / 60000, bound: '<' }],
  ['30m', { text: '30m', number: '30', low: 30, unit: { dim: 'duration', time: 'minute' }, precision: 1 }],
  ['8h 45m', { text: '8h 45m', number: '8', low: 525, unit: { dim: 'duration', time: 'hour' }, precision: 1, compound: true }],
  ['3-6 months', { text: '3-6 months', number: '3', low: 3 * 43200, high: 6 * 43200, unit: { dim: 'duration', time: 'month' }, precision: 43200 }],
];

const multiplesAndRatios: Row[] = [
  ['6x', { text: '6x', number: '6', low: 6, unit: { dim: 'multiplier' }, precision: 1 }],
  ['3.5x', { text: '3.5x', number: '3.5', low: 3.5, unit: { dim: 'multiplier' }, precision: 0.1 }],
  ['6× cheaper', { text: '6×', number: '6', low: 6, unit: { dim: 'multiplier' }, precision: 1 }],
  ['5:1', { text: '5:1', number: '5', low: 5, unit: { dim: 'ratio' }, precision: 1, denominator: 1 }],
  ['1.5:1', { text: '1.5:1', number: '1.5', low: 1.5, unit: { dim: 'ratio' }, precision: 0.1, denominator: 1 }],
  ['7/10', { text: '7/10', number: '7', low: 7, unit: { dim: 'score' }, precision: 1, denominator: 10 }],
  ['___/10', { text: '___/10', number: '___', low: BLANK, unit: { dim: 'score' }, precision: 1, denominator: 10, blank: true }],
];

/** Number forms: grouping and decimal separators, scale words, ranges, approximations. */
const forms: Row[] = [
  ['1,234.56', { text: '1,234.56', number: '1,234.56', low: 1234.56, unit: { dim: 'number' }, precision: 0.01 }],
  ['1.234,56', { text: '1.234,56', number: '1.234,56', low: 1234.56, unit: { dim: 'number' }, precision: 0.01 }],
  ['1 234,56', { text: '1 234,56', number: '1 234,56', low: 1234.56, unit: { dim: 'number' }, precision: 0.01 }],
  ['1.5K', { text: '1.5K', number: '1.5K', low: 1500, unit: { dim: 'number' }, precision: 100 }],
  ['$1.2K', { text: '$1.2K', number: '1.2K', low: 1200, unit: USD, precision: 100 }],
  ['$2M', { text: '$2M', number: '2M', low: 2_000_000, unit: USD, precision: 1_000_000 }],
  ['1,5 Mio. €', { text: '1,5 Mio. €', number: '1,5 Mio.', low: 1_500_000, unit: money('EUR'), precision: 100_000 }],
  ['Budget: 1,5 Mio.', { text: '1,5 Mio.', number: '1,5 Mio.', low: 1_500_000, unit: { dim: 'number' }, precision: 100_000 }],
  ['$50–$150', { text: '$50–$150', number: '50', low: 50, high: 150, unit: USD, precision: 1, highPrecision: 1 }],
  ['$1,200 to $1,500', { text: '$1,200 to $1,500', number: '1,200', low: 1200, high: 1500, unit: USD, precision: 1 }],
  // The high end's scale word is not the low end's when the low end is written in full.
  ['~$3,500-15K', { text: '$3,500-15K', number: '3,500', low: 3500, high: 15000, unit: USD, precision: 1, highPrecision: 1000, approx: true }],
  ['approx. $3,500 – $15,000', { text: '$3,500 – $15,000', number: '3,500', low: 3500, high: 15000, unit: USD, precision: 1, approx: true }],
  ['~3,500–15K users', { text: '3,500–15K users', number: '3,500', low: 3500, high: 15000, unit: { dim: 'count', noun: 'user' }, precision: 1, approx: true }],
  ['$3.5K–$15K', { text: '$3.5K–$15K', number: '3.5K', low: 3500, high: 15000, unit: USD, precision: 100, highPrecision: 1000 }],
  // … but a bare low end takes the high end's scale: `5-20K` is 5,000 to 20,000.
  ['$5-20K/month', { text: '$5-20K/month', number: '5', low: 5000, high: 20000, unit: { ...USD, per: 'month' }, precision: 1000, periodFrom: 'own' }],
  ['~$150-600/month', { text: '$150-600/month', number: '150', low: 150, high: 600, unit: { ...USD, per: 'month' }, precision: 1, approx: true, periodFrom: 'own' }],
  ['$___/month', { text: '$___/month', number: '___', low: BLANK, unit: { ...USD, per: 'month' }, precision: 1, blank: true, periodFrom: 'own' }],
  // SI grouping with spaces is one number in any document: `000 users` is not zero users.
  ['1 000 000 users', { text: '1 000 000 users', number: '1 000 000', low: 1_000_000, unit: { dim: 'count', noun: 'user' }, precision: 1 }, 'a space-grouped number is read as three numbers (1, 0 and 0 users) in a document without decimal commas'],
];

const groups: [string, Row[]][] = [
  ['currency', currencies],
  ['period', periods],
  ['per entity', perEntity],
  ['data size', dataSizes],
  ['count', counts],
  ['percent', percents],
  ['duration', durations],
  ['multiple, ratio and score', multiplesAndRatios],
  ['number form', forms],
];

for (const [name, rows] of groups) {
  describe(`${name}: one line, one claim`, () => {
    for (const [line, want, todo] of rows) {
      it(`reads ${JSON.stringify(line)}`, todo ? { todo } : {}, () => readsAs(line, want));
    }
  });
}

describe('text that states no quantity', () => {
  const none = ['v1.2.3', 'Q3', 'H2O', 'p95', 'abc123', 'user_id', '$', '%', '—', 'Released 2024-01-15', 'On 15.03.2024', 'Due 3/15/2024'];
  for (const line of none) it(`reads nothing in ${JSON.stringify(line)}`, () => assert.deepEqual(claims(line).map((c) => line.slice(c.q.span.start, c.q.span.end)), []));

  it('reads the 19 of COVID-19 as a plain number, never as a negative one', () => {
    const [c, ...rest] = claims('COVID-19');
    assert.equal(rest.length, 0);
    assert.equal(c?.q.low, 19);
    assert.equal(c?.q.minus, undefined);
  });

  it('reads a time of day as no quantity', { todo: 'numbers.ts says times (`10:30`) are not quantities, but `10:30` is read as a ratio 10:30' }, () => {
    assert.deepEqual(claims('Deploy window: 10:30').map((c) => c.unit.dim), []);
  });

  it('reads a number glued to a name as part of the name, and the next one as a number', () => {
    const line = 'GPU H100 costs $2.50/hour';
    assert.deepEqual(
      claims(line).map((c) => [line.slice(c.q.span.start, c.q.span.end), c.q.low, c.unit.dim]),
      [['$2.50/hour', 2.5, 'money']],
    );
  });
});

describe('a space groups digits only in a document that writes decimal commas', () => {
  it('reads `1 234` as 1,234 beside a decimal comma', () => {
    const text = 'Kosten: 1 234 €\nAnteil: 2,5 %\n';
    const cs = claims(text);
    assert.deepEqual(
      cs.map((c) => [text.slice(c.q.span.start, c.q.span.end), c.q.low]),
      [
        ['1 234 €', 1234],
        ['2,5 %', 2.5],
      ],
    );
  });

  it('reads `1 234` as two numbers in a document that writes decimal points', () => {
    const text = 'Rooms 1 234 and 99.5% full\n';
    assert.deepEqual(
      claims(text).map((c) => c.q.low),
      [1, 234, 99.5],
    );
  });
});

describe('numbers that read two ways', () => {
  /** The first claim of `text`, with its text. */
  const first = (text: string): [string, number, number | undefined] => {
    const c = claims(text)[0]!;
    return [text.slice(c.q.span.start, c.q.span.end), c.q.low, c.q.lowAlt];
  };

  it('reads `1.500` as grouping in a document that writes decimal commas, keeping the decimal reading', () => {
    assert.deepEqual(first('Preis: 1.500 €\nAnteil: 2,5 %\n'), ['1.500 €', 1500, 1.5]);
  });

  it('reads `1.500` as a decimal in a document that writes decimal points, keeping the grouping reading', () => {
    assert.deepEqual(first('Latency: 1.500 s\nUptime: 99.95%\n'), ['1.500 s', 1.5 / 60, 1500 / 60]);
  });

  it('reads `1,234` as a decimal beside decimal commas, keeping the grouping reading', () => {
    assert.deepEqual(first('Kosten: 1,234 €\nAnteil: 2,5 %\n'), ['1,234 €', 1.234, 1234]);
  });

  it('takes the convention the frontmatter states as certain', () => {
    const text = '---\nscaling-plan: 1\nnumbers: comma\n---\n\nPreis: 1.500 €\n';
    assert.deepEqual(first(text), ['1.500 €', 1500, 1.5]);
    assert.equal(analyze(text).model!.convention.certain, true);
  });
});

describe('arithmetic and ranges', () => {
  it('reads a descending hyphenated pair with spaces as arithmetic, not a range', () => {
    assert.deepEqual(
      claims('20 - 10 = 10').map((c) => [c.q.low, c.q.high]),
      [
        [20, undefined],
        [10, undefined],
        [10, undefined],
      ],
    );
  });

  it('never reads a descending pair as a range', () => {
    const [c] = claims('20-10');
    assert.equal(c?.q.low, 20);
    assert.equal(c?.q.high, undefined);
  });

  it('reads each quantity of written-out arithmetic with its own unit', () => {
    const line = '$1,200/mo × 12 = $14,400/yr';
    assert.deepEqual(
      claims(line).map((c) => [line.slice(c.q.span.start, c.q.span.end), c.q.low, c.unit.dim, c.unit.per]),
      [
        ['$1,200/mo', 1200, 'money', 'month'],
        ['12', 12, 'number', undefined],
        ['$14,400/yr', 14400, 'money', 'year'],
      ],
    );
  });
});

describe('units from context', () => {
  const text = [
    'Monthly cost: $500', // 0: period from the label
    'Annual revenue: $12,000', // 1
    '', // 2
    '## Monthly costs', // 3: period from the heading above the block
    '', // 4
    '- Hosting: $300', // 5
    '- Support: $200/year', // 6: its own period wins
    '', // 7
    '| Item | Monthly | Annual |', // 8: period from the column
    '|---|---|---|', // 9
    '| Hosting | $300 | $3,600 |', // 10
    '| Domains | $2/mo | $24 |', // 11: its own period wins
    '', // 12
    '### Costs (per year)', // 13
    '', // 14
    '- Licences: $1,200', // 15
    '- Seats: 40 users', // 16: a count has no period
    '',
  ].join('\n');

  it('adds the period of a label, a heading or a column, never over the claim\'s own', () => {
    const a = analyze(text);
    const starts = a.model!.outline.lineStarts;
    assert.deepEqual(
      a.model!.claims.map((c) => {
        const p = positionAt(starts, c.q.span.start);
        return [p.line, p.character, text.slice(c.q.span.start, c.q.span.end), c.unit.per, c.periodFrom, c.column];
      }),
      [
        [0, 14, '$500', 'month', 'label', undefined],
        [1, 16, '$12,000', 'year', 'label', undefined],
        [5, 11, '$300', 'month', 'title', undefined],
        [6, 11, '$200/year', 'year', 'own', undefined],
        [10, 12, '$300', 'month', 'column', 1],
        [10, 19, '$3,600', 'year', 'column', 2],
        [11, 12, '$2/mo', 'month', 'own', 1],
        [11, 20, '$24', 'year', 'column', 2],
        [15, 12, '$1,200', 'year', 'title', undefined],
        [16, 9, '40 users', undefined, undefined, undefined],
      ],
    );
  });

  it('keeps the unit the number\'s own text gives on the quantity', () => {
    const a = analyze(text);
    const hosting = a.model!.claims.find((c) => c.line === 5)!;
    assert.deepEqual(hosting.q.unit, USD);
    assert.deepEqual(hosting.unit, { ...USD, per: 'month' });
  });

  it('reads a figure in accountants\' parentheses in a table cell as negative', () => {
    const t = '| Item | Amount |\n|---|---|\n| Refunds | ($16.20) |\n';
    const [c] = claims(t);
    assert.equal(c?.q.low, -16.2);
    assert.equal(c?.q.parens, true);
    assert.equal(t.slice(c!.q.span.start, c!.q.span.end), '$16.20');
  });
});

describe('positions after non-ASCII text (UTF-16 offsets)', () => {
  /** [line, character, text, value, dim] of every claim, positions as LSP counts them. */
  function placed(text: string): [number, number, number, string, number, string][] {
    const a = analyze(text);
    const starts = a.model!.outline.lineStarts;
    return a.model!.claims.map((c) => {
      const s = positionAt(starts, c.q.span.start);
      const e = positionAt(starts, c.q.span.end);
      assert.equal(s.line, e.line, 'a claim stays on its line');
      return [s.line, s.character, e.character, text.slice(c.q.span.start, c.q.span.end), c.q.low, c.unit.dim];
    });
  }

  it('after accented letters and an em dash, with a grouping space and a decimal comma', () => {
    const line = 'Coût mensuel — 1 234,50 €';
    assert.deepEqual(placed(line), [[0, 15, 25, '1 234,50 €', 1234.5, 'money']]);
    // The offsets are UTF-16 units: here as many as the characters before the number.
    assert.equal([...line.slice(0, 15)].length, 15);
  });

  it('after an emoji, which is two UTF-16 units', () => {
    const line = '🚀 Budget: $1,200/mo';
    assert.deepEqual(placed(line), [[0, 11, 20, '$1,200/mo', 1200, 'money']]);
    assert.equal([...line.slice(0, 11)].length, 10, 'ten code points, eleven UTF-16 units before the claim');
  });

  it('after CJK text and a full-width colon', () => {
    assert.deepEqual(placed('月額 ¥5,000'), [[0, 3, 9, '¥5,000', 5000, 'money']]);
    assert.deepEqual(placed('成本：1,000 用户'), [[0, 3, 11, '1,000 用户', 1000, 'count']]);
  });

  it('after a character outside the BMP and a combining accent, on later lines, with CRLF line endings', () => {
    // `𠀀` is two units, `e` + U+0301 two, the emoji ZWJ sequence five.
    const text = '# 計画 🧮\r\n\r\n- \u{20000} Cafe\u0301: $40/mo\r\n- 👩\u200d💻 Devs: 3 engineers\r\n';
    assert.deepEqual(placed(text), [
      [2, 12, 18, '$40/mo', 40, 'money'],
      [3, 14, 25, '3 engineers', 3, 'count'],
    ]);
  });

  it('in a table cell after an emoji', () => {
    const text = '| Item | Cost |\n|---|---|\n| ☁️ Cloud | €1.234,56 |\n';
    // `☁️` is U+2601 and a variation selector: two units.
    assert.deepEqual(placed(text), [[2, 13, 22, '€1.234,56', 1234.56, 'money']]);
  });
});

describe('the scanner', () => {
  it('reads every quantity of a line in order, with offsets shifted by the base', () => {
    const line = 'Stage 2: Early Traction (100-500 users), $200-500/month, 99.9% uptime';
    const qs = readQuantities(line, 1000, inferConvention(line));
    assert.deepEqual(
      qs.map((q) => [q.unit.dim, line.slice(q.span.start - 1000, q.span.end - 1000), q.low, q.high]),
      [
        ['number', '2', 2, undefined],
        ['count', '100-500 users', 100, 500],
        ['money', '$200-500/month', 200, 500],
        ['percent', '99.9%', 99.9, undefined],
      ],
    );
    assert.equal(qs[0]!.ordinal, true, '`Stage 2` names a stage');
    assert.deepEqual(qs[2]!.highSpan, { start: 1000 + line.indexOf('500/month'), end: 1000 + line.indexOf('500/month') + 3 });
  });

  it('keeps each number span inside its quantity span', () => {
    const line = '~$3,500-15K, 1,5 Mio. €, 10,000+ users, 8h 45m, 7/10, ₹86.4L, 5:1';
    for (const q of readQuantities(line, 0, inferConvention(line))) {
      assert.ok(q.span.start <= q.numberSpan.start && q.numberSpan.end <= q.span.end, JSON.stringify(line.slice(q.span.start, q.span.end)));
      if (q.highSpan) assert.ok(q.numberSpan.end <= q.highSpan.start && q.highSpan.end <= q.span.end);
      if (q.denominatorSpan) assert.ok(q.numberSpan.end < q.denominatorSpan.start && q.denominatorSpan.end <= q.span.end);
    }
  });

  it('infers the number convention from the numbers that read one way only', () => {
    assert.deepEqual(inferConvention('Total: 1.234,56 € and 2,5%'), { decimal: ',', certain: true, spaceGrouping: false });
    assert.deepEqual(inferConvention('Coût: 1 234,50 €'), { decimal: ',', certain: true, spaceGrouping: true });
    assert.deepEqual(inferConvention('Cost: $1,234.56, uptime 99.9%'), { decimal: '.', certain: true, spaceGrouping: false });
    assert.deepEqual(inferConvention('No numbers here'), { decimal: '.', certain: false, spaceGrouping: false });
  });

  it('records how the number was written, for a fix to write it the same way', () => {
    const [a] = readQuantities('1.234,56 €', 0, inferConvention('1.234,56 €'));
    assert.deepEqual(a?.style, { decimal: ',', group: '.', indian: false, decimals: 2, scaleText: '', scale: 1, grouped: true });
    const [b] = readQuantities('₹1,00,000', 0);
    assert.equal(b?.style.indian, true);
    const [c] = readQuantities('$1.2K', 0);
    assert.deepEqual([c?.style.scaleText, c?.style.scale, c?.style.decimals], ['K', 1000, 1]);
    const [d] = readQuantities('2350 users', 0);
    assert.deepEqual([d?.style.group, d?.style.grouped], ['', false]);
  });
});
