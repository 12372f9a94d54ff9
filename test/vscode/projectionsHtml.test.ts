/**
 * The Show Projections page (client/src/projectionsHtml.ts) over the protocol's projection rows
 * (`{ kind, label, line, users: { value, text }, figures: { key: { value, high, text, formula,
 * stated } }, modelled, economics }`): a strict content security policy, no script or remote
 * resource, plan text escaped, and every figure shown as the server wrote it (the page formats
 * no number; values only scale the bars).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { projectionsHtml } from '../../client/src/projectionsHtml';
import type { ProjectionRow, ProjectionsResult } from '../../client/src/protocol';

const stage1: ProjectionRow = {
  kind: 'stage',
  label: 'Stage 1: Launch',
  line: 17,
  users: { value: 500, text: '0–500 users' },
  figures: {
    budget: { value: 100, high: 400, text: '$100–400/month', stated: true },
    cost: { value: 380, text: '$380/month*', formula: '200 + 180', stated: false },
    costPerUser: { value: 0.76, text: '$0.76/user/month', formula: '(200 + 180) / 500', stated: false },
    margin: { value: 92.4, text: '92.4%', formula: '(5,000 − 380) / 5,000 × 100%', stated: false },
  },
  modelled: { label: '500 users', line: 29 },
};

const stage2: ProjectionRow = {
  kind: 'stage',
  label: 'Stage 2: Traction <b>&</b> "Co"',
  line: 20,
  users: { value: 2000, text: '500–2,000 users' },
  figures: {
    // Values with more digits than their texts: the page must show the texts, not the values.
    cost: { value: 1234.5678, text: '$1,235/month', formula: '600 + 634.5678', stated: false },
    costPerUser: { value: 0.6172839, text: '$0.62/user/month', formula: '(600 + 634.5678) / 2,000', stated: false },
    revenue: { value: 20000, text: '$20,000/month', formula: '2,000 × 10', stated: false },
    margin: { value: 93.8271605, text: '93.8%', formula: '(20,000 − 1,234.5678) / 20,000 × 100%', stated: false },
    profit: { value: -4620.25, text: '−$4,620/month', formula: '20,000 − (1,234.5678 + 23,385.68)', stated: false },
    uptime: { value: 99.9, text: '99.9%', stated: true },
    downtime: { value: 43.2, text: '43.2 minutes', formula: '(100% − 99.9%) × 43,200 minutes (30 days)', stated: false },
  },
  modelled: { label: '2,000 users', line: 35 },
  economics: { label: '2,000 users', line: 42 },
};

const stage3: ProjectionRow = { kind: 'stage', label: 'Stage 3: Scale', line: 23, users: { value: 2000, text: '2,000+ users' }, figures: {} };

const block: ProjectionRow = {
  kind: 'block',
  label: '500 users',
  line: 29,
  users: { value: 500, text: '500 users' },
  figures: {
    cost: { value: 380, text: '$380/month', formula: '200 + 180', stated: false },
    costPerUser: { value: 0.76, text: '$0.76/user/month', formula: '(200 + 180) / 500', stated: false },
    profit: { value: -120, text: '−$120/month', formula: '260 − 380', stated: false },
  },
};

const data: ProjectionsResult = {
  uri: 'file:///plans/pinewick.md',
  version: 7,
  product: 'Pinewick <beta>',
  stages: [stage1, stage2, stage3],
  blocks: [block],
  growth: 'Growth 18%/month from 120 users: 250 users in month 5 & more',
};

const html = projectionsHtml(data, { nonce: 'n0nce', fileName: 'pinewick.md' });

/** The rows of the table under a heading, one string per row. */
function tableRows(page: string, heading: string): string[] {
  const at = page.indexOf(`<h2>${heading}</h2>`);
  assert.ok(at >= 0, `no ${heading} table`);
  const table = page.slice(at, page.indexOf('</table>', at));
  return [...table.matchAll(/<tr>.*?<\/tr>/g)].map((m) => m[0]);
}

describe('projection view: safety', () => {
  test('a strict content security policy: nothing but the nonced style sheet and data images', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; style-src 'nonce-n0nce'; img-src data:;");
    assert.match(html, /<style nonce="n0nce">/);
  });

  test('no script, no remote resource, no inline style attribute', () => {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\bon[a-z]+=/i, 'no event handler attributes');
    assert.doesNotMatch(html, /\sstyle="/i);
    const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
    assert.deepEqual(urls.filter((u) => u !== 'http://www.w3.org/2000/svg'), []);
  });

  test('plan text is escaped: product, labels, users, figures, formulas, growth, file name, notice', () => {
    assert.match(html, /<title>Pinewick &#60;beta&#62;: projections<\/title>/);
    assert.match(html, /<h1>Pinewick &#60;beta&#62;: projections<\/h1>/);
    assert.ok(html.includes('<th scope="row">Stage 2: Traction &#60;b&#62;&#38;&#60;/b&#62; &#34;Co&#34;</th>'));
    assert.ok(html.includes('<p class="growth">Growth 18%/month from 120 users: 250 users in month 5 &#38; more</p>'));
    assert.doesNotMatch(html, /<b>/);
    const evil = '<img src=x onerror=alert(1)>';
    const page = projectionsHtml(
      {
        ...data,
        product: `'${evil}'`,
        growth: evil,
        stages: [{ kind: 'stage', label: evil, line: 0, users: { value: 1, text: evil }, figures: { cost: { value: 1, text: evil, formula: `" ${evil}`, stated: false } } }],
        blocks: [],
      },
      { nonce: 'n', fileName: 'a"b.md' },
    );
    assert.doesNotMatch(page, /<img/);
    for (const tag of page.match(/<[a-z][^>]*>/gi) ?? []) assert.doesNotMatch(tag.replace(/"[^"]*"/g, '""'), /onerror/, `an attribute was injected: ${tag}`);
    assert.match(page, /a&#34;b\.md/);
    assert.ok(page.includes(`<td class="num" title="= &#34; &#60;img src=x onerror=alert(1)&#62;">&#60;img src=x onerror=alert(1)&#62;</td>`));
    assert.ok(page.includes('<h1>&#39;&#60;img src=x onerror=alert(1)&#62;&#39;: projections</h1>'));
    const notice = projectionsHtml(null, { nonce: 'n', fileName: 'x.md', notice: '<b>down</b>' });
    assert.match(notice, /<p class="notice">&#60;b&#62;down&#60;\/b&#62;<\/p>/);
  });
});

describe('projection view: tables', () => {
  test('the stage table: only the columns some stage has, in order, then the line', () => {
    const rows = tableRows(html, 'Stages');
    assert.equal(rows[0], '<tr><th>Stage</th><th>Users</th><th>Budget</th><th>Cost</th><th>Cost per user</th><th>Revenue</th><th>Gross margin</th><th>Profit</th><th>Uptime</th><th>Downtime / month</th><th>Line</th></tr>');
    assert.equal(rows.length, 4);
  });

  test('exact cells: the server\'s texts, formulas as tooltips, stated figures marked, blanks empty, 1-based lines', () => {
    const rows = tableRows(html, 'Stages');
    assert.equal(
      rows[1],
      '<tr><th scope="row">Stage 1: Launch</th><td>0–500 users</td>' +
        '<td class="num" title="stated in the plan">$100–400/month</td>' +
        '<td class="num" title="= 200 + 180">$380/month*</td>' +
        '<td class="num" title="= (200 + 180) / 500">$0.76/user/month</td>' +
        '<td class="num"></td>' +
        '<td class="num" title="= (5,000 − 380) / 5,000 × 100%">92.4%</td>' +
        '<td class="num"></td><td class="num"></td><td class="num"></td>' +
        '<td class="num">18 (cost at line 30)</td></tr>',
    );
    assert.equal(
      rows[2],
      '<tr><th scope="row">Stage 2: Traction &#60;b&#62;&#38;&#60;/b&#62; &#34;Co&#34;</th><td>500–2,000 users</td>' +
        '<td class="num"></td>' +
        '<td class="num" title="= 600 + 634.5678">$1,235/month</td>' +
        '<td class="num" title="= (600 + 634.5678) / 2,000">$0.62/user/month</td>' +
        '<td class="num" title="= 2,000 × 10">$20,000/month</td>' +
        '<td class="num" title="= (20,000 − 1,234.5678) / 20,000 × 100%">93.8%</td>' +
        '<td class="num" title="= 20,000 − (1,234.5678 + 23,385.68)">−$4,620/month</td>' +
        '<td class="num" title="stated in the plan">99.9%</td>' +
        '<td class="num" title="= (100% − 99.9%) × 43,200 minutes (30 days)">43.2 minutes</td>' +
        '<td class="num">21 (cost at line 36)</td></tr>',
    );
    assert.equal(rows[3], `<tr><th scope="row">Stage 3: Scale</th><td>2,000+ users</td>${'<td class="num"></td>'.repeat(8)}<td class="num">24</td></tr>`);
  });

  test('the block table has its own columns', () => {
    assert.deepEqual(tableRows(html, 'Cost and economics blocks'), [
      '<tr><th>Block</th><th>Users</th><th>Cost</th><th>Cost per user</th><th>Profit</th><th>Line</th></tr>',
      '<tr><th scope="row">500 users</th><td>500 users</td><td class="num" title="= 200 + 180">$380/month</td><td class="num" title="= (200 + 180) / 500">$0.76/user/month</td><td class="num" title="= 260 − 380">−$120/month</td><td class="num">30</td></tr>',
    ]);
  });

  test('the page formats no number of its own: values only scale the bars', () => {
    // What a client-side formatting of the values would write; the server's texts say otherwise.
    for (const own of ['1234.5678', '1,234.57', '1,234.6', '1,235.', '0.6172839', '0.617', '93.8271605', '93.83', '4620.25', '4,620.25', '4,620.3']) assert.ok(!html.includes(own), own);
    assert.equal(html.split('$1,235/month').length - 1, 1, 'in the table only (the chart shows cost per user)');
  });

  test('the legend about modelled costs appears only when a stage has one', () => {
    assert.match(html, /<p class="legend">A stage&#39;s cost is the one modelled for the users at its top/);
    const plain = projectionsHtml({ ...data, stages: [{ ...stage1, modelled: undefined }, stage3] } as ProjectionsResult, { nonce: 'n', fileName: 'x.md' });
    assert.doesNotMatch(plain, /class="legend"/);
    assert.match(plain, /<td class="num">18<\/td><\/tr>/);
  });

  test('the heading names the file and the version; without a product, the file', () => {
    assert.match(html, /<p class="file">pinewick\.md · version 7<\/p>/);
    const unnamed = projectionsHtml({ ...data, product: undefined } as ProjectionsResult, { nonce: 'n', fileName: 'pinewick.md' });
    assert.match(unnamed, /<h1>Projections: pinewick\.md<\/h1>/);
    assert.doesNotMatch(unnamed, /Pinewick/);
  });
});

describe('projection view: charts', () => {
  function svg(page: string, series: string): string {
    const m = new RegExp(`<svg class="chart ${series}" role="img" aria-label="([^"]+)"[^>]*>([\\s\\S]*?)</svg>`).exec(page);
    assert.ok(m, `no ${series} chart`);
    return m[0];
  }

  test('one chart per series over the stages that have figures, labelled with the server\'s texts', () => {
    assert.match(html, /<h2>Chart: per stage<\/h2>/);
    const users = svg(html, 'users');
    assert.match(users, /aria-label="Users: Stage 1: Launch 0–500 users, Stage 2: Traction &#60;b&#62;&#38;&#60;\/b&#62; &#34;Co&#34; 500–2,000 users"/);
    assert.equal(users.match(/<rect class="bar"/g)?.length, 2, 'stage 3 has no figure: not charted');
    const costPerUser = svg(html, 'cost-per-user');
    assert.ok(costPerUser.includes('<title>Stage 1: Launch: $0.76/user/month</title>'));
    assert.ok(costPerUser.includes('>$0.62/user/month</text>'));
    const margin = svg(html, 'margin');
    assert.ok(margin.includes('<title>Stage 2: Traction &#60;b&#62;&#38;&#60;/b&#62; &#34;Co&#34;: 93.8%</title>'));
    assert.equal(margin.match(/<text class="tick"[^>]*>Stage \d<\/text>/g)?.length, 2, 'ticks are the short stage names');
  });

  test('bars are scaled by value: the higher value has the taller bar', () => {
    const heights = [...svg(html, 'cost-per-user').matchAll(/<rect class="bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.equal(heights.length, 2);
    assert.ok(heights[0]! > heights[1]!, `${heights}: $0.76 is above $0.62`);
    assert.equal(heights[0], 120, 'the largest value fills the plot (200 − 40 − 40)');
  });

  test('a stage without a figure of one series shows n/a', () => {
    const page = projectionsHtml({ ...data, stages: [stage1, { ...stage2, figures: { ...stage2.figures, margin: undefined } }] } as ProjectionsResult, { nonce: 'n', fileName: 'x.md' });
    const margin = svg(page, 'margin');
    assert.equal(margin.match(/<rect class="bar/g)?.length, 1);
    assert.match(margin, /<text class="missing"[^>]*>n\/a<\/text>/);
    assert.match(margin, /aria-label="Gross margin: Stage 1: Launch 92\.4%, Stage 2: Traction &#60;b&#62;&#38;&#60;\/b&#62; &#34;Co&#34; n\/a"/);
  });

  test('without stage figures the chart is per block, and a negative value has its own bar', () => {
    const page = projectionsHtml({ ...data, stages: [stage3], blocks: [{ ...block, figures: { ...block.figures, margin: { value: -12, text: '−12%', stated: false } } }] }, { nonce: 'n', fileName: 'x.md' });
    assert.match(page, /<h2>Chart: per block<\/h2>/);
    assert.match(svg(page, 'margin'), /<rect class="bar negative"[^>]*><title>500 users: −12%<\/title><\/rect>/);
  });
});

describe('projection view: notices', () => {
  test('a notice instead of figures when there is nothing to show', () => {
    const notPlan = projectionsHtml(null, { nonce: 'n', fileName: 'readme.md' });
    assert.match(notPlan, /<p class="notice">No projections: this document is not a scaling plan\.<\/p>/);
    assert.match(notPlan, /<h1>Projections: readme\.md<\/h1>/);
    assert.doesNotMatch(notPlan, /<table|<svg/);
    const empty = projectionsHtml({ ...data, stages: [], blocks: [] }, { nonce: 'n', fileName: 'x.md' });
    assert.match(empty, /<p class="notice">This plan states no stages and no cost blocks with a user count yet\.<\/p>/);
    assert.doesNotMatch(empty, /<table|<svg/);
    const down = projectionsHtml(data, { nonce: 'n', fileName: 'x.md', notice: 'The server is not running.' });
    assert.match(down, /<p class="notice">The server is not running\.<\/p>/);
    assert.doesNotMatch(down, /<table/);
  });
});
