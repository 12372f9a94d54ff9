/**
 * The growth model: at the plan's monthly growth rate (frontmatter `assumptions.growth` or prose
 * such as `18% month over month`) from its starting users, the month each stage's threshold is
 * reached; and the monthly growth each stage's timeline implies.
 */
import type { Line } from '../document';
import { itemOf, type PlanModel } from '../model';
import type { Quantity } from '../types';
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
/** `We start from 200 users`, `we launch with 50 users`, `our user base starts at 80 users`. */
const WE_START = /\b(?:we|our (?:users?|user base|product|app|platform))\s+(?:start|starts|started|begin|begins|began|launch|launches|launched|grow|grows)\s+(?:from|at|with)\s+(?:~\s*|about\s+|around\s+)?$/i;
/** `Starting at 200 users, we grow…` (a sentence's start), or after a growth rate: `15% a month, starting from 200 users`. */
const STARTING = /\b(?:starting|beginning)\s+(?:from|at|with)\s+(?:~\s*|about\s+|around\s+)?$/i;
/** A clause about something else than the plan's own start: a stage, a price, a plan tier. */
const NOT_THE_START = /\b(?:stage|phase|tier|level|plan|pricing|priced?|prices|seats?|licen[cs]es?|discount\w*|\$)|[$€£]/i;
/** `Current users: 200`, `Users today: 200`, `Starting users: 200`. */
const START_KEY = /^(?:current users|current user count|users today|starting users|start users|users at launch|launch users)$/;

/**
 * Users at month 0: frontmatter `start-users`, a `Starting users:` item among the assumptions or
 * anywhere (`Current users: 200`), `from 120 users today`, `We start from 200 users`, or
 * `starting at 200 users` where the plan's growth starts.
 */
function startUsers(model: PlanModel): GrowthModel['startUsers'] {
  const a = model.assumptions.startUsers.find((c) => c.source === 'frontmatter') ?? model.assumptions.startUsers[0];
  if (a) return { value: a.value, span: a.span, line: a.line };
  for (const line of model.doc.lines) {
    if (!line.plan || line.quantities.length === 0) continue;
    const item = line.kind !== 'table' ? itemOf(line) : undefined;
    if (item && START_KEY.test(item.key)) {
      const v = item.values.filter((q) => !q.blank);
      const q = v[0];
      if (v.length === 1 && q && (q.kind === 'users' || q.kind === 'number') && q.high === undefined && !q.open && !q.bound && !q.approx && q.value > 0 && Number.isInteger(q.value)) {
        return { value: q.value, span: q.span, line: line.index };
      }
    }
    for (const q of line.quantities) {
      if (q.kind !== 'users' || q.blank || q.high !== undefined || q.open || q.bound || !(q.value > 0)) continue;
      const before = line.text.slice(Math.max(0, q.span.start - line.start - 30), q.span.start - line.start);
      const after = line.text.slice(q.span.end - line.start);
      const fromToday = /\bfrom\s*$/i.test(before) ? START_AFTER.test(after) : START_BEFORE.test(before) || START_AFTER.test(after);
      if (fromToday || startsHere(line, q)) return { value: q.value, span: q.span, line: line.index };
    }
  }
  return undefined;
}

/**
 * `We start from 200 users`; `starting at 200 users` at the start of a sentence or after the
 * growth rate on the same line. Not when the clause names a stage, a price or a plan tier
 * (`Stage 2 starting at 500 users`, `Team plan starting at 10 seats`), nor when the count is
 * the first of a span (`from 200 users to 2,000 users`).
 */
function startsHere(line: Line, q: Quantity): boolean {
  const at = q.span.start - line.start;
  const text = line.text;
  const clauseStart = Math.max(text.lastIndexOf('.', at - 1), text.lastIndexOf(';', at - 1), text.lastIndexOf('|', at - 1)) + 1;
  const clause = text.slice(clauseStart, at);
  const after = text.slice(q.span.end - line.start);
  if (/^\s*(?:to|[-–—→]|->)\s*[~$\d]/.test(after)) return false;
  const we = WE_START.test(clause);
  const starting = !we && STARTING.exec(clause);
  if (!we && !starting) return false;
  if (starting) {
    const lead = clause.slice(0, starting.index);
    const atSentenceStart = /^[\s*_>#-]*$/.test(lead.replace(/^\s*(?:[-*+]|\d+\.)\s+/, ''));
    if (!atSentenceStart && !/%\s*(?:month[- ]over[- ]month|MoM|monthly|per month|a month|each month|every month|\/\s?month)\b[^.;]*$/i.test(lead)) return false;
  }
  const whole = clause + text.slice(q.span.end - line.start).split(/[.;|]/)[0];
  return !NOT_THE_START.test(whole);
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
