/**
 * The Scaling Plan messages beyond standard LSP (client/src/protocol.ts), over stdio:
 * `scalingPlan/projections`, `scalingPlan/checkWorkspace` and the `scalingPlan/status`
 * notification, and the lens command the VS Code client registers.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { CheckWorkspaceRequest, Commands, ProjectionsRequest, type CheckWorkspaceResult, type ProjectionsResult } from '../client/src/protocol';
import { FIXTURES, fileUri, LspClient } from './fixtures/server/lsp-client';

const PLAN = readFileSync(join(FIXTURES, 'plan.md'), 'utf8');
const README = readFileSync(join(FIXTURES, 'readme.md'), 'utf8');
const TEMPLATE = readFileSync(join(FIXTURES, 'template.md'), 'utf8');

describe('Scaling Plan protocol', () => {
  let client: LspClient;

  before(async () => {
    client = (await LspClient.start()).client;
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('lenses run the client command that shows projections', async () => {
    const uri = fileUri('protocol-lens.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const lens = lenses.find((l) => l.range.start.line === 26)!;
    assert.deepEqual(lens.command, { title: '100 users · total $80/month · $0.80 per user', command: Commands.showProjections, arguments: [uri, 26, 'block'] });
  });

  it('answers the projection table of an open plan', async () => {
    const uri = fileUri('protocol-projections.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const result = await client.request<ProjectionsResult>(ProjectionsRequest, { textDocument: { uri } });
    assert.equal(result.uri, uri);
    assert.equal(result.version, 1);
    assert.equal(result.product, 'Brightpath');
    assert.equal(result.growth, 'Growth 20%/month from 100 users: Stage 3 (1,000 users) in month 13, Stage 4 (10,000 users) in month 26');
    assert.deepEqual(result.stages[1], {
      label: 'Stage 2: Traction',
      line: 19,
      low: 100,
      high: 1000,
      open: false,
      users: 1000,
      cost: 420,
      costPerUser: 0.4,
      revenue: 25000,
      margin: 98,
      profit: 12600,
      uptime: 99.9,
      downtimeMinutes: result.stages[1]!.downtimeMinutes,
      // The stated total, cost per user and revenue the checks find inconsistent, with their values.
      checks: { cost: 400, costPerUser: 0.42, revenue: 15000 },
    });
    assert.ok(Math.abs(result.stages[1]!.downtimeMinutes! - 43.2) < 1e-9);
    assert.deepEqual(
      result.blocks.map((b) => [b.label, b.line, b.cost, b.costPerUser, b.revenue]),
      [
        ['100 users', 26, 80, 0.8, undefined],
        ['1,000 users', 32, 400, 0.4, undefined],
        ['1,000 users', 43, 12400, 12.4, 15000],
      ],
    );
    assert.equal(await client.request(ProjectionsRequest, { textDocument: { uri: fileUri('not-open.md') } }), null);
  });

  it('checks files that are not open, publishing plans and clearing the rest', async () => {
    const plan = fileUri('disk-plan.md');
    const readme = fileUri('disk-readme.md');
    const open = fileUri('disk-open.md');
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
    // The open document counts with its open text: its total fixed (and the cost per user with it).
    assert.deepEqual(result, { checked: 3, plans: 2, counts: { error: 8, warning: 0, information: 4, hint: 0 } });
    const planDiagnostics = await client.waitForDiagnostics(plan, () => true, since);
    assert.equal(planDiagnostics.diagnostics.length, 7);
    assert.equal(planDiagnostics.version, undefined);
    assert.deepEqual((await client.waitForDiagnostics(readme, () => true, since)).diagnostics, []);
  });

  it('reports blanks and finding counts after each publish', async () => {
    const uri = fileUri('protocol-status.md');
    await client.open(uri, TEMPLATE);
    await client.diagnosticsFor(uri, 1);
    // The status follows its publish; wait for it by asking for something after it.
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const status = client.statuses.filter((s) => s.uri === uri).pop()!;
    assert.deepEqual(status, { uri, version: 1, isPlan: true, blanks: 9, computableBlanks: 6, counts: { error: 0, warning: 0, information: 10, hint: 0 } });
    const readme = fileUri('protocol-status-readme.md');
    await client.open(readme, README);
    await client.diagnosticsFor(readme, 1);
    await client.request('textDocument/hover', { textDocument: { uri: readme }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.statuses.filter((s) => s.uri === readme).pop(), { uri: readme, version: 1, isPlan: false, blanks: 0, computableBlanks: 0, counts: { error: 0, warning: 0, information: 0, hint: 0 } });
  });
});
