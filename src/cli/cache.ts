/**
 * `--cache`: remembers each file's findings under a hash of its content, its settings and the
 * tool's version, so a re-run over unchanged files analyses nothing (like ESLint's --cache).
 *
 * The cache file is not trusted: it is gzip-compressed JSON whose every entry is checked on
 * reading (shape, rule ids, severities, messages without control characters, spans inside the
 * text they are for). A file that fails is ignored, said once, and written anew at the end of
 * the run. A file written by another version of the tool is dropped without a word.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Finding } from '../engine';
import type { JobResult } from './pool';

/** Cache files larger than this (compressed, or once decompressed) are not read. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
const FORMAT = 2;

const span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).strict().refine((s) => s.start <= s.end);
/** Messages and titles are one line of text: no terminal escapes or other control characters. */
const line = z.string().max(4000).regex(/^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$/);
const finding = z
  .object({
    rule: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
    severity: z.enum(['error', 'warning', 'information', 'hint']),
    message: line,
    span,
    fixes: z.array(z.object({ title: line, edits: z.array(z.object({ span, newText: z.string().max(100_000) }).strict()).max(10_000) }).strict()).max(100),
    related: z.array(z.object({ span, message: line }).strict()).max(10_000),
    data: z.object({ expected: z.number().optional(), expectedHigh: z.number().optional(), relation: z.number().optional() }).strict().optional(),
  })
  .strict();
const entry = z.tuple([z.string().regex(/^[A-Za-z0-9_-]{43}$/), z.boolean(), z.array(finding).max(100_000)]);
const cacheFile = z.object({ format: z.literal(FORMAT), version: z.string(), entries: z.record(z.string(), entry) }).strict();

type Entry = z.infer<typeof entry>;

export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  private dirty = false;
  /** Why the cache file was not used (said once), if it was not. */
  problem: string | undefined;

  constructor(
    private readonly file: string,
    private readonly version: string,
  ) {
    const bytes = readUpTo(file, MAX_CACHE_BYTES);
    if (bytes === undefined) return;
    const bad = (why: string): void => {
      this.problem = `${file}: not a valid cache (${why}); ignored, and written anew`;
      this.dirty = true;
    };
    if (bytes === null) {
      bad('too large');
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(gunzipSync(bytes, { maxOutputLength: MAX_CACHE_BYTES }).toString('utf8'));
    } catch {
      bad('not readable');
      return;
    }
    // Another version's cache: its findings may differ; start afresh.
    if (typeof data === 'object' && data !== null && (data as { version?: unknown }).version !== version && (data as { format?: unknown }).format === FORMAT) {
      this.dirty = true;
      return;
    }
    const parsed = cacheFile.safeParse(data);
    if (!parsed.success) {
      bad(`unexpected content at ${parsed.error.issues[0]?.path.join('.') || 'its top'}`);
      return;
    }
    for (const [path, e] of Object.entries(parsed.data.entries)) this.entries.set(path, e);
  }

  /** The key of a text with its settings (the options and how it is selected) and the tool's version. */
  key(text: string, settings: string): string {
    return createHash('sha256').update(`${this.version}\u0000${settings}\u0000`).update(text).digest('base64url');
  }

  /** The result kept for `path` under `hash`, when its findings fit `text`. */
  get(path: string, hash: string, text: string): JobResult | undefined {
    const e = this.entries.get(path);
    if (!e || e[0] !== hash) return undefined;
    const fits = (s: { start: number; end: number }): boolean => s.end <= text.length;
    const ok = e[2].every((f) => fits(f.span) && f.related.every((r) => fits(r.span)) && f.fixes.every((x) => x.edits.every((d) => fits(d.span))));
    if (!ok) {
      // Only a crafted or damaged file has findings outside their text.
      this.problem ??= `${this.file}: not a valid cache (a finding outside its file); ignored, and written anew`;
      this.entries.delete(path);
      this.dirty = true;
      return undefined;
    }
    return { isPlan: e[1], findings: e[2] as Finding[] };
  }

  set(path: string, hash: string, result: JobResult): void {
    this.entries.set(path, [hash, result.isPlan, result.findings]);
    this.dirty = true;
  }

  /** Writes the cache atomically; a failure to write is not a failure of the check. */
  save(): string | undefined {
    if (!this.dirty) return undefined;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      const data = { format: FORMAT, version: this.version, entries: Object.fromEntries(this.entries) };
      writeFileSync(tmp, gzipSync(JSON.stringify(data)), { flag: 'wx' });
      renameSync(tmp, this.file);
      return undefined;
    } catch (err) {
      try {
        unlinkSync(tmp);
      } catch {
        // Never written.
      }
      return `could not write the cache ${this.file}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
}

/** The file's bytes; undefined when there is none (or it cannot be read), null when larger than `max`. */
function readUpTo(file: string, max: number): Buffer | null | undefined {
  let fd: number;
  try {
    // Not opened unless a regular file (opening a FIFO would wait for a writer).
    if (!statSync(file).isFile()) return undefined;
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (st.size > max) return null;
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
