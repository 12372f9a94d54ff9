/**
 * Which markdown documents get the plan features: those whose frontmatter has `scaling-plan`,
 * those whose path matches a configured glob, and those whose content shows a plan (see
 * `detectPlan`). Globs are matched here without I/O: `*`, `**`, `?`, `[abc]` and `{a,b}`.
 */
import { detectPlan } from '../detect';
import type { PlanModel } from '../model';

export interface Selection {
  isPlan: boolean;
  reason: string;
}

/**
 * Decides for one document. `paths` are the forms of its path to match globs against
 * (absolute, and relative to each workspace folder), with `/` separators.
 */
export function selectDocument(model: PlanModel, paths: readonly string[], globs: readonly string[]): Selection {
  if (model.frontmatter.isPlan) return { isPlan: true, reason: 'frontmatter' };
  for (const glob of globs) {
    if (paths.some((p) => matchesGlob(p, glob))) return { isPlan: true, reason: `matches ${glob}` };
  }
  return detectPlan(model);
}

const cache = new Map<string, RegExp>();

/**
 * Does `path` match `glob`? Globs match the end of the path (`docs/*.md` matches
 * `/work/app/docs/plan.md`), unless they start with `/`.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const g = glob.trim();
  if (g === '') return false;
  let re = cache.get(g);
  if (!re) {
    re = globToRegExp(g);
    if (cache.size > 200) cache.clear();
    cache.set(g, re);
  }
  return re.test(path.replace(/\\/g, '/'));
}

export function globToRegExp(pattern: string): RegExp {
  const absolute = pattern.startsWith('/');
  const glob = pattern.replace(/^\.\//, '').replace(/^\/+/, '');
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:[^/]*/)*';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        out += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  while (braces-- > 0) out += ')';
  return new RegExp(`^${absolute ? '/' : '(?:.*/)?'}${out}$`);
}
