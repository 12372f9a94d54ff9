/**
 * Suppression comments in the editor, over the protocol: each form silences the same findings
 * as in the CLI, and the quick fix "Ignore this finding on this line" inserts the comment with
 * the rule id above the line, after which the finding is gone and nothing else changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspClient } from './fixtures/server/lsp-client';
import { fixture } from './helpers';

const PLAN = fixture('suppress/plan.md');

const rows = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`);

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'the action carries an edit');
  if (edit.documentChanges) return edit.documentChanges.flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
  return edit.changes?.[uri] ?? [];
}

describe('suppression comments in the editor', () => {
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start());
  });
  after(async () => {
    await client?.stop();
  });

  it('each form silences what it names', async () => {
    const cases: [string, string, string[]][] = [
      ['next-line', PLAN.replace('Backups:', '<!-- scaling-plan-disable-next-line explicit-arithmetic -->\nBackups:'), ['4:2 missing-section', '8:19 explicit-arithmetic', '13:16 explicit-arithmetic', '19:9 totals']],
      ['range', PLAN.replace('Storage:', '<!-- scaling-plan-disable explicit-arithmetic -->\nStorage:').replace('Email:', '<!-- scaling-plan-enable explicit-arithmetic -->\nEmail:'), ['4:2 missing-section', '14:16 explicit-arithmetic', '20:9 totals']],
      ['file', PLAN.replace('## Costs', '<!-- scaling-plan-disable-file totals, missing-section -->\n## Costs'), ['9:19 explicit-arithmetic', '11:19 explicit-arithmetic', '13:16 explicit-arithmetic']],
      ['all rules', PLAN.replace('## Costs', '<!-- scaling-plan-disable-file -->\n## Costs'), []],
    ];
    for (const [name, text, expected] of cases) {
      const uri = fileUri(`suppress-${name.replace(' ', '-')}.md`);
      await client.open(uri, text);
      assert.deepEqual(rows((await client.diagnosticsFor(uri, 1)).diagnostics), expected, name);
    }
  });

  it('an unknown rule id in a comment is a warning on the id', async () => {
    const uri = fileUri('suppress-unknown.md');
    await client.open(uri, PLAN.replace('Backups:', '<!-- scaling-plan-disable-next-line totls -->\nBackups:'));
    const d = (await client.diagnosticsFor(uri, 1)).diagnostics.find((x) => x.code === 'disable-comment');
    assert.deepEqual([d?.range, d?.severity, d?.message], [{ start: { line: 10, character: 36 }, end: { line: 10, character: 41 } }, 2, 'Unknown rule `totls` in scaling-plan-disable-next-line: it silences nothing.']);
  });

  it('"Ignore this finding on this line" inserts the comment with the rule id above the line', async () => {
    const uri = fileUri('suppress-quickfix.md');
    await client.open(uri, PLAN);
    const before = (await client.diagnosticsFor(uri, 1)).diagnostics;
    const target = before.find((d) => d.range.start.line === 10)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [target], only: ['quickfix'] } });
    assert.deepEqual(actions.map((a) => a.title), ['Change to $30/month', 'Ignore this finding on this line', 'Fix all explicit-arithmetic problems (3)']);
    const ignore = actions.find((a) => a.title === 'Ignore this finding on this line')!;
    assert.equal(ignore.kind, 'quickfix');
    assert.deepEqual(ignore.diagnostics?.map((d) => [d.code, d.range.start.line]), [['explicit-arithmetic', 10]]);
    const edits = editsOf(ignore.edit, uri);
    assert.deepEqual(edits, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, newText: '<!-- scaling-plan-disable-next-line explicit-arithmetic -->\n' }]);
    const changed = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, PLAN), edits);
    await client.change(uri, 2, [{ text: changed }]);
    const after = (await client.diagnosticsFor(uri, 2)).diagnostics;
    // The same findings less the silenced one, the ones below a line further down.
    assert.deepEqual(rows(after), ['4:2 missing-section', '8:19 explicit-arithmetic', '13:16 explicit-arithmetic', '19:9 totals']);
    assert.deepEqual(after.map((d) => d.message), before.filter((d) => d !== target).map((d) => d.message));
  });

  it('a finding in a list is ignored around the list (a comment between items would split it)', async () => {
    const uri = fileUri('suppress-list.md');
    await client.open(uri, PLAN);
    const total = (await client.diagnosticsFor(uri, 1)).diagnostics.find((d) => d.code === 'totals')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: total.range, context: { diagnostics: [total], only: ['quickfix'] } });
    const ignore = actions.find((a) => a.title.startsWith('Ignore'))!;
    assert.equal(ignore.title, 'Ignore totals findings in this list');
    assert.deepEqual(editsOf(ignore.edit, uri).map((e) => [e.range.start.line, e.newText]), [[14, '<!-- scaling-plan-disable totals -->\n'], [19, '<!-- scaling-plan-enable totals -->\n']]);
  });
});
