/**
 * A large plan is analysed off the request loop (server/src/remote.ts): while a 2 MB plan is
 * re-analysed after an edit, a hover on another open plan is answered before that analysis is
 * published; a request for a version of the large plan the client has since changed is
 * answered with ContentModified; superseded versions are never published, and the diagnostics
 * of the newest version are exact. Only the order of events is asserted, never a duration.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { planOfSize } from '../bench/generate';
import { FIXTURES, fileUri, LspClient } from './fixtures/server/lsp-client';
import { PLAN_DIAGNOSTICS, rows } from './fixtures/server/plan-diagnostics';

const SMALL = readFileSync(join(FIXTURES, 'plan.md'), 'utf8');
/** Just under the default size limit (2 MB), so that it is analysed in full. */
const LARGE = planOfSize(2 * 1024 * 1024 - 1024);
const small = fileUri('offthread-small.md');
const large = fileUri('offthread-large.md');

/** Line and character of the offset in `text`. */
function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

describe('a large plan is analysed off the request loop', () => {
  let client: LspClient;
  let opened: PublishDiagnosticsParams;

  before(async () => {
    ({ client } = await LspClient.start({ settings: { debounce: 0 } }));
    await client.open(small, SMALL, 1);
    await client.diagnosticsFor(small, 1);
    await client.open(large, LARGE, 1);
    opened = await client.diagnosticsFor(large, 1);
  });

  after(async () => {
    await client?.stop();
  });

  it('answers other documents during a re-analysis, never publishes a superseded version, and publishes the newest exactly', async () => {
    const hoverSmall = () => client.request<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 29, character: 12 } });
    const expected = await hoverSmall();
    assert.ok(expected, 'the small plan has a hover card on its total');

    // v2: a score in the last readiness block no longer adds up to its stated total.
    const at = LARGE.lastIndexOf('- Stability: ') + '- Stability: '.length;
    const old = Number(/^\d+/.exec(LARGE.slice(at))![0]);
    const score = (old + 2) % 10;
    const start = position(LARGE, at);
    await client.change(large, 2, [{ range: { start, end: { line: start.line, character: start.character + String(old).length } }, text: String(score) }]);
    // The change is read and its analysis under way: a round trip, then a second hover.
    assert.deepEqual(await hoverSmall(), expected);
    assert.deepEqual(await hoverSmall(), expected);
    assert.equal(client.diagnostics.some((p) => p.uri === large && p.version === 2), false, 'the hover on the small plan was answered after the large plan was published');

    // v3, a hover at v3, then v4 at once: the hover is for a version the client has changed.
    const prose = position(LARGE, LARGE.indexOf('finance lead.') + 'finance lead'.length);
    await client.change(large, 3, [{ range: { start: prose, end: prose }, text: ' (quarterly)' }]);
    const stale = client.request('textDocument/hover', { textDocument: { uri: large }, position: start });
    await client.change(large, 4, [{ range: { start: prose, end: prose }, text: ' and' }]);
    await assert.rejects(stale, (err: { code?: number }) => err.code === -32801);

    const newest = await client.diagnosticsFor(large, 4);
    assert.deepEqual(
      client.diagnostics.filter((p) => p.uri === large).map((p) => p.version),
      [1, 4],
      'only the first and the newest versions are published',
    );
    // The newest: what was published at open, and the score total of the edited block.
    const block = LARGE.slice(LARGE.lastIndexOf('Readiness review'));
    const [stability, onboarding, monitoring] = ['Stability', 'Onboarding', 'Monitoring'].map((k) => Number(new RegExp(`- ${k}: (\\d+)/10`).exec(block)![1]));
    const overall = /- Overall score: (\d+)\/30/.exec(block)!;
    const line = position(LARGE, LARGE.lastIndexOf('Readiness review') + overall.index).line;
    assert.deepEqual(
      newest.diagnostics.filter((d) => d.range.start.line !== line),
      opened.diagnostics,
    );
    const added = newest.diagnostics.filter((d) => d.range.start.line === line);
    assert.equal(added.length, 1, JSON.stringify(added));
    assert.equal(added[0]!.code, 'score-total');
    assert.equal(String(added[0]!.message).split('\n')[0], `Score total ${overall[1]}/30 does not match ${score} + ${onboarding} + ${monitoring} = ${score + onboarding! + monitoring!}`);
    assert.notEqual(stability, score);
  });
});

describe('a plan that grows past the size for a thread, and shrinks back', () => {
  let client: LspClient;

  before(async () => {
    const saved = process.env.SCALING_PLAN_OFF_THREAD_CHARS;
    process.env.SCALING_PLAN_OFF_THREAD_CHARS = String(SMALL.length + 1000);
    try {
      ({ client } = await LspClient.start({ settings: { debounce: 0 } }));
    } finally {
      if (saved === undefined) delete process.env.SCALING_PLAN_OFF_THREAD_CHARS;
      else process.env.SCALING_PLAN_OFF_THREAD_CHARS = saved;
    }
  });

  after(async () => {
    await client?.stop();
  });

  it('keeps the same diagnostics and hovers on the main thread, on its own thread, and back', async () => {
    const uri = fileUri('offthread-grows.md');
    const hoverAt = () => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 29, character: 12 } });
    await client.open(uri, SMALL, 1);
    const first = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(rows(first.diagnostics), PLAN_DIAGNOSTICS);
    const card = await hoverAt();
    assert.ok(card);
    // Notes at the end: past the size, so the document moves to its own thread.
    const end = position(SMALL, SMALL.length);
    const notes = '\n\nNotes: the team writes down what each week taught it and keeps the list short.\n'.repeat(20);
    await client.change(uri, 2, [{ range: { start: end, end }, text: notes }]);
    assert.deepEqual(rows((await client.diagnosticsFor(uri, 2)).diagnostics), PLAN_DIAGNOSTICS);
    assert.deepEqual(await hoverAt(), card);
    const moves = () => client.logs.map((l) => l.message).filter((m) => m.startsWith(uri));
    assert.deepEqual(moves(), [`${uri} is analysed on its own thread (${SMALL.length + notes.length} characters)`]);
    // The first total corrected there.
    await client.change(uri, 3, [{ range: { start: { line: 29, character: 10 }, end: { line: 29, character: 12 } }, text: '80' }]);
    assert.deepEqual(rows((await client.diagnosticsFor(uri, 3)).diagnostics), PLAN_DIAGNOSTICS.filter((r) => r[0] !== 29));
    // The notes removed: back on the main thread, with the correction kept.
    const grown = position(SMALL + notes, (SMALL + notes).length);
    await client.change(uri, 4, [{ range: { start: end, end: grown }, text: '' }]);
    assert.deepEqual(rows((await client.diagnosticsFor(uri, 4)).diagnostics), PLAN_DIAGNOSTICS.filter((r) => r[0] !== 29));
    await client.change(uri, 5, [{ range: { start: { line: 29, character: 10 }, end: { line: 29, character: 12 } }, text: '90' }]);
    assert.deepEqual(rows((await client.diagnosticsFor(uri, 5)).diagnostics), PLAN_DIAGNOSTICS);
    assert.deepEqual(await hoverAt(), card);
    assert.equal(moves()[1], `${uri} is analysed on the main thread again`);
    assert.equal(moves().length, 2);
  });
});
