/**
 * The server survives misuse: requests for documents it does not know, changes out of order,
 * cancelled requests, a document far above the size limit, binary content, malformed params.
 * It answers (with empty results, or RequestCancelled for a cancelled request), logs what went
 * wrong, and keeps serving.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { planOfSize } from '../bench/generate';
import { CancellationTokenSource, FIXTURES, fileUri, LspClient } from './fixtures/server/lsp-client';
import { depth } from './helpers';

const PLAN = readFileSync(join(FIXTURES, 'plan.md'), 'utf8');

const at = (line: number, character: number) => ({ line, character });
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: at(l1, c1), end: at(l2, c2) });

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
}

/** Deterministic pseudo-random bytes. */
function bytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('protocol misuse', () => {
  let client: LspClient;

  before(async () => {
    client = (await LspClient.start()).client;
  });

  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, `server exit code (stderr: ${client.stderr})`);
  });

  /** The server still answers, and a plan still gets its diagnostics. */
  async function stillServing(name: string): Promise<void> {
    const uri = fileUri(`alive-${name}.md`);
    await client.open(uri, PLAN);
    const published = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['totals', 'totals', 'revenue', 'blanks', 'blanks']);
    await client.close(uri);
    assert.ok(client.alive);
  }

  it('answers requests for unknown documents with empty results', async () => {
    const uri = fileUri('never-opened.md');
    const textDocument = { uri };
    assert.equal(await client.request<Hover | null>('textDocument/hover', { textDocument, position: at(0, 0) }), null);
    assert.deepEqual(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument }), []);
    assert.deepEqual(await client.request<CodeAction[]>('textDocument/codeAction', { textDocument, range: range(0, 0, 0, 0), context: { diagnostics: [] } }), []);
    assert.deepEqual(await client.request<CompletionList>('textDocument/completion', { textDocument, position: at(0, 0) }), { isIncomplete: false, items: [] });
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument }), []);
    // No folding ranges are served at all: the request is unknown, not an error inside a handler.
    await assert.rejects(client.request('textDocument/foldingRange', { textDocument }), (err: { code?: number }) => err.code === -32601);
    assert.deepEqual(await client.request('codeAction/resolve', { title: 'Fix all', data: { uri, version: 1, action: 'fixAll' } }), { title: 'Fix all', data: { uri, version: 1, action: 'fixAll' } });
    assert.deepEqual(await client.request('workspace/executeCommand', { command: 'scaling-plan.server.fixAll', arguments: [uri] }), { applied: false, edits: 0 });
    await client.change(uri, 2, [{ range: range(0, 0, 0, 0), text: 'x' }]);
    await client.close(uri);
    await stillServing('unknown');
    assert.ok(client.logs.some((l) => l.message.includes('not open')));
  });

  it('ignores changes that arrive out of order', async () => {
    const uri = fileUri('out-of-order.md');
    await client.open(uri, PLAN, 1);
    await client.diagnosticsFor(uri, 1);
    // Version 3 first (`$90` → `$80`), then a stale version 2 (which would break the line).
    await client.change(uri, 3, [{ range: range(29, 10, 29, 11), text: '8' }]);
    await client.change(uri, 2, [{ range: range(29, 0, 30, 0), text: '' }]);
    await client.change(uri, 3, [{ range: range(29, 0, 30, 0), text: '' }]);
    const published = await client.diagnosticsFor(uri, 3);
    assert.ok(!codes(published.diagnostics).includes('29:9 totals'), 'version 3 was applied');
    assert.ok(codes(published.diagnostics).includes('35:9 totals'), 'the stale changes were not');
    assert.ok(client.logs.some((l) => l.message.includes('not newer than 3')));
    // A change with ranges beyond the end of the document is clamped, not fatal.
    await client.change(uri, 4, [{ range: range(5000, 0, 6000, 3), text: '\nTail.' }]);
    const tail = await client.diagnosticsFor(uri, 4);
    assert.deepEqual(codes(tail.diagnostics), codes(published.diagnostics));
    // A second didOpen for an open document replaces it.
    await client.open(uri, 'Nothing here.', 7);
    assert.deepEqual((await client.diagnosticsFor(uri, 7)).diagnostics, []);
    await client.close(uri);
    await stillServing('order');
  });

  it('answers a cancelled request (RequestCancelled or a result) and keeps serving', async () => {
    const uri = fileUri('cancel.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const outcomes: string[] = [];
    for (const method of ['textDocument/hover', 'textDocument/codeLens', 'textDocument/completion']) {
      const source = new CancellationTokenSource();
      const pending = client.request(method, { textDocument: { uri }, position: at(29, 12) }, source);
      source.cancel();
      try {
        await pending;
        outcomes.push('result');
      } catch (err) {
        assert.equal((err as { code?: number }).code, -32800, `${method}: ${String(err)}`);
        outcomes.push('cancelled');
      }
    }
    assert.equal(outcomes.length, 3);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(29, 12) });
    assert.ok(hover);
    await client.close(uri);
  });

  const HUGE_MB = depth(20, 4);
  it(`answers a ${HUGE_MB} MB plan at once with one information finding`, async () => {
    const uri = fileUri('huge.md');
    // plan.md's frontmatter, then its body over and over.
    const block = PLAN.replace(/^---[\s\S]*?---\n/, '');
    const text = PLAN + block.repeat(Math.ceil((HUGE_MB * 1024 * 1024) / block.length));
    assert.ok(text.length > HUGE_MB * 1024 * 1024);
    await client.open(uri, text);
    const published = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity, d.range, d.message]),
      [['too-large', 3, range(0, 0, 0, 0), `Not analysed: the document is ${HUGE_MB}.0 MB, above the 2.0 MB size limit.`]],
    );
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: at(29, 12) }), null);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
    // Typing in it stays cheap and keeps the finding.
    await client.change(uri, 2, [{ range: range(12, 0, 12, 0), text: 'x' }]);
    assert.deepEqual((await client.diagnosticsFor(uri, 2)).diagnostics.map((d) => d.code), ['too-large']);
    await client.close(uri);
    await stillServing('huge');
  });

  it('gives a document above the size limit that a glob selects the size finding', async () => {
    const own = (await LspClient.start({ settings: { globs: ['huge-by-glob-*.md'] } })).client;
    try {
      const uri = fileUri('huge-by-glob-1.md');
      const block = PLAN.replace(/^---[\s\S]*?---\n/, '');
      await own.open(uri, block.repeat(Math.ceil((3 * 1024 * 1024) / block.length)));
      assert.deepEqual((await own.diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code), ['too-large']);
    } finally {
      assert.equal(await own.stop(), 0);
    }
  });

  it('leaves large markdown that is not a plan alone: no finding, not even the size limit', async () => {
    const uri = fileUri('CHANGELOG.md');
    const release = (n: number) => `## ${n}.0.0\n\n- Faster start-up for everyone who installs it.\n- Fixed a crash when the config file is empty (#${n * 7}).\n\n`;
    const text = Array.from({ length: 60000 }, (_, i) => release(i + 1)).join('');
    assert.ok(text.length > 2 * 1024 * 1024);
    const statuses = client.statuses.length;
    await client.open(uri, text);
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);
    // The status follows its publish; wait for it by asking for something after it.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: at(0, 3) }), null);
    const status = client.statuses.slice(statuses).find((p) => p.uri === uri);
    assert.equal(status?.isPlan, false);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
    await client.close(uri);
  });

  it('analyses a large plan with its heap sized for memory, through edits, and then serves small plans as before', async () => {
    // Large enough that each analysis is real work: the edits are read incrementally.
    const text = planOfSize(depth(700, 100) * 1024);
    const uri = fileUri('large-plan.md');
    await client.open(uri, text);
    const first = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['missing-section']);
    // Make the last cost block's total wrong, then right again.
    const lines = text.split('\n');
    let line = lines.length - 1;
    while (!/^- Total: \$\d+\/month$/.test(lines[line]!)) line--;
    const stated = /\$(\d+)/.exec(lines[line]!)![1]!;
    const wrong = String(Number(stated) + 1);
    const span = range(line, 10, line, 10 + stated.length);
    await client.change(uri, 2, [{ range: span, text: wrong }]);
    const second = await client.diagnosticsFor(uri, 2);
    const totals = second.diagnostics.filter((d) => d.code === 'totals');
    assert.deepEqual(totals.map((d) => d.range), [range(line, 9, line, 10 + wrong.length + '/month'.length)]);
    await client.change(uri, 3, [{ range: range(line, 10, line, 10 + wrong.length), text: stated }]);
    assert.deepEqual((await client.diagnosticsFor(uri, 3)).diagnostics.map((d) => d.code), ['missing-section']);
    await client.close(uri);
    await stillServing('after-large');
  });

  it('answers requests after shutdown with InvalidRequest, and exits with 0 on exit', async () => {
    const own = (await LspClient.start()).client;
    const uri = fileUri('shutting-down.md');
    await own.open(uri, PLAN);
    await own.diagnosticsFor(uri, 1);
    assert.equal(await own.request('shutdown', null), null);
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri }, position: at(0, 0) }],
      ['textDocument/codeLens', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: range(0, 0, 0, 0), context: { diagnostics: [] } }],
      ['codeAction/resolve', { title: 'x' }],
    ] as const) {
      await assert.rejects(own.request(method, params), (err: { code?: number }) => err.code === -32600, method);
    }
    assert.equal(await own.stop(), 0);
  });

  it('reads binary content without failing', async () => {
    for (let seed = 1; seed <= depth(4, 2); seed++) {
      const uri = fileUri(`binary-${seed}.md`);
      const raw = bytes(depth(64, 16) * 1024, seed);
      // As latin1 (every byte a character, NULs included) and as UTF-8 (replacement characters).
      const text = seed % 2 ? raw.toString('latin1') : raw.toString('utf8');
      await client.open(uri, text);
      const published = await client.diagnosticsFor(uri, 1);
      assert.ok(Array.isArray(published.diagnostics));
      await client.request('textDocument/hover', { textDocument: { uri }, position: at(3, 5) });
      await client.request('textDocument/completion', { textDocument: { uri }, position: at(3, 5) });
      await client.request('textDocument/codeLens', { textDocument: { uri } });
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      await client.close(uri);
    }
    // Lone surrogates and control characters inside a plan.
    const uri = fileUri('surrogates.md');
    await client.open(uri, PLAN.replace('Hosting: $50', '\ud83dHosting\u0000: $50').replace('# Brightpath', '\udc00\u0007# Brightpath'));
    const published = await client.diagnosticsFor(uri, 1);
    assert.ok(published.diagnostics.length > 0);
    await client.close(uri);
    await stillServing('binary');
  });

  it('answers malformed requests with empty results and logs them', async () => {
    const uri = fileUri('malformed.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri } }), null);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri } }), []);
    assert.equal(await client.request('workspace/executeCommand', { command: 'no-such-command', arguments: [] }), null);
    assert.deepEqual(await client.request('codeAction/resolve', { title: 'x', data: 42 }), { title: 'x', data: 42 });
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 9 }, contentChanges: [{ range: 'nonsense', text: 5 }] });
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri('no-text.md'), languageId: 'markdown', version: 1 } });
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: 'not an object' });
    await client.close(uri);
    await stillServing('malformed');
    assert.ok(client.logs.some((l) => l.type === 1 && l.message.includes('failed')), JSON.stringify(client.logs));
  });
});
