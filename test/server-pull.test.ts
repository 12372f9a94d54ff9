/**
 * Pulled diagnostics (`textDocument/diagnostic`) for clients that announce them, pushed ones
 * for the others: the exact diagnostics either way, a `resultId` that answers `unchanged` while
 * nothing changed, the status notification after each pull, `workspace/diagnostic/refresh` when
 * the settings change, and the same answers from a document's analysis thread.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClientCapabilities, Diagnostic } from 'vscode-languageserver-protocol';
import { FIXTURES, fileUri, fullCapabilities, LspClient } from './fixtures/server/lsp-client';
import { PLAN_DIAGNOSTICS, rows } from './fixtures/server/plan-diagnostics';

const PLAN = readFileSync(join(FIXTURES, 'plan.md'), 'utf8');

const pulling: ClientCapabilities = {
  ...fullCapabilities,
  workspace: { ...fullCapabilities.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...fullCapabilities.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

type Report = { kind: 'full'; resultId?: string; items: Diagnostic[] } | { kind: 'unchanged'; resultId: string };

const at = (line: number, character: number) => ({ line, character });

/** The client pulls; `offThread` puts every document on its own analysis thread. */
function pullSuite(name: string, offThread: boolean): void {
  describe(name, () => {
    let client: LspClient;
    let result: { capabilities: Record<string, unknown> };
    const uri = fileUri(offThread ? 'pull-thread.md' : 'pull.md');
    const pull = (previousResultId?: string) =>
      client.request<Report>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });

    before(async () => {
      const saved = process.env.SCALING_PLAN_OFF_THREAD_CHARS;
      if (offThread) process.env.SCALING_PLAN_OFF_THREAD_CHARS = '0';
      try {
        ({ client, result } = await LspClient.start({ capabilities: pulling, settings: { debounce: 0 } }));
      } finally {
        if (saved === undefined) delete process.env.SCALING_PLAN_OFF_THREAD_CHARS;
        else process.env.SCALING_PLAN_OFF_THREAD_CHARS = saved;
      }
    });

    after(async () => {
      await client?.stop();
    });

    it('announces a diagnostic provider', () => {
      assert.deepEqual(result.capabilities.diagnosticProvider, { identifier: 'scaling-plan', interFileDependencies: false, workspaceDiagnostics: false });
    });

    it('answers exact diagnostics, then unchanged while they stay the same, and new ones when they change; never pushes them', async () => {
      await client.open(uri, PLAN, 1);
      const first = await pull();
      assert.equal(first.kind, 'full');
      assert.ok(first.resultId);
      assert.deepEqual(rows((first as { items: Diagnostic[] }).items), PLAN_DIAGNOSTICS);
      assert.deepEqual(client.statuses.filter((s) => s.uri === uri).at(-1), {
        uri,
        version: 1,
        isPlan: true,
        blanks: 2,
        computableBlanks: 2,
        counts: { error: 3, warning: 0, information: 0, hint: 2 },
      });

      assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
      // A word at the end of a prose line moves no diagnostic: still unchanged.
      const end = at(11, PLAN.split('\n')[11]!.length);
      await client.change(uri, 2, [{ range: { start: end, end }, text: ' soon' }]);
      assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
      // The first total corrected: its finding goes, the others stay.
      await client.change(uri, 3, [{ range: { start: at(29, 10), end: at(29, 12) }, text: '80' }]);
      const fixed = await pull(first.resultId);
      assert.equal(fixed.kind, 'full');
      assert.notEqual(fixed.resultId, first.resultId);
      assert.deepEqual(rows((fixed as { items: Diagnostic[] }).items), PLAN_DIAGNOSTICS.filter((r) => r[0] !== 29));
      assert.deepEqual(client.statuses.filter((s) => s.uri === uri).at(-1)!.counts, { error: 2, warning: 0, information: 0, hint: 2 });
      assert.deepEqual(client.diagnostics.filter((p) => p.uri === uri), [], 'nothing is pushed to a client that pulls');
    });

    it('asks the client to pull again when the settings change, and the pull has them', async () => {
      const since = client.refreshes;
      const before = await pull();
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { scalingPlan: { debounce: 0, blanks: false } } });
      await client.waitForRefresh(since);
      const after = await pull(before.resultId);
      assert.equal(after.kind, 'full');
      // The pushed settings are the defaults under the client's own (which leave blanks alone): no blanks.
      assert.deepEqual(rows((after as { items: Diagnostic[] }).items), PLAN_DIAGNOSTICS.filter((r) => r[0] !== 29 && r[4] !== 'blanks'));
    });

    it('answers an empty report for a document that is not open', async () => {
      assert.deepEqual(await client.request<Report>('textDocument/diagnostic', { textDocument: { uri: fileUri('not-open.md') } }), { kind: 'full', items: [] });
    });
  });
}

pullSuite('pulled diagnostics', false);
pullSuite('pulled diagnostics from an analysis thread', true);

describe('pushed diagnostics for a client that does not pull', () => {
  let client: LspClient;
  let result: { capabilities: Record<string, unknown> };

  before(async () => {
    ({ client, result } = await LspClient.start({ settings: { debounce: 0 } }));
  });

  after(async () => {
    await client?.stop();
  });

  it('announces no diagnostic provider and publishes each version exactly', async () => {
    assert.equal(result.capabilities.diagnosticProvider, undefined);
    const uri = fileUri('push.md');
    await client.open(uri, PLAN, 1);
    assert.deepEqual(rows((await client.diagnosticsFor(uri, 1)).diagnostics), PLAN_DIAGNOSTICS);
    await client.change(uri, 2, [{ range: { start: at(29, 10), end: at(29, 12) }, text: '80' }]);
    assert.deepEqual(rows((await client.diagnosticsFor(uri, 2)).diagnostics), PLAN_DIAGNOSTICS.filter((r) => r[0] !== 29));
  });
});

describe('a pull before the client has sent the document settings', () => {
  let client: LspClient;
  let release: () => void = () => undefined;

  before(async () => {
    const gate = new Promise<void>((resolve) => (release = resolve));
    ({ client } = await LspClient.start({ capabilities: pulling, settings: { blanks: false }, configurationGate: gate }));
  });

  after(async () => {
    release();
    await client?.stop();
  });

  it('is answered once they arrive, with them', async () => {
    const uri = fileUri('pull-gated.md');
    await client.open(uri, PLAN, 1);
    let answered = false;
    const report = client.request<Report>('textDocument/diagnostic', { textDocument: { uri } }).then((r) => {
      answered = true;
      return r;
    });
    // A round trip: the pull has been read, and waits.
    await client.request('textDocument/hover', { textDocument: { uri: fileUri('not-open.md') }, position: at(0, 0) });
    assert.equal(answered, false);
    release();
    const r = await report;
    assert.equal(r.kind, 'full');
    assert.deepEqual(rows((r as { items: Diagnostic[] }).items), PLAN_DIAGNOSTICS.filter((row) => row[4] !== 'blanks'));
  });
});
