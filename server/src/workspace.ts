/**
 * Open documents, their settings, and their analysis. Each document is analysed at most once
 * per version (lazily, when diagnostics are due or a request needs it); changes are applied
 * incrementally and re-analysis is debounced, so a burst of keystrokes costs one analysis.
 * The engine caches parsed blocks by content, so re-analysing after an edit re-parses only the
 * blocks the edit touched.
 */
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { analyze, type Analysis, type PreviousVersion } from '../../src/engine';
import { noStages, selectBeforeAnalysis, selectDocument, type Selection, type StagePlan } from '../../src/engine/features';
import type { Logger } from './log';
import { defaultSettings, engineOptions, type ServerSettings } from './settings';
import { collectAround, sizeHeapFor } from './memory';
import { stagePlan } from './stages';

export interface DocState {
  version: number;
  analysis: Analysis;
  selection: Selection;
  settings: ServerSettings;
  stages?: StagePlan;
}

export interface Entry {
  uri: string;
  doc: TextDocument;
  settings?: ServerSettings;
  state?: DocState;
  timer?: ReturnType<typeof setTimeout>;
  /** The client has been asked for this document's settings and has not answered yet. */
  settingsPending?: boolean;
}

/** The previous version's parsed lines, for reuse; the entry's state is dropped. */
function takePrevious(entry: Entry): PreviousVersion | undefined {
  const doc = entry.state?.analysis.model?.doc;
  entry.state = undefined;
  return doc ? { model: { doc } } : undefined;
}

/** Whether the document's analysis is of its current version and settings. */
function isCurrent(entry: Entry, settings: ServerSettings): boolean {
  const cached = entry.state;
  return cached !== undefined && cached.version === entry.doc.version && cached.settings === settings;
}

const MARKDOWN_PATH = /\.(?:md|markdown|mdown|mkd|mdx)$/i;

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  /** Workspace folder paths, for matching globs against relative paths. */
  folders: string[] = [];
  /** Settings used until (or instead of) the client's own. */
  defaults: ServerSettings = defaultSettings;

  constructor(private readonly log: Logger) {}

  /** Only markdown documents are considered. */
  accepts(uri: string, languageId: string): boolean {
    return languageId === 'markdown' || MARKDOWN_PATH.test(uri.replace(/[?#].*$/, ''));
  }

  get(uri: string): Entry | undefined {
    return this.entries.get(uri);
  }

  all(): Entry[] {
    return [...this.entries.values()];
  }

  open(uri: string, languageId: string, version: number, text: string): Entry {
    const old = this.entries.get(uri);
    if (old) {
      this.log.warn(`didOpen for ${uri}, which is already open: replacing it`);
      this.cancel(old);
    }
    const entry: Entry = { uri, doc: TextDocument.create(uri, languageId, version, text) };
    this.entries.set(uri, entry);
    return entry;
  }

  /** Applies changes; undefined when they cannot apply (unknown document, or a version not newer). */
  change(uri: string, version: number | null | undefined, changes: TextDocumentContentChangeEvent[]): Entry | undefined {
    const entry = this.entries.get(uri);
    if (!entry) {
      this.log.warn(`didChange for ${uri}, which is not open: ignored`);
      return undefined;
    }
    if (typeof version === 'number' && version <= entry.doc.version) {
      this.log.warn(`didChange for ${uri} with version ${version}, not newer than ${entry.doc.version}: ignored`);
      return undefined;
    }
    const next = typeof version === 'number' ? version : entry.doc.version + 1;
    entry.doc = TextDocument.update(entry.doc, changes, next);
    return entry;
  }

  close(uri: string): Entry | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    this.cancel(entry);
    this.entries.delete(uri);
    this.sizeHeap();
    return entry;
  }

  /**
   * Heap sizing for the analysed documents now open, and `analysing`, the text about to be
   * analysed: sized before its analysis, which is when the heap grows (see memory.ts).
   */
  private sizeHeap(analysing = 0): void {
    let open = analysing;
    for (const e of this.entries.values()) if (e.state?.analysis.model) open += e.doc.getText().length;
    sizeHeapFor(open);
  }

  cancel(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
  }

  /** The analysis of the document's current version (computed now if it is missing or stale). */
  state(entry: Entry): DocState {
    const settings = entry.settings ?? this.defaults;
    // No reference to the stale analysis stays on the stack while the new one is built.
    if (isCurrent(entry, settings)) return entry.state!;
    return this.reanalyse(entry, settings);
  }

  private reanalyse(entry: Entry, settings: ServerSettings): DocState {
    const text = entry.doc.getText();
    // The previous version's lines are handed to the engine, which reuses the unchanged ones (and
    // may move their spans): nothing else may use them afterwards. The rest of the previous
    // analysis is let go first, so two whole analyses of a large plan are never held at once.
    const wasPlan = entry.state?.selection.isPlan === true;
    let previous = takePrevious(entry);
    const options = engineOptions(settings);
    const paths = this.paths(entry.uri);
    // Markdown that cannot be a plan (a changelog, a readme) is not analysed at all.
    let selection: Selection | undefined;
    try {
      // A plan a moment ago is analysed again at once: the analysis decides whether it still is.
      if (!wasPlan || text.length > (options.maxSize ?? Infinity)) selection = selectBeforeAnalysis(text, paths, settings.globs, options.maxSize);
    } catch (err) {
      this.log.error(`plan detection for ${entry.uri} failed`, err);
    }
    let analysis: Analysis = { findings: [], derivations: [] };
    if (selection?.isPlan !== false) {
      try {
        if (text.length <= (options.maxSize ?? Infinity)) this.sizeHeap(text.length);
        // The previous version is let go as soon as it is handed over (and is gone when the
        // analysis is done).
        analysis = collectAround(text.length, () => {
          const handed = previous;
          previous = undefined;
          return analyze(text, options, handed);
        });
      } catch (err) {
        this.log.error(`analysis of ${entry.uri} failed`, err);
      }
    }
    if (!selection) selection = this.select(entry, analysis, paths, settings);
    const state: DocState = { version: entry.doc.version, analysis, selection, settings };
    entry.state = state;
    this.sizeHeap();
    return state;
  }

  /** Whether an analysed document is a plan (frontmatter, globs, content). */
  private select(entry: Entry, analysis: Analysis, paths: string[], settings: ServerSettings): Selection {
    if (!analysis.model) return { isPlan: false, reason: 'not analysed' };
    try {
      return selectDocument(analysis.model, paths, settings.globs);
    } catch (err) {
      this.log.error(`plan detection for ${entry.uri} failed`, err);
      return { isPlan: false, reason: 'detection failed' };
    }
  }

  /** The stages of a state (computed once per state). */
  stages(entry: Entry, state: DocState): StagePlan {
    if (state.stages) return state.stages;
    let plan = noStages;
    if (state.analysis.model && state.selection.isPlan) {
      try {
        plan = stagePlan(state.analysis.model, state.analysis.findings);
      } catch (err) {
        this.log.error(`stage model of ${entry.uri} failed`, err);
      }
    }
    state.stages = plan;
    return plan;
  }

  /** The forms of a document's path that globs are matched against. */
  paths(uri: string): string[] {
    let path: string;
    try {
      path = uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:\/*/i, '/'));
    } catch {
      return [uri];
    }
    path = path.replace(/\\/g, '/');
    const out = [path];
    for (const folder of this.folders) {
      const f = folder.replace(/\\/g, '/').replace(/\/+$/, '');
      if (path.startsWith(f + '/')) out.push(path.slice(f.length + 1));
    }
    return out;
  }
}
