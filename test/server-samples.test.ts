/**
 * The server over the repository's samples: what it publishes is exactly what the CLI reports
 * for the same files (`scaling-plan check samples --format json`, run in-process): same rule,
 * severity, range, message and related places, in the same order; each quick fix it offers is
 * the CLI's fix; every other feature answers; and fix-all, applied, reaches a fixed point whose
 * diagnostics are again the engine's.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { positionAt } from '../src/engine';
import { detectPlan } from '../src/engine/features';
import { parseCheckArgs } from '../src/cli/args';
import { runCheck, type FileReport } from '../src/cli/check';
import { analyze } from './helpers';
import { LspClient, ROOT } from './fixtures/server/lsp-client';

const SAMPLES = join(ROOT, 'samples');
const docs = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.endsWith('.md')).sort() : [];

type Row = string;

/** `line:char-line:char severity rule message` (0-based, UTF-16), the fields both sides share. */
function row(range: Diagnostic['range'], severity: string, rule: string, message: string): Row {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${severity} ${rule} ${message}`;
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

function got(diagnostics: Diagnostic[]): Row[] {
  return diagnostics.map((d) => row(d.range, SEVERITY[d.severity!]!, String(d.code), String(d.message)));
}

function fromCli(report: FileReport | undefined): Row[] {
  return (report?.diagnostics ?? []).map((d) => row(d.range, d.severity, d.rule, d.message));
}

/** What the engine finds in `text`, as the server would publish it (nothing for a non-plan). */
function fromEngine(text: string): Row[] {
  const a = analyze(text);
  if (!a.model || !detectPlan(a).isPlan) return [];
  const starts = a.model.outline.lineStarts;
  const range = (s: number, e: number): Diagnostic['range'] => ({ start: positionAt(starts, s), end: positionAt(starts, e) });
  return a.findings.map((f) => row(range(f.span.start, f.span.end), f.severity, f.rule, f.message));
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const dc = action.edit?.documentChanges ?? [];
  return dc.flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
}

describe('the server over the samples', { skip: docs.length === 0 ? 'no samples/*.md' : false }, () => {
  let client: LspClient;
  const reports = new Map<string, FileReport>();

  before(async () => {
    client = (await LspClient.start()).client;
    // The folder, not the files: the CLI decides what is a plan, as the server does.
    const parsed = parseCheckArgs(['samples', '--format', 'json']);
    assert.ok(parsed.ok);
    const result = await runCheck(parsed.value, ROOT);
    assert.deepEqual(result.errors, []);
    for (const r of result.reports) reports.set(r.absolute, r);
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('the samples have findings to compare (errors in the planted ones)', () => {
    const planted = reports.get(join(SAMPLES, 'planted-errors.md'));
    assert.ok(planted, 'the CLI reports samples/planted-errors.md');
    assert.ok(planted.diagnostics.filter((d) => d.severity === 'error').length >= 10, JSON.stringify(planted.diagnostics.map((d) => d.rule)));
    const stages = reports.get(join(SAMPLES, 'stage-errors.md'));
    assert.ok(stages?.diagnostics.some((d) => d.rule.startsWith('stage-')), 'stage-errors.md has stage findings');
  });

  for (const name of docs) {
    it(`${name}: the CLI's findings and fixes, every feature, and fix-all to a fixed point`, async () => {
      const path = join(SAMPLES, name);
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).href;
      const report = reports.get(path);
      await client.open(uri, text);
      const published = await client.diagnosticsFor(uri, 1);
      assert.deepEqual(got(published.diagnostics), fromCli(report));
      assert.ok(report || published.diagnostics.length === 0, 'the CLI reports every document the server has findings for');
      assert.deepEqual(got(published.diagnostics), fromEngine(text));
      // Related places: the CLI's (SARIF) related ranges.
      assert.deepEqual(
        published.diagnostics.map((d) => (d.relatedInformation ?? []).map((r) => [r.location.uri, r.location.range, r.message])),
        (report?.related ?? []).map((list) => list.map((r) => [uri, r.range, r.message])),
      );
      for (const d of published.diagnostics) {
        assert.equal(d.source, 'scaling-plan');
        assert.equal(d.codeDescription?.href.endsWith(`/docs/rules/${String(d.code)}.md`), true, `docs link of ${String(d.code)}`);
      }

      // Each diagnostic's quick fixes are the CLI's fixes of that finding, in order.
      const textDocument = { uri };
      for (const [i, d] of published.diagnostics.entries()) {
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
        const mine = actions.filter((a) => a.diagnostics?.length === 1 && a.diagnostics[0]!.message === d.message && JSON.stringify(a.diagnostics[0]!.range) === JSON.stringify(d.range));
        // Besides its fixes, each finding can be ignored with a suppression comment (suppress-server.test.ts).
        assert.equal(mine.filter((a) => a.title.startsWith('Ignore ')).length, 1, `an ignore action for ${got([d])[0]}`);
        const own = mine.filter((a) => !a.title.startsWith('Ignore '));
        assert.deepEqual(
          own.map((a) => [a.title, editsOf(a, uri).map((e) => [e.range, e.newText])]),
          report!.diagnostics[i]!.fixes.map((f) => [f.title, f.edits.map((e) => [e.range, e.newText])]),
          `fixes of ${got([d])[0]}`,
        );
      }

      // Every other feature answers.
      const lenses = await client.request<unknown[]>('textDocument/codeLens', { textDocument });
      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument });
      assert.ok(Array.isArray(lenses) && Array.isArray(symbols));
      for (const d of published.diagnostics.slice(0, 20)) {
        await client.request('textDocument/hover', { textDocument, position: d.range.start });
        await client.request('textDocument/completion', { textDocument, position: d.range.start });
      }

      // Fix-all, applied, leaves nothing for a second fix-all to change.
      let current = TextDocument.create(uri, 'markdown', 1, text);
      const fixable = (report?.diagnostics ?? []).some((d) => d.fixes.length > 0);
      let applied = 0;
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
        applied += edits.length;
        const changes = [...edits].reverse().map((e) => ({ range: e.range, text: e.newText }));
        const version = current.version + 1;
        current = TextDocument.update(current, changes, version);
        await client.change(uri, version, changes);
        const fixed = await client.diagnosticsFor(uri, version);
        assert.deepEqual(got(fixed.diagnostics), fromEngine(current.getText()));
      }
      assert.equal(applied > 0, fixable, 'fix-all changes the text exactly when some finding has a fix');
      await client.close(uri);
    });
  }
});
