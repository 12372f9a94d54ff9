/**
 * The extension-host suite: runs inside a real VS Code with the extension under development
 * loaded, and drives it through the `vscode` API only (what a person does through the UI).
 * Started by test/vscode/runInCodeServer.ts (VS Code's server build from the code-server
 * package, headless Chromium) or test/vscode/runElectron.ts (desktop VS Code through
 * @vscode/test-electron). The workspace is a fresh copy of test/vscode/fixtures/workspace.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ProjectionsResult } from '../../../client/src/protocol';
import { knownBug, runAll, test } from './harness';

const EXTENSION_ID = 'scaling-plan.scaling-plan';
const SOURCE = 'scaling-plan';
const WAIT_MS = 20_000;

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the suite needs a workspace folder (test/vscode/fixtures/workspace)');
  return f.uri;
}

function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), ...rel.split('/'));
}

let copies = 0;

/** A fresh copy of a fixture, so each test edits its own file. */
async function copyOf(rel: string): Promise<vscode.Uri> {
  const bytes = await vscode.workspace.fs.readFile(wsUri(rel));
  const name = rel.split('/').pop()!.replace(/\.md$/, `-${++copies}.md`);
  const uri = wsUri(`scratch/${name}`);
  await vscode.workspace.fs.writeFile(uri, bytes);
  return uri;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** Resolves with the diagnostics of `uri` once `ok` holds for them (checked at once and on every change). */
function diagnosticsWhen(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = ours(uri);
      if (!ok(ds)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what} on ${uri.path}; diagnostics now: ${JSON.stringify(ours(uri).map((d) => `${ruleOf(d)}: ${d.message}`))}`));
    }, timeoutMs);
    check();
  });
}

/** Resolves with the first editor tab that satisfies `ok` (the tab model follows the UI a little later). */
function tabWhen(ok: (tab: vscode.Tab) => boolean, what: string, timeoutMs = WAIT_MS): Promise<vscode.Tab> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(ok);
      if (!tab) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(tab);
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; tabs: ${JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)))}`));
    }, timeoutMs);
    check();
  });
}

function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is not in ${doc.uri.path}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

function lineText(doc: vscode.TextDocument, startsWith: string): string {
  const line = doc.getText().split('\n').find((l) => l.trimStart().startsWith(startsWith));
  assert.ok(line !== undefined, `no line starting with ${startsWith}`);
  return line.trim();
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function hoverAt(doc: vscode.TextDocument, needle: string, offset = 1): Promise<string> {
  const position = rangeOf(doc, needle).start.translate(0, offset);
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position));
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

const hasMargin = (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === 'gross-margin');
const hasTotal = (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === 'totals');
const blanksOf = (ds: vscode.Diagnostic[]) => ds.filter((d) => ruleOf(d) === 'blanks');

/** `line:character` of a position (0-based), and a range as `start-end`. */
function at(p: vscode.Position): string {
  return `${p.line}:${p.character}`;
}

function span(r: vscode.Range): string {
  return `${at(r.start)}-${at(r.end)}`;
}

/** The quick fixes offered for a range (other extensions' actions included). */
async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

// ---------------------------------------------------------------------------------- tests

test('the extension is installed and activates', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  await ext.activate();
  assert.equal(ext.isActive, true);
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['scalingPlan.newPlan', 'scalingPlan.fillBlanks', 'scalingPlan.showProjections', 'scalingPlan.checkWorkspace', 'scalingPlan.restartServer']) {
    assert.ok(commands.includes(id), `command ${id} is not registered`);
  }
});

test('a plan with a wrong gross margin gets one error, with its formula, reading, inputs and rule', async () => {
  const uri = wsUri('wrong-margin.md');
  const { document } = await open(uri);
  const all = await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic');
  assert.deepEqual(
    all.map((x) => `${ruleOf(x)}: ${x.message}`),
    ['gross-margin: Gross Margin 55% does not match (5,000 − 380) / 5,000 × 100% = 92.4% (read as (revenue − cost) / revenue)'],
    'only the margin is wrong in this plan',
  );
  const d = all[0]!;
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(document.getText(d.range), '55%');
  assert.equal(span(d.range), '33:16-33:19');
  // The figures the formula reads, as related locations.
  assert.deepEqual(
    (d.relatedInformation ?? []).map((r) => [r.location.uri.toString(), document.getText(r.location.range), r.message]),
    [
      [uri.toString(), '$5,000/month', '$5,000/month'],
      [uri.toString(), '$380/month', '$380/month'],
    ],
  );
  // The rule links to its documentation, shown offline by Show Rule Documentation.
  const target = typeof d.code === 'object' ? d.code.target.toString(true) : '';
  assert.equal(target, 'command:scalingPlan.showRuleDoc?["gross-margin"]');
});

test('markdown that is not a plan gets no diagnostics', async () => {
  const readme = wsUri('notes/readme.md');
  await open(readme);
  // The server answers in order: once a plan opened after the readme has its diagnostics, the
  // readme's (none, though it ends with a blank) are settled too.
  const plan = wsUri('blanks.md');
  await open(plan);
  await diagnosticsWhen(plan, (ds) => ds.length > 0, 'the blanks of blanks.md');
  assert.deepEqual(ours(readme), []);
  assert.deepEqual(await lensesOf(readme), []);
  assert.equal(await hoverAt(await vscode.workspace.openTextDocument(readme), '$5,000'), '');
});

test('code lenses: a stage\'s cost and its economics above the stage, a block\'s figures above the block, each at most 80 characters', async () => {
  const uri = wsUri('wrong-margin.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  await diagnosticsWhen(uri, hasMargin, 'the plan to be analysed');
  const lenses = await lensesOf(uri);
  const lineOf = (needle: string) => rangeOf(doc, needle).start.line;
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command?.title]),
    [
      [lineOf('Stage 1: Launch'), 'Cost $475/mo at 500 users · $0.95/user/mo'],
      // The stated margin (55%) is wrong: the lens shows what the check computes.
      [lineOf('Stage 1: Launch'), 'Revenue $5,000/mo at 500 users · margin 92.4% · profit $4,525/mo'],
      [lineOf('Stage 2: Traction'), 'Cost $1,400/mo at 2,000 users · $0.70/user/mo'],
      [lineOf('Stage 2: Traction'), 'Revenue $20,000/mo at 2,000 users · margin 94.5% · profit $18,600/mo'],
      // The open-ended last stage is modelled at its lower end, the plan's last block.
      [lineOf('Stage 3: Scale'), 'Cost $1,400/mo at 2,000 users · $0.70/user/mo'],
      [lineOf('Stage 3: Scale'), 'Revenue $20,000/mo at 2,000 users · margin 94.5% · profit $18,600/mo'],
      [lineOf('500 users:'), '500 users: revenue $5,000/mo · costs $475/mo · $0.95/user/mo · margin 92.4%'],
      // 80 characters: the profit does not fit and is left to the hover and the projection view.
      [lineOf('2,000 users:'), '2,000 users: revenue $20,000/mo · costs $1,400/mo · $0.70/user/mo · margin 94.5%'],
    ],
  );
  for (const l of lenses) {
    assert.ok((l.command?.title.length ?? 0) <= 80, `lens longer than 80 characters: ${l.command?.title}`);
    assert.equal(l.command?.command, 'scalingPlan.showProjections');
  }
  const block = lenses.find((l) => l.range.start.line === lineOf('500 users:'))!;
  assert.deepEqual(block.command?.arguments, [uri.toString(), lineOf('500 users:'), 'block']);
  const stage = lenses.filter((l) => l.range.start.line === lineOf('Stage 2: Traction'));
  assert.deepEqual(stage.map((l) => l.command?.arguments?.[2]), ['stage', 'economics']);
});

test('hovers show downtime for an uptime, the formula of a checked figure, and a stage card', async () => {
  const doc = await vscode.workspace.openTextDocument(wsUri('wrong-margin.md'));
  await diagnosticsWhen(doc.uri, hasMargin, 'the plan to be analysed');
  const uptime = await hoverAt(doc, '99.9%');
  assert.match(uptime, /^\*\*99\.9% uptime\*\* allows this much downtime \(a month of 30 days\):/);
  assert.match(uptime, /\| day \| 1\.44 minutes \|\n\| week \| 10\.08 minutes \|\n\| month \| 43\.2 minutes \|\n\| year \| 8\.76 hours \|/);
  const margin = await hoverAt(doc, '55%');
  assert.match(margin, /^\*\*Gross Margin\*\* \(gross-margin\)\n\n`\(5,000 − 380\) \/ 5,000 × 100% = 92\.4%`\n\nStated \*\*55%\*\*: does not match; computed \*\*92\.4%\*\* \(read as \(revenue − cost\) \/ revenue\)\./);
  // VS Code follows links: an input's line is a link to it.
  assert.match(margin, /Inputs:\n- Revenue: \$5,000\/month \(\[line 31\]\([^)]*#L31\)\)\n- Infrastructure: \$380\/month \(\[line 32\]\([^)]*#L32\)\)/);
  const card = await hoverAt(doc, 'Stage 2');
  assert.match(card, /^\*\*Stage 2: Traction\*\* · 500–2,000 users \(\[line 21\]\([^)]*#L21\)\)\n/);
  assert.match(card, /\n- Cost modelled at 2,000 users: \$1,400\/month = `1,100 \+ 300` \(\[line 36\]\([^)]*#L36\)\)\n- Cost per user: \$0\.70\/user\/month = `\(1,100 \+ 300\) \/ 2,000`\n- Revenue at 2,000 users: \$20,000\/month = `2,000 × 10` \(\[line 36\]\([^)]*#L36\)\)\n- Gross margin: 94\.5% = `[^`]*`\n- Profit: \$18,600\/month = `2,000 × 10 − \(1,100 \+ 300\)`/);
  // The revenue a margin divides by is a product: in parentheses, or the formula reads (a / 2,000) × 10.
  assert.equal(card.split('\n').find((l) => l.startsWith('- Gross margin:')), '- Gross margin: 94.5% = `(2,000 × 10 − 1,100) / (2,000 × 10) × 100%`');
  // Known gap (docs/rules/timeline-sequence.md says timelines written as an item under the stage
  // are read; the engine reads them from title lines only): the card's "What the plan says".
  await knownBug('a stage card lists the timeline written as an item under the stage', () => {
    assert.ok(/\n\nWhat the plan says:\n- Timeline: Months 7-12 /.test(card), `the card has no "What the plan says" section with the timeline; its last line: ${card.split('\n').pop()}`);
  });
});

test('document symbols are the plan\'s stages only (headings are the markdown outline\'s), and the server adds no folding ranges', async () => {
  const uri = wsUri('wrong-margin.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  await diagnosticsWhen(uri, hasMargin, 'the plan to be analysed');
  const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
  // The server's symbols are modules; the markdown extension's headings are strings.
  const stages = symbols.filter((s) => s.kind === vscode.SymbolKind.Module);
  assert.deepEqual(
    stages.map((s) => [s.name, s.detail, span(s.selectionRange)]),
    [
      ['Stage 1: Launch', '0–500 users', '17:0-17:29'],
      ['Stage 2: Traction', '500–2,000 users', '20:0-20:35'],
      ['Stage 3: Scale', '2,000+ users', '23:0-23:29'],
    ],
    `symbols: ${JSON.stringify(symbols.map((s) => [s.name, s.kind]))}`,
  );
  // A stage runs over its lines, without the blank line that closes it.
  assert.deepEqual(stages.slice(0, 2).map((s) => span(s.range)), ['17:0-18:22', '20:0-21:23']);
  // Known bug: the last stage of a fenced list runs over the closing fence (src/engine/features/symbols.ts).
  await knownBug('the last stage\'s symbol ends with its own last line, not the closing fence', () => {
    assert.equal(span(stages[2]!.range), '23:0-24:22');
  });
  assert.ok(stages.every((s) => (s.children ?? []).length === 0));
  // No heading is listed twice (once by markdown, once by the server).
  const headings = symbols.filter((s) => s.kind !== vscode.SymbolKind.Module).flatMap(function names(s): string[] {
    return [s.name, ...(s.children ?? []).flatMap(names)];
  });
  for (const name of headings) assert.ok(!stages.some((s) => s.name === name), `${name} is listed twice`);
  // The markdown extension folds headings, fences and list items; the server used to fold each
  // block (`500 users:` and its lines) and no longer does.
  const folds = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri)) ?? [];
  // The folding providers did answer: markdown's fold of the stage list's fence is there.
  assert.ok(folds.some((f) => f.start === rangeOf(doc, '```').start.line), `no fold of the fence: ${JSON.stringify(folds)}`);
  for (const needle of ['500 users:', '2,000 users:']) {
    const line = rangeOf(doc, needle).start.line;
    assert.ok(!folds.some((f) => f.start === line), `a folding range starts at "${needle}" (line ${line}): ${JSON.stringify(folds)}`);
  }
});

test('a wrong gross margin has no fix (the rule is not fixable), only a way to ignore it, and no fix-all is offered for it', async () => {
  const uri = wsUri('wrong-margin.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  const [d] = (await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic')).filter((x) => ruleOf(x) === 'gross-margin');
  assert.deepEqual((await quickFixes(uri, d!.range)).map((a) => a.title), ['Ignore gross-margin findings in this list']);
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, all, 'source.fixAll.scalingPlan', 10)) ?? [];
  assert.deepEqual(actions.map((a) => [a.title, a.kind?.value]), []);
});

test('the quick fix rewrites a wrong total in the plan\'s own format', async () => {
  const uri = await copyOf('docs/second-plan.md');
  const { document } = await open(uri);
  const [d] = (await diagnosticsWhen(uri, hasTotal, 'the totals diagnostic')).filter((x) => ruleOf(x) === 'totals');
  assert.equal(d!.message, 'Total $260/month does not match 150 + 90 = $240/month');
  assert.equal(span(d!.range), '14:9-14:19');
  assert.equal(document.getText(d!.range), '$260/month');
  const actions = await quickFixes(uri, d!.range);
  assert.deepEqual(actions.map((a) => a.title), ['Change to $240/month', 'Ignore totals findings in this code block']);
  const fix = actions[0]!;
  assert.ok(fix.edit, 'the fix has no edit');
  assert.equal(fix.isPreferred, true);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.equal(lineText(document, '- Total'), '- Total: $240/month');
  await diagnosticsWhen(uri, (ds) => ds.length === 0, 'the totals diagnostic to go away');
  await closeAll();
});

test('blanks are hints; Fill Computable Blanks writes the total and then the cost per user, and leaves the rest', async () => {
  const uri = await copyOf('blanks.md');
  const { document } = await open(uri);
  const before = blanksOf(await diagnosticsWhen(uri, (ds) => blanksOf(ds).length === 3, 'three blanks'));
  assert.deepEqual(
    before.map((d) => [d.message, d.severity, span(d.range)]),
    [
      ['Blank to fill in (1 of 3)', vscode.DiagnosticSeverity.Hint, '15:10-15:13'],
      ['Blank to fill in (2 of 3)', vscode.DiagnosticSeverity.Hint, '16:18-16:21'],
      ['Blank to fill in (3 of 3)', vscode.DiagnosticSeverity.Hint, '18:18-18:21'],
    ],
  );
  const result = await vscode.commands.executeCommand<{ filled: number }>('scalingPlan.fillBlanks', uri.toString());
  assert.equal(lineText(document, '- Total'), '- Total: $200/month');
  assert.equal(lineText(document, '- Cost per user'), '- Cost per user: $0.20/month');
  assert.equal(lineText(document, 'Target retention'), 'Target retention: ___%');
  assert.equal(result?.filled, 2);
  const after = blanksOf(await diagnosticsWhen(uri, (ds) => blanksOf(ds).length === 1, 'one blank left'));
  assert.deepEqual(after.map((d) => [d.message, d.severity, span(d.range)]), [['Blank to fill in (1 of 1)', vscode.DiagnosticSeverity.Hint, '18:18-18:21']]);
  await closeAll();
});

test('New Plan from Template opens a plan with every section and its blanks as tab stops', async () => {
  const uriText = await vscode.commands.executeCommand<string>('scalingPlan.newPlan');
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor && editor.document.uri.toString() === uriText, 'the new plan is not the active editor');
  const { document } = editor;
  assert.equal(document.languageId, 'markdown');
  assert.equal(document.isUntitled, true);
  const text = document.getText();
  assert.match(text, /^---\nscaling-plan: 1\nproduct: "Product"\n/);
  for (const heading of ['Growth Projection Model', 'Infrastructure Roadmap', 'Cost Projection per Stage', 'Architecture Evolution', 'Team Scaling Plan', 'Operational Playbooks', 'Risk Assessment', 'Success Metrics']) {
    assert.match(text, new RegExp(`^## ${heading}$`, 'm'), `the template has no "${heading}" section`);
  }
  // The first tab stop is the product name, selected, ready to type over.
  assert.equal(document.getText(editor.selection), 'Product');
  const blanks = blanksOf(await diagnosticsWhen(document.uri, (ds) => blanksOf(ds).length > 0, 'the template blanks'));
  // Blanks are still to be filled in, not problems: hints, numbered in order.
  assert.ok(blanks.every((d) => d.severity === vscode.DiagnosticSeverity.Hint), JSON.stringify(blanks.map((d) => [d.message, d.severity])));
  assert.deepEqual(blanks.map((d) => d.message), blanks.map((_, i) => `Blank to fill in (${i + 1} of ${blanks.length})`));
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('Show Projections opens the projection view with the plan\'s stages and blocks', async () => {
  const uri = wsUri('wrong-margin.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  await open(uri);
  await diagnosticsWhen(uri, hasMargin, 'the plan to be analysed');
  const data = await vscode.commands.executeCommand<ProjectionsResult | null>('scalingPlan.showProjections', uri.toString());
  assert.ok(data, 'the server returned no projections');
  assert.equal(data.uri, uri.toString());
  assert.equal(data.product, 'Pinewick');
  const pct = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * 10) / 10);
  const block500 = rangeOf(doc, '500 users:').start.line;
  const block2000 = rangeOf(doc, '2,000 users:').start.line;
  assert.deepEqual(
    data.stages.map((r) => [r.kind, r.label, r.line, r.users?.text, r.users?.value, r.figures.cost?.text, r.figures.costPerUser?.text, r.figures.revenue?.text, pct(r.figures.margin?.value), r.figures.profit?.text, r.modelled?.line, r.economics?.line]),
    [
      ['stage', 'Stage 1: Launch', 17, '0–500 users', 500, '$475/month', '$0.95/user/month', '$5,000/month', 92.4, '$4,525/month', block500, block500],
      ['stage', 'Stage 2: Traction', 20, '500–2,000 users', 2000, '$1,400/month', '$0.70/user/month', '$20,000/month', 94.5, '$18,600/month', block2000, block2000],
      ['stage', 'Stage 3: Scale', 23, '2,000+ users', 2000, '$1,400/month', '$0.70/user/month', '$20,000/month', 94.5, '$18,600/month', block2000, block2000],
    ],
  );
  // Each figure is computed (not stated) and carries its formula.
  assert.deepEqual(
    data.blocks.map((r) => [r.kind, r.label, r.line, r.users?.value, r.figures.cost?.text, r.figures.cost?.formula, r.figures.cost?.stated, r.figures.costPerUser?.value, pct(r.figures.margin?.value), r.figures.margin?.text]),
    [
      ['block', '500 users', block500, 500, '$475/month', '380 + 95', false, 0.95, 92.4, '92.4%'],
      ['block', '2,000 users', block2000, 2000, '$1,400/month', '1,100 + 300', false, 0.7, 94.5, '94.5%'],
    ],
  );
  // A block's users are the one number it has ("500 users", not "500–500 users").
  assert.deepEqual(data.blocks.map((r) => r.users?.text), ['500 users', '2,000 users']);
  const view = await tabWhen((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('scalingPlan.projections'), 'the projection view');
  assert.equal(view.label, 'Projections: wrong-margin.md');
  await closeAll();
});

test('Check Workspace fills the Problems panel with the plans that are not open', async () => {
  const second = wsUri('docs/second-plan.md');
  const readme = wsUri('notes/readme.md');
  assert.deepEqual(ours(second), [], 'docs/second-plan.md was never opened');
  // A plan in a folder the user's files.exclude hides is left out.
  const hidden = wsUri('archive/old-plan.md');
  await vscode.workspace.fs.writeFile(hidden, await vscode.workspace.fs.readFile(second));
  const files = vscode.workspace.getConfiguration('files');
  await files.update('exclude', { '**/archive': true }, vscode.ConfigurationTarget.Workspace);
  let result: { checked: number; plans: number; counts: { error: number } } | undefined;
  try {
    result = await vscode.commands.executeCommand<{ checked: number; plans: number; counts: { error: number } }>('scalingPlan.checkWorkspace');
  } finally {
    await files.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
  }
  assert.ok(result, 'Check Workspace returned nothing');
  assert.ok(result.checked >= 4, `checked ${result.checked} files`);
  assert.ok(result.plans >= 3, `found ${result.plans} plans`);
  const ds = await diagnosticsWhen(second, (x) => x.length > 0, 'the diagnostics of docs/second-plan.md');
  assert.deepEqual(
    ds.map((d) => [ruleOf(d), d.message, span(d.range)]),
    [['totals', 'Total $260/month does not match 150 + 90 = $240/month', '14:9-14:19']],
  );
  assert.deepEqual(ours(readme), []);
  assert.deepEqual(ours(hidden), [], 'archive/ is excluded by files.exclude');
});

test('settings reach the server: turning a rule off removes its findings', async () => {
  const uri = wsUri('wrong-margin.md');
  await open(uri);
  await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic');
  const config = vscode.workspace.getConfiguration('scalingPlan');
  await config.update('rules', { 'gross-margin': 'off' }, vscode.ConfigurationTarget.Workspace);
  try {
    await diagnosticsWhen(uri, (ds) => !hasMargin(ds), 'the gross-margin diagnostic to go away');
  } finally {
    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic to come back');
  await closeAll();
});

test('source.fixAll.scalingPlan is offered with the edits of every fix', async () => {
  const uri = await copyOf('docs/second-plan.md');
  // In an editor: VS Code pulls diagnostics for the documents it shows.
  const { document: doc } = await open(uri);
  await diagnosticsWhen(uri, hasTotal, 'the totals diagnostic');
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, all, 'source.fixAll.scalingPlan', 10)) ?? [];
  const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.scalingPlan');
  assert.ok(fixAll, `no source.fixAll.scalingPlan action; actions: ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value]))}`);
  assert.equal(fixAll.title, 'Fix all scaling-plan problems');
  const edits = fixAll.edit?.get(uri) ?? [];
  assert.deepEqual(edits.map((e) => [span(e.range), doc.getText(e.range), e.newText]), [['14:10-14:13', '260', '240']]);
  await closeAll();
});

test('fix on save applies every fix when the setting is on', async () => {
  const config = vscode.workspace.getConfiguration('scalingPlan');
  await config.update('fixOnSave', true, vscode.ConfigurationTarget.Workspace);
  try {
    const uri = await copyOf('docs/second-plan.md');
    const editor = await open(uri);
    const { document } = editor;
    await diagnosticsWhen(uri, hasTotal, 'the totals diagnostic');
    // An edit first: saving a document that has not changed does not save (nor fix) anything.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(document.lineCount - 1, 0), '\nReviewed by the founders.\n')));
    assert.ok(await document.save(), 'the plan was not saved');
    assert.equal(lineText(document, '- Total'), '- Total: $240/month');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(onDisk, /- Total: \$240\/month\n/);
    assert.match(onDisk, /Reviewed by the founders\./);
    await diagnosticsWhen(uri, (ds) => ds.length === 0, 'the totals diagnostic to go away');
  } finally {
    await config.update('fixOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  }
});

test('Restart Server brings the checks back', async () => {
  // It resolves once the server is back (the UI test sees the message that says so).
  assert.equal(await vscode.commands.executeCommand('scalingPlan.restartServer'), true);
  const uri = await copyOf('wrong-margin.md');
  await open(uri);
  await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic after the restart');
  await closeAll();
});

test('a finding links to its rule\'s documentation, which opens offline in a markdown preview', async () => {
  const uri = wsUri('wrong-margin.md');
  await open(uri);
  const [d] = (await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic')).filter((x) => ruleOf(x) === 'gross-margin');
  const code = d!.code;
  assert.ok(typeof code === 'object', `the diagnostic's code has no link: ${JSON.stringify(code)}`);
  assert.deepEqual([code.target.scheme, code.target.path, JSON.parse(code.target.query)], ['command', 'scalingPlan.showRuleDoc', ['gross-margin']]);
  await closeAll();
  assert.equal(await vscode.commands.executeCommand(code.target.path, ...(JSON.parse(code.target.query) as unknown[])), true);
  await tabWhen((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview') && t.label.includes('gross-margin'), 'the preview of docs/rules/gross-margin.md');
  await closeAll();
});

// The reference plans beside the repository (runInCodeServer.ts passes their folder); absent on a
// fresh clone without them, and then these tests are left out with a message.
const SEEDS = process.env.SCALING_PLAN_SEEDS ?? '';
const seedNames = SEEDS && existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => f.endsWith('.md')).sort() : [];

/** A copy of a reference plan in the workspace, opened, once the server has analysed it. */
async function openSeed(name: string): Promise<vscode.Uri> {
  const uri = wsUri(`seeds/${name}`);
  await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(vscode.Uri.file(join(SEEDS, name))));
  await open(uri);
  await diagnosticsWhen(uri, (ds) => ds.length > 0, `the findings of seed ${name}`);
  return uri;
}

if (seedNames.length === 0) {
  console.log(`reference plans not found (${SEEDS || 'SCALING_PLAN_SEEDS unset'}): the tests on them are left out`);
} else {
  test('seed 001 at default settings: its blanks are hints (the Problems panel lists none), its other findings are problems', async () => {
    const name = seedNames.find((n) => n.startsWith('001'));
    assert.ok(name, `no seed 001 in ${SEEDS}`);
    const uri = await openSeed(name);
    const ds = ours(uri);
    const blanks = blanksOf(ds);
    assert.ok(blanks.length > 100, `seed 001 has ${blanks.length} blanks`);
    assert.deepEqual(blanks.filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).map((d) => [d.message, d.severity]), []);
    // What the Problems panel lists (errors, warnings, information): no blank among them.
    const listed = ds.filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint);
    assert.ok(listed.length > 0, 'seed 001 has findings the Problems panel lists');
    assert.deepEqual(listed.filter((d) => ruleOf(d) === 'blanks'), []);
    await closeAll();
  });

  test('every code lens title on the reference plans fits 80 characters', async () => {
    let count = 0;
    for (const name of seedNames) {
      const uri = await openSeed(name);
      const lenses = await lensesOf(uri);
      count += lenses.length;
      const long = lenses.map((l) => l.command?.title ?? '').filter((t) => t.length > 80);
      assert.deepEqual(long, [], `lenses of ${name} longer than 80 characters`);
      await closeAll();
    }
    assert.ok(count > 0, 'the reference plans have lenses');
  }, 120_000);
}

// ---------------------------------------------------------------------------------- entry

/** Called by the extension host; rejects when a test failed (the host then exits non-zero). */
export async function run(): Promise<void> {
  console.log(`Scaling Plan extension-host suite in VS Code ${vscode.version}`);
  const results = await runAll(vscode.version, vscode.workspace.isTrusted, process.env.SCALING_PLAN_TEST_RESULTS);
  console.log(`${results.passed} passed, ${results.failed} failed, ${results.knownBugs} known bugs (todo)`);
  if (results.failed > 0) throw new Error(`${results.failed} of ${results.passed + results.failed} tests failed`);
}
