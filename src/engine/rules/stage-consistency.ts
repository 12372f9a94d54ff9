import { rewrite, defineRule } from '../rule';
import { show } from '../quantity';
import { stageModel } from '../stages';
import type { Finding, Fix } from '../types';

const ID = 'stage-consistency';

/** The same stage (by word and number, or by name) must have the same user range everywhere. */
export default defineRule({
  meta: {
    id: ID,
    description: 'A stage named in several sections must have the same user range in each.',
    severity: 'error',
    fixable: true,
    category: 'stages',
  },
  check(model) {
    const out: Finding[] = [];
    const sm = stageModel(model);
    for (const s of sm.stages) {
      const def = s.definition;
      const d = def.users;
      if (!d || d.point) continue;
      const where = `line ${def.line + 1}`;
      const name = s.number !== undefined ? `${s.word} ${s.number}` : (s.name ?? s.label);
      const defined = { span: d.span, message: `${name} is ${d.text} here` };
      for (const m of s.mentions) {
        const u = m.users;
        if (m === def || !u) continue;
        // Phases are often numbered per topic (database phases, hiring phases): differently
        // named phases with the same number are not the same phase.
        if (s.word && s.word !== 'Stage' && m.name && def.name && m.name.toLowerCase() !== def.name.toLowerCase()) continue;
        if (u.point) {
          const inside = u.low >= d.low && (d.open || (d.high !== undefined && u.low <= d.high));
          if (inside) continue;
          out.push({
            rule: ID,
            severity: 'error',
            message: `${name} is at ${u.text} here, outside its range of ${d.text} (${where})`,
            span: u.span,
            fixes: [],
            related: [defined],
            data: { stage: s.key },
          });
          continue;
        }
        if (u.low === d.low && u.open === d.open && u.high === d.high) continue;
        if (u.low === d.low && u.open !== d.open) {
          // `Stage 4 (2,500+ users)` where the stage list says 2,500-10,000: shorthand for
          // "Stage 4 and beyond" in a list that stops at Stage 4; worth a note, not an alarm.
          const next = sm.stages.find((x) => x.word === s.word && x.number !== undefined && s.number !== undefined && x.number === s.number + 1 && x.low !== undefined);
          const related = [defined];
          let message = `${name} is ${u.text} here but ${d.text} on ${where}`;
          if (u.open && d.high !== undefined && next) {
            message += `; from ${show(d.high)} users the plan is in ${next.number !== undefined ? `${next.word} ${next.number}` : next.label}`;
            related.push({ span: next.definition.users!.span, message: `${next.number !== undefined ? `${next.word} ${next.number}` : next.label} is ${next.definition.users!.text}` });
          }
          out.push({ rule: ID, severity: 'information', message, span: u.span, fixes: [], related, data: { stage: s.key, openEnded: true } });
          continue;
        }
        const fixes: Fix[] = [];
        const q = u.quantity;
        if (q && q.highSpan && q.high !== undefined && d.high !== undefined && !d.open && q.kind === 'users') {
          const r = rewrite(q, d.low, d.high, model.text);
          fixes.push({ title: `Change to ${r.text}`, edits: r.edits });
        }
        out.push({
          rule: ID,
          severity: 'error',
          message: `${name} is ${u.text} here but ${d.text} on ${where}`,
          span: u.span,
          fixes,
          related: [defined],
          data: { stage: s.key },
        });
      }
    }
    return out;
  },
});
