/**
 * Which markdown documents get the plan features: those whose frontmatter has `scaling-plan`,
 * those whose path matches a configured glob, and those whose content shows a plan (see
 * `detectPlan`). Globs are matched here without I/O: `*`, `**`, `?`, `[abc]` and `{a,b}`.
 */
import { detectPlan, hasPlanFrontmatter, mayBePlan } from '../detect';
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

/**
 * Decides from the text alone, before any analysis, when that is enough; undefined when an
 * analysis must decide. A document whose path matches a glob is a plan. One with frontmatter is
 * left to the analysis (the frontmatter decides, and may be on its way to making it a plan). One
 * whose content cannot be a plan ({@link mayBePlan}) is not one. A document longer than `limit`
 * is not analysed at all, so it is always decided here, by its frontmatter and its start.
 */
export function selectBeforeAnalysis(text: string, paths: readonly string[], globs: readonly string[], limit = Infinity): Selection | undefined {
  for (const glob of globs) {
    if (paths.some((p) => matchesGlob(p, glob))) return { isPlan: true, reason: `matches ${glob}` };
  }
  const tooLarge = text.length > limit;
  if (hasPlanFrontmatter(text)) return tooLarge ? { isPlan: true, reason: 'frontmatter' } : undefined;
  if (!tooLarge && /^---[ \t]*\r?\n/.test(text)) return undefined;
  if (mayBePlan(tooLarge ? text.slice(0, limit) : text)) return tooLarge ? { isPlan: true, reason: 'plan content' } : undefined;
  return { isPlan: false, reason: 'no plan content' };
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
