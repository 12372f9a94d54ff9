/**
 * The Scaling Plan messages beyond standard LSP (client/src/protocol.ts), over stdio:
 * `scalingPlan/projections` (the engine's projection table, figure by figure),
 * `scalingPlan/checkWorkspace`, the `scalingPlan/status` notification, and the lens command the
 * VS Code client registers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import {
  CheckWorkspaceRequest,
  Commands,
  ProjectionsRequest,
  type CheckWorkspaceResult,
  type ProjectionFigure,
  type ProjectionRow,
  type ProjectionsResult,
} from '../client/src/protocol';
import { FIXTURES, fileUri, LspClient } from './fixtures/server/lsp-client';

const PLAN = readFileSync(join(FIXTURES, 'plan.md'), 'utf8');
const README = readFileSync(join(FIXTURES, 'readme.md'), 'utf8');
const TEMPLATE = readFileSync(join(FIXTURES, 'template.md'), 'utf8');

/** Numbers rounded to 9 decimals (a computed 43.2 may arrive as 43.199999999997544). */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)) as T;
}

/** A computed figure. */
const money = (value: number, text: string, formula?: string): ProjectionFigure => ({ value, text, stated: false, ...(formula ? { formula } : {}) });

/** plan.md's table, as the engine computes it from the plan's own figures. */
const STAGES: ProjectionRow[] = [
  {
    kind: 'stage',
    label: 'Stage 1: Launch',
    line: 18,
    users: { value: 100, text: '0–100 users' },
    figures: {
      // The items of the `100 users:` block (its stated total, $90, is wrong).
      cost: money(80, '$80/month', '50 + 30'),
      costPerUser: money(0.8, '$0.80/user/month', '(50 + 30) / 100'),
      // From `Stage 1 (0-100 users):` under Success Metrics.
      uptime: { value: 99.5, text: '99.5%', stated: true },
      downtime: money(216, '3.6 hours', '(100% − 99.5%) × 43,200 minutes (30 days)'),
    },
    modelled: { label: '100 users', line: 26 },
  },
  {
    kind: 'stage',
    label: 'Stage 2: Traction',
    line: 19,
    users: { value: 1000, text: '100–1,000 users' },
    figures: {
      cost: money(400, '$400/month', '240 + 160'),
      costPerUser: money(0.4, '$0.40/user/month', '(240 + 160) / 1,000'),
      // 1,000 users × the $15 ARPU stated above the block (its stated $25,000 is wrong).
      revenue: money(15000, '$15,000/month', '1,000 × 15'),
      // Over the infrastructure cost ($400), not the team.
      margin: money(97.333333333, '97.3%'),
      profit: money(2600, '$2,600/month', '1,000 × 15 − (400 + 12,000)'),
      uptime: { value: 99.9, text: '99.9%', stated: true },
      downtime: money(43.2, '43.2 minutes', '(100% − 99.9%) × 43,200 minutes (30 days)'),
    },
    modelled: { label: '1,000 users', line: 32 },
    economics: { label: '1,000 users', line: 43 },
  },
  { kind: 'stage', label: 'Stage 3: Growth', line: 20, users: { value: 10000, text: '1,000–10,000 users' }, figures: {} },
  { kind: 'stage', label: 'Stage 4: Scale', line: 21, users: { value: 10000, text: '10,000+ users' }, figures: {} },
];

const BLOCKS: ProjectionRow[] = [
  {
    kind: 'block',
    label: '100 users',
    line: 26,
    users: { value: 100, text: '100 users' },
    figures: { cost: money(80, '$80/month', '50 + 30'), costPerUser: money(0.8, '$0.80/user/month', '(50 + 30) / 100') },
  },
  {
    kind: 'block',
    label: '1,000 users',
    line: 32,
    users: { value: 1000, text: '1,000 users' },
    figures: { cost: money(400, '$400/month', '240 + 160'), costPerUser: money(0.4, '$0.40/user/month', '(240 + 160) / 1,000') },
  },
  {
    kind: 'block',
    label: '1,000 users',
    line: 43,
    users: { value: 1000, text: '1,000 users' },
    figures: {
      cost: money(12400, '$12,400/month', '400 + 12,000'),
      costPerUser: money(12.4, '$12.40/user/month', '(400 + 12,000) / 1,000'),
      revenue: money(15000, '$15,000/month', '1,000 × 15'),
      margin: money(97.333333333, '97.3%'),
      profit: money(2600, '$2,600/month', '1,000 × 15 − (400 + 12,000)'),
    },
  },
];

/** The margin's formula: revenue − infrastructure over revenue (the divisor, a product, in parentheses). */
const MARGIN_FORMULA = '(1,000 × 15 − 400) / (1,000 × 15) × 100%';

/** A row without the parts checked by their own tests below: the margin formula and a block's users text. */
function withoutKnownBugs(row: ProjectionRow): ProjectionRow {
  const copy = structuredClone(row);
  delete copy.figures.margin?.formula;
  if (copy.kind === 'block') delete (copy.users as { text?: string } | undefined)?.text;
  return copy;
}

describe('Scaling Plan protocol', () => {
  let client: LspClient;
  let projections: ProjectionsResult;
  const planUri = fileUri('protocol-projections.md');

  before(async () => {
    client = (await LspClient.start()).client;
    await client.open(planUri, PLAN);
    await client.diagnosticsFor(planUri, 1);
    projections = await client.request<ProjectionsResult>(ProjectionsRequest, { textDocument: { uri: planUri } });
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('lenses run the client command that shows projections, with the document, line and kind', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: planUri } });
    const block = lenses.filter((l) => l.range.start.line === 26);
    assert.deepEqual(block, [
      {
        range: { start: { line: 26, character: 0 }, end: { line: 26, character: 0 } },
        command: { title: '100 users: total $80/mo · $0.80/user/mo', command: Commands.showProjections, arguments: [planUri, 26, 'block'] },
      },
    ]);
    assert.deepEqual(
      lenses.filter((l) => l.range.start.line === 19).map((l) => l.command?.arguments),
      [
        [planUri, 19, 'stage'],
        [planUri, 19, 'economics'],
        [planUri, 19, 'service'],
      ],
    );
  });

  it('answers the document, version, product and growth of an open plan', () => {
    assert.equal(projections.uri, planUri);
    assert.equal(projections.version, 1);
    assert.equal(projections.product, 'Brightpath');
    // 20%/month from 100 users: 1,000 users in month 13 (100 × 1.2^13 ≈ 1,070); 10,000 in month
    // 26 does not fit in a lens's 80 characters.
    assert.equal(projections.growth, 'Growth 20%/month from 100 users: 1,000 users in month 13, …');
    assert.deepEqual(Object.keys(projections).sort(), ['blocks', 'growth', 'product', 'stages', 'uri', 'version']);
  });

  it('answers one row per stage with exact figures, formulas and the blocks they come from', () => {
    assert.deepEqual(rounded(projections.stages.map(withoutKnownBugs)), rounded(STAGES.map(withoutKnownBugs)));
  });

  it('answers one row per block with exact figures and formulas', () => {
    assert.deepEqual(rounded(projections.blocks.map(withoutKnownBugs)), rounded(BLOCKS.map(withoutKnownBugs)));
  });

  it('writes a block\'s users as the one number it has ("100 users", not "100–100 users")', () => {
    assert.deepEqual(
      projections.blocks.map((b) => b.users),
      BLOCKS.map((b) => b.users),
    );
  });

  it('writes the margin formula with the divisor in parentheses', () => {
    assert.equal(projections.stages[1]!.figures.margin?.formula, MARGIN_FORMULA);
    assert.equal(projections.blocks[2]!.figures.margin?.formula, MARGIN_FORMULA);
  });

  it('answers null for a document that is not open, not a plan, or not named', async () => {
    assert.equal(await client.request(ProjectionsRequest, { textDocument: { uri: fileUri('not-open.md') } }), null);
    const readme = fileUri('protocol-readme.md');
    await client.open(readme, README);
    await client.diagnosticsFor(readme, 1);
    assert.equal(await client.request(ProjectionsRequest, { textDocument: { uri: readme } }), null);
    assert.equal(await client.request(ProjectionsRequest, {}), null);
  });

  it('follows an edit: the version and the figures of the new text', async () => {
    const uri = fileUri('protocol-projections-edit.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    // `- Hosting: $50/month` → `$70/month` in the 100 users block (line 27).
    await client.change(uri, 2, [{ range: { start: { line: 27, character: 12 }, end: { line: 27, character: 13 } }, text: '7' }]);
    await client.diagnosticsFor(uri, 2);
    const result = await client.request<ProjectionsResult>(ProjectionsRequest, { textDocument: { uri } });
    assert.equal(result.version, 2);
    assert.deepEqual(rounded(result.blocks[0]!.figures), rounded({ cost: money(100, '$100/month', '70 + 30'), costPerUser: money(1, '$1/user/month', '(70 + 30) / 100') }));
    assert.deepEqual(rounded(result.stages[0]!.figures.cost), rounded(money(100, '$100/month', '70 + 30')));
  });

  it('checks files that are not open, publishing plans and clearing the rest', async () => {
    const plan = fileUri('disk-plan.md');
    const readme = fileUri('disk-readme.md');
    const open = fileUri('disk-open.md');
    // The open version has the 1,000 users total right: one error fewer than the file.
    await client.open(open, PLAN.replace('- Total: $420/month', '- Total: $400/month'));
    await client.diagnosticsFor(open, 1);
    const since = client.diagnostics.length;
    const result = await client.request<CheckWorkspaceResult>(CheckWorkspaceRequest, {
      documents: [
        { uri: plan, text: PLAN },
        { uri: readme, text: README },
        { uri: open, text: PLAN },
        { uri: 42, text: null },
      ],
    });
    // plan.md: 2 wrong totals and a wrong revenue (errors), 2 blanks (hints); the open one: 2 errors, 2 hints.
    assert.deepEqual(result, { checked: 3, plans: 2, counts: { error: 5, warning: 0, information: 0, hint: 4 } });
    const planDiagnostics = await client.waitForDiagnostics(plan, () => true, since);
    assert.deepEqual(planDiagnostics.diagnostics.map((d) => [d.range.start.line, d.code]), [
      [29, 'totals'],
      [35, 'totals'],
      [44, 'revenue'],
      [60, 'blanks'],
      [66, 'blanks'],
    ]);
    assert.equal(planDiagnostics.version, undefined);
    assert.deepEqual((await client.waitForDiagnostics(readme, () => true, since)).diagnostics, []);
    // Nothing was published for the open document: its open version's diagnostics stand.
    assert.equal(client.diagnostics.slice(since).some((p) => p.uri === open), false);
  });

  it('reports blanks, computable blanks and finding counts after each publish', async () => {
    const uri = fileUri('protocol-status.md');
    await client.open(uri, TEMPLATE);
    await client.diagnosticsFor(uri, 1);
    // The status follows its publish; wait for it by asking for something after it.
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    // 9 blanks; all but the channel share are computable; one missing-section information.
    assert.deepEqual(client.statuses.filter((s) => s.uri === uri).pop(), { uri, version: 1, isPlan: true, blanks: 9, computableBlanks: 8, counts: { error: 0, warning: 0, information: 1, hint: 9 } });
    // Fill the total (line 17): one blank fewer, and the cost per user is still computable.
    await client.change(uri, 2, [{ range: { start: { line: 17, character: 10 }, end: { line: 17, character: 13 } }, text: '225' }]);
    await client.diagnosticsFor(uri, 2);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.statuses.filter((s) => s.uri === uri).pop(), { uri, version: 2, isPlan: true, blanks: 8, computableBlanks: 7, counts: { error: 0, warning: 0, information: 1, hint: 8 } });
    const readme = fileUri('protocol-status-readme.md');
    await client.open(readme, README);
    await client.diagnosticsFor(readme, 1);
    await client.request('textDocument/hover', { textDocument: { uri: readme }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.statuses.filter((s) => s.uri === readme).pop(), { uri: readme, version: 1, isPlan: false, blanks: 0, computableBlanks: 0, counts: { error: 0, warning: 0, information: 0, hint: 0 } });
  });
});
