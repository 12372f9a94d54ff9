import { defineRule } from '../rule';
import { describeEntry, inUserOrder, stageModel, stageOfEntry, type Fact, type ResponseFact, type StageEntry, type StageSequence } from '../stages';
import type { Finding } from '../types';

const ID = 'sla-progression';

function comparableBounds(a: ResponseFact, b: ResponseFact): boolean {
  const kind = (r: ResponseFact): string => (r.q.bound === '<' || r.q.bound === '<=' || r.below ? '<' : r.q.bound ?? '');
  return kind(a) === kind(b);
}

/** A response time as written, with its bound: `<300ms`, `under 2s`. */
function shown(r: ResponseFact): string {
  return `${r.q.bound ?? (r.below ? 'under ' : '')}${r.q.raw}`;
}

/**
 * The entries of a list that stand for stages in growing order: those with a user range, or,
 * in a list numbered with one word (`Stage 1`, `Stage 2`, ...: SLA tables and lines that state
 * no range), every entry.
 */
function stagesInOrder(seq: StageSequence): StageEntry[] {
  const first = seq.entries[0]!;
  const numbered = seq.entries.length >= 2 && seq.entries.every((e) => e.number !== undefined && e.word === first.word);
  if (numbered) return seq.entries;
  if (seq.ranged < 2) return [];
  return inUserOrder(seq).filter((e) => e.users);
}

/** SLAs must not loosen as stages grow: uptime not lower, response times not slower. */
export default defineRule({
  meta: {
    id: ID,
    description: 'Service levels must not loosen from one stage to the next: uptime not lower, response times not slower.',
    severity: 'warning',
    fixable: false,
    category: 'stages',
  },
  check(model) {
    const out: Finding[] = [];
    // An entry without a range is named with its stage's range from the stage list.
    const described = (e: StageEntry): string => describeEntry(e.users ? e : (stageOfEntry(model, e.id)?.definition ?? e));
    for (const seq of stageModel(model).sequences) {
      let lastUp: { e: StageEntry; f: Fact } | undefined;
      const lastResp = new Map<string, { e: StageEntry; f: ResponseFact }>();
      for (const e of stagesInOrder(seq)) {
        if (e.uptime) {
          if (lastUp && e.uptime.q.value < lastUp.f.q.value) {
            out.push({
              rule: ID,
              severity: 'warning',
              message: `Uptime ${e.uptime.q.raw} for ${described(e)} is lower than the ${lastUp.f.q.raw} for ${described(lastUp.e)}: service levels should not loosen as stages grow`,
              span: e.uptime.q.span,
              fixes: [],
              related: [{ span: lastUp.f.q.span, message: `uptime for ${described(lastUp.e)}` }],
              data: { measure: 'uptime' },
            });
          }
          lastUp = { e, f: e.uptime };
        }
        for (const r of e.response) {
          const prev = lastResp.get(r.key);
          if (prev && comparableBounds(prev.f, r) && r.ms > prev.f.ms * (1 + 1e-9)) {
            out.push({
              rule: ID,
              severity: 'warning',
              message: `${r.label[0]!.toUpperCase()}${r.label.slice(1)} ${shown(r)} for ${described(e)} is slower than the ${shown(prev.f)} for ${described(prev.e)}: service levels should not loosen as stages grow`,
              span: r.q.span,
              fixes: [],
              related: [{ span: prev.f.q.span, message: `${prev.f.label.toLowerCase()} for ${described(prev.e)}` }],
              data: { measure: r.key },
            });
          }
          lastResp.set(r.key, { e, f: r });
        }
      }
    }
    return out;
  },
});
