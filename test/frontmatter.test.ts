/**
 * Frontmatter: invalid frontmatter becomes an error finding on exactly the offending key (never
 * a throw), `month` changes how downtime is computed, and the assumptions feed the rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, type Finding, type Span } from '../src/engine';

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

/**
 * Each case: frontmatter, the text the finding must cover exactly (and which occurrence), the
 * message. A YAML syntax error has no key to cover: its finding must start where the parser
 * noticed the error and stay within the token named by `within`.
 */
const invalid: { name: string; yaml: string; covers?: [string, number?]; within?: [string, number?]; message: RegExp }[] = [
  { name: 'unknown key', yaml: 'scaling-plan: 1\nowner: Ana\n', covers: ['owner'], message: /^Unknown frontmatter key `owner`/ },
  { name: 'unknown key among valid ones', yaml: 'scaling-plan: 1\nproduct: Tally\nreviewers: 2\nmonth: 30d\n', covers: ['reviewers'], message: /^Unknown frontmatter key `reviewers`/ },
  { name: 'unknown assumption', yaml: 'scaling-plan: 1\nassumptions:\n  arpu: 9\n  churn: 3%\n', covers: ['churn'], message: /^Unknown frontmatter key `assumptions\.churn`/ },
  { name: 'bad month', yaml: 'scaling-plan: 1\nmonth: 31d\n', covers: ['month'], message: /^Invalid frontmatter value for `month`: .*"30d"\|"730h"/ },
  { name: 'month as a number', yaml: 'scaling-plan: 1\nmonth: 730\n', covers: ['month'], message: /^Invalid frontmatter value for `month`/ },
  { name: 'bad tolerance', yaml: 'scaling-plan: 1\ntolerance: a little\n', covers: ['tolerance'], message: /^Invalid frontmatter value for `tolerance`: a percentage such as 5%/ },
  { name: 'bad currency', yaml: 'scaling-plan: 1\ncurrency: dollars\n', covers: ['currency'], message: /^Invalid frontmatter value for `currency`/ },
  { name: 'bad scaling-plan version', yaml: 'scaling-plan: 3\n', covers: ['scaling-plan'], message: /^Invalid frontmatter value for `scaling-plan`/ },
  { name: 'bad assumption value', yaml: 'scaling-plan: 1\nassumptions:\n  arpu: twelve\n', covers: ['arpu'], message: /^Invalid frontmatter value for `assumptions\.arpu`: an amount such as 12 or \$12/ },
  { name: 'negative price', yaml: 'scaling-plan: 1\nassumptions:\n  price: -18.99\n', covers: ['price'], message: /^Invalid frontmatter value for `assumptions\.price`/ },
  { name: 'conversion in words', yaml: 'scaling-plan: 1\nassumptions:\n  conversion: five percent\n', covers: ['conversion'], message: /^Invalid frontmatter value for `assumptions\.conversion`/ },
  { name: 'fractional start-users', yaml: 'scaling-plan: 1\nassumptions:\n  start-users: 99.5\n', covers: ['start-users'], message: /^Invalid frontmatter value for `assumptions\.start-users`/ },
  { name: 'assumptions not a mapping', yaml: 'scaling-plan: 1\nassumptions: plenty\n', covers: ['assumptions'], message: /^Invalid frontmatter value for `assumptions`/ },
  { name: 'broken YAML: a key written twice', yaml: 'scaling-plan: 1\nproduct: Tally\nproduct: Tally Pro\n', within: ['product', 1], message: /^Frontmatter is not valid YAML: Map keys must be unique/ },
  { name: 'broken YAML: tab indentation', yaml: 'scaling-plan: 1\n\tproduct: Tally\n', within: ['\t'], message: /^Frontmatter is not valid YAML: Tabs/ },
  { name: 'broken YAML: a nested mapping on one line', yaml: 'scaling-plan: 1\nproduct: a: b\n', within: ['a: b'], message: /^Frontmatter is not valid YAML: Nested mappings/ },
  { name: 'non-mapping frontmatter: a list', yaml: '- scaling-plan\n- 1\n', covers: ['- scaling-plan\n- 1\n'], message: /^Frontmatter must be a mapping/ },
  { name: 'non-mapping frontmatter: a number', yaml: '42\n', covers: ['42'], message: /^Frontmatter must be a mapping/ },
  { name: 'non-mapping frontmatter: a string', yaml: 'just some words\n', covers: ['just some words'], message: /^Frontmatter must be a mapping/ },
];

describe('invalid frontmatter', () => {
  for (const c of invalid) {
    it(`${c.name}: an error on ${c.covers ? 'exactly the offending key' : 'the place of the syntax error'}`, () => {
      const text = plan(c.yaml);
      const found = frontmatterFindings(text);
      assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
      const f = found[0]!;
      assert.equal(f.severity, 'error');
      assert.match(f.message, c.message);
      const got = `covers ${JSON.stringify(text.slice(f.span.start, f.span.end))}`;
      if (c.covers) assert.deepEqual(f.span, at(text, c.covers[0], c.covers[1]), got);
      if (c.within) {
        const token = at(text, c.within[0], c.within[1]);
        assert.equal(f.span.start, token.start, got);
        assert.ok(f.span.end > f.span.start && f.span.end <= token.end, got);
      }
      assert.deepEqual(f.fixes, []);
    });
  }

  it('reports each offending key of one frontmatter', () => {
    const text = plan('scaling-plan: 1\nowner: Ana\nmonth: 31d\nassumptions:\n  price: free\n');
    assert.deepEqual(
      frontmatterFindings(text).map((f) => text.slice(f.span.start, f.span.end)),
      ['owner', 'month', 'price'],
    );
  });

  it('places findings right with CRLF line endings and non-ASCII text before the key', () => {
    const text = '---\r\nscaling-plan: 1\r\nproduct: Über 🚀\r\nmonth: 31d\r\n---\r\n\r\n# Plan\r\n';
    const [f] = frontmatterFindings(text);
    assert.deepEqual(f?.span, at(text, 'month'));
  });

  it('leaves frontmatter without `scaling-plan` alone (it belongs to another tool)', () => {
    assert.deepEqual(frontmatterFindings(plan('title: Release notes\nlayout: post\ntags: [a, b]\n')), []);
  });

  it('still checks the rest of the document', () => {
    const text = plan('scaling-plan: 1\nowner: Ana\n', '- Uptime: 99.9% (50 minutes downtime/month)\n');
    assert.deepEqual(analyze(text).findings.map((f) => f.rule), ['frontmatter', 'downtime']);
  });

  it('keeps the valid keys when another key is invalid', () => {
    const text = plan('scaling-plan: 1\nowner: Ana\nmonth: 730h\n', '- Uptime: 99.9% (43.2 minutes downtime/month)\n');
    assert.deepEqual(analyze(text).findings.map((f) => f.rule), ['frontmatter', 'downtime']);
  });

  const neverThrows: [string, string][] = [
    ['an unclosed flow sequence', 'scaling-plan: 1\nproduct: [a, b\n'],
    ['an unclosed quote', 'scaling-plan: 1\nproduct: "Tally\n'],
    ['an unclosed flow mapping', '{scaling-plan: 1\n'],
    ['a reserved character', 'scaling-plan: 1\n@product: x\n'],
    ['a collection as a key', 'scaling-plan: 1\n? [a, b]\n: c\n'],
    ['a bad timestamp', 'scaling-plan: 1\nx: !!timestamp soon\n'],
    ['a custom tag', 'scaling-plan: 1\nproduct: !secret x\n'],
    ['a self-referencing anchor', 'x: &a [*a]\n'],
    ['only a comment', '# nothing here\n'],
    ['nothing', ''],
    ['a document marker', 'scaling-plan: 1\n---\nproduct: x\n'],
    ['deep flow nesting', 'scaling-plan: 1\nx: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n'],
    ['a huge scalar', 'scaling-plan: 1\nproduct: ' + 'x'.repeat(200_000) + '\n'],
  ];
  for (const [name, yaml] of neverThrows) {
    it(`never throws on ${name}`, () => {
      const text = plan(yaml);
      const a = analyze(text);
      for (const f of a.findings) assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length);
    });
  }

  // Known engine bug: readFrontmatter calls `doc.toJS()` outside any try, and the yaml library
  // throws a ReferenceError for an alias without its anchor or for an alias bomb.
  const aliasCases: [string, string][] = [
    ['an alias without its anchor', 'scaling-plan: 1\nproduct: *missing\n'],
    ['an alias without its anchor in non-plan frontmatter', 'title: *missing\n'],
    ['an alias bomb', 'scaling-plan: 1\n' + ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefg'[i]).join(', ')}]`)].join('\n') + '\n'],
  ];
  for (const [name, yaml] of aliasCases) {
    it(`never throws on ${name}, and reports it on the frontmatter`, () => {
      const text = plan(yaml);
      const a = analyze(text);
      assert.ok(a.findings.some((f) => f.rule === 'frontmatter' && f.severity === 'error'));
    });
  }
});

describe('month', () => {
  const body = (minutes: string): string => `- Uptime: 99.9% (${minutes} minutes downtime/month)\n`;
  const downtime = (text: string): string[] => analyze(text).findings.filter((f) => f.rule === 'downtime').map((f) => text.slice(f.span.start, f.span.end));

  it('accepts either convention when the plan does not choose one', () => {
    assert.deepEqual(downtime(body('43.2')), []);
    assert.deepEqual(downtime(body('43.8')), []);
    assert.deepEqual(downtime(plan('scaling-plan: 1\n', body('43.8'))), []);
  });

  it('month: 730h computes 99.9% as 43.8 minutes a month', () => {
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 730h\n', body('43.8'))), []);
    const text = plan('scaling-plan: 1\nmonth: 730h\n', body('43.2'));
    const [f] = analyze(text).findings.filter((x) => x.rule === 'downtime');
    assert.equal(f?.message, 'Downtime 43.2 minutes does not match (100% − 99.9%) × 730 h month = 43.8 minutes/month');
    assert.deepEqual(f.span, at(text, '43.2 minutes'));
    assert.equal(f.fixes[0]?.edits[0]?.newText, '43.8');
  });

  it('month: 30d computes 99.9% as 43.2 minutes a month', () => {
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 30d\n', body('43.2'))), []);
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 30d\n', body('43.8'))), ['43.8 minutes']);
  });

  it('the month convention also sets quarters and years', () => {
    // 0.1% of 8,766 hours is 8.766 hours; of 365 days, 8.76 hours.
    const year = (h: string): string => `- Uptime: 99.9% (${h} hours downtime per year)\n`;
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 730h\n', year('8.77'))), []);
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 30d\n', year('8.77'))), ['8.77 hours']);
  });

  it('an invalid month falls back to accepting either convention', () => {
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 31d\n', body('43.8'))), []);
    assert.deepEqual(downtime(plan('scaling-plan: 1\nmonth: 31d\n', body('43.2'))), []);
  });
});

describe('tolerance', () => {
  const text = (tolerance: string): string => plan(`scaling-plan: 1\ntolerance: ${tolerance}\n`, '- Uptime: 99.9% (47 minutes downtime/month)\n');
  const flagged = (t: string): boolean => analyze(t).findings.some((f) => f.rule === 'downtime');

  it('widens every arithmetic check by the stated share', () => {
    assert.equal(flagged(plan('scaling-plan: 1\n', '- Uptime: 99.9% (47 minutes downtime/month)\n')), true);
    assert.equal(flagged(text('2%')), true);
    assert.equal(flagged(text('10%')), false);
    assert.equal(flagged(text('0.1')), false);
  });
});

describe('assumptions', () => {
  const revenue = (yaml: string, body: string): Finding[] => analyze(plan(yaml, body)).findings.filter((f) => f.rule === 'revenue');

  it('assumptions.arpu is used by the revenue rule', () => {
    const body = '**4,000 users:**\n- Revenue: $24,000/month\n';
    assert.deepEqual(revenue('scaling-plan: 1\nassumptions:\n  arpu: 6\n', body), []);
    const yaml = 'scaling-plan: 1\nassumptions:\n  arpu: 7\n';
    const text = plan(yaml, body);
    const [f] = revenue(yaml, body);
    assert.equal(f?.message, 'Revenue $24,000/month does not match 4,000 users × $7/month ARPU = $28,000/month');
    assert.deepEqual(f.span, at(text, '$24,000/month'));
    assert.ok(f.related.some((r) => text.slice(r.span.start, r.span.end) === '7'), 'the finding points at the ARPU in the frontmatter');
    assert.equal(f.fixes[0]?.title, 'Set revenue to $28,000/month');
  });

  it('assumptions.arpu may be written as an amount with a currency sign', () => {
    const body = '**4,000 users:**\n- Revenue: $30,000/month\n';
    assert.equal(revenue('scaling-plan: 1\nassumptions:\n  arpu: "$7.50"\n', body).length, 0);
    assert.equal(revenue('scaling-plan: 1\nassumptions:\n  arpu: "$6"\n', body).length, 1);
  });

  it('assumptions.conversion and price are used together', () => {
    const body = '**2,000 users:**\n- Revenue: $2,100/month\n';
    assert.deepEqual(revenue('scaling-plan: 1\nassumptions:\n  conversion: 5%\n  price: 21\n', body), []);
    const [f] = revenue('scaling-plan: 1\nassumptions:\n  conversion: 5%\n  price: 25\n', body);
    assert.equal(f?.message, 'Revenue $2,100/month does not match 2,000 users × 5% × $25 = $2,500/month');
  });

  it('an ARPU stated in the text takes precedence over the frontmatter', () => {
    const body = 'We assume an ARPU of $8/month.\n\n**4,000 users:**\n- Revenue: $32,000/month\n';
    assert.deepEqual(revenue('scaling-plan: 1\nassumptions:\n  arpu: 6\n', body), []);
  });

  it('assumptions are ignored without `scaling-plan`', () => {
    const body = '**4,000 users:**\n- Revenue: $28,000/month\n';
    assert.deepEqual(revenue('assumptions:\n  arpu: 6\n', body), []);
  });
});
