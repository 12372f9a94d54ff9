/**
 * Large documents are analysed off the request loop: each open document of at least
 * {@link offThreadChars} characters gets its own analysis thread (up to {@link MAX_THREADS}) (`worker_threads`, entry
 * server/src/worker.ts, bundled as dist/server-worker.js), which holds a copy of the document,
 * applies the same incremental changes and runs the engine and the features (hover, lenses,
 * code actions, completion, symbols, projections, command edits) on it. The main thread keeps
 * answering every other document meanwhile. Smaller documents are analysed on the main thread,
 * where an edit's re-analysis takes less than the round trip would add.
 *
 * Messages to a thread are handled in order, so a request is answered against the version the
 * client had when it sent it. The main thread writes the newest version of the document into a
 * shared cell on every change: a thread that finds its version superseded before or after an
 * analysis answers "stale" (nothing is published), and a request for a version superseded
 * before or while the thread answers it is answered with ContentModified, as LSP asks.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LSPErrorCodes, ResponseError, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { Settings } from '../../src/engine';
import type { ClientSupport, ServerContext } from './context';
import type { Report } from './diagnostics';
import { FEATURES, type Feature, type FeatureParams, type FeatureResult } from './features';
import type { Entry } from './workspace';

/**
 * Documents of at least this many characters are analysed on their own thread (64 K by
 * default: an edit of such a plan takes tens of milliseconds to re-analyse, a thread costs about
 * 35 MB of memory). `SCALING_PLAN_OFF_THREAD_CHARS` sets another size (0: every document).
 */
export function offThreadChars(): number {
  const raw = process.env.SCALING_PLAN_OFF_THREAD_CHARS;
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : 64 * 1024;
}

/** At most this many analysis threads at once; further large documents are analysed on the main thread. */
export const MAX_THREADS = 8;

/** What a thread needs to read a document's settings as the main thread would. */
export interface SettingsMessage {
  client?: Settings;
  defaults: Settings;
  folders: string[];
}

export type ToWorker =
  | { kind: 'open'; uri: string; languageId: string; version: number; text: string }
  | { kind: 'change'; uri: string; version: number; changes: TextDocumentContentChangeEvent[] }
  | { kind: 'configChanged' }
  | { kind: 'analyze'; id: number; settings: SettingsMessage; resultId: boolean; previousResultId?: string }
  | { kind: 'request'; id: number; version: number; feature: Feature; params: unknown; settings: SettingsMessage };

export type FromWorker =
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** `report` is undefined when the version was superseded before the analysis was done. */
  | { kind: 'report'; id: number; report?: Report }
  | { kind: 'answer'; id: number; result?: unknown; error?: { code: number; message: string }; failed?: true };

export interface WorkerData {
  client: ClientSupport;
  /** One Int32: the newest version of the document, written by the main thread. */
  latest: SharedArrayBuffer;
}

/** dist/server-worker.js beside the bundle; worker.ts through tsx when running from source. */
function workerFile(): { file: string; execArgv: string[] } {
  if (__filename.endsWith('.ts')) return { file: join(__dirname, 'worker.ts'), execArgv: ['--import', 'tsx'] };
  return { file: join(__dirname, 'server-worker.js'), execArgv: [] };
}

export class RemoteDocument {
  private readonly worker: Worker;
  private readonly latest: Int32Array;
  private nextId = 1;
  private readonly pending = new Map<number, (m: FromWorker | undefined) => void>();
  /** Set once the thread has exited or failed: nothing more is sent to it. */
  dead = false;

  constructor(
    private readonly ctx: ServerContext,
    entry: Entry,
    /** Called when the thread fails (not when it is disposed). */
    private readonly onFailure: () => void,
  ) {
    const shared = new SharedArrayBuffer(4);
    this.latest = new Int32Array(shared);
    const { file, execArgv } = workerFile();
    const data: WorkerData = { client: { ...ctx.client }, latest: shared };
    // stdout and stderr are kept from the process's own: stdout carries the protocol.
    this.worker = new Worker(file, { workerData: data, execArgv, stdout: true, stderr: true });
    this.worker.unref();
    this.worker.stdout.on('data', (d: Buffer) => ctx.log.info(d.toString().trimEnd()));
    this.worker.stderr.on('data', (d: Buffer) => ctx.log.warn(d.toString().trimEnd()));
    this.worker.on('message', (m: FromWorker) => this.receive(m));
    this.worker.on('error', (err) => {
      ctx.log.error(`the analysis thread of ${entry.uri} failed`, err);
      this.fail();
    });
    this.worker.on('exit', () => this.fail());
    Atomics.store(this.latest, 0, entry.doc.version);
    this.post({ kind: 'open', uri: entry.uri, languageId: entry.doc.languageId, version: entry.doc.version, text: entry.doc.getText() });
  }

  /** The changes the main thread applied to its copy, to apply to the thread's. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    Atomics.store(this.latest, 0, version);
    this.post({ kind: 'change', uri, version, changes });
  }

  configChanged(): void {
    this.post({ kind: 'configChanged' });
  }

  /** The diagnostics of the version current when the thread reaches this message; undefined when superseded or failed. */
  analyze(settings: SettingsMessage, resultId: boolean, previousResultId?: string): Promise<Report | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (m) => resolve(m?.kind === 'report' ? m.report : undefined));
      this.post({ kind: 'analyze', id, settings, resultId, ...(previousResultId !== undefined ? { previousResultId } : {}) });
    });
  }

  /** Runs a feature on the thread; `fallback` when the thread fails. */
  request<F extends Feature>(feature: F, params: FeatureParams<F>, version: number, settings: SettingsMessage, fallback: Awaited<FeatureResult<F>>): Promise<Awaited<FeatureResult<F>> | ResponseError<void>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (m) => {
        if (m?.kind !== 'answer' || m.failed) return resolve(fallback);
        if (m.error) return resolve(new ResponseError(m.error.code, m.error.message));
        resolve(m.result as Awaited<FeatureResult<F>>);
      });
      this.post({ kind: 'request', id, version, feature, params, settings });
    });
  }

  dispose(): void {
    if (this.dead) return;
    this.dead = true;
    this.settle();
    void this.worker.terminate();
  }

  private fail(): void {
    if (this.dead) return;
    this.dead = true;
    this.settle();
    this.onFailure();
  }

  private settle(): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) w(undefined);
  }

  private post(m: ToWorker): void {
    if (this.dead) return;
    try {
      this.worker.postMessage(m);
    } catch (err) {
      this.ctx.log.error('could not send to an analysis thread', err);
      this.fail();
    }
  }

  private receive(m: FromWorker): void {
    if (m.kind === 'log') {
      if (m.level === 'error') this.ctx.log.error(m.message);
      else this.ctx.log[m.level](m.message);
      return;
    }
    const w = this.pending.get(m.id);
    if (!w) return;
    this.pending.delete(m.id);
    w(m);
  }
}

function contentModified(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.ContentModified, 'the document has changed');
}

/** Settings as plain data, for a thread. */
export function settingsMessage(ctx: ServerContext, entry: Entry): SettingsMessage {
  // The thread reads the document's config file itself; reading it here too keeps the config
  // file's own problems published (they are published from the main thread).
  ctx.workspace.configFor(entry.uri);
  return { ...(entry.settings ? { client: entry.settings.values } : {}), defaults: ctx.workspace.defaults.values, folders: ctx.workspace.folders };
}

/**
 * The analysis thread of a document when it is large enough for one (started now if needed),
 * undefined when it is analysed on the main thread. A document that shrinks below the size
 * leaves its thread; one whose thread failed stays on the main thread.
 */
export function remoteFor(ctx: ServerContext, entry: Entry): RemoteDocument | undefined {
  const large = entry.doc.getText().length >= offThreadChars();
  if (!large || entry.remoteFailed) {
    if (entry.remote) {
      entry.remote.dispose();
      entry.remote = undefined;
      ctx.log.info(`${entry.uri} is analysed on the main thread again`);
    }
    return undefined;
  }
  if (entry.remote && !entry.remote.dead) return entry.remote;
  if (ctx.workspace.all().filter((e) => e.remote && !e.remote.dead).length >= MAX_THREADS) return undefined;
  // What the main thread kept of the document's analysis is the thread's to keep now.
  entry.state = undefined;
  ctx.workspace.service.forget(entry.uri);
  try {
    entry.remote = new RemoteDocument(ctx, entry, () => {
      entry.remoteFailed = true;
      entry.remote = undefined;
    });
    ctx.log.info(`${entry.uri} is analysed on its own thread (${entry.doc.getText().length} characters)`);
  } catch (err) {
    ctx.log.error(`could not start an analysis thread for ${entry.uri}: analysing it on the main thread`, err);
    entry.remoteFailed = true;
    entry.remote = undefined;
  }
  return entry.remote;
}

/**
 * Runs a feature for the document `uri`: on its analysis thread when it has one, here
 * otherwise. The thread answers ContentModified for a version the client has since changed.
 */
export function run<F extends Feature>(
  ctx: ServerContext,
  feature: F,
  uri: string | undefined,
  params: FeatureParams<F>,
  fallback: Awaited<FeatureResult<F>>,
): FeatureResult<F> | Promise<Awaited<FeatureResult<F>> | ResponseError<void>> {
  const entry = typeof uri === 'string' ? ctx.workspace.get(uri) : undefined;
  const remote = entry ? remoteFor(ctx, entry) : undefined;
  if (entry && remote) {
    const version = entry.doc.version;
    // Changed while the thread computed the answer: it is for a text the client no longer has.
    return remote.request(feature, params, version, settingsMessage(ctx, entry), fallback).then((r) => (entry.doc.version !== version && !(r instanceof ResponseError) ? contentModified() : r));
  }
  return (FEATURES[feature] as (ctx: ServerContext, p: FeatureParams<F>) => FeatureResult<F>)(ctx, params);
}
