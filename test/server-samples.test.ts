/**
 * The server over the repository's samples (and the reference plans when present): it reports
 * exactly what the engine finds (nothing for documents that are not plans), every feature
 * answers on every document, and fix-all reaches a fixed point.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { analyze, detectPlan, positionAt } from '../src/engine';
import { LspClient, ROOT } from './fixtures/server/lsp-client';

const SEEDS = resolve(ROOT, '..', 'shared', 'seeds');
const docs: { name: string; path: string }[] = [
  ...(existsSync(join(ROOT, 'samples')) ? readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.md')).map((f) => ({ name: `samples/${f}`, path: join(ROOT, 'samples', f) })) : []),
  ...(existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => f.endsWith('.md')).map((f) => ({ name: `seeds/${f}`, path: join(SEEDS, f) })) : []),
];

function expected(text: string): string[] {
  const a = analyze(text);
  if (!a.model || !detectPlan(a.model).isPlan) return [];
  const starts = a.model.doc.lineStarts;
  return a.findings.map((f) => {
    const s = positionAt(starts, f.span.start);
    const e = positionAt(starts, f.span.end);
    return `${s.line}:${s.character}-${e.line}:${e.character} ${f.rule} ${f.message}`;
  });
}

function got(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const dc = action.edit?.documentChanges ?? [];
  return dc.flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
}

describe('the server over the samples', { skip: docs.length === 0 ? 'no samples/*.md and no reference plans' : false }, () => {
  let client: LspClient;

  before(async () => {
    client = (await LspClient.start()).client;
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  for (const doc of docs) {
    it(`${doc.name}: the engine's findings, every feature, and fix-all to a fixed point`, async () => {
      const text = readFileSync(doc.path, 'utf8');
      const uri = pathToFileURL(doc.path).href;
      await client.open(uri, text);
      const published = await client.diagnosticsFor(uri, 1);
      assert.deepEqual(got(published.diagnostics), expected(text));
      const textDocument = { uri };
      await client.request('textDocument/codeLens', { textDocument });
      await client.request('textDocument/documentSymbol', { textDocument });
      await client.request('textDocument/foldingRange', { textDocument });
      for (const d of published.diagnostics.slice(0, 20)) {
        await client.request('textDocument/hover', { textDocument, position: d.range.start });
        await client.request('textDocument/completion', { textDocument, position: d.range.start });
        await client.request('textDocument/codeAction', { textDocument, range: d.range, context: { diagnostics: [d] } });
      }
      // Fix-all, applied, leaves nothing for a second fix-all to change.
      let current = TextDocument.create(uri, 'markdown', 1, text);
      for (let round = 0; round < 2; round++) {
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
        if (actions.length === 0) break;
        const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
        const edits = editsOf(resolved, uri);
        if (round === 1) {
          assert.deepEqual(edits, [], 'a second fix-all changes nothing');
          break;
        }
        if (edits.length === 0) break;
        const version = current.version + 1;
        current = TextDocument.update(current, [...edits].reverse().map((e) => ({ range: e.range, text: e.newText })), version);
        await client.change(uri, version, [...edits].reverse().map((e) => ({ range: e.range, text: e.newText })));
        const after = await client.diagnosticsFor(uri, version);
        assert.deepEqual(got(after.diagnostics), expected(current.getText()));
      }
      await client.close(uri);
    });
  }
});
