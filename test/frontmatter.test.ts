/**
 * The plan's frontmatter, read through the engine's zod schema: invalid frontmatter becomes an
 * error finding on exactly the offending key (never a throw), the valid keys still apply,
 * `tolerance` widens the arithmetic checks by a percentage (never by 50% for a bare `0.5`),
 * `month` changes how downtime is computed, and the assumptions feed the revenue rule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Span } from '../src/engine';
import { detectPlan, hasPlanFrontmatter } from '../src/engine/features';
import { analyze } from './helpers';

/** A plan with `yaml` as its frontmatter and `body` after it. */
const plan = (yaml: string, body = '# Plan\n'): string => `---\n${yaml}---\n\n${body}`;

/** The span of the `nth` (0-based) occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 0): Span {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${JSON.stringify(needle)} occurs ${nth + 1} times`);
  }
  return { start: i, end: i + needle.length };
}

const frontmatterFindings = (text: string): Finding[] => analyze(text).findings.filter((f) => f.rule === 'frontmatter');
const covered = (text: string, f: { span: Span }): string => text.slice(f.span.start, f.span.end);

interface Invalid {
  name: string;
  yaml: string;
  /** The text the finding covers exactly, and which occurrence of it. */
  covers: [string, number?];
  message: RegExp;
  todo?: string;
}

const invalid: Invalid[] = [
  { name: 'an unknown key', yaml: 'scaling-plan: 1\nowner: Ana\n', covers: ['owner'], message: /^Unknown frontmatter key `owner`; expected one of the keys in the scaling-plan schema\.$/ },
  { name: 'an unknown key among valid ones', yaml: 'scaling-plan: 1\nproduct: Tally\nreviewers: 2\nmonth: 30d\n', covers: ['reviewers'], message: /^Unknown frontmatter key `reviewers`/ },
  { name: 'an unknown assumption', yaml: 'scaling-plan: 1\nassumptions:\n  arpu: 9\n  churn: 3%\n', covers: ['churn'], message: /^Unknown frontmatter key `assumptions\.churn`/ },
  { name: 'a month that is no convention', yaml: 'scaling-plan: 1\nmonth: 31d\n', covers: ['31d'], message: /^Invalid frontmatter value for `month`: .*"30d"\|"730h"/ },
  { name: 'a month as a number', yaml: 'scaling-plan: 1\nmonth: 730\n', covers: ['730'], message: /^Invalid frontmatter value for `month`: .*"30d"\|"730h"/ },
  { name: 'a tolerance in words', yaml: 'scaling-plan: 1\ntolerance: a little\n', covers: ['a little'], message: /^Invalid frontmatter value for `tolerance`: expected a percentage below 20% such as 1%, got "a little"\.$/ },
  { name: 'a tolerance of 25%', yaml: 'scaling-plan: 1\ntolerance: 25%\n', covers: ['25%'], message: /^Invalid frontmatter value for `tolerance`: expected a percentage below 20% such as 1%, got "25%"/ },
  { name: 'a negative tolerance', yaml: 'scaling-plan: 1\ntolerance: -1%\n', covers: ['-1%'], message: /^Invalid frontmatter value for `tolerance`: expected a percentage/ },
  { name: 'a tolerance of NaN', yaml: 'scaling-plan: 1\ntolerance: .nan\n', covers: ['.nan'], message: /^Invalid frontmatter value for `tolerance`: .*(?:percentage|such as 1%)/ },
  { name: 'an infinite tolerance', yaml: 'scaling-plan: 1\ntolerance: .inf\n', covers: ['.inf'], message: /^Invalid frontmatter value for `tolerance`: .*(?:percentage|such as 1%)/ },
  { name: 'a null tolerance', yaml: 'scaling-plan: 1\ntolerance: null\n', covers: ['null'], message: /^Invalid frontmatter value for `tolerance`: expected a percentage below 20% such as 1%, got null\.$/ },
  { name: 'a tolerance of true', yaml: 'scaling-plan: 1\ntolerance: true\n', covers: ['true'], message: /^Invalid frontmatter value for `tolerance`: expected a percentage below 20% such as 1%, got true\.$/ },
  { name: 'an ARPU of NaN', yaml: 'scaling-plan: 1\nassumptions:\n  arpu: .nan\n', covers: ['.nan'], message: /^Invalid frontmatter value for `assumptions\.arpu`: expected an amount such as 12 or \$12, got NaN\.$/ },
  { name: 'a growth of false', yaml: 'scaling-plan: 1\nassumptions:\n  growth: false\n', covers: ['false'], message: /^Invalid frontmatter value for `assumptions\.growth`: expected a percentage such as 5% or a fraction below 1, got false\.$/ },
  { name: 'a lower-case currency', yaml: 'scaling-plan: 1\ncurrency: usd\n', covers: ['usd'], message: /^Invalid frontmatter value for `currency`: a three-letter currency code such as USD\.$/ },
  { name: 'a number convention that is none', yaml: 'scaling-plan: 1\nnumbers: european\n', covers: ['european'], message: /^Invalid frontmatter value for `numbers`: .*"auto"\|"dot"\|"comma"/ },
  { name: 'scaling-plan version 3', yaml: 'scaling-plan: 3\n', covers: ['3'], message: /^Invalid frontmatter value for `scaling-plan`: expected 1 \(format version 1\) or true, got 3\.$/ },
  { name: 'an ARPU in words', yaml: 'scaling-plan: 1\nassumptions:\n  arpu: twelve\n', covers: ['twelve'], message: /^Invalid frontmatter value for `assumptions\.arpu`: expected an amount such as 12 or \$12, got "twelve"\.$/ },
  { name: 'a negative price', yaml: 'scaling-plan: 1\nassumptions:\n  price: -18.99\n', covers: ['-18.99'], message: /^Invalid frontmatter value for `assumptions\.price`/ },
  { name: 'a conversion in words', yaml: 'scaling-plan: 1\nassumptions:\n  conversion: five percent\n', covers: ['five percent'], message: /^Invalid frontmatter value for `assumptions\.conversion`: expected a percentage such as 5%/ },
  { name: 'a growth of 1.5 (150%?)', yaml: 'scaling-plan: 1\nassumptions:\n  growth: 1.5\n', covers: ['1.5'], message: /^Invalid frontmatter value for `assumptions\.growth`: 1\.5 is not a share: write a percentage such as 1\.5%/ },
  { name: 'fractional start-users', yaml: 'scaling-plan: 1\nassumptions:\n  start-users: 99.5\n', covers: ['99.5'], message: /^Invalid frontmatter value for `assumptions\.start-users`/ },
  { name: 'start-users beyond safe integers', yaml: 'scaling-plan: 1\nassumptions:\n  start-users: 1e30\n', covers: ['1e30'], message: /^Invalid frontmatter value for `assumptions\.start-users`/ },
  { name: 'assumptions that are no mapping', yaml: 'scaling-plan: 1\nassumptions: plenty\n', covers: ['plenty'], message: /^Invalid frontmatter value for `assumptions`/ },
  { name: 'a key written twice', yaml: 'scaling-plan: 1\nproduct: Tally\nproduct: Tally Pro\n', covers: ['product', 1], message: /^Duplicate frontmatter key `product`\.$/ },
  { name: 'a nested key written twice', yaml: 'scaling-plan: 1\nassumptions:\n  arpu: 1\n  arpu: 2\n', covers: ['arpu', 1], message: /^Duplicate frontmatter key `assumptions\.arpu`\.$/ },
  { name: 'tab indentation', yaml: 'scaling-plan: 1\n\tproduct: Tally\n', covers: ['\t'], message: /^Frontmatter is not valid YAML: Tabs are not allowed as indentation/ },
  { name: 'a nested mapping on one line', yaml: 'scaling-plan: 1\nproduct: a: b\n', covers: ['a', 2] /* the `a` of `a: b` */, message: /^Frontmatter is not valid YAML: Nested mappings are not allowed in compact mappings/ },
  {
    name: 'a list of the plan\'s keys',
    yaml: '- scaling-plan: 1\n- month: 30d\n',
    covers: ['- scaling-plan: 1\n- month: 30d'],
    message: /^Frontmatter must be a mapping/,
  },
];

describe('invalid frontmatter', () => {
  for (const c of invalid) {
    it(`${c.name}: one error, on exactly the offending text`, c.todo ? { todo: c.todo } : {}, () => {
      const text = plan(c.yaml);
      const found = frontmatterFindings(text);
      assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
      const f = found[0]!;
      assert.equal(f.severity, 'error');
      assert.match(f.message, c.message);
      assert.deepEqual(f.span, at(text, c.covers[0], c.covers[1]), `covers ${JSON.stringify(covered(text, f))}`);
      assert.deepEqual(f.fixes, []);
    });
  }

  it('reports each offending key of one frontmatter, in order', () => {
    const text = plan('scaling-plan: 1\nowner: Ana\nmonth: 31d\nassumptions:\n  price: free\n');
    assert.deepEqual(
      frontmatterFindings(text).map((f) => covered(text, f)),
      ['owner', '31d', 'free'],
    );
  });

  it('places findings right with CRLF line endings and non-ASCII text before the key', () => {
    const text = '---\r\nscaling-plan: 1\r\nproduct: Über 🚀\r\nmonth: 31d\r\n---\r\n\r\n# Plan\r\n';
    const found = frontmatterFindings(text);
    assert.deepEqual(
      found.map((f) => f.span),
      [at(text, '31d')],
    );
    // 5 + 17 + 18 UTF-16 units of lines before (`Über 🚀`: the emoji is two) + `month: `.
    assert.equal(at(text, '31d').start, 47);
  });

  it('reports an alias without its anchor as invalid YAML, over the frontmatter', () => {
    const text = plan('scaling-plan: 1\nproduct: *missing\n');
    const found = frontmatterFindings(text);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /^Frontmatter is not valid YAML: Unresolved alias/);
    assert.deepEqual(found[0]!.span, at(text, 'scaling-plan: 1\nproduct: *missing'));
  });

  it('a list of the plan\'s keys makes no plan (as hasPlanFrontmatter says), but is reported when the content is a plan', () => {
    const body = 'Stage 1: Launch (0-100 users)\nStage 2: Growth (100-1,000 users)\n';
    const text = plan('- scaling-plan: 1\n- month: 30d\n', body);
    const a = analyze(text);
    assert.equal(a.frontmatter.isPlan, false);
    assert.equal(hasPlanFrontmatter(text), false);
    assert.deepEqual(detectPlan(a), { isPlan: true, reason: 'stage ranges' });
    assert.deepEqual(a.findings.filter((f) => f.rule === 'frontmatter').map((f) => covered(text, f)), ['- scaling-plan: 1\n- month: 30d']);
    // Broken YAML in such a list is not read at all (it may be some other tool's).
    assert.deepEqual(frontmatterFindings(plan('- scaling-plan: 1\n\t- x\n', body)), []);
  });

  it('leaves frontmatter without `scaling-plan` alone (it belongs to another tool)', () => {
    for (const yaml of ['title: Release notes\nlayout: post\ntags: [a, b]\nowner: Ana\n', 'title: *missing\n', '42\n', 'just some words\n']) {
      const a = analyze(plan(yaml));
      assert.deepEqual(a.findings.filter((f) => f.rule === 'frontmatter'), [], yaml);
      assert.equal(a.frontmatter.isPlan, false);
    }
  });

  it('accepts `scaling-plan: true` and a complete frontmatter without findings', () => {
    const yaml = 'scaling-plan: true\nproduct: Ledgerly\ncurrency: USD\nmonth: 730h\ntolerance: 1%\nnumbers: dot\nassumptions:\n  arpu: 12\n  conversion: 5%\n  price: "$18.99"\n  growth: 0.2\n  start-users: 100\n';
    const a = analyze(plan(yaml));
    assert.deepEqual(a.findings.filter((f) => f.rule === 'frontmatter'), []);
    assert.equal(a.frontmatter.isPlan, true);
    assert.equal(a.frontmatter.product, 'Ledgerly');
    assert.equal(a.frontmatter.currency, 'USD');
    assert.deepEqual(a.frontmatter.options, { month: '730h', tolerance: 0.01, numbers: 'dot' });
    assert.deepEqual(
      Object.fromEntries(Object.entries(a.frontmatter.assumptions).map(([k, v]) => [k, v.value])),
      { arpu: 12, conversion: 0.05, price: 18.99, growth: 0.2, startUsers: 100 },
    );
    const text = plan(yaml);
    assert.deepEqual(a.frontmatter.assumptions.price!.span, at(text, '"$18.99"'));
  });

  it('still checks the rest of the document', () => {
    const text = plan('scaling-plan: 1\nowner: Ana\n', '- Uptime: 99.9% (50 minutes downtime/month)\n');
    assert.deepEqual(
      analyze(text).findings.map((f) => [f.rule, covered(text, f)]),
      [
        ['frontmatter', 'owner'],
        ['downtime', '50 minutes'],
      ],
    );
  });

  it('keeps the valid keys when another key is invalid', () => {
    const text = plan('scaling-plan: 1\nowner: Ana\nmonth: 730h\n', '- Uptime: 99.9% (43.2 minutes downtime/month)\n');
    const a = analyze(text);
    assert.equal(a.options.month, '730h');
    assert.deepEqual(
      a.findings.map((f) => [f.rule, covered(text, f)]),
      [
        ['frontmatter', 'owner'],
        ['downtime', '43.2 minutes'],
      ],
    );
  });

  /** Frontmatter the YAML library may choke on; whether the engine reports it. */
  const neverThrows: [string, string, boolean][] = [
    ['an unclosed flow sequence', 'scaling-plan: 1\nproduct: [a, b\n', true],
    ['an unclosed quote', 'scaling-plan: 1\nproduct: "Tally\n', true],
    // Not recognised as this product's frontmatter: no line starts with `scaling-plan:`.
    ['an unclosed flow mapping', '{scaling-plan: 1\n', false],
    ['a reserved character', 'scaling-plan: 1\n@product: x\n', true],
    ['a collection as a key', 'scaling-plan: 1\n? [a, b]\n: c\n', true],
    ['a bad timestamp', 'scaling-plan: 1\nx: !!timestamp soon\n', true],
    ['a custom tag on a valid key', 'scaling-plan: 1\nproduct: !secret x\n', false],
    ['a self-referencing anchor', 'scaling-plan: 1\nx: &a [*a]\n', true],
    ['only a comment', '# nothing here\n', false],
    ['nothing', '', false],
    // The marker closes the frontmatter: what follows is text.
    ['a document marker', 'scaling-plan: 1\n---\nproduct: x\n', false],
    ['deep flow nesting', 'scaling-plan: 1\nx: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n', true],
    ['a huge scalar on a valid key', 'scaling-plan: 1\nproduct: ' + 'x'.repeat(200_000) + '\n', false],
    ['an alias bomb', 'scaling-plan: 1\n' + ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefg'[i]).join(', ')}]`)].join('\n') + '\n', true],
    ['many keys', 'scaling-plan: 1\n' + Array.from({ length: 3000 }, (_, i) => `k${i}: ${i}`).join('\n') + '\n', true],
  ];
  for (const [name, yaml, reported] of neverThrows) {
    it(`never throws on ${name}; ${reported ? 'reports it' : 'reports nothing'}, inside the text`, () => {
      const text = plan(yaml);
      const a = analyze(text);
      for (const f of a.findings) assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, JSON.stringify(f));
      assert.equal(a.findings.some((f) => f.rule === 'frontmatter' && f.severity === 'error'), reported);
    });
  }

  it('has no frontmatter when the opening --- has no closing line', () => {
    const text = '---\nscaling-plan: 1\nowner: Ana\n\n# Plan\n\n- Uptime: 99.9% (50 minutes downtime/month)\n';
    const a = analyze(text);
    assert.equal(a.model!.outline.frontmatter, undefined);
    assert.equal(a.frontmatter.isPlan, false);
    assert.deepEqual(
      a.findings.map((f) => [f.rule, covered(text, f)]),
      [['downtime', '50 minutes']],
    );
  });
});

describe('tolerance', () => {
  /** Hosting $400 and support $200 under a total of `total`, with `yaml` in the frontmatter. */
  const costs = (yaml: string, total: string): string => plan(`scaling-plan: 1\n${yaml}`, `## Costs\n\n- Hosting: $400/month\n- Support: $600/month\n- Total: ${total}/month\n`);
  const totals = (text: string): string[] => analyze(text).findings.filter((f) => f.rule === 'totals').map((f) => covered(text, f));

  it('is 0 by default: a total 0.4% off is reported', () => {
    assert.deepEqual(totals(costs('', '$1,004')), ['$1,004/month']);
    assert.deepEqual(totals(costs('', '$1,000')), []);
  });

  it('`tolerance: 0.5%` accepts a total 0.4% off and reports one 0.8% off', () => {
    assert.equal(analyze(costs('tolerance: 0.5%\n', '$1,004')).options.tolerance, 0.005);
    assert.deepEqual(totals(costs('tolerance: 0.5%\n', '$1,004')), []);
    assert.deepEqual(totals(costs('tolerance: 0.5%\n', '$1,008')), ['$1,008/month']);
  });

  it('`tolerance: 1%` accepts a total 0.8% off and reports one 1.2% off', () => {
    assert.equal(analyze(costs('tolerance: 1%\n', '$1,008')).options.tolerance, 0.01);
    assert.deepEqual(totals(costs('tolerance: 1%\n', '$1,008')), []);
    assert.deepEqual(totals(costs('tolerance: 1%\n', '$1,012')), ['$1,012/month']);
  });

  it('a fraction below 0.2 is a share: `tolerance: 0.01` is 1%', () => {
    assert.equal(analyze(costs('tolerance: 0.01\n', '$1,008')).options.tolerance, 0.01);
    assert.deepEqual(totals(costs('tolerance: 0.01\n', '$1,008')), []);
  });

  it('`tolerance: 0.5` is never 50%: a $500 total over $400 + $200 is reported', () => {
    const text = plan('scaling-plan: 1\ntolerance: 0.5\n', '## Costs\n\n- Hosting: $400/month\n- Support: $200/month\n- Total: $500/month\n');
    const a = analyze(text);
    assert.notEqual(a.options.tolerance, 0.5);
    const [f, ...rest] = a.findings.filter((x) => x.rule === 'totals');
    assert.equal(rest.length, 0);
    assert.equal(covered(text, f!), '$500/month');
    assert.equal(f!.message, 'Total $500/month does not match 400 + 200 = $600/month');
  });

  it('an invalid tolerance leaves the checks exact and is reported on its value', () => {
    const text = costs('tolerance: lots\n', '$1,004');
    const a = analyze(text);
    assert.equal(a.options.tolerance, 0);
    assert.deepEqual(
      a.findings.filter((f) => f.rule === 'frontmatter' || f.rule === 'totals').map((f) => [f.rule, covered(text, f)]),
      [
        ['frontmatter', 'lots'],
        ['totals', '$1,004/month'],
      ],
    );
  });

  it('the frontmatter\'s tolerance wins over the caller\'s', () => {
    assert.equal(analyze(costs('tolerance: 1%\n', '$1,008'), { tolerance: 0 }).options.tolerance, 0.01);
    assert.equal(analyze(costs('', '$1,008'), { tolerance: 0.01 }).options.tolerance, 0.01);
    assert.deepEqual(totals(costs('', '$1,008')), ['$1,008/month']);
  });

  it('widens the downtime check too', () => {
    const downtime = (yaml: string): boolean => analyze(plan(`scaling-plan: 1\n${yaml}`, '- Uptime: 99.9% (47 minutes downtime/month)\n')).findings.some((f) => f.rule === 'downtime');
    assert.equal(downtime(''), true);
    assert.equal(downtime('tolerance: 2%\n'), true);
    assert.equal(downtime('tolerance: 10%\n'), false);
    assert.equal(downtime('tolerance: 0.1\n'), false);
  });
});

describe('month', () => {
  const body = (minutes: string): string => `- Uptime: 99.9% (${minutes} minutes downtime/month)\n`;
  const downtime = (text: string): Finding[] => analyze(text).findings.filter((f) => f.rule === 'downtime');

  it('accepts either convention when the plan does not choose one', () => {
    assert.deepEqual(downtime(body('43.2')), []);
    assert.deepEqual(downtime(body('43.8')), []);
    assert.deepEqual(downtime(plan('scaling-plan: 1\n', body('43.8'))), []);
    assert.deepEqual(downtime(body('50')).length, 1);
  });

  it('month: 730h computes 99.9% as 43.8 minutes a month', () => {
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 730h\n', body('43.8'))), []);
    const text = plan('scaling-plan: 1\nmonth: 730h\n', body('43.2'));
    const [f, ...rest] = downtime(text);
    assert.equal(rest.length, 0);
    assert.equal(f?.message, 'Downtime per month for 99.9% uptime 43.2 minutes does not match (100% − 99.9%) × 43,800 minutes (730 hours) = 43.8 minutes (read as a 730-hour month)');
    assert.deepEqual(f.span, at(text, '43.2 minutes'));
    assert.ok(Math.abs(f.data!.expected! - 43.8) < 1e-6, String(f.data?.expected));
  });

  it('month: 30d computes 99.9% as 43.2 minutes a month', () => {
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 30d\n', body('43.2'))), []);
    const text = plan('scaling-plan: 1\nmonth: 30d\n', body('43.8'));
    assert.deepEqual(
      downtime(text).map((f) => covered(text, f)),
      ['43.8 minutes'],
    );
  });

  it('an invalid month falls back to accepting either convention', () => {
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 31d\n', body('43.8'))), []);
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 31d\n', body('43.2'))), []);
  });
});

describe('assumptions', () => {
  const revenue = (text: string): Finding[] => analyze(text).findings.filter((f) => f.rule === 'revenue');

  it('assumptions.arpu is used by the revenue rule, and the finding points at it', () => {
    const body = '**4,000 users:**\n- Revenue: $24,000/month\n';
    assert.deepEqual(revenue(plan('scaling-plan: 1\nassumptions:\n  arpu: 6\n', body)), []);
    const text = plan('scaling-plan: 1\nassumptions:\n  arpu: 7\n', body);
    const [f, ...rest] = revenue(text);
    assert.equal(rest.length, 0);
    assert.equal(f?.message, 'Revenue $24,000/month does not match 4,000 × 7 = $28,000/month (read as 4,000 users × the ARPU in the frontmatter)');
    assert.deepEqual(f.span, at(text, '$24,000/month'));
    assert.ok(f.related.some((r) => covered(text, r) === '7'), 'the finding points at the ARPU in the frontmatter');
  });

  it('assumptions.arpu may be written as an amount with a currency sign', () => {
    const body = '**4,000 users:**\n- Revenue: $30,000/month\n';
    assert.equal(revenue(plan('scaling-plan: 1\nassumptions:\n  arpu: "$7.50"\n', body)).length, 0);
    assert.equal(revenue(plan('scaling-plan: 1\nassumptions:\n  arpu: "$6"\n', body)).length, 1);
  });

  it('an ARPU stated in the text takes precedence over the frontmatter', () => {
    const body = 'We assume an ARPU of $8/month.\n\n**4,000 users:**\n- Revenue: $32,000/month\n';
    assert.deepEqual(revenue(plan('scaling-plan: 1\nassumptions:\n  arpu: 6\n', body)), []);
    const wrong = plan('scaling-plan: 1\nassumptions:\n  arpu: 6\n', body.replace('$32,000', '$24,000'));
    assert.match(revenue(wrong)[0]?.message ?? '', /ARPU stated on line 7/);
  });

  it('assumptions are ignored without `scaling-plan`', () => {
    const body = '**4,000 users:**\n- Revenue: $24,000/month\n';
    assert.deepEqual(revenue(plan('assumptions:\n  arpu: 7\n', body)), []);
  });

  it('assumptions.conversion and price are used together', () => {
    const body = '**2,000 users:**\n- Revenue: $2,100/month\n';
    assert.deepEqual(revenue(plan('scaling-plan: 1\nassumptions:\n  conversion: 5%\n  price: 21\n', body)), []);
    const text = plan('scaling-plan: 1\nassumptions:\n  conversion: 5%\n  price: 25\n', body);
    assert.deepEqual(
      revenue(text).map((f) => covered(text, f)),
      ['$2,100/month'],
    );
  });
});
