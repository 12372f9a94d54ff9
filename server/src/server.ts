/**
 * The language server: wires LSP requests and notifications to the engine's features. Every
 * handler is one line here, runs guarded (errors are logged, never thrown at the client),
 * answers a cancelled request with RequestCancelled and, after `shutdown`, any request with
 * InvalidRequest.
 */
import {
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { CheckWorkspaceRequest, ProjectionsRequest, type CheckWorkspaceParams, type CheckWorkspaceResult } from '../../client/src/protocol';
import { executeCommand } from './commands';
import type { ClientSupport, ServerContext } from './context';
import { clear, publish, publishConfigProblems, pull, schedule } from './diagnostics';
import { CONFIG_FILE_NAMES } from '../../src/engine/config';
import { connectionLogger, guarded, type Logger } from './log';
import { checkWorkspace } from './protocol';
import { run } from './remote';
import { logDropped, readSettings, SECTION, type ServerSettings } from './settings';
import { Workspace } from './workspace';

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

/**
 * Wires every handler but `initialize` (answered by main.ts from capabilities.ts, before this
 * module is loaded) to a new server for the client that sent `params`.
 */
export function startServer(connection: Connection, client: ClientSupport, params: InitializeParams): ServerContext {
  const log = connectionLogger(connection);
  const workspace = new Workspace(log);
  const ctx: ServerContext = { connection, workspace, log, client };
  initialize(ctx, params);
  const life: Life = { shutDown: false };

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

/** The workspace folders and the settings given with `initialize`. */
function initialize(ctx: ServerContext, params: InitializeParams): void {
  const folders = params?.workspaceFolders?.map((f) => f.uri) ?? (params?.rootUri ? [params.rootUri] : []);
  ctx.workspace.folders = folders.flatMap((uri) => {
    try {
      return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
    } catch {
      return [];
    }
  });
  // `{ settings: {...} }`, `{ scalingPlan: {...} }` (Helix's `config`), or the settings themselves.
  const init = params?.initializationOptions as { settings?: unknown; scalingPlan?: unknown } | null | undefined;
  if (init && typeof init === 'object') {
    ctx.workspace.defaults = readSettings(init.settings ?? init.scalingPlan ?? init);
    logDropped(ctx.log, ctx.workspace.defaults);
  }
}

/** Asks the client to tell the server when a config file is created, changed or deleted (on `initialized`). */
export function watchConfigFiles(ctx: ServerContext): void {
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
