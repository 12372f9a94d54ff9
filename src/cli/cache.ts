/**
 * `--cache`: remembers each file's findings under a hash of its content, the options and the
 * version, so a re-run over unchanged files analyses nothing (like ESLint's --cache).
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { JobResult } from './pool';

interface Entry {
  hash: string;
  result: JobResult;
}

interface CacheFile {
  format: 1;
  entries: Record<string, Entry>;
}

export class ResultCache {
  private entries: Record<string, Entry> = {};
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly salt: string,
  ) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data && data.format === 1 && typeof data.entries === 'object') this.entries = data.entries;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  key(text: string, detect: boolean): string {
    return createHash('sha256').update(this.salt).update(detect ? '\u0001' : '\u0000').update(text).digest('base64url');
  }

  get(path: string, hash: string): JobResult | undefined {
    const e = this.entries[path];
    return e && e.hash === hash ? e.result : undefined;
  }

  set(path: string, hash: string, result: JobResult): void {
    this.entries[path] = { hash, result };
    this.dirty = true;
  }

  /** Writes the cache atomically; a failure to write is not a failure of the check. */
  save(): string | undefined {
    if (!this.dirty) return undefined;
    try {
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: 1, entries: this.entries } satisfies CacheFile));
      renameSync(tmp, this.file);
      return undefined;
    } catch (err) {
      return `could not write the cache ${this.file}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
}
