/**
 * The growth model: at the plan's monthly growth rate (frontmatter `assumptions.growth` or prose
 * such as `18% month over month`) from its starting users, the month each stage's threshold is
 * reached; and the monthly growth each stage's timeline implies.
 */
import type { PlanModel } from '../model';
import type { GrowthModel, MonthRange, Stage, StageSequence } from './types';

/** Months to grow from `start` to `users` at `rate` per month (a part month counts as a month). */
export function monthsToReach(start: number, users: number, rate: number): number | undefined {
  if (!(start > 0) || !(rate > 0) || !Number.isFinite(users)) return undefined;
  if (users <= start) return 0;
  return Math.ceil(Math.log(users / start) / Math.log(1 + rate) - 1e-9);
}

/** Monthly growth that takes `from` to `to` users in `months`. */
export function impliedGrowth(from: number, to: number, months: number): number | undefined {
  if (!(from > 0) || !(to > from) || !(months > 0)) return undefined;
  return Math.pow(to / from, 1 / months) - 1;
}

/** Months a timeline lasts: `Months 5-13` is nine months, `3-6 months` three. */
export function monthsIn(t: MonthRange): number | undefined {
  if (t.high === undefined) return undefined;
  return t.style === 'index' ? t.high - t.low + 1 : t.high - t.low;
}

const START_BEFORE = /\b(?:currently(?:\s+(?:at|have|serve|serving))?|current(?:ly)?\s*[-–:]?|today we have|we have|we serve|from)\s*$/i;
const START_AFTER = /^\s*(?:today|now|at present|currently|right now|\(?today\)?)\b/i;

/** Users at month 0: frontmatter `start-users`, a `Starting users:` item, or `from 120 users today`. */
function startUsers(model: PlanModel): GrowthModel['startUsers'] {
  const a = model.assumptions.startUsers.find((c) => c.source === 'frontmatter') ?? model.assumptions.startUsers[0];
  if (a) return { value: a.value, span: a.span, line: a.line };
  for (const line of model.doc.lines) {
    if (!line.plan) continue;
    for (const q of line.quantities) {
      if (q.kind !== 'users' || q.blank || q.high !== undefined || q.open || q.bound || !(q.value > 0)) continue;
      const before = line.text.slice(Math.max(0, q.span.start - line.start - 30), q.span.start - line.start);
      const after = line.text.slice(q.span.end - line.start);
      const fromToday = /\bfrom\s*$/i.test(before) ? START_AFTER.test(after) : START_BEFORE.test(before) || START_AFTER.test(after);
      if (fromToday) return { value: q.value, span: q.span, line: line.index };
    }
  }
  return undefined;
}

export function buildGrowth(model: PlanModel, stages: Stage[], primary: StageSequence | undefined): GrowthModel {
  const growth: GrowthModel = { thresholds: [], implied: [] };
  const first = primary?.entries.find((e) => e.users);
  if (first) {
    growth.span = first.span;
    growth.line = first.line;
  }
  const g = model.assumptions.growth.find((c) => c.source === 'frontmatter') ?? model.assumptions.growth[0];
  if (g && g.value > 0) growth.rate = { value: g.value, span: g.span, line: g.line };
  const start = startUsers(model);
  if (start) growth.startUsers = start;
  const main = stages.filter((s) => s.primary && s.low !== undefined);
  if (growth.rate && start) {
    for (const s of main) {
      const month = monthsToReach(start.value, s.low!, growth.rate.value);
      if (month !== undefined) growth.thresholds.push({ stage: s.key, label: s.label, users: s.low!, month });
    }
  }
  for (const s of main) {
    const timed = [s.definition, ...s.mentions].find((m) => m.timeline);
    if (!timed || s.high === undefined || s.open) continue;
    const months = monthsIn(timed.timeline!);
    if (months === undefined) continue;
    const rate = impliedGrowth(s.low!, s.high, months);
    if (rate === undefined) continue;
    growth.implied.push({ stage: s.key, label: s.label, from: s.low!, to: s.high, months, monthlyGrowth: rate, span: timed.timeline!.span });
  }
  return growth;
}
