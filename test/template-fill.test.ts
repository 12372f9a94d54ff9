/**
 * Filling the blanks of a template (test/fixtures/server/template.md): every blank the plan's own
 * figures determine gets its value in one pass, in dependency order (a cost per user from the
 * total just filled, a margin from the revenue just filled), written in the blank's place and
 * nothing else changed; a blank that is a choice (a channel's share) stays blank. The engine
 * first (blankFills, fillEdits), then the server's "Fill computable blanks" source action and its
 * fill command, which must give the same text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextDocumentContentChangeEvent, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ServerCommands, type ServerCommandResult } from '../client/src/protocol';
import { createPlanService, positionAt, type Analysis } from '../src/engine';
import { applyEdits, blankFills, fillEdits } from '../src/engine/features';
import { fullCapabilities, fileUri, LspClient } from './fixtures/server/lsp-client';
import { fixture } from './helpers';

const TEMPLATE = fixture('server/template.md');

/** Each filled line (0-based) and what it reads once filled. */
const FILLED: [line: number, before: string, after: string][] = [
  [17, '- Total: $___/month', '- Total: $225/month'],
  [18, '- Cost per user: $___/month', '- Cost per user: $0.45/month'],
  [26, '- Revenue: $___/month', '- Revenue: $6,000/month'],
  [28, '- Gross margin: ___%', '- Gross margin: 96.3%'],
  [36, '- ROI: ___%', '- ROI: 200%'],
  [37, '- Payback: ___ months', '- Payback: 4 months'],
  [53, '- Overall score: ___/20', '- Overall score: 15/20'],
  [58, '- Uptime: ___% (43.2 minutes downtime/month)', '- Uptime: 99.9% (43.2 minutes downtime/month)'],
];
const PAID_SEARCH = 45;

/** The template with exactly the lines of FILLED replaced. */
function expectedText(): string {
  const lines = TEMPLATE.split('\n');
  for (const [n, was, now] of FILLED) {
    assert.equal(lines[n], was, `template line ${n}`);
    lines[n] = now;
  }
  return lines.join('\n');
}

function analysisOf(text: string): Analysis {
  return createPlanService().analyze(text);
}

function lineOf(text: string, n: number): string {
  return text.split('\n')[n]!;
}

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'an edit');
  if (edit.documentChanges) return edit.documentChanges.flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
  return edit.changes?.[uri] ?? [];
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///t.md', 'markdown', 1, text), edits);
}

/** One didChange applying `edits` (from the end, so that earlier ranges stay valid). */
function changesOf(edits: TextEdit[]): TextDocumentContentChangeEvent[] {
  return [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character).map((e) => ({ range: e.range, text: e.newText }));
}

describe('filling the template with the engine', () => {
  const analysis = analysisOf(TEMPLATE);
  const starts = analysis.model!.outline.lineStarts;
  const at = (offset: number): string => {
    const p = positionAt(starts, offset);
    return `${p.line}:${p.character}`;
  };

  it('has nine blanks, eight of them computable', () => {
    assert.equal(analysis.blanks.length, 9);
    assert.equal(blankFills(analysis).length, 8);
  });

  it('computes each blank from the plan, blanks that feed others first', () => {
    assert.deepEqual(
      blankFills(analysis).map((f) => [at(f.edits[0]!.span.start), f.edits.map((e) => e.newText).join(' '), f.shown, f.formula, f.relation.label]),
      [
        ['17:10', '225', '$225/month', '120 + 80 + 25', 'Total'],
        // From the total just computed, not from the blank.
        ['18:18', '0.45', '$0.45/month', '225 / 500', 'Cost per user'],
        // 500 users × the $12 ARPU.
        ['26:12', '6,000', '$6,000/month', '500 × 12', 'Revenue'],
        ['28:16', '96.3', '96.3%', '(6,000 − 225) / 6,000 × 100%', 'Gross margin'],
        // The first year's return: (12 × $1,500 − $6,000) / $6,000.
        ['36:7', '200', '200%', '(1,500 × 12 − 6,000) / 6,000 × 100%', 'ROI'],
        ['37:11', '4', '4 months', '6,000 / 1,500', 'Payback'],
        ['53:17', '15', '15', '8 + 7', 'Score total'],
        ['58:10', '99.9', '99.9%', '100% − 43.2 / 43,200 minutes × 100%', 'Uptime'],
      ],
    );
  });

  it('fills every computable blank in its place and changes nothing else', () => {
    const filled = applyEdits(TEMPLATE, fillEdits(analysis));
    for (const [n, , now] of FILLED) assert.equal(lineOf(filled, n), now);
    assert.equal(lineOf(filled, PAID_SEARCH), '- Paid search: ___%', 'a share is a choice, not a computation');
    assert.equal(filled, expectedText());
  });

  it('leaves a plan whose filled figures are right, one blank left and nothing more to fill', () => {
    const filled = analysisOf(applyEdits(TEMPLATE, fillEdits(analysis)));
    assert.deepEqual(filled.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.message), []);
    const fStarts = filled.model!.outline.lineStarts;
    assert.deepEqual(
      filled.findings.filter((f) => f.rule === 'blanks').map((f) => [positionAt(fStarts, f.span.start).line, f.message]),
      [[PAID_SEARCH, 'Blank to fill in (1 of 1)']],
    );
    assert.equal(filled.blanks.length, 1);
    assert.deepEqual(fillEdits(filled), []);
  });

  it('fills a chained blank alone once its input is written', () => {
    // The total written by hand: the cost per user still follows from it.
    const text = TEMPLATE.replace('- Total: $___/month', '- Total: $300/month');
    const fills = blankFills(analysisOf(text));
    assert.equal(fills.length, 7);
    assert.deepEqual(
      fills.filter((f) => f.relation.label === 'Cost per user').map((f) => [f.edits.map((e) => e.newText), f.value, f.formula]),
      [[['0.60'], 0.6, '300 / 500']],
    );
  });
});

describe('filling the template through the server', () => {
  let client: LspClient;

  before(async () => {
    client = (await LspClient.start()).client;
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('"Fill computable blanks" (a source action, resolved) writes the engine\'s fills', async () => {
    const uri = fileUri('template-fill-action.md');
    await client.open(uri, TEMPLATE);
    await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fillBlanks'] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.edit]), [['Fill computable blanks', 'source.fillBlanks.scalingPlan', undefined]]);
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    // Versioned: the client applies it to the version it was computed for.
    assert.deepEqual(resolved.edit?.documentChanges?.map((c) => ('textDocument' in c ? c.textDocument : undefined)), [{ uri, version: 1 }]);
    const edits = editsOf(resolved.edit, uri);
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]),
      [
        [17, 10, 13, '225'],
        [18, 18, 21, '0.45'],
        [26, 12, 15, '6,000'],
        [28, 16, 19, '96.3'],
        [36, 7, 10, '200'],
        [37, 11, 14, '4'],
        [53, 17, 20, '15'],
        [58, 10, 13, '99.9'],
      ],
    );
    assert.equal(apply(TEMPLATE, edits), expectedText());
    await client.change(uri, 2, changesOf(edits));
    const after = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(
      after.diagnostics.map((d) => [d.range.start.line, d.code, d.severity]),
      [
        [5, 'missing-section', 3],
        [PAID_SEARCH, 'blanks', 4],
      ],
    );
    // Nothing is left to fill: the action is no longer offered.
    const again = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fillBlanks'] },
    });
    assert.deepEqual(again, []);
  });

  it('the fill command applies the same edits through workspace/applyEdit', async () => {
    const uri = fileUri('template-fill-command.md');
    await client.open(uri, TEMPLATE);
    await client.diagnosticsFor(uri, 1);
    const applied = client.applied.length;
    const result = await client.request<ServerCommandResult>('workspace/executeCommand', { command: ServerCommands.fillBlanks, arguments: [uri] });
    assert.deepEqual(result, { applied: true, edits: 8 });
    assert.equal(client.applied.length, applied + 1);
    const edit = client.applied[applied]!;
    assert.equal(apply(TEMPLATE, editsOf(edit, uri)), expectedText());
    // The client applies it: the status then counts one blank, none computable.
    await client.change(uri, 2, changesOf(editsOf(edit, uri)));
    await client.diagnosticsFor(uri, 2);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const status = client.statuses.filter((s) => s.uri === uri).pop();
    assert.deepEqual([status?.version, status?.blanks, status?.computableBlanks], [2, 1, 0]);
    // Run again: nothing to do, and nothing sent.
    assert.deepEqual(await client.request('workspace/executeCommand', { command: ServerCommands.fillBlanks, arguments: [uri] }), { applied: true, edits: 0 });
    assert.equal(client.applied.length, applied + 1);
  });
});

describe('filling the template for a client without resolve or versioned edits', () => {
  let client: LspClient;

  before(async () => {
    const capabilities = structuredClone(fullCapabilities);
    delete capabilities.textDocument!.codeAction!.resolveSupport;
    capabilities.workspace!.workspaceEdit = {};
    client = (await LspClient.start({ capabilities })).client;
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('sends the action with its edit, as plain changes', async () => {
    const uri = fileUri('template-fill-plain.md');
    await client.open(uri, TEMPLATE);
    await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fillBlanks'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.data, undefined);
    assert.equal(actions[0]!.edit?.documentChanges, undefined);
    assert.equal(apply(TEMPLATE, editsOf(actions[0]!.edit, uri)), expectedText());
  });
});
