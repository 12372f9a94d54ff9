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
          formula: () => asMultiple
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
          formula: () => `${money(c)} / ${money(g)} per month`,
          display: (v) => `${show(v, 1)} months`,
          related,
        });
      }
    }
  }
  return out;
}

const UPTIME = /\b(?:uptime|availability|sla|slo)\b/i;
const PERIOD_AFTER = /^[^\d$]{0,30}?(?:\/\s?|\bper\s+|\ba\s+|\beach\s+)(day|week|month|year)\b/i;
const MINUTES_IN: Record<string, number> = { ms: 1 / 60000, second: 1 / 60, minute: 1, hour: 60, day: 1440, week: 10080 };

/** A blank uptime beside a stated downtime per period: `Uptime: ___% (43.2 minutes downtime/month)`. */
export function uptimeDerivations(model: PlanModel): Derivation[] {
  const out: Derivation[] = [];
  for (const line of model.doc.lines) {
    if (!line.plan || line.quantities.length < 2 || !UPTIME.test(line.text)) continue;
    const up = line.quantities.find((q) => q.kind === 'percent' && q.blank && q.high === undefined);
    if (!up) continue;
    for (const down of line.quantities) {
      if (down.kind !== 'duration' || down.blank || down.high !== undefined || !down.unit || MINUTES_IN[down.unit] === undefined) continue;
      const m = PERIOD_AFTER.exec(line.text.slice(down.span.end - line.start));
      if (!m) continue;
      const period = m[1]!.toLowerCase();
      const minutes = period === 'day' ? 1440 : period === 'week' ? 10080 : period === 'month' ? (model.options.month === '730h' ? 43800 : 43200) : 525600;
      const downMinutes = down.value * MINUTES_IN[down.unit]!;
      if (!(downMinutes < minutes)) continue;
      out.push({
        rule: 'uptime',
        target: up,
        label: 'Uptime',
        expected: [100 * (1 - downMinutes / minutes)],
        formula: () => `100% × (1 − ${down.raw} / ${period === 'month' ? (model.options.month === '730h' ? '730 h' : '30 days') : period === 'year' ? '365 days' : `1 ${period}`})`,
        display: (v) => `${show(v, 3)}%`,
        related: [input(down, 'downtime')],
      });
      break;
    }
  }
  return out;
}

/** Every derivation of an analysis plus the extra ones, the engine's first. */
export function allDerivations(analysis: Analysis): Derivation[] {
  if (!analysis.model) return [];
  return [...analysis.derivations, ...extraDerivations(analysis.model), ...uptimeDerivations(analysis.model)];
}
