/**
 * The editor features (src/engine/features) as the server serves them.
 *
 * Over LSP, on test/fixtures/server/plan.md and template.md: code lenses (read from the
 * projection table, at most 80 characters, the growth lens on its own line), hover cards (a
 * checked figure's relation with its formula, a blank's value, an uptime's downtime, a stage's
 * card), completion (frontmatter keys and values, computed blanks first, snippets), document
 * symbols (stages only), quick fixes and fix-all with their exact edits, and the capabilities
 * (no folding ranges: the editor's markdown folding is left alone).
 *
 * Without a server, as the old tests did: on generated plan-like text and on every sample the
 * features never throw and every span they return lies inside the document; fix-all and the
 * blank fills edit only what they claim to; diffEdits; the glob matcher of the settings.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  MarkupContent,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { Commands, ProjectionsRequest, type ProjectionFigure, type ProjectionsResult } from '../client/src/protocol';
import { createPlanService, type Span } from '../src/engine';
import {
  applyEdits,
  completionsAt,
  diffEdits,
  documentSymbols,
  fillEdits,
  fixAll,
  globMatcher,
  hoverAt,
  lenses,
  MAX_LENS,
} from '../src/engine/features';
import { analyze, depth, ROOT } from './helpers';
import { ensureBuilt, FIXTURES, fileUri, LspClient } from './fixtures/server/lsp-client';

const PLAN = readFileSync(join(FIXTURES, 'plan.md'), 'utf8');
const README = readFileSync(join(FIXTURES, 'readme.md'), 'utf8');
const TEMPLATE = readFileSync(join(FIXTURES, 'template.md'), 'utf8');

const at = (line: number, character: number) => ({ line, character });
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: at(l1, c1), end: at(l2, c2) });

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'the action carries an edit');
  if (edit.documentChanges) return edit.documentChanges.flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
  return edit.changes?.[uri] ?? [];
}

/** Edits as `[line, start, end, newText]` (single-line edits). */
function flat(edits: TextEdit[]): [number, number, number, string][] {
  return edits.map((e) => {
    assert.equal(e.range.start.line, e.range.end.line, 'a single-line edit');
    return [e.range.start.line, e.range.start.character, e.range.end.character, e.newText];
  });
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

function changesOf(edits: TextEdit[]): { range: TextEdit['range']; text: string }[] {
  return [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character).map((e) => ({ range: e.range, text: e.newText }));
}

function lineOf(text: string, n: number): string {
  return text.split('\n')[n]!;
}

// ------------------------------------------------------------------------------------ over LSP

describe('editor features over LSP', () => {
  let client: LspClient;
  let capabilities: Record<string, unknown>;
  const uri = fileUri('features-plan.md');

  before(async () => {
    const started = await LspClient.start();
    client = started.client;
    capabilities = started.result.capabilities;
    await client.open(uri, PLAN);
    await client.diagnosticsFor(uri, 1);
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  const hover = async (u: string, line: number, character: number): Promise<{ range: unknown; lines: string[] } | null> => {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: at(line, character) });
    if (!h) return null;
    assert.equal((h.contents as MarkupContent).kind, 'markdown');
    return { range: h.range, lines: (h.contents as MarkupContent).value.split('\n') };
  };
  const completion = (u: string, line: number, character: number): Promise<CompletionList> =>
    client.request<CompletionList>('textDocument/completion', { textDocument: { uri: u }, position: at(line, character) });
  const codeLenses = (u: string): Promise<CodeLens[]> => client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } });
  const codeActions = (u: string, r: ReturnType<typeof range>, only?: string[]): Promise<CodeAction[]> =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: r, context: { diagnostics: [], ...(only ? { only } : {}) } });

  describe('capabilities', () => {
    it('announce the features served, and no folding ranges', async () => {
      assert.deepEqual(Object.keys(capabilities).sort(), [
        'codeActionProvider',
        'codeLensProvider',
        'completionProvider',
        'documentSymbolProvider',
        'executeCommandProvider',
        'hoverProvider',
        'textDocumentSync',
      ]);
      assert.equal(capabilities.foldingRangeProvider, undefined);
      await assert.rejects(client.request('textDocument/foldingRange', { textDocument: { uri } }), (err: { code?: number }) => err.code === -32601);
    });
  });

  describe('code lenses', () => {
    it('are the projection table of plan.md, one idea each, above their lines', async () => {
      const lenses = await codeLenses(uri);
      assert.deepEqual(
        lenses.map((l) => [l.range.start.line, l.command?.arguments?.[2], l.command?.title]),
        [
          [14, 'growth', 'Growth 20%/month from 100 users: 1,000 users in month 13, …'],
          [18, 'stage', 'Cost $80/mo at 100 users · $0.80/user/mo'],
          [18, 'service', 'Uptime 99.5%: 3.6 hours of downtime a month'],
          [19, 'stage', 'Cost $400/mo at 1,000 users · $0.40/user/mo'],
          [19, 'economics', 'Revenue $15,000/mo at 1,000 users · margin 97.3% · profit $2,600/mo'],
          [19, 'service', 'Uptime 99.9%: 43.2 minutes of downtime a month'],
          [26, 'block', '100 users: total $80/mo · $0.80/user/mo'],
          [32, 'block', '1,000 users: total $400/mo · $0.40/user/mo'],
          // Margin and profit do not fit in 80 characters: they are in the hover and the view.
          [43, 'block', '1,000 users: revenue $15,000/mo · costs $12,400/mo · $12.40/user/mo'],
        ],
      );
      for (const l of lenses) {
        assert.deepEqual(l.range.start, l.range.end);
        assert.equal(l.range.start.character, 0);
        assert.equal(l.command?.command, Commands.showProjections);
        assert.deepEqual(l.command?.arguments?.slice(0, 2), [uri, l.range.start.line]);
      }
    });

    it('keep the growth lens on a line of its own, above the stage list', async () => {
      const lenses = await codeLenses(uri);
      const growth = lenses.filter((l) => l.command?.arguments?.[2] === 'growth');
      assert.equal(growth.length, 1);
      const line = growth[0]!.range.start.line;
      assert.deepEqual(lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.arguments?.[2]), ['growth']);
      assert.equal(lineOf(PLAN, line), '## Growth Projection Model');
      const firstStage = Math.min(...lenses.filter((l) => l.command?.arguments?.[2] === 'stage').map((l) => l.range.start.line));
      assert.ok(line < firstStage);
    });

    it('read the stage lenses from the projection table', async () => {
      const lenses = await codeLenses(uri);
      const table = await client.request<ProjectionsResult>(ProjectionsRequest, { textDocument: { uri } });
      const short = (f: ProjectionFigure | undefined): string => f!.text.replace(/\/month$/, '/mo');
      let checked = 0;
      for (const row of table.stages) {
        const title = (kind: string): string | undefined => lenses.find((l) => l.range.start.line === row.line && l.command?.arguments?.[2] === kind)?.command?.title;
        const f = row.figures;
        if (f.cost) {
          assert.equal(title('stage'), `Cost ${short(f.cost)} at ${row.modelled!.label} · ${short(f.costPerUser)}`);
          checked++;
        } else assert.equal(title('stage'), undefined, `${row.label} has no cost, and no cost lens`);
        if (f.revenue) {
          assert.equal(title('economics'), `Revenue ${short(f.revenue)} at ${row.economics!.label} · margin ${f.margin!.text} · profit ${short(f.profit)}`);
          checked++;
        } else assert.equal(title('economics'), undefined);
        if (f.uptime) {
          assert.equal(title('service'), `Uptime ${f.uptime.text}: ${f.downtime!.text} of downtime a month`);
          checked++;
        } else assert.equal(title('service'), undefined);
      }
      assert.equal(checked, 5);
    });

    it('are at most 80 characters on every fixture and sample, and on a plan of large figures', async () => {
      assert.equal(MAX_LENS, 80);
      const big = [
        '---',
        'scaling-plan: 1',
        '---',
        '',
        'Assuming $1,234.56/month ARPU across all users:',
        '',
        'Stage 1: Enterprise Expansion Across Every Region (0-12,345,678 users)',
        'Stage 2: Planetary (12,345,678-98,765,432 users)',
        '',
        '**12,345,678 users:**',
        '- Revenue: $15,241,578,467/month',
        '- Infrastructure: $1,234,567,890/month',
        '- Team: $987,654,321/month',
        '- Gross margin: 91.9%',
        '- Profit: $13,019,356,256/month',
        '',
      ].join('\n');
      const docs: [string, string][] = [
        ['plan.md', PLAN],
        ['template.md', TEMPLATE],
        ['big.md', big],
        ...readdirSync(join(ROOT, 'samples'))
          .filter((f) => f.endsWith('.md'))
          .map((f): [string, string] => [f, readFileSync(join(ROOT, 'samples', f), 'utf8')]),
      ];
      let cut = 0;
      for (const [name, text] of docs) {
        const u = fileUri(`features-lens-${name}`);
        await client.open(u, text);
        await client.diagnosticsFor(u, 1);
        for (const l of await codeLenses(u)) {
          const title = l.command!.title;
          assert.ok(title.length > 0 && title.length <= 80, `${name}:${l.range.start.line} ${title} (${title.length})`);
          if (name === 'big.md' && l.command?.arguments?.[2] === 'block') cut++;
        }
        await client.close(u);
      }
      assert.equal(cut, 1, 'the large plan has its block lens');
    });

    it('follow typing: a new line item changes the block and its stage at once', async () => {
      const u = fileUri('features-lens-typing.md');
      await client.open(u, PLAN);
      await client.diagnosticsFor(u, 1);
      await client.change(u, 2, [{ range: range(29, 0, 29, 0), text: '- Backups: $20/month\n' }]);
      const titles = (await codeLenses(u)).map((l) => `${l.range.start.line}: ${l.command?.title}`);
      assert.ok(titles.includes('18: Cost $100/mo at 100 users · $1/user/mo'), JSON.stringify(titles, null, 1));
      assert.ok(titles.includes('26: 100 users: total $100/mo · $1/user/mo'), JSON.stringify(titles, null, 1));
      assert.ok(titles.includes('33: 1,000 users: total $400/mo · $0.40/user/mo'), JSON.stringify(titles, null, 1));
      // The frontmatter's growth: 20% → 10%.
      await client.change(u, 3, [{ range: range(5, 10, 5, 12), text: '10' }]);
      const growth = (await codeLenses(u)).filter((l) => l.command?.arguments?.[2] === 'growth').map((l) => l.command?.title);
      assert.deepEqual(growth, ['Growth 10%/month from 100 users: 1,000 users in month 25, …']);
      await client.close(u);
    });

    it('are not given to markdown that is not a plan', async () => {
      const u = fileUri('features-readme.md');
      await client.open(u, README);
      await client.diagnosticsFor(u, 1);
      assert.deepEqual(await codeLenses(u), []);
      assert.equal(await hover(u, 7, 10), null);
      assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: u } }), []);
      assert.deepEqual(await codeActions(u, range(7, 10, 7, 10)), []);
      await client.close(u);
    });
  });

  describe('hover cards', () => {
    it('a checked figure: its relation, rule, formula, verdict and inputs', async () => {
      const h = await hover(uri, 29, 12);
      assert.deepEqual(h?.range, range(29, 9, 29, 18));
      const [title, , formula, , verdict, , inputs, ...list] = h!.lines;
      assert.equal(title, '**Total** (totals)');
      assert.ok(formula!.startsWith('`50 + 30 = $80'), formula);
      assert.ok(verdict!.startsWith('Stated **$90/month**: does not match; computed **$80'), verdict);
      assert.equal(inputs, 'Inputs:');
      assert.deepEqual(list, ['- Hosting: $50/month (line 28)', '- Database: $30/month (line 29)']);
    });

    it('a relation card names the formula with the reading it assumes', async () => {
      const h = await hover(uri, 44, 14);
      assert.deepEqual(h?.range, range(44, 11, 44, 24));
      assert.equal(h!.lines[0], '**Revenue** (revenue)');
      assert.ok(h!.lines[2]!.startsWith('`1,000 × 15 = $15,000'), h!.lines[2]);
      assert.ok(h!.lines[4]!.endsWith('(read as 1,000 users × the ARPU stated on line 42).'), h!.lines[4]);
      const margin = await hover(uri, 47, 17);
      assert.equal(margin!.lines[0], '**Gross margin** (gross-margin)');
      assert.equal(margin!.lines[2], '`(25,000 − 400) / 25,000 × 100% = 98.4%`');
      assert.equal(margin!.lines[4], 'Stated **98%**: matches (read as (revenue − cost) / revenue).');
    });

    it("a relation card's computed value carries the figure's period, as the finding says", { todo: 'relationCard writes valueText(low, unit) without the period: `50 + 30 = $80` and "computed **$80**", where the finding says "= $80/month"' }, async () => {
      const h = await hover(uri, 29, 12);
      assert.equal(h!.lines[2], '`50 + 30 = $80/month`');
      assert.equal(h!.lines[4], 'Stated **$90/month**: does not match; computed **$80/month**.');
    });

    it('a blank: the value the plan gives it, with the formula', async () => {
      const h = await hover(uri, 60, 11);
      assert.deepEqual(h?.range, range(60, 9, 60, 19));
      assert.deepEqual(h!.lines, [
        '**Total** (totals)',
        '',
        '`120 + 45 = $165/month`',
        '',
        "Blank: the plan's figures give **$165/month**.",
        '',
        'Inputs:',
        '- Hosting: $120/month (line 59)',
        '- Support tools: $45/month (line 60)',
      ]);
    });

    it('an uptime: the downtime it allows per day, week, month and year', async () => {
      const h = await hover(uri, 52, 10);
      assert.deepEqual(h?.range, range(52, 8, 52, 13));
      assert.deepEqual(h!.lines, [
        '**99.9% uptime** allows this much downtime (a month of 30 days):',
        '',
        '| per | downtime |',
        '|---|---|',
        '| day | 1.44 minutes |',
        '| week | 10.08 minutes |',
        '| month | 43.2 minutes |',
        '| year | 8.76 hours |',
      ]);
    });

    it('a stage: its card from the projection table, and what the plan says of it', async () => {
      const h = await hover(uri, 19, 10);
      assert.deepEqual(h?.range, range(19, 0, 19, 35));
      const margin = h!.lines.findIndex((l) => l.startsWith('- Gross margin: 97.3% = '));
      assert.ok(margin > 0, h!.lines.join('\n'));
      assert.deepEqual(
        h!.lines.filter((_, i) => i !== margin),
        [
          '**Stage 2: Traction** · 100–1,000 users (line 20)',
          '',
          '- Cost modelled at 1,000 users: $400/month = `240 + 160` (line 33)',
          '- Cost per user: $0.40/user/month = `(240 + 160) / 1,000`',
          '- Revenue at 1,000 users: $15,000/month = `1,000 × 15` (line 44)',
          '- Profit: $2,600/month = `1,000 × 15 − (400 + 12,000)`',
          '- Uptime: 99.9%, allowing 43.2 minutes of downtime a month',
          '',
          'What the plan says:',
          '- Also as Stage 2: add a read replica by 1,000 users (line 72)',
          '- Also as Stage 2: a cache in front of the busiest queries (line 78)',
          '- Also as Stage 2 (100–1,000 users) (line 102)',
        ],
      );
      // Stage 1's card: the cost modelled at its top, from the block's items.
      const first = await hover(uri, 18, 3);
      assert.equal(first!.lines[0], '**Stage 1: Launch** · 0–100 users (line 19)');
      assert.ok(first!.lines.includes('- Cost modelled at 100 users: $80/month = `50 + 30` (line 27)'), first!.lines.join('\n'));
    });

    it("a stage card's margin formula has the divisor in parentheses", async () => {
      const h = await hover(uri, 19, 10);
      assert.ok(h!.lines.includes('- Gross margin: 97.3% = `(1,000 × 15 − 400) / (1,000 × 15) × 100%`'), h!.lines.join('\n'));
    });

    it('with markdown links to lines for a client that follows them (VS Code)', async () => {
      const named = await startNamed('Visual Studio Code');
      try {
        const u = fileUri('features-links.md');
        await named.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: PLAN } });
        await named.published;
        const h = await named.conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: u }, position: at(29, 12) });
        const text = (h.contents as MarkupContent).value;
        assert.ok(text.includes(`- Hosting: $50/month ([line 28](${u}#L28))`), text);
      } finally {
        await named.stop();
      }
    });
  });

  describe('completion', () => {
    const FRONT = '---\nscaling-plan: 1\n\nmonth: \nassumptions:\n  \n---\n\n# Plan\n\n';
    const front = fileUri('features-front.md');

    before(async () => {
      await client.open(front, FRONT);
      await client.diagnosticsFor(front, 1);
    });

    it('offers the frontmatter keys not yet written, with their documentation', async () => {
      const list = await completion(front, 2, 0);
      assert.deepEqual(
        list.items.map((i) => [i.label, i.kind, (i.textEdit as TextEdit).newText]),
        [
          ['product', 10, 'product: '],
          ['currency', 10, 'currency: '],
          ['tolerance', 10, 'tolerance: '],
          ['numbers', 10, 'numbers: '],
        ],
      );
      assert.deepEqual(list.items[0]!.documentation, { kind: 'markdown', value: 'Product name.' });
      for (const i of list.items) assert.deepEqual((i.textEdit as TextEdit).range, range(2, 0, 2, 0));
    });

    it('offers the values a frontmatter key takes', async () => {
      const list = await completion(front, 3, 7);
      assert.deepEqual(
        list.items.map((i) => [i.label, i.kind, (i.textEdit as TextEdit).range]),
        [
          ['30d', 20, range(3, 7, 3, 7)],
          ['730h', 20, range(3, 7, 3, 7)],
        ],
      );
    });

    it('offers the keys of a nested mapping under its parent', async () => {
      const labels = (await completion(front, 5, 2)).items.map((i) => i.label);
      assert.ok(labels.includes('arpu') && labels.includes('growth'), JSON.stringify(labels));
      assert.ok(!labels.includes('product') && !labels.includes('month'), 'only the keys of assumptions');
    });

    it('offers snippets at the start of a line of plan text', async () => {
      const list = await completion(front, 9, 0);
      assert.deepEqual(list.items.map((i) => [i.label, i.kind, i.insertTextFormat]), [
        ['stage', 15, 2],
        ['cost block', 15, 2],
        ['risk', 15, 2],
      ]);
      assert.match((list.items[0]!.textEdit as TextEdit).newText, /^Stage 1: \$\{1:Name\} \(0-\$\{2:100\} users\)/);
    });

    it('offers the computed value of a blank first, preselected, then candidates', async () => {
      const list = await completion(uri, 60, 11);
      assert.deepEqual(
        list.items.map((i) => [i.label, i.kind, i.detail, i.preselect ?? false, (i.textEdit as TextEdit).range, (i.textEdit as TextEdit).newText]),
        [
          ['165', 12, '= $165/month', true, range(60, 10, 60, 13), '165'],
          // The totals the plan states elsewhere.
          ['90', 21, 'Total on line 30', false, range(60, 10, 60, 13), '90'],
          ['420', 21, 'Total on line 36', false, range(60, 10, 60, 13), '420'],
        ],
      );
      assert.deepEqual(list.items[0]!.documentation, { kind: 'markdown', value: 'Total: 120 + 45 = $165/month' });
      const score = await completion(uri, 66, 18);
      assert.deepEqual(score.items.map((i) => [i.label, i.detail, (i.textEdit as TextEdit).range]), [['21', '= 21', range(66, 17, 66, 20)]]);
    });

    it('fills every kind of blank of the template: totals, chained blanks, revenue, margin, ROI, payback, scores, uptime', async () => {
      const t = fileUri('features-template.md');
      await client.open(t, TEMPLATE);
      await client.diagnosticsFor(t, 1);
      const first = async (line: number, character: number): Promise<[string, string | undefined, boolean, unknown]> => {
        const item = (await completion(t, line, character)).items[0]!;
        return [item.label, item.detail, item.preselect ?? false, (item.textEdit as TextEdit).range];
      };
      assert.deepEqual(await first(17, 11), ['225', '= $225/month', true, range(17, 10, 17, 13)]);
      assert.deepEqual(await first(18, 19), ['0.45', '= $0.45/month', true, range(18, 18, 18, 21)]);
      assert.deepEqual(await first(26, 13), ['6,000', '= $6,000/month', true, range(26, 12, 26, 15)]);
      assert.deepEqual(await first(28, 17), ['96.3', '= 96.3%', true, range(28, 16, 28, 19)]);
      assert.deepEqual(await first(36, 8), ['200', '= 200%', true, range(36, 7, 36, 10)]);
      assert.deepEqual(await first(37, 12), ['4', '= 4 months', true, range(37, 11, 37, 14)]);
      // A share is a choice: the one that makes 100% is a candidate, not a computed value.
      assert.deepEqual(await first(45, 16), ['25', 'makes the shares 100%', false, range(45, 15, 45, 18)]);
      assert.deepEqual(await first(53, 18), ['15', '= 15', true, range(53, 17, 53, 20)]);
      assert.deepEqual(await first(58, 11), ['99.9', '= 99.9%', true, range(58, 10, 58, 13)]);
      await client.close(t);
    });
  });

  describe('document symbols', () => {
    it('are the stages only, with their user ranges', async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(
        symbols.map((s) => [s.name, s.kind, s.detail, s.range.start, s.selectionRange, s.children ?? []]),
        [
          ['Stage 1: Launch', 2, '0–100 users', at(18, 0), range(18, 0, 18, 29), []],
          ['Stage 2: Traction', 2, '100–1,000 users', at(19, 0), range(19, 0, 19, 35), []],
          ['Stage 3: Growth', 2, '1,000–10,000 users', at(20, 0), range(20, 0, 20, 36), []],
          ['Stage 4: Scale', 2, '10,000+ users', at(21, 0), range(21, 0, 21, 30), []],
          // Under Success Metrics, each over its lines.
          ['Stage 1', 2, '0–100 users', at(97, 0), range(97, 0, 97, 22), []],
          ['Stage 2', 2, '100–1,000 users', at(101, 0), range(101, 0, 101, 26), []],
        ],
      );
      // A stage of a list of stage lines is its line; one with lines below it runs over them.
      assert.deepEqual(symbols.slice(0, 5).map((s) => s.range.end), [at(18, 29), at(19, 35), at(20, 36), at(21, 30), at(99, 23)]);
      // No headings: the editor's markdown outline has them.
      assert.ok(!symbols.some((s) => /Cost Projection|Break-Even|Brightpath|Success Metrics/.test(s.name)));
    });

    it("end a stage at its last line, not at the closing fence of its block", { todo: 'Stage 2 under Success Metrics runs to 104:3, the closing ``` of its code block' }, async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(symbols[5]!.range, range(101, 0, 103, 23));
    });

    it('end the last stage of a list at the next heading', { todo: "template.md's Stage 2: Launch (line 8) runs to the end of the document (58:44), over every section below it" }, async () => {
      const t = fileUri('features-symbols-template.md');
      await client.open(t, TEMPLATE);
      await client.diagnosticsFor(t, 1);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: t } });
      await client.close(t);
      assert.deepEqual(
        symbols.map((s) => [s.name, s.range]),
        [
          ['Stage 1: Beta', range(7, 0, 7, 27)],
          ['Stage 2: Launch', range(8, 0, 8, 33)],
        ],
      );
    });
  });

  describe('code actions', () => {
    it('a quick fix writes the computed value in the figure\'s own format, and clears the finding', async () => {
      const u = fileUri('features-quickfix.md');
      await client.open(u, PLAN);
      const published = await client.diagnosticsFor(u, 1);
      const actions = await codeActions(u, range(29, 10, 29, 10), ['quickfix']);
      assert.deepEqual(
        actions.map((a) => [a.title, a.kind, a.isPreferred ?? false, a.diagnostics?.map((d) => [d.code, d.range.start.line])]),
        [
          ['Change to $80/month', 'quickfix', true, [['totals', 29]]],
          ['Ignore totals findings in this code block', 'quickfix', false, [['totals', 29]]],
          ['Fix all totals problems (2)', 'quickfix', false, [['totals', 29], ['totals', 35]]],
        ],
      );
      assert.deepEqual(actions[0]!.edit?.documentChanges?.map((c) => ('textDocument' in c ? c.textDocument : undefined)), [{ uri: u, version: 1 }]);
      const edits = editsOf(actions[0]!.edit, u);
      assert.deepEqual(flat(edits), [[29, 10, 12, '80']]);
      assert.equal(lineOf(apply(PLAN, edits), 29), '- Total: $80/month');
      await client.change(u, 2, changesOf(edits));
      const after = await client.diagnosticsFor(u, 2);
      assert.deepEqual(
        after.diagnostics.map((d) => [d.range.start.line, d.code]),
        published.diagnostics.filter((d) => d.range.start.line !== 29).map((d) => [d.range.start.line, d.code]),
      );
      await client.close(u);
    });

    it('a revenue fix rewrites the revenue from the ARPU', async () => {
      const actions = await codeActions(uri, range(44, 12, 44, 12));
      assert.deepEqual(
        actions.map((a) => [a.title, a.kind]),
        [
          ['Set revenue to $15,000/month', 'quickfix'],
          ['Ignore revenue findings in this list', 'quickfix'],
          ['Fix all scaling-plan problems', 'source.fixAll.scalingPlan'],
          ['Fill computable blanks', 'source.fillBlanks.scalingPlan'],
        ],
      );
      assert.deepEqual(flat(editsOf(actions[0]!.edit, uri)), [[44, 12, 18, '15,000']]);
      assert.equal(lineOf(apply(PLAN, editsOf(actions[0]!.edit, uri)), 44), '- Revenue: $15,000/month');
    });

    it('fixes all findings of one rule, resolved on demand', async () => {
      const actions = await codeActions(uri, range(35, 10, 35, 10), ['quickfix']);
      const all = actions.find((a) => a.title === 'Fix all totals problems (2)')!;
      assert.equal(all.edit, undefined, 'computed on resolve');
      const resolved = await client.request<CodeAction>('codeAction/resolve', all);
      assert.deepEqual(flat(editsOf(resolved.edit, uri)), [
        [29, 10, 12, '80'],
        [35, 10, 13, '400'],
      ]);
    });

    it('fix-all (source.fixAll) fixes every fixable finding in one action', async () => {
      const u = fileUri('features-fixall.md');
      await client.open(u, PLAN);
      await client.diagnosticsFor(u, 1);
      const actions = await codeActions(u, range(0, 0, 0, 0), ['source.fixAll']);
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all scaling-plan problems', 'source.fixAll.scalingPlan']]);
      const edits = editsOf((await client.request<CodeAction>('codeAction/resolve', actions[0])).edit, u);
      assert.deepEqual(flat(edits), [
        [29, 10, 12, '80'],
        [35, 10, 13, '400'],
        [44, 12, 18, '15,000'],
      ]);
      const fixed = apply(PLAN, edits);
      assert.deepEqual([29, 35, 44].map((n) => lineOf(fixed, n)), ['- Total: $80/month', '- Total: $400/month', '- Revenue: $15,000/month']);
      await client.change(u, 2, changesOf(edits));
      const after = await client.diagnosticsFor(u, 2);
      // With the revenue right, the stated profit ($12,600) is not: profits have no fix. The
      // margin, 98% for 97.3%, is the value rounded up at its own precision.
      assert.deepEqual(
        after.diagnostics.map((d) => [d.range.start.line, d.code, d.severity]),
        [
          [48, 'profit', 1],
          [60, 'blanks', 4],
          [66, 'blanks', 4],
        ],
      );
      assert.deepEqual(await codeActions(u, range(0, 0, 0, 0), ['source.fixAll']), [], 'nothing left to fix');
      await client.close(u);
    });
  });

  describe('a client with no optional capability', () => {
    let plain: LspClient;
    const u = fileUri('features-plain.md');

    before(async () => {
      plain = (await LspClient.start({ capabilities: {} })).client;
      await plain.open(u, PLAN);
      await plain.diagnosticsFor(u, 1);
    });

    after(async () => {
      assert.equal(await plain.stop(), 0, plain.stderr);
    });

    it('gets flat symbols, plain-text hovers, no snippets and edits as plain changes', async () => {
      const symbols = await plain.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
      assert.deepEqual(symbols.slice(0, 2).map((s) => [s.name, s.kind, s.location]), [
        ['Stage 1: Launch', 2, { uri: u, range: range(18, 0, 18, 29) }],
        ['Stage 2: Traction', 2, { uri: u, range: range(19, 0, 19, 35) }],
      ]);
      const h = await plain.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: at(29, 12) });
      assert.equal((h.contents as MarkupContent).kind, 'plaintext');
      const snippets = await plain.request<CompletionList>('textDocument/completion', { textDocument: { uri: u }, position: at(10, 0) });
      assert.deepEqual(snippets.items, []);
      const actions = await plain.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: range(29, 10, 29, 10), context: { diagnostics: [], only: ['quickfix'] } });
      assert.deepEqual(actions.map((a) => [a.title, a.edit]), [
        ['Change to $80/month', { changes: { [u]: [{ range: range(29, 10, 29, 12), newText: '80' }] } }],
        ['Ignore totals findings in this code block', { changes: { [u]: [{ range: range(25, 0, 25, 0), newText: '<!-- scaling-plan-disable totals -->\n' }, { range: range(38, 0, 38, 0), newText: '<!-- scaling-plan-enable totals -->\n' }] } }],
        ['Fix all totals problems (2)', { changes: { [u]: [{ range: range(29, 10, 29, 12), newText: '80' }, { range: range(35, 10, 35, 13), newText: '400' }] } }],
      ]);
      const published = plain.diagnostics.find((p) => p.uri === u)!;
      assert.ok(published.diagnostics.every((d: Diagnostic) => d.relatedInformation === undefined));
    });
  });
});

/**
 * A server started by hand whose client calls itself `name` in initialize (the test client
 * cannot say that), with markdown hovers; `published` settles on its first diagnostics.
 */
async function startNamed(name: string): Promise<{ conn: MessageConnection; published: Promise<unknown>; stop(): Promise<void> }> {
  await ensureBuilt();
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'scaling-plan-server.js'), '--stdio'], { cwd: ROOT, stdio: 'pipe' });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = new Promise((resolve) => conn.onNotification('textDocument/publishDiagnostics', resolve));
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, clientInfo: { name }, capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } } });
  await conn.sendNotification('initialized', {});
  return {
    conn,
    published,
    async stop() {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      assert.equal(await exited, 0);
      conn.dispose();
    },
  };
}

// ------------------------------------------------------------------------- without a server

const FRAGMENTS = [
  '# Plan\n', '## Costs\n', '```\n', '```sql\n', '---\nscaling-plan: 1\n---\n', '\n', '\n\n',
  'Stage 1: Seed (0-100 users)\n', 'Stage 2: Growth (100-1,000 users)\n', '### Phase 3: Scale (1K-10K users)\n',
  '100 users:\n', '- Hosting: $50/month\n', '- Database: $30/month\n', '- Total: $90/month\n', '- Total: $___/month\n',
  '- Cost per user: $0.80/month (-20%)\n', '- Revenue: $1,500/month\n', '- Gross margin: 95%\n', '- Profit: -$1,200/month\n',
  'Uptime: 99.9% (43 minutes downtime/month)\n', 'Uptime: ___% (4.32 minutes downtime/month)\n', '- Stability: 7/10\n',
  'Overall score: ___/20\n', '| Users | Cost |\n|---|---|\n| 100 | $90 |\n', 'Assuming $15/month ARPU:\n', '- ROI: ___%\n',
  '- Upfront cost: $6,000\n', '- Monthly savings: $500/month\n', '- Payback: ___ months\n', 'é🎉 ', '\u0000', '\ud83d', '> quote\n',
  '  - nested: $5\n', 'We grow 20% month over month.\n', 'by 5,000 users\n', '500 × $18.99 = $9,495\n', '6x cheaper than $600/month\n',
];

const planLike = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 40 }).map((parts) => parts.join(''));
const SEED = 20240611;

function within(span: Span, length: number): boolean {
  return span.start >= 0 && span.end >= span.start && span.end <= length;
}

/** Runs every feature over `text`, asserting spans and lines stay inside it. */
function exercise(text: string, step: number): void {
  const analysis = analyze(text);
  const model = analysis.model;
  if (!model) return;
  const lineCount = model.outline.lineStarts.length;
  for (const l of lenses(analysis)) {
    assert.ok(l.line >= 0 && l.line < lineCount, `lens line ${l.line}`);
    assert.ok(within(l.span, text.length));
    assert.ok(l.title.length > 0 && l.title.length <= MAX_LENS, l.title);
  }
  for (const s of documentSymbols(analysis)) assert.ok(within(s.span, text.length) && within(s.selection, text.length), s.name);
  for (let offset = 0; offset <= text.length; offset += step) {
    const h = hoverAt(analysis, offset);
    if (h) assert.ok(within(h.span, text.length));
    for (const c of completionsAt(analysis, offset)) assert.ok(within(c.span, text.length));
  }
}

describe('editor features without a server', () => {
  it('never throw and keep every span inside the document (generated plans)', () => {
    fc.assert(
      fc.property(planLike, (text) => {
        exercise(text, 3);
      }),
      { numRuns: depth(150, 30), seed: SEED },
    );
  });

  it('fix-all and the blank fills edit only what changed, and a second run changes nothing', () => {
    fc.assert(
      fc.property(planLike, (text) => {
        const service = createPlanService();
        const fixed = fixAll(service, text, {});
        assert.equal(applyEdits(text, fixed.edits), fixed.text);
        if (fixed.fixedPoint) assert.deepEqual(fixAll(service, fixed.text, {}).edits, []);
        const edits = fillEdits(analyze(text));
        for (const e of edits) assert.match(text.slice(e.span.start, e.span.end), /^_+$/, 'fills replace blanks only');
        const filled = applyEdits(text, edits);
        assert.equal(filled.length, text.length + edits.reduce((n, e) => n + e.newText.length - (e.span.end - e.span.start), 0));
      }),
      { numRuns: depth(100, 20), seed: SEED },
    );
  });

  it('diffEdits turns one text into the other with edits inside changed numbers', () => {
    fc.assert(
      fc.property(planLike, fc.integer({ min: 0, max: 9 }), (text, digit) => {
        const after = text.replace(/\d/g, (d) => String((Number(d) + digit) % 10));
        const edits = diffEdits(text, after);
        assert.equal(applyEdits(text, edits), after);
        for (const e of edits) assert.match(text.slice(e.span.start, e.span.end), /^[\d.,]*$/);
      }),
      { numRuns: depth(200, 40), seed: SEED },
    );
  });

  const samples = [join(ROOT, 'samples'), FIXTURES]
    .filter((d) => existsSync(d))
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.md')).map((f) => join(d, f)));
  for (const path of samples) {
    it(`never throw on ${path.replace(ROOT + '/', '')}`, () => {
      exercise(readFileSync(path, 'utf8'), 7);
    });
  }

  it('hover a score total that cannot fit its items with the finding and the items', () => {
    const text = readFileSync(join(ROOT, 'samples', 'planted-errors.md'), 'utf8');
    const at28 = text.indexOf('28/60');
    const h = hoverAt(analyze(text), at28 + 2);
    assert.deepEqual(h?.span, { start: at28, end: at28 + 5 });
    assert.deepEqual(h!.markdown.split('\n'), [
      '**28/60** (score-total)',
      '',
      'Total readiness 28/60 cannot fit its 5 items scored out of 10: 5 items × 10 = 50, or 2 group averages × 10 = 20.',
      '',
      'See:',
      '- 7/10 (line 112)',
      '- 6/10 (line 113)',
      '- 5/10 (line 116)',
      '- 4/10 (line 117)',
      '- 6/10 (line 118)',
    ]);
  });

  it('match globs as the settings describe them', () => {
    const m = (glob: string, path: string): boolean => globMatcher([glob]).match(path);
    assert.ok(m('docs/*.md', '/work/app/docs/plan.md'));
    assert.ok(m('**/scaling/*.md', 'docs/scaling/plan.md'));
    assert.ok(m('SCALING-*.md', '/a/b/SCALING-2025.md'));
    assert.ok(m('plans/*.{md,markdown}', '/a/plans/q1.markdown'));
    assert.ok(m('./docs/*.md', '/a/docs/x.md'));
    assert.ok(!m('docs/*.md', '/a/docs/sub/plan.md'));
    assert.ok(!m('/docs/**', '/a/README.md'));
    assert.ok(m('/docs/**', '/docs/x/y.md'));
    assert.ok(m('docs/*.md', 'C:\\work\\docs\\plan.md'), 'backslashes read as separators');
    assert.deepEqual(globMatcher(['x'.repeat(501), '', 'ok/*.md']).rejected, ['x'.repeat(501)]);
    assert.equal(globMatcher([]).match('/a/plan.md'), false);
  });
});
