/**
 * Suppression comments: HTML comments in the plan that silence findings.
 *
 * - `<!-- scaling-plan-disable-next-line totals -->`: findings that start on the next line;
 * - `<!-- scaling-plan-disable totals -->` … `<!-- scaling-plan-enable totals -->`: findings
 *   that start between the two (to the end of the document without an `enable`);
 * - `<!-- scaling-plan-disable-file -->`: findings anywhere in the document.
 *
 * Without a rule list a comment applies to every rule; several ids are separated by commas or
 * spaces, and ` -- ` starts a free-text reason. Only comments that are HTML blocks of their own
 * are read (a comment inside a code block or inline in a paragraph is text). A comment naming
 * a rule the engine does not have is reported (`disable-comment`); with `reportUnusedDisables`,
 * so is a comment that silences nothing (`unused-disable`). Pure: reads the outline only.
 */
import { Flag, Kind, lineAt, type Outline } from './markdown';
import type { EngineOptions, Finding, Severity, Span } from './types';

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids as written, with where each is; empty for every rule. */
  rules: { id: string; span: Span }[];
  /** The whole comment. */
  span: Span;
  /** 0-based lines where the comment starts and ends. */
  line: number;
  endLine: number;
}

export const DIRECTIVE_PREFIX = 'scaling-plan-';

const DIRECTIVE = /<!--\s*scaling-plan-(disable-next-line|disable-file|disable|enable)(?=[\s,]|-->)([\s\S]*?)-->/g;
/** Lines of one HTML block read at most, and comments read at most (a document is untrusted). */
const MAX_BLOCK_LINES = 200;
const MAX_DIRECTIVES = 5000;

/** The suppression comments of a document, in order. */
export function readDirectives(outline: Outline): Directive[] {
  const out: Directive[] = [];
  const { kind, lineStarts, text, flags } = outline;
  const count = lineStarts.length;
  const lineText = (l: number): string => text.slice(lineStarts[l]!, l + 1 < count ? lineStarts[l + 1]! : text.length);
  for (let i = 0; i < count && out.length < MAX_DIRECTIVES; i++) {
    let j = i;
    if (kind[i] === Kind.Html) {
      while (j + 1 < count && kind[j + 1] === Kind.Html && j + 1 - i < MAX_BLOCK_LINES) j++;
    } else if ((flags[i]! & Flag.TooDeep) !== 0 && /^ {0,3}<!--/.test(lineText(i))) {
      // Near lists nested too deep the lines are read as text: a comment starting a line is
      // still a comment of its own (it runs to its `-->`).
      while (!lineText(j).includes('-->') && j + 1 < count && j + 1 - i < MAX_BLOCK_LINES) j++;
    } else continue;
    const start = lineStarts[i]!;
    const end = j + 1 < count ? lineStarts[j + 1]! : text.length;
    const block = text.slice(start, end);
    if (block.includes(DIRECTIVE_PREFIX)) {
      for (const m of block.matchAll(DIRECTIVE)) {
        const at = start + m.index;
        const span = { start: at, end: at + m[0].length };
        const body = m[2]!;
        const bodyStart = at + m[0].indexOf(body, 4 + DIRECTIVE_PREFIX.length + m[1]!.length);
        // ` -- reason` ends the rule list.
        const reason = /(?:^|\s)--(?:\s|$)/.exec(body);
        const list = reason ? body.slice(0, reason.index) : body;
        const rules: Directive['rules'] = [];
        for (const r of list.matchAll(/[^\s,]+/g)) rules.push({ id: r[0], span: { start: bodyStart + r.index, end: bodyStart + r.index + r[0].length } });
        out.push({ kind: m[1] as DirectiveKind, rules, span, line: lineAt(lineStarts, span.start), endLine: lineAt(lineStarts, span.end - 1) });
        if (out.length >= MAX_DIRECTIVES) break;
      }
    }
    i = j;
  }
  return out;
}

export interface Suppressed {
  /** The findings left. */
  findings: Finding[];
  /** The findings the comments silenced. */
  suppressed: Finding[];
}

/** Ids the comments may name besides the registry's rules: findings the engine reports itself. */
export const ENGINE_FINDING_IDS = ['frontmatter', 'disable-comment', 'unused-disable', 'too-large', 'internal-error'];

const UNUSED_SEVERITY: Severity = 'warning';

/**
 * Applies the comments of `outline` to `findings` (sorted or not). `known` holds the rule ids a
 * comment may name. Problems of the comments themselves are added as findings.
 */
export function applySuppressions(outline: Outline, findings: Finding[], known: ReadonlySet<string>, options: Pick<EngineOptions, 'rules'> & { reportUnusedDisables?: boolean }): Suppressed {
  const directives = readDirectives(outline);
  if (directives.length === 0) return { findings, suppressed: [] };
  const own: Finding[] = [];
  const severityOf = (id: string, fallback: Severity): Severity | 'off' => options.rules[id] ?? fallback;
  const comment = severityOf('disable-comment', 'warning');
  for (const d of directives) {
    for (const r of d.rules) {
      if (known.has(r.id) || comment === 'off') continue;
      own.push({
        rule: 'disable-comment',
        severity: comment,
        message: `Unknown rule \`${r.id.length > 40 ? `${r.id.slice(0, 39)}…` : r.id}\` in scaling-plan-${d.kind}: it silences nothing.`,
        span: r.span,
        fixes: [],
        related: [],
      });
    }
  }
  // Which comment silenced what: per directive, per listed id (or '*' for all rules).
  const used = directives.map(() => new Set<string>());
  const names = (d: Directive, rule: string): boolean => d.rules.length === 0 || d.rules.some((r) => r.id === rule);
  const credit = (k: number, rule: string): void => void used[k]!.add(directives[k]!.rules.length === 0 ? '*' : rule);
  const fileWide = directives.map((d, k) => (d.kind === 'disable-file' ? k : -1)).filter((k) => k >= 0);
  const nextLine = new Map<number, number[]>();
  directives.forEach((d, k) => {
    if (d.kind !== 'disable-next-line') return;
    const list = nextLine.get(d.endLine + 1);
    if (list) list.push(k);
    else nextLine.set(d.endLine + 1, [k]);
  });
  // The state after each disable/enable comment, in document order: which comment disables
  // every rule, and which disable (or enable, -1) each listed rule.
  const ranged = directives.map((d, k) => ({ d, k })).filter(({ d }) => d.kind === 'disable' || d.kind === 'enable');
  const states: { line: number; all: number; per: Map<string, number> }[] = [];
  {
    let all = -1;
    let per = new Map<string, number>();
    for (const { d, k } of ranged) {
      if (d.rules.length === 0) {
        all = d.kind === 'disable' ? k : -1;
        per = new Map();
      } else {
        per = new Map(per);
        for (const r of d.rules) per.set(r.id, d.kind === 'disable' ? k : -1);
      }
      states.push({ line: d.line, all, per });
    }
  }
  /** The disable comment in force for `rule` at `line` (its index), or -1. */
  const rangeAt = (line: number, rule: string): number => {
    // The last comment that starts before the line.
    let lo = 0;
    let hi = states.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (states[mid]!.line < line) lo = mid + 1;
      else hi = mid;
    }
    const state = states[lo - 1];
    if (!state) return -1;
    return state.per.has(rule) ? state.per.get(rule)! : state.all;
  };
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const line = lineAt(outline.lineStarts, f.span.start);
    let by = (nextLine.get(line) ?? []).find((k) => names(directives[k]!, f.rule)) ?? -1;
    if (by < 0 && ranged.length > 0) by = rangeAt(line, f.rule);
    if (by < 0) by = fileWide.find((k) => names(directives[k]!, f.rule)) ?? -1;
    if (by < 0) {
      kept.push(f);
      continue;
    }
    credit(by, f.rule);
    suppressed.push(f);
  }
  const unusedSeverity = severityOf('unused-disable', UNUSED_SEVERITY);
  if (options.reportUnusedDisables && unusedSeverity !== 'off') {
    directives.forEach((d, k) => {
      if (d.kind === 'enable') return;
      const silenced = used[k]!;
      if (d.rules.length === 0) {
        if (silenced.size === 0) own.push(unused(d.span, `scaling-plan-${d.kind} silences no finding.`, unusedSeverity));
        return;
      }
      for (const r of d.rules) {
        if (!known.has(r.id) || silenced.has(r.id)) continue;
        own.push(unused(r.span, `scaling-plan-${d.kind} ${r.id} silences no finding.`, unusedSeverity));
      }
    });
  }
  if (own.length > 0) {
    kept.push(...own);
    kept.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  }
  return { findings: kept, suppressed };
}

function unused(span: Span, message: string, level: Severity): Finding {
  return { rule: 'unused-disable', severity: level, message, span, fixes: [], related: [] };
}
