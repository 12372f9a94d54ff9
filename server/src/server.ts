/**
 * The language server: wires LSP requests and notifications to the engine's features. Every
 * handler is one line here, runs guarded (errors are logged, never thrown at the client),
 * answers a cancelled request with RequestCancelled and, after `shutdown`, any request with
 * InvalidRequest.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { CheckWorkspaceRequest, ProjectionsRequest, type CheckWorkspaceParams, type CheckWorkspaceResult } from '../../client/src/protocol';
import { FILL_BLANKS_KIND, FIX_ALL_KIND } from './codeActions';
import { COMMANDS, executeCommand } from './commands';
import type { ClientSupport, ServerContext } from './context';
import { clear, publish, publishConfigProblems, pull, schedule } from './diagnostics';
import { CONFIG_FILE_NAMES } from '../../src/engine/config';
import { connectionLogger, guarded, type Logger } from './log';
import { checkWorkspace } from './protocol';
import { run } from './remote';
import { logDropped, readSettings, SECTION, type ServerSettings } from './settings';
import { Workspace } from './workspace';
import { version } from '../../package.json';

export const SERVER_NAME = 'scaling-plan';
export const SERVER_VERSION: string = version;

const empty = (): CheckWorkspaceResult => ({ checked: 0, plans: 0, counts: { error: 0, warning: 0, information: 0, hint: 0 } });

/** Whether the client has asked the server to shut down. */
interface Life {
  shutDown: boolean;
}

function shuttingDown(name: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidRequest, `${name}: the server is shutting down`);
}

/**
 * Wraps a request handler: guarded; cancelled requests answer RequestCancelled, and requests
 * after `shutdown` answer InvalidRequest (as the protocol asks).
 */
function request<P, R>(log: Logger, life: Life, name: string, fallback: R, f: (params: P) => R): (params: P, token: CancellationToken) => R | ResponseError<void> {
  const g = guarded(log, name, fallback as Awaited<R>, f);
  return (params, token) => {
    if (life.shutDown) return shuttingDown(name);
    if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
    return g(params);
  };
}

export function startServer(connection: Connection): ServerContext {
  const log = connectionLogger(connection);
  const workspace = new Workspace(log);
  const client: ClientSupport = {
    configuration: false,
    relatedInformation: false,
    documentChanges: false,
    codeActionResolve: false,
    snippets: false,
    hierarchicalSymbols: false,
    markdownHover: false,
    followsLinks: false,
    codeLensRefresh: false,
    watchesFiles: false,
    pullDiagnostics: false,
    diagnosticRefresh: false,
  };
  const ctx: ServerContext = { connection, workspace, log, client };
  const life: Life = { shutDown: false };

  connection.onInitialize(guarded(log, 'initialize', { capabilities: {} }, (params: InitializeParams) => initialize(ctx, params)));
  connection.onInitialized(guarded(log, 'initialized', undefined, () => watchConfigFiles(ctx)));
  connection.onDidChangeWatchedFiles(guarded(log, 'didChangeWatchedFiles', undefined, (p) => configChanged(ctx, p.changes?.length ?? 0)));
  connection.onDidOpenTextDocument(guarded(log, 'didOpen', undefined, (p) => didOpen(ctx, p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text)));
  connection.onDidChangeTextDocument(guarded(log, 'didChange', undefined, (p) => didChange(ctx, p.textDocument.uri, p.textDocument.version, p.contentChanges)));
  connection.onDidCloseTextDocument(guarded(log, 'didClose', undefined, (p) => didClose(ctx, p.textDocument.uri)));
  connection.onDidChangeConfiguration(guarded(log, 'didChangeConfiguration', undefined, (p) => settingsChanged(ctx, p.settings)));
  // Each feature runs here, or on the document's own thread when it is large (remote.ts).
  connection.onCodeAction(request(log, life, 'codeAction', [], (p) => run(ctx, 'codeAction', p?.textDocument?.uri, p, [])));
  connection.onCodeActionResolve((a) =>
    life.shutDown ? shuttingDown('codeAction/resolve') : guarded(log, 'codeAction/resolve', a, () => run(ctx, 'codeActionResolve', (a?.data as { uri?: string } | undefined)?.uri, a, a))(),
  );
  connection.onCodeLens(request(log, life, 'codeLens', [], (p) => run(ctx, 'codeLens', p?.textDocument?.uri, p, [])));
  connection.onHover(request(log, life, 'hover', null, (p) => run(ctx, 'hover', p?.textDocument?.uri, p, null)));
  connection.onCompletion(request(log, life, 'completion', { isIncomplete: false, items: [] }, (p) => run(ctx, 'completion', p?.textDocument?.uri, p, { isIncomplete: false, items: [] })));
  connection.onDocumentSymbol(request(log, life, 'documentSymbol', [], (p) => run(ctx, 'documentSymbol', p?.textDocument?.uri, p, [])));
  connection.onExecuteCommand(request(log, life, 'executeCommand', Promise.resolve(null), (p) => executeCommand(ctx, p)));
  connection.onRequest(ProjectionsRequest, request(log, life, ProjectionsRequest, null, (p) => run(ctx, 'projections', p?.textDocument?.uri, p, null)));
  connection.languages.diagnostics.on((p, token) => {
    if (life.shutDown) return new ResponseError(ErrorCodes.InvalidRequest, 'textDocument/diagnostic: the server is shutting down', { retriggerRequest: false });
    return guarded(log, 'textDocument/diagnostic', { kind: 'full' as const, items: [] }, () => pull(ctx, p, token))();
  });
  connection.onRequest(CheckWorkspaceRequest, (p: CheckWorkspaceParams, token) => {
    if (life.shutDown) return shuttingDown(CheckWorkspaceRequest);
    return guarded<[], Promise<CheckWorkspaceResult>>(log, CheckWorkspaceRequest, empty(), () => checkWorkspace(ctx, p, token))();
  });
  connection.onShutdown(() => {
    life.shutDown = true;
    workspace.all().forEach((e) => {
      workspace.cancel(e);
      e.remote?.dispose();
    });
  });
  return ctx;
}

function initialize(ctx: ServerContext, params: InitializeParams): InitializeResult {
  const caps = params.capabilities ?? {};
  const c = ctx.client;
  c.configuration = caps.workspace?.configuration === true;
  c.relatedInformation = caps.textDocument?.publishDiagnostics?.relatedInformation === true;
  c.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
  c.codeActionResolve = caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit') === true;
  c.snippets = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
  c.hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
  c.markdownHover = caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? false;
  c.codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
  c.watchesFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  c.pullDiagnostics = caps.textDocument?.diagnostic !== undefined && caps.textDocument.diagnostic !== null;
  c.diagnosticRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
  // VS Code (and code-server) open `file#L12` links in hovers; terminal editors show them raw.
  c.followsLinks = /visual studio code|vscode|code-server|vscodium|cursor/i.test(params.clientInfo?.name ?? '');
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  ctx.workspace.folders = folders.flatMap((uri) => {
    try {
      return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
    } catch {
      return [];
    }
  });
  // `{ settings: {...} }`, `{ scalingPlan: {...} }` (Helix's `config`), or the settings themselves.
  const init = params.initializationOptions as { settings?: unknown; scalingPlan?: unknown } | null | undefined;
  if (init && typeof init === 'object') {
    ctx.workspace.defaults = readSettings(init.settings ?? init.scalingPlan ?? init);
    logDropped(ctx.log, ctx.workspace.defaults);
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, FILL_BLANKS_KIND], resolveProvider: true },
      codeLensProvider: { resolveProvider: false },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['_', ':'], resolveProvider: false },
      documentSymbolProvider: { label: 'Scaling plan' },
      executeCommandProvider: { commands: [COMMANDS.fixAll, COMMANDS.fillBlanks] },
      // Clients that pull diagnostics get them by textDocument/diagnostic; the others, pushed.
      ...(c.pullDiagnostics ? { diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
}

/** Asks the client to tell the server when a config file is created, changed or deleted. */
function watchConfigFiles(ctx: ServerContext): void {
  if (!ctx.client.watchesFiles) return;
  void ctx.connection.client
    .register(DidChangeWatchedFilesNotification.type, { watchers: CONFIG_FILE_NAMES.map((name) => ({ globPattern: `**/${name}` })) })
    .catch((err: unknown) => {
      ctx.client.watchesFiles = false;
      ctx.log.warn(`could not watch config files: ${String(err)}`);
    });
}

/** A config file changed: read config files again and check every open plan with them. */
function configChanged(ctx: ServerContext, changes: number): void {
  if (changes === 0) return;
  clearConfigs(ctx);
  recheck(ctx);
  publishConfigProblems(ctx);
  if (ctx.client.codeLensRefresh) void ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

/** Forgets the config files read, here and on every document's thread. */
function clearConfigs(ctx: ServerContext): void {
  ctx.workspace.configs.clear();
  for (const entry of ctx.workspace.all()) entry.remote?.configChanged();
}

/**
 * Settings or config files changed: publishes every open document again, or asks a client that
 * pulls to pull again (when it can be asked).
 */
function recheck(ctx: ServerContext): void {
  if (!ctx.client.pullDiagnostics) {
    for (const entry of ctx.workspace.all()) if (!entry.settingsPending) publish(ctx, entry);
    return;
  }
  // The config files of open documents are read again now, so that their problems are published.
  for (const entry of ctx.workspace.all()) ctx.workspace.configFor(entry.uri);
  if (ctx.client.diagnosticRefresh) void ctx.connection.languages.diagnostics.refresh().catch((err: unknown) => ctx.log.warn(`workspace/diagnostic/refresh failed: ${String(err)}`));
}

function didOpen(ctx: ServerContext, uri: string, languageId: string, version: number, text: string): void {
  if (!ctx.workspace.accepts(uri, languageId)) return;
  // Without file watching, config files are read again whenever a document opens.
  if (!ctx.client.watchesFiles) clearConfigs(ctx);
  const entry = ctx.workspace.open(uri, languageId, version, typeof text === 'string' ? text : String(text ?? ''));
  const push = !ctx.client.pullDiagnostics;
  // Diagnostics Check Workspace pushed while the file was closed give way to the pulled ones.
  if (!push && ctx.workspace.checked.delete(uri)) clear(ctx, uri);
  if (!ctx.client.configuration) {
    if (push) publish(ctx, entry);
    return;
  }
  // Until the document's settings arrive nothing is published (it would be with the wrong
  // settings); their arrival publishes the version current then (a pull waits for them).
  entry.settingsPending = true;
  entry.settingsArrived = fetchSettings(ctx, uri).then((settings) => {
    if (ctx.workspace.get(uri) !== entry) return;
    entry.settings = settings;
    entry.settingsPending = false;
    if (push) publish(ctx, entry);
  });
}

function didChange(ctx: ServerContext, uri: string, version: number | null, changes: Parameters<Workspace['change']>[2]): void {
  const entry = ctx.workspace.change(uri, version, changes);
  if (!entry) return;
  // The document's thread, if it has one, applies the same changes to its copy.
  entry.remote?.change(uri, entry.doc.version, changes);
  if (!entry.settingsPending && !ctx.client.pullDiagnostics) schedule(ctx, entry);
}

function didClose(ctx: ServerContext, uri: string): void {
  if (ctx.workspace.close(uri)) clear(ctx, uri);
}

/** The client's settings for one document; the defaults when it does not answer in time. */
async function fetchSettings(ctx: ServerContext, uri: string): Promise<ServerSettings> {
  try {
    const answer = await Promise.race([
      ctx.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }),
      new Promise((resolve) => setTimeout(() => resolve(undefined), 2000).unref()),
    ]);
    return logDropped(ctx.log, readSettings(answer, ctx.workspace.defaults));
  } catch (err) {
    ctx.log.warn(`workspace/configuration failed: ${String(err)}`);
    return ctx.workspace.defaults;
  }
}

function settingsChanged(ctx: ServerContext, settings: unknown): void {
  const pushed = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[SECTION] : undefined;
  if (pushed !== undefined) ctx.workspace.defaults = logDropped(ctx.log, readSettings(pushed));
  const arrived: Promise<void>[] = [];
  for (const entry of ctx.workspace.all()) {
    if (!ctx.client.configuration) {
      entry.settings = undefined;
      continue;
    }
    arrived.push(
      fetchSettings(ctx, entry.uri).then((s) => {
        if (ctx.workspace.get(entry.uri) !== entry) return;
        entry.settings = s;
        if (!ctx.client.pullDiagnostics) publish(ctx, entry);
      }),
    );
  }
  if (!ctx.client.configuration) recheck(ctx);
  else if (ctx.client.pullDiagnostics) void Promise.all(arrived).then(() => recheck(ctx));
  if (ctx.client.codeLensRefresh) void ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}
