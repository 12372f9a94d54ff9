/**
 * Open documents, their settings, and their analysis (here, or on the document's own thread
 * when it is large: see remote.ts). Each document is analysed at most once
 * per version (lazily, when diagnostics are due or a request needs it); changes are applied
 * incrementally and re-analysis is debounced, so a burst of keystrokes costs one analysis. One
 * plan service serves every document: what it keeps of a document is keyed by the document's
 * URI and dropped when the document closes, so one document's findings never depend on another.
 */
import { dirname, isAbsolute, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { createPlanService, type Analysis, type PlanService } from '../../src/engine';
import { selectDocument, type Selection } from '../../src/engine/features';
import { ConfigLookup, isInside, relativeTo, type LoadedConfig } from '../../src/config/lookup';
import type { GitIgnores } from '../../src/config/gitignore';
import { isRange } from './convert';
import type { Logger } from './log';
import type { RemoteDocument } from './remote';
import { defaultSettings, withConfig, type ServerSettings } from './settings';

export interface DocState {
  version: number;
  analysis: Analysis;
  selection: Selection;
  settings: ServerSettings;
}

export interface Entry {
  uri: string;
  doc: TextDocument;
  settings?: ServerSettings;
  state?: DocState;
  timer?: ReturnType<typeof setTimeout>;
  /** The client has been asked for this document's settings and has not answered yet. */
  settingsPending?: boolean;
  /** Settles once the settings asked for on open have arrived (or the wait for them ended). */
  settingsArrived?: Promise<void>;
  /** The thread that analyses this document when it is large (see remote.ts). */
  remote?: RemoteDocument;
  /** Its thread failed: the document is analysed on the main thread. */
  remoteFailed?: boolean;
  /** When the last change was applied (Date.now()), for the debounce of pulled diagnostics. */
  changedAt?: number;
}

const MARKDOWN_PATH = /\.(?:md|markdown|mdown|mkd|mdx)$/i;

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  readonly service: PlanService = createPlanService();
  /** Workspace folder paths, for matching globs against relative paths. */
  folders: string[] = [];
  /** Settings used until (or instead of) the client's own. */
  defaults: ServerSettings = defaultSettings;
  /** Files not open whose diagnostics Check Workspace pushed (a client that pulls gets them cleared when they open). */
  readonly checked = new Set<string>();
  /** The project config files read (`.scaling-plan.yaml`), kept until one changes. */
  readonly configs = new ConfigLookup();
  /** Settings merged with a config file, kept per pair so that an unchanged pair is the same object. */
  private readonly merged = new WeakMap<ServerSettings, Map<LoadedConfig, ServerSettings>>();

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
      old.remote?.dispose();
      this.service.forget(uri);
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
    // A change the client cannot have meant (a range of negative, fractional or non-numbers, or
    // text that is not a string) is not applied at all: applying it would put text elsewhere.
    if (!Array.isArray(changes) || !changes.every((c) => typeof c?.text === 'string' && ((c as { range?: unknown }).range === undefined || isRange((c as { range?: unknown }).range)))) {
      this.log.warn(`didChange for ${uri} with version ${version}: not a valid range or text; ignored`);
      return undefined;
    }
    const next = typeof version === 'number' ? version : entry.doc.version + 1;
    entry.doc = TextDocument.update(entry.doc, changes, next);
    entry.changedAt = Date.now();
    return entry;
  }

  close(uri: string): Entry | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    this.cancel(entry);
    entry.remote?.dispose();
    entry.remote = undefined;
    this.entries.delete(uri);
    this.service.forget(uri);
    return entry;
  }

  cancel(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
  }

  /** The config file that applies to a document: the nearest from its folder up to its workspace folder. */
  configFor(uri: string): LoadedConfig | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const dir = dirname(path);
    // The innermost workspace folder that holds the document; outside every folder, its own folder only.
    let root = dir;
    let best = -1;
    for (const folder of this.folders) {
      if (isInside(path, folder) && folder.length > best) {
        root = folder;
        best = folder.length;
      }
    }
    try {
      return this.configs.find(dir, root);
    } catch (err) {
      this.log.error(`reading the config file for ${uri} failed`, err);
      return undefined;
    }
  }

  /**
   * Is a file left out of a walk of its workspace folder by a `.gitignore` (as the CLI leaves it
   * out of a folder walk)? `git` reads the `.gitignore` files; one per walk, so that it sees
   * their current text.
   */
  ignoredByGit(uri: string, git: GitIgnores): boolean {
    if (!uri.startsWith('file:')) return false;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return false;
    }
    let root: string | undefined;
    for (const folder of this.folders) if (isInside(path, folder) && (root === undefined || folder.length > root.length)) root = folder;
    if (root === undefined) return false;
    try {
      return git.ignored(path, false, root);
    } catch (err) {
      this.log.error(`reading .gitignore files for ${uri} failed`, err);
      return false;
    }
  }

  /** A document's settings: the client's (or the defaults), then its config file's on top. */
  settingsFor(uri: string, client: ServerSettings | undefined): ServerSettings {
    const base = client ?? this.defaults;
    const config = this.configFor(uri);
    if (!config) return base;
    let byConfig = this.merged.get(base);
    if (!byConfig) this.merged.set(base, (byConfig = new Map()));
    let s = byConfig.get(config);
    if (!s) byConfig.set(config, (s = withConfig(base, config)));
    return s;
  }

  /** Is the document left out by its config file's `ignores`? */
  ignoredByConfig(uri: string, settings: ServerSettings): boolean {
    const config = settings.config;
    if (!config || config.values.ignores.length === 0) return false;
    const path = this.paths(uri)[0]!;
    return isAbsolute(path) && config.ignored(relativeTo(config, path.split('/').join(sep)));
  }

  /** The analysis of the document's current version (computed now if it is missing or stale). */
  state(entry: Entry): DocState {
    const settings = this.settingsFor(entry.uri, entry.settings);
    const cached = entry.state;
    if (cached && cached.version === entry.doc.version && cached.settings === settings) return cached;
    entry.state = undefined;
    const text = entry.doc.getText();
    let analysis: Analysis;
    try {
      analysis = this.service.analyze(text, settings.options, entry.uri);
    } catch (err) {
      this.log.error(`analysis of ${entry.uri} failed`, err);
      this.service.forget(entry.uri);
      analysis = this.service.analyze('', settings.options);
    }
    let selection: Selection;
    try {
      // A document above the size limit is a plan by its frontmatter's head or a glob.
      selection = this.ignoredByConfig(entry.uri, settings) ? { isPlan: false, reason: 'ignored by the config file' } : selectDocument(analysis, this.paths(entry.uri), settings.match);
    } catch (err) {
      this.log.error(`plan detection for ${entry.uri} failed`, err);
      selection = { isPlan: false, reason: 'detection failed' };
    }
    const state: DocState = { version: entry.doc.version, analysis, selection, settings };
    entry.state = state;
    return state;
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
