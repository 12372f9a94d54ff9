import { codeEquations, equationsIn, type Equation } from '../expressions';
import type { Expr } from '../formula';
import { figure } from '../format';
import type { Claim, PlanModel, Row } from '../model';
import type { Reading, Relation } from '../relation';
import { defineRule } from '../rule';
import { codeSums } from '../totals/code-sums';
import type { Dimension } from '../types';
import { DATA_POWER, MINUTES_PER_UNIT, periodsPer, type Period, type TimeUnit } from '../vocabulary';

/**
 * Arithmetic written out must be right: `500 × $18.99 = $9,495`, `a + b = c`, chains
 * (`$40 + $40 = $80`), result first (`$14.40 (1000 users × $0.014)`), with percentages as
 * fractions (`$3,895 × 30%`) or markups (`$180,000 + 20%`), and units converted where the
 * written numbers differ only by a unit (`10 × 500 KB = 5 MB`, `1,000 × 20 ms = 20 s`).
 */
export default defineRule({
  meta: {
    id: 'explicit-arithmetic',
    description: 'Arithmetic written out in the plan (`500 × $18.99 = $9,495`, `a + b = c`) must be right.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model) {
    const out: Relation[] = [];
    for (const row of model.rows) {
      const eqs = row.program ? codeEquations(row, model.text) : equationsIn(row, model.text);
      for (const eq of eqs) {
        const rel = relationOf(eq, row, model);
        if (rel) out.push(rel);
      }
    }
    out.push(...codeSums(model));
    out.push(...periodRestatements(model));
    return out;
  },
});

/** Unit classes that may be added together. */
function addClass(c: Claim): string {
  const u = c.unit;
  switch (u.dim) {
    case 'money':
      return `money:${u.currency ?? ''}:${u.perEntity ?? ''}`;
    case 'count':
      return 'count';
    case 'number':
      return 'count';
    case 'multiplier':
      // `0.60X − 47` is algebra (X a variable), not a sum: multiples add only to multiples.
      return 'multiplier';
    default:
      return u.dim;
  }
}

/** The unit an expression's value is in, as far as dimensions go. */
function dimOf(e: Expr, parent: string): Dimension | 'ratio' | undefined {
  switch (e.op) {
    case 'claim': {
      const d = e.claim.unit.dim;
      if (d === 'percent' && (parent === 'mul' || parent === 'div')) return 'number';
      if (d === 'score' || d === 'multiplier') return 'number';
      return d;
    }
    case 'const':
      return 'number';
    case 'add':
    case 'sub': {
      const terms = e.op === 'add' ? e.terms : [e.a, e.b];
      const ds = terms.map((t) => dimOf(t, 'add')).filter((d) => d !== 'percent' && d !== 'number');
      if (ds.length === 0) return terms.some((t) => dimOf(t, 'add') === 'percent') ? 'percent' : 'number';
      return ds[0];
    }
    case 'mul': {
      const ds = e.factors.map((f) => dimOf(f, 'mul'));
      for (const d of ['money', 'data', 'duration', 'count'] as const) if (ds.includes(d)) return d;
      return 'number';
    }
    case 'div': {
      const a = dimOf(e.a, 'div');
      const b = dimOf(e.b, 'div');
      if (a === b && a !== 'number') return 'ratio';
      if (b === 'number') return a;
      if (a === 'money') return 'money';
      return a === 'number' ? 'number' : a;
    }
    default:
      return undefined;
  }
}

/** Can a formula whose value is in `f` be written as a figure in `r`? */
function fits(f: Dimension | 'ratio' | undefined, r: Dimension): boolean {
  if (f === undefined) return false;
  if (f === r || f === 'number' || r === 'number') return true;
  if (f === 'ratio') return r === 'percent' || r === 'multiplier';
  if (r === 'count') return f === 'count';
  return false;
}

/** Words among a formula's figures that change what its figures mean (`× 2/3 quarter`). */
const CHANGING_WORDS = new Set(['quarter', 'quarters', 'month', 'months', 'year', 'years', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'buffer', 'full', 'partial', 'prorated', 'margin', 'tax', 'vat', 'iva', 'fee', 'fees', 'commission', 'discount']);

interface Config {
  /** Figures as written, without their scale word: `0.9M × $0.10 = $0.09` per million tokens. */
  writtenScale: boolean;
  time: 'written' | TimeUnit;
  /** `gb`: a size in gigabytes, for a price whose unit is not written (`1 TB × $0.023 = $23`). */
  data: 'written' | 'decimal' | 'binary' | 'gb';
  /** Evaluate strictly left to right (people write `a − b / a` meaning `(a − b) / a`). */
  leftToRight: boolean;
}

/** The formula under a configuration: percentages, scores, durations and sizes as the text means them. */
function interpret(e: Expr, cfg: Config, parent: Expr['op'] | 'root', siblings: Expr[]): Expr | undefined {
  switch (e.op) {
    case 'claim': {
      const c = e.claim;
      const u = c.unit;
      if (u.dim === 'percent') {
        if (parent === 'mul' || parent === 'div') return { op: 'claim', claim: c, per: 100 };
        return e;
      }
      if (u.dim === 'score' && c.q.denominator) {
        return parent === 'mul' || parent === 'div' ? { op: 'claim', claim: c, per: c.q.denominator } : e;
      }
      if (u.dim === 'duration' && u.time) {
        const unit = cfg.time === 'written' ? u.time : cfg.time;
        return { op: 'claim', claim: c, per: MINUTES_PER_UNIT[unit] };
      }
      if (cfg.writtenScale && c.q.style.scale !== 1 && u.dim !== 'duration' && u.dim !== 'data') return { op: 'claim', claim: c, per: c.q.style.scale };
      if (u.dim === 'data' && u.data) {
        // `2 TB × $0.09/GB`: the size in the rate's unit, 1,000 or 1,024 to the step.
        const rate = siblings.find((t) => t.op === 'claim' && t.claim.unit.perEntity !== undefined && t.claim.unit.perEntity.toUpperCase() in DATA_POWER);
        if (parent === 'mul' && rate && rate.op === 'claim' && cfg.data !== 'written') {
          const from = DATA_POWER[u.data];
          const to = DATA_POWER[rate.claim.unit.perEntity!.toUpperCase() as keyof typeof DATA_POWER];
          const step = cfg.data === 'binary' ? 1024 : 1000;
          return { op: 'claim', claim: c, per: Math.pow(u.binary ? 1024 : 1000, from) / Math.pow(step, from - to) };
        }
        if (cfg.data === 'gb') return { op: 'claim', claim: c, per: 1e9 };
        if (cfg.data === 'written') return { op: 'claim', claim: c, per: Math.pow(u.binary ? 1024 : 1000, DATA_POWER[u.data]) };
        if (cfg.data === 'binary' && !u.binary) return { op: 'claim', claim: c, per: Math.pow(1000, DATA_POWER[u.data]) / Math.pow(1024, DATA_POWER[u.data]) };
        return e;
      }
      void siblings;
      return e;
    }
    case 'add': {
      // `X + 20%`: a markup of X. All percentages: plain percentage arithmetic.
      const pct = e.terms.filter((t) => t.op === 'claim' && t.claim.unit.dim === 'percent');
      if (pct.length > 0 && pct.length < e.terms.length) {
        if (pct.length !== 1 || e.terms[e.terms.length - 1] !== pct[0]) return undefined;
        const rest = e.terms.slice(0, -1).map((t) => interpret(t, cfg, 'add', e.terms));
        if (rest.some((r) => !r)) return undefined;
        const base: Expr = rest.length === 1 ? rest[0]! : { op: 'add', terms: rest as Expr[] };
        return { op: 'mul', factors: [base, { op: 'add', terms: [{ op: 'const', value: 1, text: '1' }, { op: 'claim', claim: (pct[0] as { claim: Claim }).claim, per: 100 }] }] };
      }
      const terms = e.terms.map((t) => interpret(t, cfg, 'add', e.terms));
      return terms.some((t) => !t) ? undefined : { op: 'add', terms: terms as Expr[] };
    }
    case 'sub': {
      const b = e.b;
      if (b.op === 'claim' && b.claim.unit.dim === 'percent' && !(e.a.op === 'claim' && e.a.claim.unit.dim === 'percent')) {
        const a = interpret(e.a, cfg, 'sub', []);
        if (!a) return undefined;
        return { op: 'mul', factors: [a, { op: 'sub', a: { op: 'const', value: 1, text: '1' }, b: { op: 'claim', claim: b.claim, per: 100 } }] };
      }
      const a = interpret(e.a, cfg, 'sub', [e.b]);
      const bb = interpret(e.b, cfg, 'sub', [e.a]);
      return a && bb ? { op: 'sub', a, b: bb } : undefined;
    }
    case 'mul': {
      const f = e.factors.map((t) => interpret(t, cfg, 'mul', e.factors));
      return f.some((t) => !t) ? undefined : { op: 'mul', factors: f as Expr[] };
    }
    case 'div': {
      const a = interpret(e.a, cfg, 'div', [e.b]);
      const b = interpret(e.b, cfg, 'div', [e.a]);
      return a && b ? { op: 'div', a, b } : undefined;
    }
    default:
      return e;
  }
}

const RATE_TIME: Record<string, TimeUnit> = { second: 'second', sec: 'second', s: 'second', minute: 'minute', min: 'minute', hour: 'hour', hr: 'hour', h: 'hour', day: 'day' };

/** The unit of time a money rate among `inputs` is per (`/hour`, `/vCPU-second`, `/GB-hour`), if exactly one. */
function timeOfRate(inputs: Claim[], text: string): TimeUnit | undefined {
  const found = new Set<TimeUnit>();
  for (const c of inputs) {
    if (c.unit.dim !== 'money') continue;
    if (c.unit.per === 'hour' || c.unit.per === 'day') found.add(c.unit.per);
    const compound = /^-(second|sec|minute|min|hour|hr|day)s?\b/i.exec(text.slice(c.q.span.end, c.q.span.end + 10));
    if (c.unit.perEntity && compound) found.add(RATE_TIME[compound[1]!.toLowerCase()]!);
    else if (c.unit.perEntity && RATE_TIME[c.unit.perEntity.toLowerCase()]) found.add(RATE_TIME[c.unit.perEntity.toLowerCase()]!);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Flattens an expression's operators into left-to-right order: `a − b / c` as `(a − b) / c`. */
function leftToRight(e: Expr): Expr {
  const seq: { op: string; e: Expr }[] = [];
  const walk = (x: Expr, op: string): void => {
    if (x.op === 'add') x.terms.forEach((t, i) => walk(t, i === 0 ? op : '+'));
    else if (x.op === 'sub') {
      walk(x.a, op);
      walkSimple(x.b, '-');
    } else if (x.op === 'mul') x.factors.forEach((t, i) => walk(t, i === 0 ? op : '*'));
    else if (x.op === 'div') {
      walk(x.a, op);
      walkSimple(x.b, '/');
    } else seq.push({ op, e: x });
  };
  const walkSimple = (x: Expr, op: string): void => {
    if (x.op === 'claim' || x.op === 'const') seq.push({ op, e: x });
    else walk(x, op);
  };
  walk(e, '');
  let acc = seq[0]!.e;
  for (let i = 1; i < seq.length; i++) {
    const { op, e: x } = seq[i]!;
    if (op === '+') acc = { op: 'add', terms: [acc, x] };
    else if (op === '-') acc = { op: 'sub', a: acc, b: x };
    else if (op === '*') acc = { op: 'mul', factors: [acc, x] };
    else acc = { op: 'div', a: acc, b: x };
  }
  return acc;
}

function dims(claims: Claim[]): Set<Dimension> {
  return new Set(claims.map((c) => c.unit.dim));
}

/** Do the terms added (or subtracted) in `e` share a unit class? */
function addsAlike(e: Expr): boolean {
  switch (e.op) {
    case 'add':
    case 'sub': {
      const terms = e.op === 'add' ? e.terms : [e.a, e.b];
      const classes = new Set<string>();
      for (const t of terms) {
        if (!addsAlike(t)) return false;
        if (t.op === 'claim' && t.claim.unit.dim !== 'percent') classes.add(addClass(t.claim));
      }
      return classes.size <= 1;
    }
    case 'mul':
      return e.factors.every(addsAlike);
    case 'div':
      return addsAlike(e.a) && addsAlike(e.b);
    default:
      return true;
  }
}

/** A period named right after a result: `$576K ARR`, `$48K MRR`, `$2M annual`. */
function periodAfter(text: string, at: number): Period | undefined {
  const m = /^[\s*_]*(arr|mrr|annual(?:ly)?|per year|a year|yearly|monthly|per month|a month)\b/i.exec(text.slice(at, at + 16));
  if (!m) return undefined;
  return /^(?:mrr|monthly|per month|a month)$/i.test(m[1]!) ? 'month' : 'year';
}

/** A count of something (`500K users`) added to an amount of money is no sum we can read. */
function addsCountToMoney(e: Expr): boolean {
  if (e.op === 'add' || e.op === 'sub') {
    const terms = e.op === 'add' ? e.terms : [e.a, e.b];
    if (terms.some((t) => t.op === 'claim' && t.claim.unit.dim === 'count' && t.claim.unit.noun !== undefined)) return true;
    return terms.some(addsCountToMoney);
  }
  if (e.op === 'mul') return e.factors.some(addsCountToMoney);
  if (e.op === 'div') return addsCountToMoney(e.a) || addsCountToMoney(e.b);
  return false;
}

function relationOf(eq: Equation, row: Row, model: PlanModel): Relation | undefined {
  const result = eq.result;
  const inputs = eq.formula.claims;
  if (result.q.blank || inputs.some((c) => c.q.open || c.q.bound || c.q.high !== undefined || c.q.unknownUnit)) return undefined;
  if (eq.listDash) return undefined;
  if (result.q.high !== undefined || result.q.bound) return undefined;
  if (!addsAlike(eq.formula.expr)) return undefined;
  if (eq.result.unit.dim === 'money' && addsCountToMoney(eq.formula.expr)) return undefined;
  if (!fits(dimOf(eq.formula.expr, 'root'), result.unit.dim)) return undefined;
  if (eq.words.some((w) => CHANGING_WORDS.has(w))) return undefined;
  // A label naming a span of days (`Day 30-90: 1 TB × $0.0125 = $2.50`) may prorate the figures.
  if (/\b(?:days?|días?|jours?|tage?|giorni|dni|gün|дн\p{L}*)\s*\d+\s*[-–]\s*\d+/iu.test(row.label)) return undefined;
  const ds = dims(inputs);
  const r = result.unit;
  // Currencies must match: a converted amount (`$25 = R$ 125`) is not arithmetic.
  const currencies = new Set(inputs.filter((c) => c.unit.dim === 'money').map((c) => c.unit.currency));
  if (r.dim === 'money' && currencies.size > 0 && !currencies.has(r.currency)) return undefined;
  if (currencies.size > 1) return undefined;
  if (r.dim === 'money' && !ds.has('money') && (ds.has('count') || ds.has('duration') || ds.has('data')) && !ds.has('number')) return undefined;
  if ((r.dim === 'count' || r.dim === 'duration' || r.dim === 'data') && ds.has('money') && !(eq.formula.ops.has('div'))) return undefined;
  if (r.dim === 'ratio' || r.dim === 'score' && !ds.has('score') && !ds.has('number')) return undefined;
  // Per-period figures that change period (`$5/week × 4 = $20/month`) are fine; a per-entity
  // rate as the result of a sum of totals is not arithmetic we can read.
  // A rate per unit of time (`$0.000024/vCPU-second`, `$0.05/hour`) times a duration: the
  // duration in the rate's unit is the only reading (`200ms` is 0.2 seconds, not 200).
  const rateTime = ds.has('duration') ? timeOfRate(inputs, model.text) : undefined;
  const timeUnits: ('written' | TimeUnit)[] = rateTime ? [rateTime] : ds.has('duration') || r.dim === 'duration' ? ['written', 'second', 'minute', 'hour', 'day'] : ['written'];
  // A size times a rate per GB reads best converted: that reading comes first (the message shows it).
  const perData = inputs.some((c) => c.unit.perEntity !== undefined && c.unit.perEntity.toUpperCase() in DATA_POWER);
  const dataUnits: Config['data'][] = ds.has('data') || r.dim === 'data' ? (perData ? ['decimal', 'binary', 'written'] : ['written', 'decimal', 'binary']) : ['written'];
  // A size times a price whose unit is not written, for money: storage is priced per GB.
  if (!perData && ds.has('data') && ds.has('money') && r.dim === 'money') dataUnits.push('gb');
  const mixed = (eq.formula.ops.has('add') || eq.formula.ops.has('sub')) && (eq.formula.ops.has('mul') || eq.formula.ops.has('div'));
  const orders = mixed ? [false, true] : [false];
  const readings: Reading[] = [];
  const scaled = [...inputs, result].some((c) => c.q.style.scale !== 1);
  for (const writtenScale of scaled ? [false, true] : [false])
  for (const time of timeUnits) {
    for (const data of dataUnits) {
      for (const ltr of orders) {
        const cfg: Config = { writtenScale, time, data, leftToRight: ltr };
        let f = interpret(ltr ? leftToRight(eq.formula.expr) : eq.formula.expr, cfg, 'root', []);
        if (!f) continue;
        // Bring the formula to the result's stored unit.
        if (r.dim === 'duration' && r.time) {
          const unit = time === 'written' ? r.time : time;
          f = { op: 'scale', a: f, factor: MINUTES_PER_UNIT[unit], why: '' };
        }
        if (r.dim === 'data' && r.data) {
          if (data === 'written') f = { op: 'scale', a: f, factor: Math.pow(r.binary ? 1024 : 1000, DATA_POWER[r.data]), why: '' };
          else if (data === 'binary' && !r.binary) f = { op: 'scale', a: f, factor: Math.pow(1024, DATA_POWER[r.data]) / Math.pow(1000, DATA_POWER[r.data]), why: '' };
        }
        if (writtenScale && result.q.style.scale !== 1) f = { op: 'scale', a: f, factor: result.q.style.scale, why: '' };
        readings.push({ expr: f });
        if (r.dim === 'percent' && !ds.has('percent')) readings.push({ expr: { op: 'scale', a: f, factor: 100, why: '100%' } });
        else if (r.dim === 'percent' && ds.has('percent') && (eq.formula.ops.has('mul') || eq.formula.ops.has('div'))) {
          readings.push({ expr: { op: 'scale', a: f, factor: 100, why: '100%' } });
        }
      }
    }
  }
  if (readings.length === 0) return undefined;
  // `400 firms × $120/mo = $576K ARR`: a monthly input and a yearly result (or the reverse) are
  // also read with the change of period.
  const rper = r.per ?? periodAfter(model.text, result.q.span.end);
  const factors = new Set<number>();
  // Hours or days into months have several readings (730 or 720 hours, 30 or 31 days).
  if (rper) for (const c of inputs) if (c.unit.per && c.unit.per !== rper) for (const k of periodsPer(c.unit.per, rper) !== undefined ? [periodsPer(c.unit.per, rper)!] : (factorsBetween(c.unit.per, rper) ?? []).map((f) => f.k)) factors.add(k);
  factors.delete(1);
  // A count in the millions times a price per 1,000 or per million whose unit is not written
  // (`15M requests × $0.0004 = $6`): the price is per thousand or per million.
  if (r.dim === 'money' && eq.formula.ops.has('mul') && inputs.some((c) => (c.unit.dim === 'count' || c.unit.dim === 'number') && c.q.low >= 100000) && inputs.some((c) => c.unit.dim === 'money' && !c.unit.perEntity && c.q.low < 1)) {
    for (const rd of readings.slice()) {
      readings.push({ expr: { op: 'scale', a: rd.expr, factor: 1 / 1000, why: '1/1,000' }, name: 'read as a price per 1,000' });
      readings.push({ expr: { op: 'scale', a: rd.expr, factor: 1 / 1e6, why: '1/1,000,000' }, name: 'read as a price per million' });
    }
  }
  // A price per 1,000 or per million units (`$0.15/M`, `IDR 4,200 / 1M`) times a count of units.
  const perScales = new Set(inputs.filter((c) => c.unit.dim === 'money' && c.unit.perScale && c.unit.perScale > 1).map((c) => c.unit.perScale!));
  if (r.dim === 'money' && perScales.size === 1 && eq.formula.ops.has('mul')) {
    const k = [...perScales][0]!;
    for (const rd of readings.slice()) readings.push({ expr: { op: 'scale', a: rd.expr, factor: 1 / k, why: `1/${figure(k)}` }, name: `read as a price per ${figure(k)}` });
  }
  // A loss written as a negative result of positive figures (`60 users × $0.20 = -$12.00 in losses`).
  if (result.q.low < 0 && inputs.every((c) => c.q.low >= 0)) for (const rd of readings.slice()) readings.push({ expr: { op: 'neg', a: rd.expr }, name: 'read as a loss written negative' });
  const unscaled = readings.length;
  for (const k of factors) for (const rd of readings.slice(0, unscaled)) readings.push({ expr: { op: 'scale', a: rd.expr, factor: k, why: k >= 1 ? figure(k) : `1/${Math.round(1 / k)}` } });
  // An hourly or daily rate with a monthly result reads first as converted (`× 730`): as
  // written, it is no reading anyone means.
  if (rper && readings.length > unscaled && inputs.some((c) => c.unit.per === 'hour' || c.unit.per === 'day') && !inputs.some((c) => c.unit.per === rper)) {
    const first = readings.splice(unscaled, 1)[0]!;
    readings.unshift(first);
  }
  // The first reading is how the message writes the formula: as written, without conversions.
  readings[0] = { expr: stripScale(readings[0]!.expr) === readings[0]!.expr ? readings[0]!.expr : readings[0]!.expr };
  const approx = eq.approx || result.q.approx === true || inputs.some((c) => c.q.approx);
  const rel: Relation = {
    rule: 'explicit-arithmetic',
    target: result,
    label: 'Result',
    readings: dedupe(readings),
    fixable: readings.length === 1 && !approx,
  };
  if (approx) rel.approx = true;
  void row;
  void model;
  return rel;
}

function stripScale(e: Expr): Expr {
  return e;
}

function dedupe(readings: Reading[]): Reading[] {
  const seen = new Set<string>();
  return readings.filter((r) => {
    const k = JSON.stringify(r.expr, (key, v) => (key === 'claim' ? (v as Claim).id : v));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * How many of one period another holds, under each reasonable reading: a month is 12 to a
 * year; a day is 28 to 31 to a month (or 20 to 22 working days), a week 4 to 4.35; an hour is
 * 720 to 744 to a month of running (or 160 to 176 working hours).
 */
const PER_PERIOD: Partial<Record<Period, Partial<Record<Period, number[]>>>> = {
  month: { year: [12], quarter: [3] },
  quarter: { year: [4] },
  week: { month: [4, 52 / 12, 4.345, 5], year: [52, 52.14] },
  day: { month: [30, 365 / 12, 31, 28, 20, 21, 22], year: [365, 365.25, 360, 250, 260], week: [7, 5] },
  hour: { month: [730, 720, 744, 160, 168, 173.33, 176], day: [24, 8], week: [168, 40] },
};

function factorsBetween(from: Period, to: Period): { k: number; text: string }[] | undefined {
  const up = PER_PERIOD[from]?.[to];
  if (up) return up.map((k) => ({ k, text: figure(k) }));
  const down = PER_PERIOD[to]?.[from];
  if (down) return down.map((k) => ({ k: 1 / k, text: `1/${figure(k)}` }));
  return undefined;
}


/** Between a figure and its restatement: `=`, `≈`, `→`, an opening parenthesis, `or`. */
const RESTATES = /^\s*(?:\*\*)?\s*(?:=|≈|→|->|\(|i\.e\.|that is)?\s*(?:\*\*)?\s*(?:~|≈|about|ca\.)?\s*$/i;

/** Between two figures of a formula: one operator (markup such as `**` is not one). */
const OPERATOR_BETWEEN = /^\s*(?:\*\*|__)?\s*[×x*+\-−/÷=]\s*(?:\*\*|__)?\s*$/;
/** An operator right before a figure (`× $2/hr`), not markup (`**$2/hr`) nor a dash after a label. */
const OPERATOR_BEFORE = /(?:(?<!\*)[×*+−/÷](?!\*)|\sx)\s*$/;
/** What may follow a restated figure: its closing parenthesis, markup, the end of the clause. */
const RESTATEMENT_END = /^\s*(?:\*\*|__|\*|_)?\s*(?:\)|$|[.;]\s|[.;]?\s*$|,\s)/;

/**
 * A figure restated for another period beside it: `$1,200/month ($14,400/year)`, `$100/month
 * = $1,200/year`, `$10/day ≈ $300/month`. The second is the first times the periods one holds
 * of the other, under any reasonable reading (a month of 28 to 31 days or of working days, a
 * yearly plan at a discount). Both figures name their period themselves, in one currency; a
 * figure that is part of a formula is the formula's.
 */
function periodRestatements(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  const text = model.text;
  for (const row of model.rows) {
    if (row.program || row.claims.length < 2) continue;
    for (let i = 0; i + 1 < row.claims.length; i++) {
      const a = row.claims[i]!;
      const b = row.claims[i + 1]!;
      if (a.unit.dim !== 'money' || b.unit.dim !== 'money' || a.unit.currency !== b.unit.currency || a.unit.perEntity !== b.unit.perEntity) continue;
      if (a.periodFrom !== 'own' || b.periodFrom !== 'own' || !a.unit.per || !b.unit.per || a.unit.per === b.unit.per) continue;
      if (a.column !== b.column) continue;
      if ([a, b].some((c) => c.q.blank || c.q.high !== undefined || c.q.bound || c.q.open || c.q.low <= 0)) continue;
      if (!RESTATES.test(text.slice(a.q.span.end, b.q.span.start))) continue;
      // Part of a formula: an operator between it and the figure before or after it.
      const before = row.claims[i - 1];
      if (before && OPERATOR_BETWEEN.test(text.slice(before.q.span.end, a.q.span.start))) continue;
      if (OPERATOR_BEFORE.test(text.slice(Math.max(row.contentStart, a.q.span.start - 4), a.q.span.start))) continue;
      const after = row.claims[i + 2];
      if (after && OPERATOR_BETWEEN.test(text.slice(b.q.span.end, after.q.span.start))) continue;
      // Words after the restated figure make it another statement (`for 10 seats`, `first year`,
      // `con IVA`, `14 pagas`, `annual` for a yearly plan's monthly price).
      if (!RESTATEMENT_END.test(text.slice(b.q.span.end, Math.min(b.q.span.end + 12, row.contentStart + row.content.length)))) continue;
      const factors = factorsBetween(a.unit.per, b.unit.per);
      if (!factors || factors[0]!.k < 1) continue;
      // A longer period may be billed at a discount (`$10/month ($100/year)`): only a figure
      // beyond the full count of the shorter one is wrong under every reading, with the first
      // figure itself rounded or cut to its last digit (`$4,166/month ($50,000/year)`).
      const ks = factors.map((f) => f.k);
      const highest = Math.max(...ks);
      if (b.q.low <= (a.q.low + a.q.precision) * highest + b.q.precision) continue;
      const readings: Reading[] = factors.map((f) => ({ expr: { op: 'scale', a: { op: 'claim', claim: a }, factor: f.k, why: f.text }, name: `read as ${a.unit.per} × ${f.text} for a ${b.unit.per}` }));
      // Which of the two is wrong is not certain (the longer period's figure is often the source).
      const rel: Relation = { rule: 'explicit-arithmetic', target: b, label: `Restated per ${b.unit.per}`, readings, slack: a.q.precision * highest };
      if (a.q.approx || b.q.approx) rel.approx = true;
      out.push(rel);
    }
  }
  return out;
}
