/**
 * The VS Code extension: a thin client of the Scaling Plan language server. It starts the
 * bundled server (node IPC), hands it the `scalingPlan` settings, and registers the commands
 * the server's lenses and actions call. Every check, fix, lens and hover comes from the server;
 * markdown that is not a plan gets nothing from it.
 */
import * as vscode from 'vscode';
import {
  ErrorCodes,
  ExecuteCommandRequest,
  LanguageClient,
  ResponseError,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { checkWorkspace, summary, type WorkspaceCheck } from './checkWorkspace';
import {
  CheckWorkspaceRequest,
  CodeActionKinds,
  Commands,
  ProjectionsRequest,
  ServerCommands,
  SETTINGS_SECTION,
  StatusNotification,
  type CheckWorkspaceParams,
  type CheckWorkspaceResult,
  type ProjectionsParams,
  type ProjectionsResult,
  type ServerCommandResult,
  type StatusParams,
} from './protocol';
import { ProjectionsView } from './projectionsView';
import { BlanksStatus } from './status';
import { planSnippet } from './template';

const DEFAULT_MAX_SIZE = 2 * 1024 * 1024;
/** Fill passes: a filled total can make a cost per user computable on the next pass. */
const MAX_FILL_PASSES = 5;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc },
  };
  const clientOptions: LanguageClientOptions = {
    // Every scheme (files, untitled, virtual file systems): the server only reads the text.
    documentSelector: [{ language: 'markdown' }],
    synchronize: { configurationSection: SETTINGS_SECTION },
    initializationOptions: { settings: vscode.workspace.getConfiguration(SETTINGS_SECTION) },
    middleware: {
      // A finding's rule links to its documentation: shown from the extension, offline.
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(withRuleDocLink)),
      // The same for diagnostics pulled (textDocument/diagnostic), which VS Code asks for.
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        return report && report.kind === 'full' ? { ...report, items: report.items.map(withRuleDocLink) } : report;
      },
    },
  };
  const lc = new LanguageClient('scalingPlan', 'Scaling Plan', serverOptions, clientOptions);
  client = lc;

  const status = new BlanksStatus();
  const projections = new ProjectionsView((uri) => fetchProjections(lc, uri));
  context.subscriptions.push(status, projections);
  context.subscriptions.push(lc.onNotification(StatusNotification, (p: StatusParams) => status.report(p)));

  const command = (id: string, f: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, f));
  command(Commands.newPlan, () => newPlan());
  command(Commands.fillBlanks, (uri?: string | vscode.Uri) => fillBlanks(lc, uri));
  command(Commands.showProjections, async (uri?: string | vscode.Uri) => {
    const target = targetUri(uri);
    if (!target) return null;
    return projections.show(target);
  });
  command(Commands.checkWorkspace, () => runWorkspaceCheck(lc));
  command(Commands.restartServer, async () => {
    try {
      await lc.restart();
    } catch (err) {
      void vscode.window.showErrorMessage(`Scaling Plan: the server did not restart: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    void vscode.window.showInformationMessage('Scaling Plan: the server restarted and is checking open plans again.');
    return true;
  });
  command(Commands.showRuleDoc, (rule?: string) => showRuleDoc(context.extensionUri, rule));

  context.subscriptions.push(
    vscode.workspace.onWillSaveTextDocument((e) => {
      if (e.document.languageId !== 'markdown' || e.reason === vscode.TextDocumentSaveReason.AfterDelay) return;
      if (!vscode.workspace.getConfiguration(SETTINGS_SECTION, e.document).get<boolean>('fixOnSave', false)) return;
      e.waitUntil(fixAllEdits(e.document));
    }),
  );

  await lc.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Documentation pages shipped in the extension, one a rule: docs/rules/<rule>.md. */
const RULE_DOCS = ['docs', 'rules'];

/** The link of a rule's documentation: the {@link Commands.showRuleDoc} command with the rule. */
export function ruleDocLink(rule: string): vscode.Uri {
  return vscode.Uri.parse(`command:${Commands.showRuleDoc}?${encodeURIComponent(JSON.stringify([rule]))}`);
}

/** A diagnostic whose code links to its rule's documentation page links to the offline one. */
function withRuleDocLink(d: vscode.Diagnostic): vscode.Diagnostic {
  const code = d.code;
  if (typeof code !== 'object' || !/\/docs\/rules\/[\w-]+\.md$/.test(code.target.path)) return d;
  d.code = { value: code.value, target: ruleDocLink(String(code.value)) };
  return d;
}

/** Opens a rule's documentation in a markdown preview; without a rule, asks which. */
async function showRuleDoc(extension: vscode.Uri, rule?: string): Promise<boolean> {
  const folder = vscode.Uri.joinPath(extension, ...RULE_DOCS);
  let id = typeof rule === 'string' && /^[\w-]+$/.test(rule) ? rule : undefined;
  if (!id) {
    const entries = await vscode.workspace.fs.readDirectory(folder);
    const ids = entries.filter(([name]) => name.endsWith('.md')).map(([name]) => name.slice(0, -3)).sort();
    id = await vscode.window.showQuickPick(ids, { placeHolder: 'Rule to show the documentation of' });
    if (!id) return false;
  }
  const page = vscode.Uri.joinPath(folder, `${id}.md`);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showWarningMessage(`Scaling Plan: no documentation for the rule "${id}".`);
    return false;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return true;
}

/** The document a command is about: its argument, else the active markdown editor's. */
function targetUri(arg?: string | vscode.Uri): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') return vscode.Uri.parse(arg);
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'markdown') return doc.uri;
  void vscode.window.showInformationMessage('Scaling Plan: open a plan (a markdown file) first.');
  return undefined;
}

function unsupported(err: unknown): boolean {
  return err instanceof ResponseError && err.code === ErrorCodes.MethodNotFound;
}

async function fetchProjections(lc: LanguageClient, uri: vscode.Uri): Promise<{ data: ProjectionsResult | null; notice?: string }> {
  if (!lc.isRunning()) return { data: null, notice: 'The Scaling Plan server is not running.' };
  try {
    const params: ProjectionsParams = { textDocument: { uri: uri.toString() } };
    return { data: await lc.sendRequest<ProjectionsResult | null>(ProjectionsRequest, params) };
  } catch (err) {
    if (unsupported(err)) return { data: null, notice: 'This version of the Scaling Plan server does not compute projections.' };
    throw err;
  }
}

/** Inserts the plan template into a new untitled markdown editor; its blanks are tab stops. */
async function newPlan(): Promise<string> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(planSnippet()), new vscode.Position(0, 0));
  return doc.uri.toString();
}

/** Fills every computable blank (in passes, until nothing more is computable). */
async function fillBlanks(lc: LanguageClient, arg?: string | vscode.Uri): Promise<{ filled: number }> {
  const uri = targetUri(arg);
  if (!uri) return { filled: 0 };
  let filled = 0;
  for (let pass = 0; pass < MAX_FILL_PASSES; pass++) {
    const result = await lc.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.fillBlanks, arguments: [uri.toString()] });
    const r = result as ServerCommandResult | null;
    if (!r || !r.applied || r.edits === 0) break;
    filled += r.edits;
  }
  void vscode.window.setStatusBarMessage(filled === 0 ? 'Scaling Plan: no computable blanks' : `Scaling Plan: filled ${filled} blank${filled === 1 ? '' : 's'}`, 4000);
  return { filled };
}

async function runWorkspaceCheck(lc: LanguageClient): Promise<WorkspaceCheck | undefined> {
  const maxSize = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<number>('maxSize', DEFAULT_MAX_SIZE);
  try {
    const result = await checkWorkspace((params: CheckWorkspaceParams, token) => lc.sendRequest<CheckWorkspaceResult>(CheckWorkspaceRequest, params, token), maxSize);
    void vscode.window.showInformationMessage(summary(result));
    if (result.plans > 0) void vscode.commands.executeCommand('workbench.actions.view.problems');
    return result;
  } catch (err) {
    void vscode.window.showErrorMessage(
      unsupported(err) ? 'Scaling Plan: this version of the server cannot check the workspace.' : `Scaling Plan: the workspace check failed: ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
}

/** The edits of `source.fixAll.scalingPlan` for a document being saved. */
async function fixAllEdits(doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const range = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, CodeActionKinds.fixAll, 1);
  const fixAll = actions?.find((a) => a.kind?.value === CodeActionKinds.fixAll && a.edit);
  return fixAll?.edit?.get(doc.uri) ?? [];
}
