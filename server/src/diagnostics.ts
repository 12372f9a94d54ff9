/**
 * Diagnostics, pushed or pulled. Pushed (`textDocument/publishDiagnostics`, for clients that do
 * not pull): published for each analysed version (with that version), debounced after changes,
 * immediate on open, cleared on close. Pulled (`textDocument/diagnostic`, for clients that
 * announce it: VS Code, Neovim 0.10+): answered for the version current when asked, with a
 * `resultId` that is a hash of the diagnostics, and `unchanged` when the client already holds
 * them. Documents that are not plans get an empty list. Large documents are analysed on their
 * own thread (remote.ts); diagnostics of a version the client has since changed are never sent.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { StatusParams } from '../../client/src/protocol';
import type { ServerContext } from './context';
import { toDiagnostic } from './convert';
import { sendStatus, statusOf } from './protocol';
import { remoteFor, settingsMessage } from './remote';
import type { Entry } from './workspace';

export function diagnosticsOf(ctx: ServerContext, entry: Entry): Diagnostic[] {
  const state = ctx.workspace.state(entry);
  if (!state.selection.isPlan) return [];
  return state.analysis.findings.map((f) => toDiagnostic(entry.doc, entry.uri, f, ctx.client.relatedInformation));
}

/** The diagnostics of one analysed version, and what the status bar shows for it. */
export interface Report {
  version: number;
  /** Left out when the client already holds them (its previous resultId is this one). */
  items?: Diagnostic[];
  resultId?: string;
  status?: StatusParams;
}

/**
 * Analyses the document's current version (where it is held: here or on its own thread) and
 * reports its diagnostics; with `withId`, also their hash, and no items when it equals `previousResultId`.
 */
export function reportOf(ctx: ServerContext, entry: Entry, withId: boolean, previousResultId?: string): Report {
  let items: Diagnostic[] = [];
  try {
    items = diagnosticsOf(ctx, entry);
  } catch (err) {
    ctx.log.error(`diagnostics for ${entry.uri} failed`, err);
  }
  const report: Report = { version: entry.doc.version };
  try {
    const state = entry.state;
    if (state && state.version === entry.doc.version) report.status = statusOf(entry, state);
  } catch (err) {
    ctx.log.error(`status of ${entry.uri} failed`, err);
  }
  if (!withId) {
    report.items = items;
    return report;
  }
  report.resultId = createHash('sha1').update(JSON.stringify(items)).digest('base64url');
  if (report.resultId !== previousResultId) report.items = items;
  return report;
}

/** Sends a report's diagnostics (pushed) and its status. */
function deliver(ctx: ServerContext, entry: Entry, report: Report): void {
  void ctx.connection.sendDiagnostics({ uri: entry.uri, version: report.version, diagnostics: report.items ?? [] }).catch((err: unknown) => ctx.log.error('sendDiagnostics failed', err));
  if (report.status) sendStatus(ctx, report.status);
  publishConfigProblems(ctx);
}

/** Analyses the current version now (or on the document's thread) and publishes its diagnostics. */
export function publish(ctx: ServerContext, entry: Entry): void {
  ctx.workspace.cancel(entry);
  if (ctx.workspace.get(entry.uri) !== entry) return;
  const remote = remoteFor(ctx, entry);
  if (!remote) return deliver(ctx, entry, reportOf(ctx, entry, false));
  const version = entry.doc.version;
  void remote.analyze(settingsMessage(ctx, entry), false).then((report) => {
    const current = ctx.workspace.get(entry.uri) === entry && entry.doc.version === version;
    // A version changed since is not published: the newer version's analysis is on its way.
    if (report && current && report.version === version) deliver(ctx, entry, report);
    // The thread failed: the document is analysed here from now on.
    else if (!report && current && entry.remoteFailed) publish(ctx, entry);
  });
}

/** `textDocument/diagnostic`: the diagnostics of the version current when asked. */
export async function pull(ctx: ServerContext, params: DocumentDiagnosticParams, token?: CancellationToken): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
  const uri = params?.textDocument?.uri;
  const entry = typeof uri === 'string' ? ctx.workspace.get(uri) : undefined;
  if (!entry) return { kind: 'full', items: [] };
  // Not with the wrong settings: the client's arrive (or the wait for them ends) first.
  if (entry.settingsArrived) await entry.settingsArrived;
  if (ctx.workspace.get(entry.uri) !== entry) return { kind: 'full', items: [] };
  // The debounce applies to pulls too: a burst of keystrokes costs one analysis (the client
  // cancels a pull when the document changes again).
  const wait = (entry.changedAt ?? 0) + (entry.settings ?? ctx.workspace.defaults).debounce - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'textDocument/diagnostic cancelled', { retriggerRequest: false });
  if (ctx.workspace.get(entry.uri) !== entry) return { kind: 'full', items: [] };
  const previous = typeof params.previousResultId === 'string' ? params.previousResultId : undefined;
  const version = entry.doc.version;
  const remote = remoteFor(ctx, entry);
  const report = remote ? await remote.analyze(settingsMessage(ctx, entry), true, previous) : reportOf(ctx, entry, true, previous);
  if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'textDocument/diagnostic cancelled', { retriggerRequest: false });
  const current = ctx.workspace.get(entry.uri) === entry && entry.doc.version === version;
  if (!report && current && entry.remoteFailed) return pull(ctx, params, token);
  if (!report || !current || report.version !== version || report.resultId === undefined) {
    return new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed while it was checked', { retriggerRequest: true });
  }
  if (report.status) sendStatus(ctx, report.status);
  publishConfigProblems(ctx);
  return report.items ? { kind: 'full', resultId: report.resultId, items: report.items } : { kind: 'unchanged', resultId: report.resultId };
}

/** What was last published for each config file (its URI → the diagnostics, as JSON). */
const configPublished = new WeakMap<ServerContext, Map<string, string>>();

/**
 * Publishes the problems of each config file read (an unknown key, a bad value, YAML that does
 * not parse) on the config file itself, and clears them once it is fixed or gone. Sends only
 * what changed.
 */
export function publishConfigProblems(ctx: ServerContext): void {
  let sent = configPublished.get(ctx);
  if (!sent) configPublished.set(ctx, (sent = new Map()));
  const now = new Map<string, Diagnostic[]>();
  for (const config of ctx.workspace.configs.all()) {
    now.set(
      pathToFileURL(config.path).href,
      config.located.map((p) => ({ range: { start: p.start, end: p.end }, severity: DiagnosticSeverity.Error, code: 'config', source: 'scaling-plan', message: p.message })),
    );
  }
  for (const uri of sent.keys()) if (!now.has(uri)) now.set(uri, []);
  for (const [uri, diagnostics] of now) {
    const key = JSON.stringify(diagnostics);
    if ((sent.get(uri) ?? '[]') === key) continue;
    sent.set(uri, key);
    void ctx.connection.sendDiagnostics({ uri, diagnostics }).catch((err: unknown) => ctx.log.error('sendDiagnostics failed', err));
  }
}

/** Publishes after the debounce; a newer change restarts the wait, so stale work never runs. */
export function schedule(ctx: ServerContext, entry: Entry): void {
  ctx.workspace.cancel(entry);
  const delay = (entry.settings ?? ctx.workspace.defaults).debounce;
  entry.timer = setTimeout(() => publish(ctx, entry), delay);
}

export function clear(ctx: ServerContext, uri: string): void {
  void ctx.connection.sendDiagnostics({ uri, diagnostics: [] }).catch((err: unknown) => ctx.log.error('sendDiagnostics failed', err));
}
