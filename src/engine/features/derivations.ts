/**
 * Figures the editor can compute for blanks beyond what the rules check: return on investment
 * and payback period of a block that states a one-off cost and a recurring saving or gain
 * (`- Cost: $2,400`, `- Monthly savings: $400/month`, `- ROI: ___%`, `- Payback: ___ months`).
 * These only fill blanks and explain figures in hovers; they produce no findings.
 */
import { singleValue } from '../concepts';
import type { PlanModel } from '../model';
import { show } from '../quantity';
import { input, money, percent, type Derivation } from '../rule';
import type { Analysis } from '../engine';
import type { Quantity } from '../types';

const COST = /^(?:total )?(?:investment|upfront cost|up-front cost|one-time cost|one-off cost|implementation cost|setup cost|initial cost|cost|build cost)\b/;
const GAIN = /^(?:monthly |annual |expected |estimated )?(?:savings?|return|gain|benefit|additional revenue|added revenue|revenue gain|revenue impact|value)\b/;
const ROI = /^(?:expected |estimated |12[- ]month |first[- ]year )?(?:roi|return on investment)\b/;
const PAYBACK = /^(?:expected |estimated )?payback(?: period| time)?\b/;

/** ROI and payback derivations of a model's blocks. */
export function extraDerivations(model: PlanModel): Derivation[] {
  const out: Derivation[] = [];
  for (const group of model.groups) {
    let cost: { q: Quantity; label: string } | undefined;
    let gain: { q: Quantity; label: string } | undefined;
    const targets: { q: Quantity; label: string; what: 'roi' | 'payback' }[] = [];
    for (const item of group.items) {
      if (ROI.test(item.key)) {
        const q = item.values.find((v) => v.kind === 'percent' || v.kind === 'multiplier');
        if (q && q.high === undefined) targets.push({ q, label: item.label, what: 'roi' });
        continue;
      }
      if (PAYBACK.test(item.key)) {
        const q = item.values.find((v) => (v.kind === 'duration' && v.unit === 'month') || v.kind === 'number');
        if (q && q.high === undefined) targets.push({ q, label: item.label, what: 'payback' });
        continue;
      }
      const q = singleValue(item, ['money']);
      if (!q || q.blank || q.high !== undefined || q.approx) continue;
      if (!cost && COST.test(item.key) && (q.per === undefined || q.per === 'year' || q.per === 'month')) cost = { q, label: item.label };
      else if (!gain && GAIN.test(item.key)) gain = { q, label: item.label };
    }
    if (!cost || !gain || targets.length === 0 || cost.q.value <= 0) continue;
    const c = cost.q.value;
    const g = gain.q.value;
    const related = [input(cost.q, cost.label), input(gain.q, gain.label)];
    for (const t of targets) {
      if (t.what === 'roi') {
        // A one-off cost against a monthly gain: the return over the first 12 months.
        const yearly = cost.q.per === undefined && gain.q.per === 'month';
        const sameBasis = cost.q.per === gain.q.per;
        if (!yearly && !sameBasis) continue;
        const value = yearly ? ((12 * g - c) / c) * 100 : ((g - c) / c) * 100;
        const asMultiple = t.q.kind === 'multiplier';
        out.push({
          rule: 'roi',
          target: t.q,
          label: t.label,
          expected: [asMultiple ? (yearly ? (12 * g) / c : g / c) : value],
          formula: asMultiple
            ? yearly
              ? `12 × ${money(g)} / ${money(c)}`
              : `${money(g)} / ${money(c)}`
            : yearly
              ? `(12 × ${money(g)} − ${money(c)}) / ${money(c)}`
              : `(${money(g)} − ${money(c)}) / ${money(c)}`,
          display: (v) => (asMultiple ? `${show(v, 1)}x` : percent(v)),
          related,
        });
      } else {
        if (cost.q.per !== undefined || gain.q.per !== 'month' || g <= 0) continue;
        out.push({
          rule: 'payback',
          target: t.q,
          label: t.label,
          expected: [c / g],
          formula: `${money(c)} / ${money(g)} per month`,
          display: (v) => `${show(v, 1)} months`,
          related,
        });
      }
    }
  }
  return out;
}

/** Every derivation of an analysis plus the extra ones, the engine's first. */
export function allDerivations(analysis: Analysis): Derivation[] {
  if (!analysis.model) return [];
  return [...analysis.derivations, ...extraDerivations(analysis.model)];
}
