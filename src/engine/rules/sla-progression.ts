import { describe } from '../stages';
import { defineRule } from '../rule';
import type { Finding } from '../types';

/** Service levels must not loosen from one stage to the next: uptime not lower, response times not slower. */
export default defineRule({
  meta: {
    id: 'sla-progression',
    description: 'Service levels must not loosen from one stage to the next: uptime not lower, response times not slower.',
    severity: 'warning',
    fixable: false,
    category: 'stages',
  },
  check(model, ctx) {
    const out: Finding[] = [];
    const text = model.text;
    for (const seq of ctx.stages().sequences) {
      if (seq.alternatives) continue;
      const withUptime = seq.entries.filter((e) => e.uptime);
      for (let i = 1; i < withUptime.length; i++) {
        const a = withUptime[i - 1]!;
        const b = withUptime[i]!;
        if (b.uptime!.q.low < a.uptime!.q.low) {
          out.push({
            rule: 'sla-progression',
            severity: 'warning',
            message: `Uptime ${text.slice(b.uptime!.q.span.start, b.uptime!.q.span.end)} in ${describe(b, text)} is lower than ${text.slice(a.uptime!.q.span.start, a.uptime!.q.span.end)} in ${describe(a, text)}: service levels should not loosen as the plan grows`,
            span: b.uptime!.q.span,
            fixes: [],
            related: [{ span: a.uptime!.q.span, message: describe(a, text) }],
          });
        }
      }
      // Response times of the same measure (`API response`, `Page load`) only.
      const withResponse = seq.entries.filter((e) => e.response.length === 1);
      for (let i = 1; i < withResponse.length; i++) {
        const ra = withResponse[i - 1]!.response[0]!;
        const rb = withResponse[i]!.response[0]!;
        if (ra.key !== rb.key || ra.key === '') continue;
        const a = ra.claim;
        const b = rb.claim;
        if (b.q.low > a.q.low) {
          out.push({
            rule: 'sla-progression',
            severity: 'warning',
            message: `Response time ${text.slice(b.q.span.start, b.q.span.end)} in ${describe(withResponse[i]!, text)} is slower than ${text.slice(a.q.span.start, a.q.span.end)} in ${describe(withResponse[i - 1]!, text)}`,
            span: b.q.span,
            fixes: [],
            related: [{ span: a.q.span, message: describe(withResponse[i - 1]!, text) }],
          });
        }
      }
    }
    return out;
  },
});
