/**
 * Finding and reading the project configuration file, for the CLI and the language server
 * alike: from a document's folder upward to a root folder (the workspace folder, or the
 * folder the CLI was run in), the nearest `.scaling-plan.yaml`, `.scaling-plan.yml` or
 * `.scaling-plan.json` wins (in that order within one folder). What was read is kept until
 * `clear()`; nothing here throws.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, MAX_CONFIG_BYTES, parseConfig, type ParsedConfig } from '../engine/config';
import { lineStartsOf, positionAt } from '../engine/positions';
import type { Position } from '../engine/types';
import { globMatcher, type GlobMatcher } from '../engine/features/selection';

export interface LoadedConfig extends ParsedConfig {
  /** Absolute path of the file. */
  path: string;
  /** Its folder: globs are relative to it. */
  dir: string;
  /** Problems with positions (0-based, UTF-16), for messages and diagnostics. */
  located: { message: string; start: Position; end: Position }[];
  /** Matches paths relative to `dir` (`/` separators) against the file's `globs`. */
  plans: GlobMatcher;
  /** Matches paths relative to `dir` against the file's `ignores`. */
  ignored: GlobMatcher;
}

/** Folders looked at at most above a document (a symlink loop or a deep tree ends the search). */
const MAX_DEPTH = 64;

export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** Reads one config file (never throws: an unreadable file is a problem of the result). */
export function loadConfig(path: string): LoadedConfig {
  const absolute = resolve(path);
  let parsed: ParsedConfig;
  let text = '';
  try {
    const size = statSync(absolute).size;
    if (size > MAX_CONFIG_BYTES) {
      parsed = parseConfig(' '.repeat(MAX_CONFIG_BYTES + 1));
    } else {
      const bytes = readFileSync(absolute);
      text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      parsed = parseConfig(text, absolute.endsWith('.json'));
    }
  } catch (err) {
    const code = (err as { code?: string } | null)?.code;
    const message = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : err instanceof Error ? err.message.split('\n')[0]! : String(err);
    parsed = { values: { settings: {}, globs: [], ignores: [] }, problems: [{ message: `Could not read the config file: ${message}.`, span: { start: 0, end: 0 } }], options: {} };
  }
  const starts = lineStartsOf(text);
  const at = (offset: number): Position => positionAt(starts, Math.min(offset, text.length));
  const plans = globMatcher(parsed.values.globs);
  // `drafts`, `drafts/` and `drafts/**` all leave out what is under the folder, as in .gitignore.
  const ignored = globMatcher(parsed.values.ignores.flatMap((g) => (g.endsWith('/**') ? [g] : [g.replace(/\/+$/, ''), `${g.replace(/\/+$/, '')}/**`])));
  const located = parsed.problems.map((p) => ({ message: p.message, start: at(p.span.start), end: at(p.span.end) }));
  for (const g of [...plans.rejected, ...ignored.rejected]) located.push({ message: `Glob ${JSON.stringify(g.slice(0, 60))} is too long, too complex or not a glob: ignored.`, start: at(0), end: at(0) });
  // Matched as `/rel/path`: `/drafts/**` is anchored at the config file's folder, `drafts/**` matches at any depth.
  return { ...parsed, path: absolute, dir: dirname(absolute), located, plans: (rel) => plans.match(`/${rel}`), ignored: (rel) => ignored.match(`/${rel}`) };
}

/** The path of `absolute` relative to a config file's folder, with `/` separators. */
export function relativeTo(config: LoadedConfig, absolute: string): string {
  return relative(config.dir, absolute).split(sep).join('/');
}

export class ConfigLookup {
  /** Folder → the config file found in it (null: none there). */
  private readonly inFolder = new Map<string, string | null>();
  private readonly loaded = new Map<string, LoadedConfig>();

  /**
   * The config that applies to a document in folder `dir`: the nearest file from `dir` up to
   * `root` (both included). A folder outside `root` is looked at alone.
   */
  find(dir: string, root: string): LoadedConfig | undefined {
    let current = resolve(dir);
    const top = resolve(root);
    const bounded = isInside(current, top);
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const found = this.fileIn(current);
      if (found) return this.load(found);
      if (!bounded || current === top) return undefined;
      const parent = dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
    return undefined;
  }

  /** Reads (once) the config file at `path`. */
  load(path: string): LoadedConfig {
    const absolute = resolve(path);
    let config = this.loaded.get(absolute);
    if (!config) this.loaded.set(absolute, (config = loadConfig(absolute)));
    return config;
  }

  /** Every config file read so far. */
  all(): LoadedConfig[] {
    return [...this.loaded.values()];
  }

  /** Forgets every folder and file read (a config file was created, changed or deleted). */
  clear(): void {
    this.inFolder.clear();
    this.loaded.clear();
  }

  private fileIn(dir: string): string | null {
    const known = this.inFolder.get(dir);
    if (known !== undefined) return known;
    let found: string | null = null;
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(dir, name);
      try {
        if (statSync(path).isFile()) {
          found = path;
          break;
        }
      } catch {
        // Not there (or not readable): look further.
      }
    }
    this.inFolder.set(dir, found);
    return found;
  }
}
