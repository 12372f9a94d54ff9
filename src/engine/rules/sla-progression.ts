import { defineRule } from '../rule';
import { describeEntry, stageModel, type Fact, type ResponseFact, type StageEntry } from '../stages';
import type { Finding } from '../types';

const ID = 'sla-progression';

function comparableBounds(a: ResponseFact, b: ResponseFact): boolean {
  const kind = (r: ResponseFact): string => (r.q.bound === '<' || r.q.bound === '<=' ? '<' : r.q.bound ?? '');
  return kind(a) === kind(b);
}

/** A response time as written, with its bound: `<300ms`. */
function shown(r: ResponseFact): string {
  return `${r.q.bound ?? ''}${r.q.raw}`;
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
    for (const seq of stageModel(model).sequences) {
      if (seq.ranged < 2) continue;
      let lastUp: { e: StageEntry; f: Fact } | undefined;
      const lastResp = new Map<string, { e: StageEntry; f: ResponseFact }>();
      for (const e of seq.entries) {
        if (!e.users) continue;
        if (e.uptime) {
          if (lastUp && e.uptime.q.value < lastUp.f.q.value) {
            out.push({
              rule: ID,
              severity: 'warning',
              message: `Uptime ${e.uptime.q.raw} for ${describeEntry(e)} is lower than the ${lastUp.f.q.raw} for ${describeEntry(lastUp.e)}: service levels should not loosen as stages grow`,
              span: e.uptime.q.span,
              fixes: [],
              related: [{ span: lastUp.f.q.span, message: `uptime for ${describeEntry(lastUp.e)}` }],
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
              message: `${r.label} ${shown(r)} for ${describeEntry(e)} is slower than the ${shown(prev.f)} for ${describeEntry(prev.e)}: service levels should not loosen as stages grow`,
              span: r.q.span,
              fixes: [],
              related: [{ span: prev.f.q.span, message: `${prev.f.label.toLowerCase()} for ${describeEntry(prev.e)}` }],
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
