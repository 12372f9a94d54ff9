/**
 * Which markdown documents get the plan features: those whose frontmatter has `scaling-plan`,
 * those whose path matches a configured glob, and those whose content shows a plan (ranges of
 * users in stage titles, costs per period, uptime targets, scaling headings with stages).
 * Other markdown (a README, a changelog) gets no findings. Globs are matched by picomatch.
 */
import picomatch from 'picomatch';
import type { Analysis } from '../engine';
import { UPTIME_WORDS, hasWord, normalizeLabel } from '../vocabulary';

export interface Selection {
  isPlan: boolean;
  reason: string;
}

/** Globs longer than this, or more of them than `MAX_GLOBS`, are ignored (settings are untrusted). */
const MAX_GLOB_LENGTH = 500;
const MAX_GLOBS = 100;
/**
 * picomatch compiles a glob to a regular expression whose every `*` may backtrack: with n
 * characters to try, k runs of `*` cost up to about n^(k-1) steps. Globs with more runs than
 * this (counting the leading `**` a relative glob is given), with many brace alternatives, or
 * with a repeated extglob (`+(a|aa)`, `*(…)`: repetition of alternatives) are refused.
 */
const MAX_STAR_RUNS = 3;
const MAX_BRACE_GROUPS = 2;
/** Paths longer than this, or deeper, match no glob (a path is at most 4,096 bytes on Linux). */
const MAX_PATH_LENGTH = 1024;
const MAX_PATH_DEPTH = 64;

export type GlobMatcher = (path: string) => boolean;

/** Why a glob is refused: too long, too many wildcards or alternatives; undefined when fine. */
function tooComplex(pattern: string): string | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) return 'too long';
  const runs = pattern.match(/\*+/g)?.length ?? 0;
  if (runs > MAX_STAR_RUNS) return `more than ${MAX_STAR_RUNS} wildcards`;
  if (/[*+]\(/.test(pattern)) return 'a repeated extglob';
  const braces = pattern.match(/\{/g)?.length ?? 0;
  // A range (`{1..1000}`) is as many alternatives as it has numbers.
  if (braces > MAX_BRACE_GROUPS || (braces > 0 && ((pattern.match(/,/g)?.length ?? 0) > 8 || pattern.includes('..')))) return 'too many alternatives';
  return undefined;
}

/**
 * A matcher for a list of globs. A glob that does not start with `/` matches the end of a path
 * (`docs/*.md` matches `/work/app/docs/plan.md`); `/docs/**` matches from the root. Globs that
 * cannot be compiled, or that are too complex to match in bounded time, are skipped (and
 * listed in `rejected`).
 */
export function globMatcher(globs: readonly string[]): { match: GlobMatcher; rejected: string[] } {
  const tests: ((p: string) => boolean)[] = [];
  const rejected: string[] = [];
  for (const raw of globs.slice(0, MAX_GLOBS)) {
    if (typeof raw !== 'string') continue;
    const g = raw.trim().replace(/^\.\//, '');
    if (g === '') continue;
    const pattern = g.startsWith('/') ? g : g.startsWith('**/') ? g : `**/${g}`;
    if (tooComplex(pattern)) {
      rejected.push(raw);
      continue;
    }
    try {
      tests.push(picomatch(pattern, { dot: true, maxLength: MAX_GLOB_LENGTH * 2 }));
    } catch {
      rejected.push(raw);
    }
  }
  const match: GlobMatcher = (path) => {
    const p = path.replace(/\\/g, '/');
    if (p.length > MAX_PATH_LENGTH || tests.length === 0) return false;
    let depth = 0;
    for (let i = p.indexOf('/'); i >= 0 && depth <= MAX_PATH_DEPTH; i = p.indexOf('/', i + 1)) depth++;
    return depth <= MAX_PATH_DEPTH && tests.some((t) => t(p));
  };
  return { match, rejected };
}

/** Frontmatter that names the document a plan: `scaling-plan:` as a top-level key. */
const FRONTMATTER_MARK = /^(?:\uFEFF)?---[ \t]*\r?\n(?:(?!---|\.\.\.)[^\n]*\n){0,200}?scaling-plan[ \t]*:/;

/** The text opens with frontmatter that has a `scaling-plan` key (read from its first 8 KB). */
export function hasPlanFrontmatter(text: string): boolean {
  return FRONTMATTER_MARK.test(text.slice(0, 8192));
}

const STAGE_TITLE = /\b(?:stage|phase|tier|level)\s*\d+\b/i;
const SCALING_HEADING = /\bscal(?:e|ing)\b.*\b(?:plan|strategy|infrastructure|roadmap|guide)\b|\b(?:growth|infrastructure)\b.*\b(?:plan|roadmap|stages?)\b/i;

/**
 * Decides from an analysis: frontmatter, then the evidence of its content. A document not
 * analysed (above the size limit) is decided by the head of its frontmatter alone, so that a
 * plan too large to check still gets the finding that says so.
 */
export function detectPlan(analysis: Analysis): Selection {
  if (analysis.frontmatter.isPlan) return { isPlan: true, reason: 'frontmatter' };
  const model = analysis.model;
  if (!model) return hasPlanFrontmatter(analysis.text) ? { isPlan: true, reason: 'frontmatter' } : { isPlan: false, reason: 'not analysed' };
  let userRanges = 0;
  let moneyPerPeriod = 0;
  let uptime = 0;
  let scores = 0;
  let stageTitles = 0;
  let scalingHeading = false;
  for (const s of model.sections) if (s.title && SCALING_HEADING.test(s.title)) scalingHeading = true;
  for (const row of model.rows) {
    if (row.program) continue;
    const title = row.source === 'heading' || row.bold || /:\s*$/.test(row.content.replace(/\*\*/g, ''));
    const stage = STAGE_TITLE.test(row.content);
    if (stage && (title || row.claims.length > 0)) stageTitles++;
    for (const c of row.claims) {
      if (c.q.blank) {
        if (c.unit.dim === 'score') scores++;
        continue;
      }
      if (c.unit.dim === 'count' && (c.unit.noun === 'user' || c.unit.noun === 'customer') && (c.q.high !== undefined || c.q.open) && (stage || title || row.cells)) userRanges++;
      else if (c.unit.dim === 'money' && c.unit.per) moneyPerPeriod++;
      else if (c.unit.dim === 'score') scores++;
      else if (c.unit.dim === 'percent' && hasWord(normalizeLabel(row.content), UPTIME_WORDS)) uptime++;
    }
  }
  if (userRanges >= 2) return { isPlan: true, reason: 'stage ranges' };
  if (stageTitles >= 2 && (moneyPerPeriod >= 1 || uptime >= 1 || userRanges >= 1)) return { isPlan: true, reason: 'stages with figures' };
  if (scalingHeading && stageTitles >= 1 && moneyPerPeriod >= 1) return { isPlan: true, reason: 'scaling headings with stages and costs' };
  if (moneyPerPeriod >= 3 && (uptime >= 1 || userRanges >= 1)) return { isPlan: true, reason: 'cost blocks' };
  if (scalingHeading && scores >= 4) return { isPlan: true, reason: 'a scaling worksheet with scores' };
  return { isPlan: false, reason: 'no stages, cost blocks or scaling headings' };
}

/**
 * Decides for one document. `paths` are the forms of its path globs are matched against
 * (absolute, and relative to each workspace folder), with `/` separators.
 */
export function selectDocument(analysis: Analysis, paths: readonly string[], match: GlobMatcher): Selection {
  if (analysis.frontmatter.isPlan || (!analysis.model && hasPlanFrontmatter(analysis.text))) return { isPlan: true, reason: 'frontmatter' };
  if (paths.some(match)) return { isPlan: true, reason: 'matches a glob' };
  return detectPlan(analysis);
}
