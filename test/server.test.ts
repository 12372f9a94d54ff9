/**
 * Protocol tests: the built language server (`bin/scaling-plan-server.js --stdio`) driven by a
 * real JSON-RPC client. Every test waits for the server's messages; none sleeps.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  MarkupContent,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { ensureBuilt, FIXTURES, fileUri, LspClient, ROOT } from './fixtures/server/lsp-client';

const PLAN = readFileSync(join(FIXTURES, 'plan.md'), 'utf8');
const README = readFileSync(join(FIXTURES, 'readme.md'), 'utf8');
const TEMPLATE = readFileSync(join(FIXTURES, 'template.md'), 'utf8');

type Row = [line: number, start: number, endLine: number, end: number, code: string, severity: number, message: string];

function rows(diagnostics: Diagnostic[]): Row[] {
  return diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, String(d.code), d.severity!, String(d.message)]);
}

const PLAN_DIAGNOSTICS: Row[] = [
  [29, 9, 29, 18, 'totals', 1, 'Total $90/month does not match 50 + 30 = $80/month'],
  [30, 17, 30, 28, 'cost-per-user', 1, 'Cost per user $0.80/month does not match $90 / 100 users = $0.9/month'],
  [35, 9, 35, 19, 'totals', 1, 'Total $420/month does not match 240 + 160 = $400/month'],
  [36, 17, 36, 28, 'cost-per-user', 1, 'Cost per user $0.40/month does not match $420 / 1,000 users = $0.42/month'],
  [44, 11, 44, 24, 'revenue', 1, 'Revenue $25,000/month does not match 1,000 users × $15/month ARPU = $15,000/month'],
  [60, 10, 60, 13, 'blanks', 3, 'Blank to fill in (1 of 2)'],
  [66, 17, 66, 20, 'blanks', 3, 'Blank to fill in (2 of 2)'],
];

/** The edits of a workspace edit for one document. */
function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'the action carries an edit');
  if (edit.documentChanges) {
    return edit.documentChanges.flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits.filter((e): e is TextEdit => 'range' in e) : []));
  }
  return edit.changes?.[uri] ?? [];
}

/** Incremental changes that apply `edits` in one didChange (from the end, so ranges stay valid). */
function changesOf(edits: TextEdit[]): TextDocumentContentChangeEvent[] {
  return [...edits]
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map((e) => ({ range: e.range, text: e.newText }));
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

function lineOf(text: string, n: number): string {
  return text.split('\n')[n]!;
}

const at = (line: number, character: number) => ({ line, character });
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: at(l1, c1), end: at(l2, c2) });

describe('language server over stdio', () => {
  let client: LspClient;
  let capabilities: any;

  before(async () => {
    const started = await LspClient.start();
    client = started.client;
    capabilities = started.result.capabilities;
  });

  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, `server exit code (stderr: ${client.stderr})`);
  });

  it('announces its features', () => {
    assert.equal(capabilities.textDocumentSync.change, 2, 'incremental sync');
    assert.deepEqual(capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.scalingPlan', 'source.fillBlanks.scalingPlan']);
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.codeLensProvider);
    assert.ok(capabilities.completionProvider);
    assert.ok(capabilities.documentSymbolProvider);
    assert.equal(capabilities.foldingRangeProvider, true);
  });

  it('publishes exact diagnostics for a plan on open, with code, docs link, source and related places', async () => {
    const uri = fileUri('plan.md');
    await client.open(uri, PLAN);
    const published = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(rows(published.diagnostics), PLAN_DIAGNOSTICS);
    const total = published.diagnostics[0]!;
    assert.equal(total.source, 'scaling-plan');
    assert.equal(total.codeDescription?.href, 'https://github.com/scaling-plan/scaling-plan/blob/main/docs/rules/totals.md');
    assert.deepEqual(total.relatedInformation, [
      { location: { uri, range: range(27, 11, 27, 20) }, message: 'Hosting' },
      { location: { uri, range: range(28, 12, 28, 21) }, message: 'Database' },
    ]);
    const cafe = published.diagnostics[2]!;
    // `Hosting (café servers)`: the é is one UTF-16 unit.
    assert.deepEqual(cafe.relatedInformation?.[0], { location: { uri, range: range(33, 26, 33, 36) }, message: 'Hosting (café servers)' });
  });

  it('gives other markdown nothing', async () => {
    const uri = fileUri('readme.md');
    await client.open(uri, README);
    const published = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(published.diagnostics, []);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses, []);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(7, 10) });
    assert.equal(hover, null);
  });

  it('ignores documents that are not markdown', async () => {
    const uri = fileUri('plan.ts');
    await client.open(uri, PLAN, 1, 'typescript');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(29, 12) });
    assert.equal(hover, null);
  });

  it('offers every plausible fix of a finding, and a fix that clears it', async () => {
    const uri = fileUri('plan-quickfix.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: range(44, 12, 44, 12),
      context: { diagnostics: [] },
    });
    const quickFixes = actions.filter((a) => a.kind === 'quickfix');
    assert.deepEqual(
      quickFixes.map((a) => [a.title, a.isPreferred, a.diagnostics?.map((d) => d.code), editsOf(a.edit, uri)]),
      [
        ['Set revenue to $15,000/month', true, ['revenue'], [{ range: range(44, 11, 44, 18), newText: '$15,000' }]],
        ['Set ARPU to $25/month', false, ['revenue'], [{ range: range(41, 10, 41, 12), newText: '25' }]],
      ],
    );
    // Changing the assumption makes revenue, margin and profit agree at once.
    const arpu = editsOf(quickFixes[1]!.edit, uri);
    const fixed = apply(PLAN, arpu);
    assert.equal(lineOf(fixed, 41), 'Assuming $25/month ARPU across all users:');
    await client.change(uri, 2, changesOf(arpu));
    const after = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(
      rows(after.diagnostics),
      PLAN_DIAGNOSTICS.filter((r) => r[4] !== 'revenue'),
    );
  });

  it('a quick fix writes the computed value and clears the finding', async () => {
    const uri = fileUri('plan-total.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: range(29, 10, 29, 10),
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Set total to $80/month', 'Fix all totals problems (2)'],
    );
    const edits = editsOf(actions[0]!.edit, uri);
    assert.deepEqual(edits, [{ range: range(29, 9, 29, 12), newText: '$80' }]);
    assert.equal(lineOf(apply(PLAN, edits), 29), '- Total: $80/month');
    await client.change(uri, 2, changesOf(edits));
    const after = await client.diagnosticsFor(uri, 2);
    // The total is right now, and so is the cost per user computed from it.
    assert.deepEqual(
      rows(after.diagnostics),
      PLAN_DIAGNOSTICS.filter((r) => r[0] !== 29 && r[0] !== 30),
    );
  });

  it('fixes all findings of one rule', async () => {
    const uri = fileUri('plan-rule.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: range(35, 10, 35, 10),
      context: { diagnostics: [], only: ['quickfix'] },
    });
    const all = actions.find((a) => a.title === 'Fix all totals problems (2)')!;
    assert.deepEqual(all.diagnostics?.map((d) => d.range.start.line), [29, 35]);
    const resolved = await client.request<CodeAction>('codeAction/resolve', all);
    const edits = editsOf(resolved.edit, uri);
    assert.deepEqual(edits, [
      { range: range(29, 10, 29, 12), newText: '80' },
      { range: range(35, 10, 35, 13), newText: '400' },
    ]);
    await client.change(uri, 2, changesOf(edits));
    const after = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(
      rows(after.diagnostics).map((r) => r[4]),
      ['revenue', 'blanks', 'blanks'],
    );
  });

  it('fix-all (source.fixAll) reaches a fixed point in one action, touching only the wrong figures', async () => {
    const uri = fileUri('plan-fixall.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const ask = () =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: range(0, 0, 0, 0),
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
    const actions = await ask();
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all scaling-plan problems', 'source.fixAll.scalingPlan']]);
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    const edits = editsOf(resolved.edit, uri);
    // Totals first; the costs per user they make right again stay as they are; revenue from
    // ARPU; then the margin and profit that follow from the new revenue.
    assert.deepEqual(edits, [
      { range: range(29, 10, 29, 12), newText: '80' },
      { range: range(35, 10, 35, 13), newText: '400' },
      { range: range(44, 12, 44, 18), newText: '15,000' },
      { range: range(47, 16, 47, 18), newText: '97' },
      { range: range(48, 11, 48, 17), newText: '2,600' },
    ]);
    const fixed = apply(PLAN, edits);
    assert.equal(lineOf(fixed, 44), '- Revenue: $15,000/month');
    assert.equal(lineOf(fixed, 48), '- Profit: $2,600/month');
    await client.change(uri, 2, changesOf(edits));
    const after = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(rows(after.diagnostics).map((r) => r[4]), ['blanks', 'blanks']);
    assert.deepEqual(await ask(), [], 'nothing left to fix');
  });

  it('fills every computable blank', async () => {
    const uri = fileUri('plan-blanks.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: range(0, 0, 0, 0),
      context: { diagnostics: [], only: ['source.fillBlanks'] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fill computable blanks', 'source.fillBlanks.scalingPlan']]);
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    const edits = editsOf(resolved.edit, uri);
    assert.deepEqual(edits, [
      { range: range(60, 10, 60, 13), newText: '165' },
      { range: range(66, 17, 66, 20), newText: '21' },
    ]);
    const filled = apply(PLAN, edits);
    assert.equal(lineOf(filled, 60), '- Total: $165/month');
    assert.equal(lineOf(filled, 66), '- Overall score: 21/30');
    await client.change(uri, 2, changesOf(edits));
    const after = await client.diagnosticsFor(uri, 2);
    assert.ok(!after.diagnostics.some((d) => d.code === 'blanks' || (d.code === 'totals' && d.range.start.line === 60)));
  });

  it('renders projections as code lenses, and keeps them right while typing', async () => {
    const uri = fileUri('plan-lens.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const lenses = async (): Promise<string[]> =>
      (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => `${l.range.start.line}: ${l.command?.title}`);
    const before = await lenses();
    for (const expected of [
      '18: Growth 20%/month from 100 users: Stage 3 (1,000 users) in month 13, Stage 4 (10,000 users) in month 26',
      '18: Stage 1: Launch · 0–100 users · at 100 users · cost $90/month (checks: $80/month) · $0.80 (checks: $0.90) per user · revenue $1,500/month · margin 94% · profit $1,410/month · uptime 99.5% · downtime budget 3.6 hours/month',
      '19: Stage 2: Traction · 100–1,000 users · at 1,000 users · cost $420/month (checks: $400/month) · $0.40 (checks: $0.42) per user · revenue $25,000/month (checks: $15,000/month) · margin 98% · profit $12,600/month · uptime 99.9% · downtime budget 43.2 minutes/month',
      '20: Stage 3: Growth · 1,000–10,000 users · at 10,000 users · revenue $150,000/month',
      '21: Stage 4: Scale · 10,000+ users · no cost modelled',
      '26: 100 users · total $80/month · $0.80 per user',
      '32: 1,000 users · total $400/month · $0.40 per user',
      '43: 1,000 users · revenue $15,000/month · costs $12,400/month · $12.40 per user · margin 97.3% · profit $2,600/month',
      '57: total $165/month',
    ]) {
      assert.ok(before.includes(expected), `lens ${expected} in ${JSON.stringify(before, null, 1)}`);
    }
    // Type a new line item into the first cost block: its lens follows at once.
    await client.change(uri, 2, [{ range: range(29, 0, 29, 0), text: '- Backups: $20/month\n' }]);
    const typed = await lenses();
    assert.ok(typed.includes('26: 100 users · total $100/month · $1 per user'), JSON.stringify(typed, null, 1));
    assert.ok(typed.includes('33: 1,000 users · total $400/month · $0.40 per user'), JSON.stringify(typed, null, 1));
    // Change the growth assumption in the frontmatter: the growth lens follows.
    await client.change(uri, 3, [{ range: range(5, 10, 5, 12), text: '10' }]);
    const slower = await lenses();
    assert.ok(slower.includes('18: Growth 10%/month from 100 users: Stage 3 (1,000 users) in month 25, Stage 4 (10,000 users) in month 49'), JSON.stringify(slower, null, 1));
  });

  it('hovers a checked number with its formula and inputs', async () => {
    const uri = fileUri('plan.md');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(29, 12) });
    assert.deepEqual(hover.range, range(29, 9, 29, 18));
    const text = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.ok(text.includes('`50 + 30 = $80/month`'), text);
    assert.ok(text.includes('Stated **$90/month**: does not match; computed **$80/month**.'), text);
    assert.ok(text.includes(`- Hosting: $50/month ([line 28](${uri}#L28))`), text);
  });

  it('hovers an uptime with its downtime per day, week, month and year', async () => {
    const uri = fileUri('plan.md');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(52, 10) });
    assert.deepEqual(hover.range, range(52, 8, 52, 13));
    const text = (hover.contents as MarkupContent).value;
    for (const row of ['| day | 1.44 minutes |', '| week | 10.08 minutes |', '| month (30 days) | 43.2 minutes |', '| year (365 days) | 8.76 hours |']) {
      assert.ok(text.includes(row), `${row} in ${text}`);
    }
  });

  it('hovers a stage reference with its stage card: by number, by name, or by a user count in its range', async () => {
    const uri = fileUri('plan.md');
    const card = async (line: number, character: number): Promise<{ range: unknown; text: string }> => {
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(line, character) });
      return { range: hover.range, text: (hover.contents as MarkupContent).value };
    };
    // `Stage 2` in the roadmap.
    const byNumber = await card(71, 4);
    assert.deepEqual(byNumber.range, range(71, 2, 71, 9));
    const lines = byNumber.text.split('\n');
    assert.equal(lines[0], `**Stage 2: Traction** · 100–1,000 users ([line 20](${uri}#L20))`);
    assert.equal(
      lines[2],
      'at 1,000 users · cost $420/month (checks: $400/month) · $0.40 (checks: $0.42) per user · revenue $25,000/month (checks: $15,000/month) · margin 98% · profit $12,600/month · uptime 99.9% · downtime budget 43.2 minutes/month',
    );
    assert.deepEqual(lines.slice(4), [
      'What the plan says:',
      `- Stage 2: Traction (100-1,000 users) ([line 20](${uri}#L20))`,
      `- 1,000 users: Hosting (café servers): $240/month, Database: $160/month, Total: $420/month, Cost per user: $0.40/month ([line 33](${uri}#L33))`,
      `- 1,000 users: Revenue: $25,000/month, Infrastructure: $400/month, Team: $12,000/month, Gross margin: 98%, Profit: $12,600/month ([line 44](${uri}#L44))`,
      `- Stage 2: add a read replica by 1,000 users ([line 72](${uri}#L72))`,
      `- Stage 2: a cache in front of the busiest queries ([line 78](${uri}#L78))`,
      `- Stage 2 (100-1,000 users): ([line 102](${uri}#L102))`,
      `- Uptime: 99.9% (43.2 minutes downtime/month) ([line 103](${uri}#L103))`,
      `- Response time: \\<500ms ([line 104](${uri}#L104))`,
    ]);
    // Its name, and a user count inside its range (the cost block's `1,000 users:`).
    const byName = await card(19, 10);
    assert.deepEqual(byName.range, range(19, 9, 19, 17));
    assert.equal(byName.text, byNumber.text);
    const byUsers = await card(32, 2);
    assert.deepEqual(byUsers.range, range(32, 0, 32, 11));
    assert.equal(byUsers.text, byNumber.text);
    // The first stage, from its cost block.
    const first = await card(26, 1);
    assert.ok(first.text.includes('cost $90/month (checks: $80/month) · $0.80 (checks: $0.90) per user'), first.text);
  });

  it('completes a blank with the computed value first', async () => {
    const uri = fileUri('plan.md');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(60, 11) });
    const first = list.items[0]!;
    assert.equal(first.label, '165');
    assert.equal(first.detail, '= $165/month');
    assert.equal(first.preselect, true);
    assert.deepEqual(first.textEdit, { range: range(60, 10, 60, 13), newText: '165' });
    assert.deepEqual(list.items.map((i) => i.label), ['165', '90', '420']);
    const score = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(66, 18) });
    assert.deepEqual(score.items.map((i) => [i.label, i.detail]), [['21', '= 21/30']]);
  });

  it('completes every kind of blank: totals, revenue, ROI, payback, score totals, uptimes, shares, and chained blanks', async () => {
    const uri = fileUri('template.md');
    await client.open(uri, TEMPLATE);
    await client.diagnosticsFor(uri, 1);
    const first = async (line: number, character: number): Promise<[string, string | undefined, unknown]> => {
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(line, character) });
      const item = list.items[0]!;
      return [item.label, item.detail, (item.textEdit as TextEdit).range];
    };
    assert.deepEqual(await first(17, 11), ['225', '= $225/month', range(17, 10, 17, 13)]);
    assert.deepEqual(await first(18, 19), ['0.45', '= 0.45 once the blanks it depends on are filled', range(18, 18, 18, 21)]);
    assert.deepEqual(await first(26, 13), ['6,000', '= $6,000/month', range(26, 12, 26, 15)]);
    assert.deepEqual(await first(28, 17), ['96.3', '= 96.3 once the blanks it depends on are filled', range(28, 16, 28, 19)]);
    assert.deepEqual(await first(36, 8), ['200', '= 200%', range(36, 7, 36, 10)]);
    assert.deepEqual(await first(37, 12), ['4', '= 4 months', range(37, 11, 37, 14)]);
    assert.deepEqual(await first(45, 16), ['25', 'makes the shares 100%', range(45, 15, 45, 18)]);
    assert.deepEqual(await first(53, 18), ['15', '= 15/20', range(53, 17, 53, 20)]);
    assert.deepEqual(await first(58, 11), ['99.9', '= 99.9%', range(58, 10, 58, 13)]);
  });

  it('"Fill computable blanks" fills chained blanks in one action', async () => {
    const uri = fileUri('template-fill.md');
    await client.open(uri, TEMPLATE);
    await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: range(0, 0, 0, 0),
      context: { diagnostics: [], only: ['source'] },
    });
    const fill = actions.find((a) => a.kind === 'source.fillBlanks.scalingPlan')!;
    const edits = editsOf((await client.request<CodeAction>('codeAction/resolve', fill)).edit, uri);
    const filled = apply(TEMPLATE, edits);
    assert.deepEqual(
      [17, 18, 26, 28, 36, 37, 53, 58].map((n) => lineOf(filled, n)),
      [
        '- Total: $225/month',
        '- Cost per user: $0.45/month',
        '- Revenue: $6,000/month',
        '- Gross margin: 96.3%',
        '- ROI: 200%',
        '- Payback: 4 months',
        '- Overall score: 15/20',
        '- Uptime: 99.9% (43.2 minutes downtime/month)',
      ],
    );
    assert.equal(lineOf(filled, 45), '- Paid search: ___%', 'a share is a choice, not a computation');
    await client.change(uri, 2, changesOf(edits));
    const after = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(
      after.diagnostics.filter((d) => d.severity === 1).map((d) => d.code),
      [],
      'what was filled is right',
    );
  });

  it('completes frontmatter keys and values from the schema, and offers snippets', async () => {
    const uri = fileUri('plan-front.md');
    const text = '---\nscaling-plan: 1\n\nmonth: \n---\n\n# Plan\n\n';
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    const keys = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(2, 0) });
    assert.deepEqual(keys.items.map((i) => i.label), ['product', 'currency', 'tolerance', 'assumptions']);
    assert.equal((keys.items[0]!.documentation as MarkupContent).value, 'Product name.');
    const values = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(3, 7) });
    assert.deepEqual(values.items.map((i) => i.label), ['30d', '730h']);
    const snippets = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(7, 0) });
    assert.deepEqual(snippets.items.map((i) => [i.label, i.insertTextFormat]), [['stage', 2], ['cost block', 2], ['risk', 2]]);
  });

  it('keeps positions right through incremental edits, including non-ASCII text before a number', async () => {
    const uri = fileUri('plan-typing.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const totals = async (version: number): Promise<Row[]> => rows((await client.diagnosticsFor(uri, version)).diagnostics).filter((r) => r[4] === 'totals');
    // `é🎉 ` before `$90`: four UTF-16 units (the emoji is a surrogate pair).
    await client.change(uri, 2, [{ range: range(29, 9, 29, 9), text: 'é🎉 ' }]);
    assert.deepEqual((await totals(2))[0], [29, 13, 29, 22, 'totals', 1, 'Total $90/month does not match 50 + 30 = $80/month']);
    // Two lines above, in one notification with a second change further down.
    await client.change(uri, 3, [
      { range: range(35, 9, 35, 9), text: '~' },
      { range: range(9, 0, 9, 0), text: 'Café ☕ notes\n\n' },
    ]);
    assert.deepEqual(await totals(3), [[31, 13, 31, 22, 'totals', 1, 'Total $90/month does not match 50 + 30 = $80/month']]);
    // Typing the digit itself: `$90` → `$80` clears it.
    await client.change(uri, 4, [{ range: range(31, 14, 31, 15), text: '8' }]);
    assert.deepEqual(await totals(4), []);
    // Undo everything with a full-text change.
    await client.change(uri, 5, [{ text: PLAN }]);
    assert.deepEqual(rows((await client.diagnosticsFor(uri, 5)).diagnostics), PLAN_DIAGNOSTICS);
  });

  it('outlines sections and stages, and folds sections, fences and blocks', async () => {
    const uri = fileUri('plan.md');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    // Sections nest by level; stages nest in the section that defines them.
    const outline = (list: DocumentSymbol[]): unknown[] =>
      list.map((s) => {
        const kids = outline(s.children ?? []);
        const row = [s.name, s.kind, s.range.start.line, s.range.end.line, ...(s.detail ? [s.detail] : [])];
        return kids.length ? [...row, kids] : row;
      });
    assert.deepEqual(outline(symbols), [
      [
        'Brightpath Scaling Plan',
        15,
        9,
        104,
        [
          [
            'Growth Projection Model',
            15,
            14,
            21,
            [
              ['Stage 1: Launch', 2, 18, 18, '0–100 users'],
              ['Stage 2: Traction', 2, 19, 19, '100–1,000 users'],
              ['Stage 3: Growth', 2, 20, 20, '1,000–10,000 users'],
              ['Stage 4: Scale', 2, 21, 21, '10,000+ users'],
            ],
          ],
          ['Cost Projection', 15, 23, 37],
          ['Break-Even', 15, 39, 48],
          ['Service Levels', 15, 50, 52],
          ['Template', 15, 54, 67],
          ['Infrastructure Roadmap', 15, 69, 72],
          ['Architecture Evolution', 15, 74, 78],
          ['Team Scaling Plan', 15, 80, 83],
          ['Operational Playbooks', 15, 85, 88],
          ['Risk Assessment', 15, 90, 92],
          ['Success Metrics', 15, 94, 104],
        ],
      ],
    ]);
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const pairs = folds.map((f) => [f.startLine, f.endLine]);
    for (const fold of [[0, 7], [9, 104], [14, 21], [18, 21], [25, 37], [26, 30], [32, 36], [43, 48], [56, 67], [96, 104]]) {
      assert.ok(pairs.some((p) => p[0] === fold[0] && p[1] === fold[1]), `fold ${fold} in ${JSON.stringify(pairs)}`);
    }
  });

  it('clears diagnostics on close', async () => {
    const uri = fileUri('plan-close.md');
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
    const since = client.diagnostics.length;
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, since);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('settings and document selection', () => {
  it('applies rule severities and switches pulled from the client', async () => {
    const { client } = await LspClient.start({ settings: { rules: { totals: 'off', revenue: 'warning' }, blanks: false } });
    try {
      const uri = fileUri('plan-settings.md');
      await client.open(uri, PLAN);
      const published = await client.diagnosticsFor(uri, 1);
      assert.deepEqual(
        rows(published.diagnostics).map((r) => [r[0], r[4], r[5]]),
        [
          [30, 'cost-per-user', 1],
          [36, 'cost-per-user', 1],
          [44, 'revenue', 2],
        ],
      );
    } finally {
      await client.stop();
    }
  });

  it('publishes nothing with the wrong settings while the client is slow to give them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Defaults with no debounce: a publish before the settings arrive would go out at once.
    const { client } = await LspClient.start({ settings: { rules: { totals: 'off' } }, initializationOptions: { settings: { debounce: 0 } }, configurationGate: gate });
    try {
      const uri = fileUri('plan-slow-settings.md');
      await client.open(uri, PLAN);
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
      // Two round trips: any publish the change would schedule has had its turn.
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      release();
      await client.diagnosticsFor(uri, 2);
      const published = client.diagnostics.filter((p) => p.uri === uri);
      assert.deepEqual(published.map((p) => p.version), [2]);
      assert.ok(published[0]!.diagnostics.every((d) => d.code !== 'totals'));
    } finally {
      await client.stop();
    }
  });

  it('a glob selects a document whose content alone would not', async () => {
    const { client } = await LspClient.start({ settings: { globs: ['budget-*.md'] } });
    try {
      const budget = fileUri('budget-widgets.md');
      await client.open(budget, README);
      const published = await client.diagnosticsFor(budget, 1);
      assert.deepEqual(rows(published.diagnostics), [[7, 9, 7, 12, 'totals', 1, 'Total $12 does not match 5 + 6 = $11']]);
    } finally {
      await client.stop();
    }
  });

  it('uses initializationOptions when the client has no workspace/configuration', async () => {
    const { client } = await LspClient.start({
      capabilities: {},
      initializationOptions: { settings: { month: '730h' } },
    });
    try {
      const uri = fileUri('plan-730.md');
      await client.open(uri, 'SLA:\n- Uptime: 99.9% (43.2 minutes downtime/month)\n- Stage 1 (0-100 users)\n- Stage 2 (100-1,000 users)\n');
      const published = await client.diagnosticsFor(uri, 1);
      assert.deepEqual(rows(published.diagnostics), [[1, 17, 1, 29, 'downtime', 1, 'Downtime 43.2 minutes does not match (100% − 99.9%) × 730 h month = 43.8 minutes/month']]);
      // Without related-information support, none is sent.
      assert.equal(published.diagnostics[0]!.relatedInformation, undefined);
    } finally {
      await client.stop();
    }
  });
});

describe('transports', () => {
  it('serves over node IPC (how VS Code starts it) as well as stdio', async () => {
    const { fork } = await import('node:child_process');
    const { createMessageConnection, IPCMessageReader, IPCMessageWriter } = await import('vscode-jsonrpc/node');
    await ensureBuilt();
    const child = fork(join(ROOT, 'bin', 'scaling-plan-server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<{ uri: string; diagnostics: Diagnostic[] }>((resolve) => conn.onNotification('textDocument/publishDiagnostics', resolve));
    conn.listen();
    try {
      const result = await conn.sendRequest<{ serverInfo: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(result.serverInfo.name, 'scaling-plan');
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri('ipc.md'), languageId: 'markdown', version: 1, text: PLAN } });
      assert.equal((await published).diagnostics.length, 7);
      await conn.sendRequest('shutdown');
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await conn.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      conn.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
