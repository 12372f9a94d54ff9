import { isTitleLine } from '../model';
import { defineRule } from '../rule';
import { describeEntry, entryName, keyOf, owners, stageModel, stageOfEntry, type StageEntry } from '../stages';
import type { Finding } from '../types';

const ID = 'milestone-stage';

/** `by 5,000 users`, `at 10K users`, `reaching 2,000 users`, `once we hit 1K users`, `milestone: 3,000 users`. */
const MILESTONE = /(?:\b(?:by|at|reach(?:es|ing)?|hit(?:s|ting)?)\s+|\bmilestones?\s*:\s*)(?:~\s*|about\s+|around\s+)?$/i;
/** A clause that is only the milestone: `, by 3,000 users.` after what it dates. */
const MILESTONE_ONLY = /^\s*(?:by|at|reach(?:es|ing)?|hit(?:s|ting)?|once we (?:reach|hit))\s+(?:~\s*|about\s+|around\s+)?$/i;
/**
 * Where a clause ends: a semicolon, the end of a sentence, a spaced dash, or a word that moves
 * on (`then`, `but`, `later`, `and by`).
 */
const CLAUSE_END = /;|[.!?](?=\s|$)|\s[-–—]\s|\b(?:then|but|later|afterwards|whereas|while)\b|\band\s+(?=(?:by|at|once|when|reaching)\b)/gi;
/** `grows by 500 users`, `up by 1K users`: a change, not a milestone. */
const CHANGE_BY = /\b(?:grow\w*|increas\w*|ris\w*|jump\w*|drop\w*|declin\w*|fall\w*|shrink\w*|reduc\w*|up|down|expand\w*|add\w*)\s+(?:[\w-]+\s+){0,2}by\s+(?:~\s*|about\s+|around\s+)?$/i;
/** `load tested at 10K users`, `breaks at 5,000 users`, `cost at 1,000 users`: capacity or figures, not milestones. */
const NOT_A_MILESTONE_AT = /\b(?:test\w*|handl\w*|support\w*|capacity|limit\w*|break\w*|bottleneck\w*|up to|max\w*|peak\w*|load\w*|concurrent|fail\w*|slow\w*|degrad\w*|costs?|pric\w*|revenue|margin|profit|spend\w*)\b|[$€£]/i;
const STAGE_NAMED = /\b(stage|phase|tier|level)\s+(\d{1,2})(?!\d|[.,]\d|%)/gi;

/**
 * Whether a mention of the stage (at one of `stagesAt`) and the milestone at [`from`, `to`) sit in one clause of
 * `text`. Commas part clauses too, except from a part that is only the milestone (`read
 * replicas in Stage 2, by 3,000 users`), which belongs to the clause it follows (or, first on
 * the line, to the one it leads).
 */
function sameClause(text: string, stagesAt: number[], from: number, to: number): boolean {
  const clause = (at: number): [number, number] => {
    let start = 0;
    let end = text.length;
    CLAUSE_END.lastIndex = 0;
    for (let m = CLAUSE_END.exec(text); m; m = CLAUSE_END.exec(text)) {
      if (m.index + m[0].length <= at) start = m.index + m[0].length;
      else if (m.index >= at) {
        end = m.index;
        break;
      }
    }
    return [start, end];
  };
  const [start, end] = clause(from);
  const stageAt = stagesAt.find((at) => at >= start && at < end);
  if (stageAt === undefined) return false;
  // Within the clause, the comma-separated part of each.
  const parts: [number, number][] = [];
  let p = start;
  for (let i = start; i <= end; i++) {
    // Not the comma of a number (`3,000`).
    if (i === end || (text[i] === ',' && !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')))) {
      parts.push([p, i]);
      p = i + 1;
    }
  }
  const partOf = (at: number): number => parts.findIndex(([a, b]) => at >= a && at < b);
  const stagePart = partOf(stageAt);
  let milestonePart = partOf(from);
  if (stagePart === milestonePart) return true;
  const [a, b] = parts[milestonePart]!;
  const only = MILESTONE_ONLY.test(text.slice(a, from)) && /^\s*[.!]?\s*$/.test(text.slice(to, b));
  if (!only) return false;
  milestonePart = milestonePart > 0 ? milestonePart - 1 : milestonePart + 1;
  return stagePart === milestonePart;
}

/** A milestone must fall inside the stage it names or sits under. */
export default defineRule({
  meta: {
    id: ID,
    description: 'A milestone at a user count (`by 5,000 users`) must fall inside the stage it names or is listed under.',
    severity: 'warning',
    fixable: false,
    category: 'stages',
  },
  check(model) {
    const out: Finding[] = [];
    const sm = stageModel(model);
    if (sm.entries.length === 0) return out;
    const owner = owners(model, sm.entries);
    const entryLines = new Set(sm.entries.filter((e) => e.form !== 'reference').map((e) => e.line));
    for (const line of model.doc.lines) {
      if (!line.plan || (line.kind !== 'text' && line.kind !== 'code') || entryLines.has(line.index) || isTitleLine(line)) continue;
      for (const q of line.quantities) {
        if (q.kind !== 'users' || q.blank || q.high !== undefined || q.open || q.bound || !Number.isFinite(q.value)) continue;
        const before = line.text.slice(0, q.span.start - line.start);
        if (q.per || !MILESTONE.test(before) || CHANGE_BY.test(before)) continue;
        if (/\bat\s+(?:~\s*|about\s+|around\s+)?$/i.test(before) && NOT_A_MILESTONE_AT.test(line.text)) continue;
        // The stage the line names, else the stage whose lines it sits in.
        const named = new Set<string>();
        const stagesAt: number[] = [];
        STAGE_NAMED.lastIndex = 0;
        for (let m = STAGE_NAMED.exec(line.text); m; m = STAGE_NAMED.exec(line.text)) {
          named.add(`${m[1]!.toLowerCase()}:${Number(m[2])}`);
          stagesAt.push(m.index);
        }
        let target: StageEntry | undefined;
        let how: 'names' | 'sits under';
        if (named.size > 1) continue;
        if (named.size === 1) {
          // A line that names a stage and moves on to a later milestone (`In Stage 1 we answer
          // within a day; by 2,000 users within 4 hours`) says nothing about that stage.
          if (!sameClause(line.text, stagesAt, q.span.start - line.start, q.span.end - line.start)) continue;
          const key = [...named][0]!;
          target = sm.stages.find((s) => s.key === key)?.definition;
          how = 'names';
        } else {
          const e = owner[line.index];
          if (!e) continue;
          target = e.users && !e.users.point ? e : stageOfEntry(model, e.id)?.definition;
          how = 'sits under';
          if (target && target !== e && keyOf(target) !== keyOf(e)) continue;
        }
        const r = target?.users;
        if (!target || !r || r.point) continue;
        const inside = q.value >= r.low && (r.open || (r.high !== undefined && q.value <= r.high));
        if (inside) continue;
        out.push({
          rule: ID,
          severity: 'warning',
          message: `Milestone at ${q.raw} is outside ${describeEntry(target)}, the stage it ${how}`,
          span: q.span,
          fixes: [],
          related: [{ span: r.span, message: `${entryName(target)} is ${r.text}` }],
          data: { stage: keyOf(target) ?? `entry:${target.id}` },
        });
      }
    }
    return out;
  },
});
