import { describe, sameStage, type StageEntry, type StageSequence } from '../stages';
import { defineRule } from '../rule';
import type { Finding } from '../types';

/**
 * A stage named in several sections (`Stage 3`, `Phase 2`) must have the same user range in
 * each. A range that contains the other is the same stage described loosely, not a
 * contradiction. Two lists of phases that share numbered stages but none of their ranges
 * (database phases, team phases) are separate plans, not restatements of each other.
 */
export default defineRule({
  meta: {
    id: 'stage-consistency',
    description: 'A stage named in several sections must have the same user range in each.',
    severity: 'error',
    fixable: false,
    category: 'stages',
  },
  check(model, ctx) {
    const out: Finding[] = [];
    const text = model.text;
    const sm = ctx.stages();
    const first = new Map<string, StageEntry>();
    const inAlternatives = new Set(sm.sequences.filter((s) => s.alternatives).flatMap((s) => s.entries));
    // Two lists of stages that share two or more numbered stages and agree on none of their
    // ranges are two plans (database phases, team phases), not one list and its restatement.
    const ranged = sm.sequences.filter((q) => !q.alternatives && q.entries.filter((e) => e.users && e.number !== undefined).length >= 2);
    const sequenceOf = new Map<StageEntry, StageSequence>();
    for (const q of ranged) for (const e of q.entries) sequenceOf.set(e, q);
    const keyOf = (e: StageEntry): string => `${e.word!.toLowerCase()}:${e.number}`;
    const twoPlans = new Set<string>();
    for (let i = 0; i < ranged.length; i++) {
      for (let j = i + 1; j < ranged.length; j++) {
        const a = new Map(ranged[i]!.entries.filter((e) => e.users && e.word && e.number !== undefined).map((e) => [keyOf(e), e.users!]));
        let shared = 0;
        let equal = 0;
        for (const e of ranged[j]!.entries) {
          const other = e.users && e.word && e.number !== undefined ? a.get(keyOf(e)) : undefined;
          if (!other) continue;
          shared++;
          if (other.low === e.users!.low && (other.open ? Infinity : other.high) === (e.users!.open ? Infinity : e.users!.high)) equal++;
        }
        if (shared >= 2 && equal === 0) twoPlans.add(`${i}:${j}`).add(`${j}:${i}`);
      }
    }
    const parallel = (a: StageEntry, b: StageEntry): boolean => {
      const qa = sequenceOf.get(a);
      const qb = sequenceOf.get(b);
      return qa !== undefined && qb !== undefined && twoPlans.has(`${ranged.indexOf(qa)}:${ranged.indexOf(qb)}`);
    };
    for (const e of sm.entries) {
      if (e.number === undefined || !e.word || !e.users || inAlternatives.has(e)) continue;
      const key = `${e.word.toLowerCase()}:${e.number}`;
      const d = first.get(key);
      if (!d) {
        first.set(key, e);
        continue;
      }
      const a = d.users!;
      const b = e.users!;
      if (sameStage(a, b) || parallel(d, e)) continue;
      out.push({
        rule: 'stage-consistency',
        severity: 'error',
        message: `${e.word} ${e.number} is ${text.slice(b.span.start, b.span.end)} here but ${text.slice(a.span.start, a.span.end)} on line ${d.line + 1}`,
        span: b.span,
        fixes: [],
        related: [{ span: a.span, message: `${describe(d, text)}` }],
      });
    }
    return out;
  },
});
