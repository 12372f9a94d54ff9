/**
 * Paths matched by `.gitignore` files, read with the `ignore` package as git reads them: each
 * file applies to its own folder and below, deeper files win, `!` re-includes. The files read
 * are those from the repository's root (the nearest folder above with `.git`) down to each
 * path's folder; outside a repository, from the folder walked. Used by the CLI's folder walk
 * and by the editor's Check Workspace.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

const posix = (p: string): string => p.split(sep).join('/');

/** `.gitignore` files larger than this are not read. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

export class GitIgnores {
  private readonly files = new Map<string, Ignore | null>();
  private readonly roots = new Map<string, string>();

  /** Is `absolute` (a file, or a folder when `dir`) ignored by a `.gitignore`, walking from `walkRoot`? */
  ignored(absolute: string, dir: boolean, walkRoot: string): boolean {
    const top = this.top(walkRoot);
    const folders: string[] = [];
    for (let d = dirname(absolute); ; d = dirname(d)) {
      folders.push(d);
      if (d === top || dirname(d) === d || folders.length > 256) break;
    }
    let state = false;
    for (let i = folders.length - 1; i >= 0; i--) {
      const folder = folders[i]!;
      const rules = this.rules(folder);
      if (!rules) continue;
      const rel = posix(relative(folder, absolute)) + (dir ? '/' : '');
      if (rel === '/' || rel.startsWith('..')) continue;
      try {
        const r = rules.test(rel);
        if (r.ignored) state = true;
        else if (r.unignored) state = false;
      } catch {
        // A path the package refuses: not ignored.
      }
    }
    return state;
  }

  /** The repository root above `walkRoot`, or `walkRoot` itself outside a repository. */
  private top(walkRoot: string): string {
    let root = this.roots.get(walkRoot);
    if (root) return root;
    root = walkRoot;
    for (let d = walkRoot, n = 0; n < 256; n++) {
      if (existsSync(join(d, '.git'))) {
        root = d;
        break;
      }
      const up = dirname(d);
      if (up === d) break;
      d = up;
    }
    this.roots.set(walkRoot, root);
    return root;
  }

  private rules(folder: string): Ignore | null {
    const known = this.files.get(folder);
    if (known !== undefined) return known;
    let rules: Ignore | null = null;
    const path = join(folder, '.gitignore');
    try {
      if (statSync(path).size <= MAX_GITIGNORE_BYTES) rules = ignore({ allowRelativePaths: true }).add(readFileSync(path, 'utf8'));
    } catch {
      rules = null;
    }
    this.files.set(folder, rules);
    return rules;
  }
}

