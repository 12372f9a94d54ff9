/**
 * Positions and line ends from the client are not trusted: a hover, completion or code action
 * at a line beyond the document, a negative or non-integer line or character gets an empty
 * answer (never a crash, never an answer for some other place); a character beyond its line
 * means the line's end (as LSP says). Line breaks made or unmade across changes (`\r` in one
 * change and `\n` in the next, half of a `\r\n` deleted) leave the server with the same
 * diagnostics as a fresh analysis of the final text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { FIXTURES, fileUri, LspClient } from './fixtures/server/lsp-client';

const PLAN = readFileSync(join(FIXTURES, 'plan.md'), 'utf8');
const LINES = PLAN.split('\n');
/** 0-based line of `- Total: $90/month` (a wrong total with a fix). */
const TOTAL = LINES.indexOf('- Total: $90/month');

const at = (line: number, character: number) => ({ line, character });

function shown(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);
}

describe('positions from the client', () => {
  let client: LspClient;
  const uri = fileUri('positions.md');

  before(async () => {
    client = (await LspClient.start()).client;
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
  });

  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, `server exit code (stderr: ${client.stderr})`);
  });

  const hover = (position: unknown) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  const complete = (position: unknown) => client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
  const actions = (start: unknown, end: unknown) =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start, end }, context: { diagnostics: [] } });

  it('answers at valid positions (the cases below are empty for their position, not for the document)', async () => {
    assert.ok(TOTAL > 0);
    const h = await hover(at(TOTAL, 11));
    assert.ok(h && JSON.stringify(h.contents).includes('$80'), JSON.stringify(h));
    assert.ok((await actions(at(TOTAL, 0), at(TOTAL, 18))).length > 0);
    assert.ok((await actions(at(0, 0), at(LINES.length - 1, 0))).length > 0);
  });

  const bad: [string, unknown][] = [
    ['a line beyond the document', at(LINES.length + 5, 0)],
    ['a negative line', at(-1, 11)],
    ['a negative character', at(TOTAL, -3)],
    ['a non-integer line', at(TOTAL + 0.5, 11)],
    ['a non-integer character', at(TOTAL, 11.5)],
    ['a line that is not a number', { line: String(TOTAL), character: 11 }],
    ['an infinite character', { line: TOTAL, character: 1e309 }],
    ['a line past 2^31', at(2 ** 40, 0)],
  ];

  for (const [what, position] of bad) {
    it(`answers a hover, completion and code action at ${what} with nothing`, async () => {
      assert.equal(await hover(position), null);
      assert.deepEqual(await complete(position), { isIncomplete: false, items: [] });
      // As either end of a range: the whole document's fixes must not come back.
      assert.deepEqual(await actions(at(0, 0), position), []);
      assert.deepEqual(await actions(position, at(TOTAL, 18)), []);
      assert.ok(client.alive);
    });
  }

  it('reads a character beyond its line as the line end (LSP), not as the next line', async () => {
    const end = LINES[TOTAL]!.length;
    const h1 = await hover(at(TOTAL, end + 40));
    const h2 = await hover(at(TOTAL, end));
    assert.deepEqual(h1, h2);
    // A range ending past its line's end still ends on that line: the next line's fix is not offered.
    const titles = (await actions(at(TOTAL, 0), at(TOTAL, 500))).map((a) => a.title);
    const exact = (await actions(at(TOTAL, 0), at(TOTAL, end))).map((a) => a.title);
    assert.deepEqual(titles, exact);
  });

  it('ignores a change whose range is not made of whole non-negative numbers, and keeps the text it had', async () => {
    const other = fileUri('positions-change.md');
    await client.open(other, PLAN, 1);
    const first = await client.diagnosticsFor(other, 1);
    await client.change(other, 2, [{ range: { start: at(TOTAL, 10.5), end: at(TOTAL, 11) }, text: '8' }]);
    await client.change(other, 3, [{ range: { start: at(-1, 0), end: at(0, 0) }, text: 'x' }]);
    // A valid change after them applies to the text as it was.
    await client.change(other, 4, [{ range: { start: at(TOTAL, 10), end: at(TOTAL, 11) }, text: '8' }]);
    const last = await client.diagnosticsFor(other, 4);
    const fresh = fileUri('positions-change-fresh.md');
    await client.open(fresh, LINES.map((l, i) => (i === TOTAL ? l.replace('$90', '$80') : l)).join('\n'), 1);
    assert.deepEqual(shown(last.diagnostics), shown((await client.diagnosticsFor(fresh, 1)).diagnostics));
    assert.notDeepEqual(shown(last.diagnostics), shown(first.diagnostics));
    assert.ok(client.logs.some((l) => l.message.includes('not a valid range')), JSON.stringify(client.logs.slice(-5)));
    await client.close(other);
    await client.close(fresh);
  });
});

describe('line ends split across changes', () => {
  let client: LspClient;
  let n = 0;

  before(async () => {
    client = (await LspClient.start()).client;
  });

  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, `server exit code (stderr: ${client.stderr})`);
  });

  type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

  /**
   * Opens `start`, sends `steps` (each one didChange, with one or more changes), and compares
   * the last diagnostics and lenses with those of `final` opened fresh.
   */
  async function sameAsFresh(start: string, steps: Change[][], final: string): Promise<void> {
    n++;
    const uri = fileUri(`line-ends-${n}.md`);
    await client.open(uri, start, 1);
    await client.diagnosticsFor(uri, 1);
    let version = 1;
    for (const step of steps) await client.change(uri, ++version, step);
    const edited = await client.diagnosticsFor(uri, version);
    const fresh = fileUri(`line-ends-${n}-fresh.md`);
    await client.open(fresh, final, 1);
    const expected = await client.diagnosticsFor(fresh, 1);
    assert.deepEqual(shown(edited.diagnostics), shown(expected.diagnostics));
    const lenses = async (u: string) => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } })).map((l) => `${l.range.start.line}:${l.range.start.character} ${l.command?.title ?? ''}`);
    assert.deepEqual(await lenses(uri), await lenses(fresh));
    // The server's text is the final text: fixing everything gives the same edits in both.
    const fixes = async (u: string) => (await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: at(0, 0), end: at(10_000, 0) }, context: { diagnostics: [] } })).map((a) => JSON.stringify(a.edit ?? a.title).split(u).join('U').replace(/"version":\d+/g, ''));
    assert.deepEqual(await fixes(uri), await fixes(fresh));
    await client.close(uri);
    await client.close(fresh);
  }

  const crlf = PLAN.replace(/\n/g, '\r\n');
  const line = (k: number) => LINES[k]!;

  it('inserts \\r in one didChange and \\n in the next, splitting a line of figures', async () => {
    // `- Total: $90/month` becomes `- Total:` and ` $90/month` on the next line.
    const col = line(TOTAL).indexOf(' $90');
    const final = LINES.map((l, i) => (i === TOTAL ? `${l.slice(0, col)}\r\n${l.slice(col)}` : l)).join('\n');
    await sameAsFresh(PLAN, [[{ range: { start: at(TOTAL, col), end: at(TOTAL, col) }, text: '\r' }], [{ range: { start: at(TOTAL + 1, 0), end: at(TOTAL + 1, 0) }, text: '\n' }]], final);
  });

  it('inserts \\r before a \\n, then edits the next line, in one didChange', async () => {
    const col = line(TOTAL - 1).length;
    // At the end of the line before the total: `\n` becomes `\r\n` from its two halves, in reverse order.
    const final = LINES.map((l, i) => (i === TOTAL - 1 ? `${l}\r` : l)).join('\n');
    await sameAsFresh(PLAN, [[{ range: { start: at(TOTAL - 1, col), end: at(TOTAL - 1, col) }, text: '\r' }, { range: { start: at(TOTAL, 0), end: at(TOTAL, 0) }, text: 'x' }, { range: { start: at(TOTAL, 0), end: at(TOTAL, 1) }, text: '' }]], final);
  });

  it('inserts \\n before a lone \\r and after it', async () => {
    const cr = PLAN.replace(/\n/g, '\r');
    const col = line(TOTAL).length;
    // `\r` + `\n` after it makes one CRLF line break; `\n` inserted before a `\r` makes two breaks.
    const after = cr.split('\r').map((l, i) => (i === TOTAL ? `${l}\r\n` : `${l}\r`)).join('').slice(0, -1);
    await sameAsFresh(cr, [[{ range: { start: at(TOTAL + 1, 0), end: at(TOTAL + 1, 0) }, text: '\n' }]], after);
    const before = cr.split('\r').map((l, i) => (i === TOTAL ? `${l}\n\r` : `${l}\r`)).join('').slice(0, -1);
    await sameAsFresh(cr, [[{ range: { start: at(TOTAL, col), end: at(TOTAL, col) }, text: '\n' }]], before);
  });

  it('deletes half of a CRLF (the \\r, then the \\n of another)', async () => {
    const lines = crlf.split('\r\n');
    // The break after the total loses its `\r`; the break before it keeps only `\r`.
    const final = lines.map((l, i) => (i === lines.length - 1 ? l : i === TOTAL ? `${l}\n` : i === TOTAL - 1 ? `${l}\r` : `${l}\r\n`)).join('');
    await sameAsFresh(
      crlf,
      [
        [{ range: { start: at(TOTAL, line(TOTAL).length), end: at(TOTAL + 1, 0) }, text: '\n' }],
        [{ range: { start: at(TOTAL - 1, line(TOTAL - 1).length), end: at(TOTAL, 0) }, text: '\r' }],
      ],
      final,
    );
  });

  it('joins two lines by deleting a CRLF in two steps, and splits them again', async () => {
    const lines = crlf.split('\r\n');
    const joined = lines.map((l, i) => (i === lines.length - 1 ? l : i === TOTAL - 1 ? l : `${l}\r\n`)).join('');
    const endOf = line(TOTAL - 1).length;
    await sameAsFresh(
      crlf,
      [
        // `\r\n` → `\r`, then the lone `\r` removed: the lines join.
        [{ range: { start: at(TOTAL - 1, endOf), end: at(TOTAL, 0) }, text: '\r' }],
        [{ range: { start: at(TOTAL - 1, endOf), end: at(TOTAL, 0) }, text: '' }],
      ],
      joined,
    );
    await sameAsFresh(
      joined,
      [
        [{ range: { start: at(TOTAL - 1, endOf), end: at(TOTAL - 1, endOf) }, text: '\n' }],
        [{ range: { start: at(TOTAL - 1, endOf), end: at(TOTAL - 1, endOf) }, text: '\r' }],
      ],
      crlf,
    );
  });
});
