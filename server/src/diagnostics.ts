/**
 * Pushed diagnostics: published for each analysed version (with that version), debounced after
 * changes, immediate on open, cleared on close. Documents that are not plans get an empty list.
 */
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { toDiagnostic } from './convert';
import { sendStatus } from './protocol';
import type { Entry } from './workspace';

export function diagnosticsOf(ctx: ServerContext, entry: Entry): Diagnostic[] {
  const state = ctx.workspace.state(entry);
  if (!state.selection.isPlan) return [];
  return state.analysis.findings.map((f) => toDiagnostic(entry.doc, entry.uri, f, ctx.client.relatedInformation));
}

/** Analyses the current version now and publishes its diagnostics. */
export function publish(ctx: ServerContext, entry: Entry): void {
  ctx.workspace.cancel(entry);
  if (ctx.workspace.get(entry.uri) !== entry) return;
  let diagnostics: Diagnostic[] = [];
  try {
    diagnostics = diagnosticsOf(ctx, entry);
  } catch (err) {
    ctx.log.error(`diagnostics for ${entry.uri} failed`, err);
  }
  void ctx.connection.sendDiagnostics({ uri: entry.uri, version: entry.doc.version, diagnostics }).catch((err: unknown) => ctx.log.error('sendDiagnostics failed', err));
  try {
    sendStatus(ctx, entry);
  } catch (err) {
    ctx.log.error(`status of ${entry.uri} failed`, err);
  }
  publishConfigProblems(ctx);
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
