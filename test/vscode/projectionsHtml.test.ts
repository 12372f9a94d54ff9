/**
 * The Show Projections page (client/src/projectionsHtml.ts): strict content security policy, no
 * script or remote resource, escaped plan text, the tables and one chart per series.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { projectionsHtml } from '../../client/src/projectionsHtml';
import type { ProjectionsResult } from '../../client/src/protocol';

const data: ProjectionsResult = {
  uri: 'file:///plans/pinewick.md',
  version: 7,
  product: 'Pinewick <beta>',
  stages: [
    { label: 'Stage 1: Launch', line: 17, low: 0, high: 500, open: false, users: 500, cost: 380, costPerUser: 0.76, revenue: 5000, margin: 92.4, profit: 4620, budget: 100, budgetHigh: 400 },
    { label: 'Stage 2: Traction', line: 20, low: 500, high: 2000, open: false, users: 2000, cost: 1100, costPerUser: 0.55, revenue: 20000, margin: 94.5, profit: 18900, uptime: 99.9, downtimeMinutes: 43.2 },
    { label: 'Stage 3: Scale', line: 23, low: 2000, open: true },
  ],
  blocks: [{ label: '500 users', line: 29, users: 500, cost: 380, costPerUser: 0.76, revenue: 5000, margin: 92.4, profit: -4620 }],
  growth: 'timelines imply 26%/month for Stage 2: Traction',
};

const html = projectionsHtml(data, { nonce: 'n0nce', fileName: 'pinewick.md' });

describe('projection view', () => {
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

  test('plan text is escaped', () => {
    assert.match(html, /<h1>Pinewick &#60;beta&#62;: projections<\/h1>/);
    const evil = projectionsHtml({ ...data, stages: [{ label: '<img src=x onerror=alert(1)>', line: 0, users: 1, cost: 1 }] }, { nonce: 'n', fileName: 'a"b.md' });
    assert.doesNotMatch(evil, /<img/);
    assert.match(evil, /a&#34;b\.md/);
  });

  test('the stage table: ranges, figures in the plan\'s format, 1-based lines, budget and downtime', () => {
    const stages = html.slice(html.indexOf('<h2>Stages</h2>'), html.indexOf('<h2>Cost and economics blocks</h2>'));
    assert.match(stages, /<th scope="row">Stage 2: Traction<\/th><td>500–2,000 users<\/td><td class="num">2,000<\/td><td class="num">\$1,100<\/td><td class="num">\$0\.55<\/td><td class="num">\$20,000<\/td><td class="num">94\.5%<\/td><td class="num">\$18,900<\/td><td class="num"><\/td><td class="num">99\.9%<\/td><td class="num">43\.2 minutes<\/td><td class="num">21<\/td>/);
    assert.match(stages, /<td>2,000\+ users<\/td>/);
    assert.match(stages, /\$100–\$400/);
  });

  test('a stated figure a check finds inconsistent is marked, with the computed value', () => {
    const flagged = projectionsHtml({ ...data, stages: [{ ...data.stages[1]!, checks: { margin: 92.5 } }] }, { nonce: 'n', fileName: 'x.md' });
    assert.match(flagged, /<td class="num">94\.5% ✗ 92\.5%<\/td>/);
    assert.match(flagged, /<p class="legend">✗ a check finds the stated figure inconsistent/);
    assert.doesNotMatch(html, /✗|class="legend"/);
  });

  test('the block table shows negative money with a sign', () => {
    assert.match(html, /<th scope="row">500 users<\/th>.*-\$4,620/);
  });

  test('one chart per series, a bar per stage with figures, labelled for screen readers', () => {
    for (const series of ['users', 'cost-per-user', 'margin']) {
      const svg = new RegExp(`<svg class="chart ${series}" role="img" aria-label="[^"]+"[^>]*>([\\s\\S]*?)</svg>`).exec(html);
      assert.ok(svg, `no ${series} chart`);
      assert.equal(svg[1]!.match(/<rect class="bar/g)?.length, 2, `${series}: stages 1 and 2 have figures, stage 3 none`);
    }
    assert.match(html, /<title>Stage 2: Traction: 94\.5%<\/title>/);
  });

  test('without stage figures the chart is per block', () => {
    const blocksOnly = projectionsHtml({ ...data, stages: [], blocks: [{ ...data.blocks[0]!, margin: -12 }] }, { nonce: 'n', fileName: 'x.md' });
    assert.match(blocksOnly, /<h2>Chart: per block<\/h2>/);
    assert.match(blocksOnly, /<rect class="bar negative"/);
  });

  test('a notice instead of figures when there is nothing to show', () => {
    assert.match(projectionsHtml(null, { nonce: 'n', fileName: 'readme.md' }), /No projections: this document is not a scaling plan\./);
    assert.match(projectionsHtml({ ...data, stages: [], blocks: [] }, { nonce: 'n', fileName: 'x.md' }), /states no stages and no cost blocks/);
    assert.match(projectionsHtml(data, { nonce: 'n', fileName: 'x.md', notice: 'The server is not running.' }), /The server is not running\./);
  });
});
