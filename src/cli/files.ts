/**
 * Finding the files to check and reading them safely. Nothing here throws: every problem is a
 * message for the user (the CLI exits 2 when there was one).
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Target {
  /** The path as the user will see it: as given, or joined onto the folder as given. */
  display: string;
  absolute: string;
  /** Named on the command line (always checked), rather than found in a folder (checked if a plan). */
  explicit: boolean;
  /** Index into `Collected.folders` of the folder it was found in. */
  folder?: number;
}

export interface Collected {
  targets: Target[];
  /** `path: message` lines for paths that could not be used. */
  errors: string[];
  /** The folders named on the command line, with how many markdown files each held. */
  folders: { display: string; absolute: string; markdown: number }[];
  /** Files named on the command line that an ignore glob leaves out. */
  skipped: string[];
}

const SKIPPED_FOLDERS = new Set(['node_modules']);

/** Which paths to leave out: `walkRoot` is the folder given on the command line (undefined for a named file). */
export type Exclude = (absolute: string, dir: boolean, walkRoot: string | undefined) => boolean;

/** Expands the paths given on the command line into the files to check, in a stable order. */
export function collectTargets(paths: readonly string[], cwd: string, exclude: Exclude = () => false): Collected {
  const out: Collected = { targets: [], errors: [], folders: [], skipped: [] };
  const seen = new Map<string, Target>();
  const add = (t: Target): void => {
    const earlier = seen.get(t.absolute);
    if (!earlier) {
      seen.set(t.absolute, t);
      out.targets.push(t);
    } else if (t.explicit && !earlier.explicit) {
      // Found in a folder and also named: named files are always checked.
      earlier.explicit = true;
    }
  };
  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = resolve(cwd, given);
    let isDir: boolean;
    try {
      const st = statSync(absolute);
      if (!st.isDirectory() && !st.isFile()) {
        out.errors.push(`${given}: not a file or folder`);
        continue;
      }
      isDir = st.isDirectory();
    } catch (err) {
      out.errors.push(`${given}: ${describeError(err)}`);
      continue;
    }
    if (!isDir) {
      if (!exclude(absolute, false, undefined)) add({ display: given, absolute, explicit: true });
      else out.skipped.push(given);
      continue;
    }
    const found: Target[] = [];
    walk(absolute, given === '.' ? '' : given, out.folders.length, found, out.errors, (p, dir) => exclude(p, dir, absolute));
    out.folders.push({ display: given, absolute, markdown: found.length });
    for (const t of found) add(t);
  }
  return out;
}

function walk(folder: string, display: string, index: number, into: Target[], errors: string[], exclude: (absolute: string, dir: boolean) => boolean): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (err) {
    errors.push(`${display || '.'}: ${describeError(err)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = join(folder, entry.name);
    const shown = display ? join(display, entry.name) : entry.name;
    let dir = entry.isDirectory();
    let file = entry.isFile();
    // Symbolic links to files are followed; links to folders are not (they can make cycles).
    if (entry.isSymbolicLink()) {
      try {
        file = statSync(absolute).isFile();
      } catch {
        file = false;
      }
      dir = false;
    }
    if (dir) {
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name) || exclude(absolute, true)) continue;
      walk(absolute, shown, index, into, errors, exclude);
    } else if (file && /\.md$/i.test(entry.name)) {
      if (exclude(absolute, false)) continue;
      into.push({ display: shown, absolute, explicit: false, folder: index });
    }
  }
}

export type ReadResult =
  | { kind: 'text'; text: string; bom: boolean }
  /** Too large to read at all: only its size and its first 64 KB (`head`, to find its frontmatter) are known. */
  | { kind: 'huge'; bytes: number; head: string }
  | { kind: 'error'; message: string };

/** Files beyond this many bytes are not read into memory (a string that size could fail). */
const READ_LIMIT = 256 * 1024 * 1024;

/**
 * Reads a file as UTF-8 text. Binary files (NUL bytes) and invalid UTF-8 are refused with a
 * message; a file too large to be analysed and to be read whole is reported by size.
 */
export function readText(absolute: string, maxSize: number): ReadResult {
  try {
    const size = statSync(absolute).size;
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so such a file is over the limit for sure.
    if (size > READ_LIMIT && size > 3 * maxSize) {
      const head = readHead(absolute);
      return head.indexOf(0) >= 0 ? { kind: 'error', message: 'binary file, not checked' } : { kind: 'huge', bytes: size, head: new TextDecoder('utf-8').decode(head) };
    }
    const bytes = readFileSync(absolute);
    return decode(bytes);
  } catch (err) {
    return { kind: 'error', message: describeError(err) };
  }
}

/** Decodes file bytes: refuses NUL bytes and invalid UTF-8; drops (and remembers) a BOM. */
export function decode(bytes: Uint8Array): ReadResult {
  if (bytes.indexOf(0) >= 0) return { kind: 'error', message: 'binary file, not checked' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // The decoder drops a leading BOM itself (ignoreBOM is false).
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { kind: 'text', text, bom };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = countLines(bytes, at);
    return { kind: 'error', message: `not valid UTF-8 (line ${line}, byte offset ${at}), not checked` };
  }
}

/** The first 64 KB of a file. */
function readHead(absolute: string): Buffer {
  const fd = openSync(absolute, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (the length when none). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const n = b[i + k];
      if (n === undefined || (n & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (n & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

function countLines(b: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (b[i] === 10) line++;
  return line;
}

/** A short, stack-free description of a file-system error. */
export function describeError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'not a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return message.split('\n')[0]!;
    }
  }
}
