/**
 * Which files a folder walk leaves out besides `.gitignore` (src/config/gitignore.ts) and the
 * config file's `ignores`: `--ignore` globs.
 */
import { relative, sep } from 'node:path';
import { globMatcher } from '../engine/features';

const posix = (p: string): string => p.split(sep).join('/');

/**
 * A matcher for `--ignore` globs, relative to `cwd`: `drafts/**`, `*.draft.md`. A glob without
 * `/` matches a name at any depth (as in `.gitignore`); a folder matched is not walked.
 */
export function ignoreGlobs(globs: readonly string[], cwd: string): { test: (absolute: string, dir: boolean) => boolean; rejected: string[] } {
  // The engine's matcher (picomatch, with its bounds on length and complexity), over paths
  // written `/rel/path`: a glob with a `/` is anchored at `cwd`, one without matches at any depth.
  const rawOf = new Map<string, string>();
  const forms: string[] = [];
  const rejected: string[] = [];
  for (const raw of globs) {
    const g = raw.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    if (g === '') {
      rejected.push(raw);
      continue;
    }
    const base = g.includes('/') ? `/${g.replace(/^\/+/, '')}` : g;
    for (const form of [base, `${base}/**`]) {
      rawOf.set(form, raw);
      forms.push(form);
    }
  }
  const matcher = globMatcher(forms);
  for (const form of matcher.rejected) {
    const raw = rawOf.get(form) ?? form;
    if (!rejected.includes(raw)) rejected.push(raw);
  }
  return {
    test: (absolute) => forms.length > 0 && matcher.match(`/${posix(relative(cwd, absolute))}`),
    rejected,
  };
}
