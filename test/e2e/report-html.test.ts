/**
 * The HTML report (`scaling-plan report --format html`) rendered in headless Chromium: its table,
 * the marked figures and the chart's points, with no external asset. Skipped when Chromium is
 * not installed (CI installs it: see .ci/run).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { renderReport } from '../../src/cli/report';
import { PLAN } from '../fixtures/report-plan';
import { sample } from '../helpers';

/** The page functions below run in Chromium; the project's TypeScript has no DOM types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const CHROMIUM = '/usr/bin/chromium';
const chromiumSkip = existsSync(CHROMIUM) || process.env.CI ? false : `Chromium not found at ${CHROMIUM}; skipped (CI installs it: apt-get install chromium)`;

describe('report HTML in headless Chromium', { skip: chromiumSkip }, () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let browser: any;
  before(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
  });

  interface Rendered {
    rows: number;
    inconsistent: string[];
    external: number;
    svg: { width: number; height: number; left: number; top: number };
    points: { series: string; stage: string; value: number; x: number; y: number; w: number }[];
  }

  async function render(html: string): Promise<Rendered> {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r: { url(): string }) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
    const rendered = (await page.evaluate(() => {
      const svg = document.querySelector('svg#stage-chart')!.getBoundingClientRect();
      return {
        rows: document.querySelectorAll('table#projections tbody tr').length,
        inconsistent: [...document.querySelectorAll('td.inconsistent')].map((td) => td.textContent),
        external: document.querySelectorAll('link[href], script[src], img[src]').length,
        svg: { width: svg.width, height: svg.height, left: svg.left, top: svg.top },
        points: [...document.querySelectorAll('circle.point')].map((c) => {
          const r = c.getBoundingClientRect();
          return { series: c.getAttribute('data-series'), stage: c.getAttribute('data-stage'), value: Number(c.getAttribute('data-value')), x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width };
        }),
      };
    })) as Rendered;
    await page.close();
    assert.deepEqual(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:')), [], 'no external assets');
    return rendered;
  }

  /** Points of a series are drawn inside the chart, left to right, higher values higher up. */
  function checkSeries(r: Rendered, series: string, values: number[]): void {
    const pts = r.points.filter((p) => p.series === series);
    assert.deepEqual(pts.map((p) => Math.round(p.value * 1000) / 1000), values);
    for (const p of pts) {
      assert.ok(p.w > 0, 'rendered');
      assert.ok(p.x >= r.svg.left && p.x <= r.svg.left + r.svg.width && p.y >= r.svg.top && p.y <= r.svg.top + r.svg.height, 'inside the chart');
    }
    for (let i = 1; i < pts.length; i++) {
      assert.ok(pts[i]!.x > pts[i - 1]!.x, 'stages go left to right');
      if (pts[i]!.value > pts[i - 1]!.value) assert.ok(pts[i]!.y < pts[i - 1]!.y, `${series} rises on screen as it grows`);
      if (pts[i]!.value < pts[i - 1]!.value) assert.ok(pts[i]!.y > pts[i - 1]!.y, `${series} falls on screen as it shrinks`);
    }
  }

  it('renders the plan written here: its table, the marked uptime, and the chart', async () => {
    const r = await render(renderReport('plan.md', PLAN, 'html'));
    assert.equal(r.rows, 3);
    assert.deepEqual(r.inconsistent, ['99.8% ✗']);
    assert.equal(r.external, 0);
    checkSeries(r, 'cost-per-user', [1, 0.6, 0.52]);
    checkSeries(r, 'margin', [90]);
  });

  it('renders the correct sample', async () => {
    const r = await render(renderReport('correct-plan.md', sample('correct-plan.md'), 'html'));
    assert.equal(r.rows, 4);
    assert.deepEqual(r.inconsistent, []);
    checkSeries(r, 'cost-per-user', [0.576, 0.43, 0.39]);
    checkSeries(r, 'margin', [95.886, 96.929, 97.214]);
    assert.deepEqual(r.points.filter((p) => p.series === 'margin').map((p) => p.stage), ['Stage 1', 'Stage 2', 'Stage 3']);
  });
});
