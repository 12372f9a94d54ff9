/**
 * The extension-host suite: runs inside a real VS Code with the extension under development
 * loaded, and drives it through the `vscode` API only (what a person does through the UI).
 * Started by test/vscode/runInCodeServer.ts (VS Code's server build from the code-server
 * package, headless Chromium) or test/vscode/runElectron.ts (desktop VS Code through
 * @vscode/test-electron). The workspace is a fresh copy of test/vscode/fixtures/workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runAll, test } from './harness';

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

test('a plan with a wrong gross margin gets one error, with its formula and rule', async () => {
  const uri = wsUri('wrong-margin.md');
  const { document } = await open(uri);
  const all = await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic');
  assert.deepEqual(all.map((x) => `${ruleOf(x)}: ${x.message}`), ['gross-margin: Gross Margin 55% does not match (5,000 − 380) / 5,000 = 92.4%'], 'only the margin is wrong in this plan');
  const d = all[0];
  assert.equal(ruleOf(d!), 'gross-margin');
  assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(document.getText(d!.range), '55%');
  assert.match(d!.message, /Gross Margin 55% does not match \(5,000 − 380\) \/ 5,000 = 92\.4%/);
  const target = typeof d!.code === 'object' ? d!.code.target.toString() : '';
  assert.match(target, /docs\/rules\/gross-margin\.md$/);
});

test('markdown that is not a plan gets no diagnostics', async () => {
  const readme = wsUri('notes/readme.md');
  await open(readme);
  // The server answers in order: once a plan opened after the readme has its diagnostics, the
  // readme's (none) are settled too.
  const plan = wsUri('blanks.md');
  await open(plan);
  await diagnosticsWhen(plan, (ds) => ds.length > 0, 'the blanks of blanks.md');
  assert.deepEqual(ours(readme), []);
  assert.deepEqual(await lensesOf(readme), []);
  assert.equal(await hoverAt(await vscode.workspace.openTextDocument(readme), '$5,000'), '');
});

test('code lenses show each stage and each block with its projections', async () => {
  const uri = wsUri('wrong-margin.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  await diagnosticsWhen(uri, hasMargin, 'the plan to be analysed');
  const lenses = await lensesOf(uri);
  const titles = lenses.map((l) => `${l.range.start.line}: ${l.command?.title ?? ''}`);
  const block = lenses.find((l) => l.range.start.line === rangeOf(doc, '500 users:').start.line);
  assert.ok(block, `no lens above "500 users:"; lenses: ${JSON.stringify(titles)}`);
  assert.equal(block.command?.title, '500 users · revenue $5,000/month · costs $380/month · $0.76 per user · margin 92.4% · profit $4,620/month');
  assert.equal(block.command?.command, 'scalingPlan.showProjections');
  const stage = lenses.find((l) => l.range.start.line === rangeOf(doc, 'Stage 2: Traction').start.line);
  assert.ok(stage, `no lens above "Stage 2: Traction"; lenses: ${JSON.stringify(titles)}`);
  assert.equal(stage.command?.title, 'Stage 2: Traction · 500–2,000 users · at 2,000 users · cost $1,100/month · $0.55 per user · revenue $20,000/month · margin 94.5% · profit $18,900/month');
  // The wrong margin is not repeated as if it were right: the lens shows what the check computes.
  const first = lenses.filter((l) => l.range.start.line === rangeOf(doc, 'Stage 1: Launch').start.line).map((l) => l.command?.title ?? '');
  assert.ok(first.includes('Stage 1: Launch · 0–500 users · at 500 users · cost $380/month · $0.76 per user · revenue $5,000/month · margin 55% (checks: 92.4%) · profit $4,620/month'), JSON.stringify(titles));
});

test('hovers show downtime for an uptime, the formula of a checked figure, and a stage card', async () => {
  const doc = await vscode.workspace.openTextDocument(wsUri('wrong-margin.md'));
  await diagnosticsWhen(doc.uri, hasMargin, 'the plan to be analysed');
  const uptime = await hoverAt(doc, '99.9%');
  assert.match(uptime, /99\.9% uptime/);
  assert.match(uptime, /month \(30 days\) \| 43\.2 minutes/);
  const margin = await hoverAt(doc, '55%');
  assert.match(margin, /\(5,000 − 380\) \/ 5,000 = 92\.4%/);
  assert.match(margin, /Stated \*\*55%\*\*: does not match/);
  const card = await hoverAt(doc, 'Stage 2');
  assert.match(card, /\*\*Stage 2: Traction\*\* · 500–2,000 users \(\[line 21\]\([^)]*#L21\)\)/);
  assert.match(card, /at 2,000 users · cost \$1,100\/month · \$0\.55 per user · revenue \$20,000\/month · margin 94\.5%/);
  assert.match(card, /What the plan says:\n- Stage 2: Traction \(500-2,000 users\)/);
});

test('the quick fix rewrites the wrong margin in the plan\'s own format', async () => {
  const uri = await copyOf('wrong-margin.md');
  const { document } = await open(uri);
  const [d] = (await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic')).filter((x) => ruleOf(x) === 'gross-margin');
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d!.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  const fix = actions.find((a) => a.title === 'Set margin to 92%');
  assert.ok(fix?.edit, `no "Set margin to 92%" fix; actions: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(fix.isPreferred, true);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.equal(lineText(document, '- Gross Margin'), '- Gross Margin: 92%');
  await diagnosticsWhen(uri, (ds) => !hasMargin(ds), 'the margin diagnostic to go away');
  await closeAll();
});

test('Fill Computable Blanks writes the total and then the cost per user, and leaves the rest', async () => {
  const uri = await copyOf('blanks.md');
  const { document } = await open(uri);
  await diagnosticsWhen(uri, (ds) => ds.filter((d) => ruleOf(d) === 'blanks').length === 3, 'three blanks');
  const result = await vscode.commands.executeCommand<{ filled: number }>('scalingPlan.fillBlanks', uri.toString());
  assert.equal(lineText(document, '- Total'), '- Total: $200/month');
  assert.equal(lineText(document, '- Cost per user'), '- Cost per user: $0.20/month');
  assert.equal(lineText(document, 'Target retention'), 'Target retention: ___%');
  assert.equal(result?.filled, 2);
  await diagnosticsWhen(uri, (ds) => ds.filter((d) => ruleOf(d) === 'blanks').length === 1, 'one blank left');
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
  const blanks = await diagnosticsWhen(document.uri, (ds) => ds.some((d) => ruleOf(d) === 'blanks'), 'the template blanks');
  assert.ok(blanks.every((d) => d.severity === vscode.DiagnosticSeverity.Information || ruleOf(d) !== 'blanks'));
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('Show Projections opens the projection view with the plan\'s blocks', async () => {
  const uri = wsUri('wrong-margin.md');
  await open(uri);
  await diagnosticsWhen(uri, hasMargin, 'the plan to be analysed');
  const data = await vscode.commands.executeCommand<{ blocks: { label: string; margin?: number }[]; stages: unknown[] } | null>('scalingPlan.showProjections', uri.toString());
  assert.ok(data, 'the server returned no projections');
  assert.equal(data.stages.length, 3);
  assert.deepEqual(
    data.blocks.map((b) => [b.label, Math.round((b.margin ?? NaN) * 10) / 10]),
    [
      ['500 users', 92.4],
      ['2,000 users', 94.5],
    ],
  );
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
    ds.map((d) => [ruleOf(d), d.message]),
    [['totals', 'Total $260/month does not match 150 + 90 = $240/month']],
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
  const uri = wsUri('wrong-margin.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic');
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, all, 'source.fixAll.scalingPlan', 10)) ?? [];
  const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.scalingPlan');
  assert.ok(fixAll, `no source.fixAll.scalingPlan action; actions: ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value]))}`);
  const edits = fixAll.edit?.get(uri) ?? [];
  assert.deepEqual(edits.map((e) => [doc.getText(e.range), e.newText]), [['55', '92']]);
});

test('fix on save applies every fix when the setting is on', async () => {
  const config = vscode.workspace.getConfiguration('scalingPlan');
  await config.update('fixOnSave', true, vscode.ConfigurationTarget.Workspace);
  try {
    const uri = await copyOf('wrong-margin.md');
    const editor = await open(uri);
    const { document } = editor;
    await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic');
    // An edit first: saving a document that has not changed does not save (nor fix) anything.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(document.lineCount - 1, 0), '- Response time: under 300 ms\n')));
    assert.ok(await document.save(), 'the plan was not saved');
    assert.equal(lineText(document, '- Gross Margin'), '- Gross Margin: 92%');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(onDisk, /- Gross Margin: 92%/);
  } finally {
    await config.update('fixOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  }
});

test('Restart Server brings the checks back', async () => {
  await vscode.commands.executeCommand('scalingPlan.restartServer');
  const uri = await copyOf('wrong-margin.md');
  await open(uri);
  await diagnosticsWhen(uri, hasMargin, 'the gross-margin diagnostic after the restart');
  await closeAll();
});

// ---------------------------------------------------------------------------------- entry

/** Called by the extension host; rejects when a test failed (the host then exits non-zero). */
export async function run(): Promise<void> {
  console.log(`Scaling Plan extension-host suite in VS Code ${vscode.version}`);
  const results = await runAll(vscode.version, vscode.workspace.isTrusted, process.env.SCALING_PLAN_TEST_RESULTS);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  if (results.failed > 0) throw new Error(`${results.failed} of ${results.passed + results.failed} tests failed`);
}
