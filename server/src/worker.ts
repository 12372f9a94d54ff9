/**
 * The analysis thread of one large document (see server/src/remote.ts): a copy of the document
 * and its own plan service, the engine's analysis, and the same features the main thread runs
 * for small documents. Messages are handled in order; results are plain data.
 */
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { LSPErrorCodes, type Connection } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { reportOf } from './diagnostics';
import { FEATURES, type Feature, type FeatureParams } from './features';
import type { Logger } from './log';
import type { FromWorker, SettingsMessage, ToWorker, WorkerData } from './remote';
import { fromValues } from './settings';
import { Workspace, type Entry } from './workspace';

const port = parentPort!;
const data = workerData as WorkerData;
const latest = new Int32Array(data.latest);

function post(m: FromWorker): void {
  port.postMessage(m);
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

const log: Logger = {
  info: (message) => post({ kind: 'log', level: 'info', message }),
  warn: (message) => post({ kind: 'log', level: 'warn', message }),
  error: (message, err) => post({ kind: 'log', level: 'error', message: err === undefined ? message : `${message}: ${describe(err)}` }),
};
console.log = console.info = console.debug = console.trace = (...parts: unknown[]) => log.info(format(...parts));
console.warn = console.error = (...parts: unknown[]) => log.warn(format(...parts));

const workspace = new Workspace(log);
// The features run here return what they compute; only the main thread talks to the client.
const ctx: ServerContext = { connection: undefined as unknown as Connection, workspace, log, client: data.client };
let entry: Entry | undefined;
let settingsKey = '';

/** The settings the main thread would use; the same objects while they do not change (analyses are cached by them). */
function useSettings(s: SettingsMessage): void {
  const key = JSON.stringify(s);
  if (key === settingsKey) return;
  settingsKey = key;
  workspace.folders = s.folders;
  workspace.defaults = fromValues(s.defaults);
  if (entry) entry.settings = s.client ? fromValues(s.client) : undefined;
}

/** A newer version has been sent since the one this thread holds. */
function superseded(): boolean {
  return entry !== undefined && Atomics.load(latest, 0) > entry.doc.version;
}

function handle(m: ToWorker): void {
  switch (m.kind) {
    case 'open': {
      entry = workspace.open(m.uri, m.languageId, m.version, m.text);
      settingsKey = '';
      return;
    }
    case 'change':
      workspace.change(m.uri, m.version, m.changes);
      return;
    case 'configChanged':
      workspace.configs.clear();
      return;
    case 'analyze': {
      if (!entry || superseded()) return post({ kind: 'report', id: m.id });
      useSettings(m.settings);
      const report = reportOf(ctx, entry, m.resultId, m.previousResultId);
      // Superseded while it ran: nothing to publish, the newer version's analysis follows.
      return post(superseded() ? { kind: 'report', id: m.id } : { kind: 'report', id: m.id, report });
    }
    case 'request': {
      if (!entry || superseded() || entry.doc.version !== m.version) {
        return post({ kind: 'answer', id: m.id, error: { code: LSPErrorCodes.ContentModified, message: 'the document has changed' } });
      }
      useSettings(m.settings);
      const f = FEATURES[m.feature] as (ctx: ServerContext, p: FeatureParams<Feature>) => unknown;
      return post({ kind: 'answer', id: m.id, result: f(ctx, m.params as FeatureParams<Feature>) });
    }
  }
}

port.on('message', (m: ToWorker) => {
  try {
    handle(m);
  } catch (err) {
    log.error(`${m.kind} in the analysis thread failed`, err);
    if (m.kind === 'analyze') post({ kind: 'report', id: m.id });
    if (m.kind === 'request') post({ kind: 'answer', id: m.id, failed: true });
  }
});
