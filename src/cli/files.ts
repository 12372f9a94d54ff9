/**
 * Finding the files to check and reading them safely. Nothing here throws: every problem is a
 * message for the user (the CLI exits 2 when there was one).
 */
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isInside } from '../config/lookup';

export interface Target {
  /** The path as the user will see it: as given, or joined onto the folder as given. */
  display: string;
  absolute: string;
  /** Named on the command line (always checked), rather than found in a folder (checked if a plan). */
  explicit: boolean;
  /** Index into `Collected.folders` of the folder it was found in. */
  folder?: number;
  /** The bytes read from standard input (`check -`), instead of a file's. */
  stdin?: Uint8Array;
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

/** How a file's text was stored: the CLI writes fixes back the same way. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export type ReadResult =
  | { kind: 'text'; text: string; bom: boolean; encoding: Encoding }
  /** Above the size limit: only its size and its first 64 KB (`head`, to find its frontmatter) are read. */
  | { kind: 'huge'; bytes: number; head: string }
  | { kind: 'error'; message: string };

/** The most read of a file above the size limit: enough to find a frontmatter. */
const HEAD_BYTES = 64 * 1024;

/**
 * Reads a file's text (UTF-8, or UTF-8 or UTF-16 with a byte order mark). A file of more than
 * `maxBytes` bytes (besides its BOM) is refused from its size: only its first 64 KB are read,
 * and never more than `maxBytes` + 4 bytes of any file, even one that grows while it is read.
 * Binary files (NUL bytes) and invalid text are refused with a message.
 */
export function readText(absolute: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(absolute, 'r');
  } catch (err) {
    return { kind: 'error', message: describeError(err) };
  }
  try {
    const size = fstatSync(fd).size;
    const limit = maxBytes + BOM_BYTES;
    if (size > limit) return huge(size, readUpTo(fd, HEAD_BYTES));
    return fromBytes(readUpTo(fd, limit + 1), maxBytes);
  } catch (err) {
    return { kind: 'error', message: describeError(err) };
  } finally {
    closeSync(fd);
  }
}

/** Text from bytes already read (standard input), or the size finding's head when more than `maxBytes` besides a BOM. */
export function fromBytes(bytes: Uint8Array, maxBytes: number): ReadResult {
  if (bytes.length - encodingOf(bytes).bom > maxBytes) return huge(bytes.length, bytes.subarray(0, HEAD_BYTES));
  return decode(bytes);
}

/** The longest byte order mark (UTF-8's). */
const BOM_BYTES = 3;

/** A file too large to read: its head, decoded as its BOM says, for its frontmatter. */
function huge(bytes: number, head: Uint8Array): ReadResult {
  const encoding = encodingOf(head);
  const body = head.subarray(encoding.bom);
  if (encoding.name === 'utf-8' && body.indexOf(0) >= 0) return { kind: 'error', message: 'binary file, not checked' };
  const text = new TextDecoder(encoding.name, { fatal: false }).decode(body);
  if (text.includes('\u0000')) return { kind: 'error', message: 'binary file, not checked' };
  return { kind: 'huge', bytes, head: text };
}

/** Up to `max` bytes from the start of an open file. */
function readUpTo(fd: number, max: number): Buffer {
  const out = Buffer.alloc(Math.min(max, 1024 * 1024));
  let buf = out;
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      if (buf.length >= max) break;
      const bigger = Buffer.alloc(Math.min(max, buf.length * 2));
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    const got = readSync(fd, buf, n, buf.length - n, n);
    if (got === 0) break;
    n += got;
  }
  return buf.subarray(0, n);
}

/** The encoding a byte order mark names (UTF-8 without one), and the BOM's length. */
function encodingOf(bytes: Uint8Array): { name: Encoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { name: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { name: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { name: 'utf-16be', bom: 2 };
  return { name: 'utf-8', bom: 0 };
}

/**
 * Decodes file bytes: UTF-8, or UTF-8 or UTF-16 (little or big endian) after a byte order
 * mark, which is dropped (and remembered). Refuses NUL characters (binary files) and text that
 * is not valid in its encoding.
 */
export function decode(bytes: Uint8Array): ReadResult {
  const { name, bom } = encodingOf(bytes);
  const body = bytes.subarray(bom);
  if (name === 'utf-8') {
    if (body.indexOf(0) >= 0) return { kind: 'error', message: 'binary file, not checked' };
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
      return { kind: 'text', text, bom: bom > 0, encoding: name };
    } catch {
      const at = bom + firstInvalidUtf8(body);
      const line = countLines(bytes, at);
      return { kind: 'error', message: `not valid UTF-8 (line ${line}, byte offset ${at}), not checked` };
    }
  }
  let text: string;
  try {
    if (body.length % 2 !== 0) throw new Error('odd length');
    text = new TextDecoder(name, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return { kind: 'error', message: `not valid ${name === 'utf-16le' ? 'UTF-16 (little endian)' : 'UTF-16 (big endian)'}, not checked` };
  }
  if (text.includes('\u0000')) return { kind: 'error', message: 'binary file, not checked' };
  return { kind: 'text', text, bom: true, encoding: name };
}

/** `text` as the bytes of a file in `encoding`, with a BOM when `bom`. */
export function encode(text: string, encoding: Encoding, bom: boolean): Buffer {
  if (encoding === 'utf-8') return Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
  const le = Buffer.from('\uFEFF' + text, 'utf16le');
  if (encoding === 'utf-16be') le.swap16();
  return le;
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

/**
 * Writes `data` to `absolute` only if, once symbolic links are resolved, it lies inside `root`
 * (the folder the user gave): a link to a file outside, a link into a linked folder outside, or
 * a link to nothing is refused. The file is written at its resolved path; a file that did not
 * exist is created only if nothing appeared there meanwhile. Undefined when written, else why
 * not (`link` when refused for where a link leads, rather than for a file-system error).
 */
export function writeInside(absolute: string, root: string, data: Uint8Array | string): { message: string; link: boolean } | undefined {
  const failed = (err: unknown) => ({ message: describeError(err), link: false });
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (err) {
    return failed(err);
  }
  let real: string;
  let exists = true;
  try {
    real = realpathSync(absolute);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') return failed(err);
    let link: string | undefined;
    try {
      if (lstatSync(absolute).isSymbolicLink()) link = readlinkSync(absolute);
    } catch {
      // Not there at all: created below.
    }
    if (link !== undefined) return { message: `it is a symbolic link to ${link}, which does not exist`, link: true };
    try {
      real = join(realpathSync(dirname(absolute)), basename(absolute));
    } catch (e) {
      return failed(e);
    }
    exists = false;
  }
  if (!isInside(real, realRoot)) return { message: `it is a symbolic link to ${real}, outside ${root}`, link: true };
  try {
    writeFileSync(real, data, { flag: exists ? 'w' : 'wx' });
  } catch (err) {
    return failed(err);
  }
  return undefined;
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
