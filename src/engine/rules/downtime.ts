import type { Expr } from '../formula';
import type { Block, Claim, PlanModel, Row } from '../model';
import type { Reading, Relation } from '../relation';
import { defineRule, type RuleContext } from '../rule';
import { DOWNTIME_WORDS, PERIOD_WORDS, UPTIME_WORDS, hasWord, normalizeLabel, periodInLabel, type Period } from '../vocabulary';

/**
 * Downtime stated for a period must match the uptime beside it: `99.9% (43 minutes
 * downtime/month)`, a nines table with Daily / Weekly / Monthly / Yearly columns, `99% SLA = 432
 * minutes` under a `Per Month` title. The period comes from the duration's own unit, the words
 * after it, its column, its label, its block's title or its heading. A month is 30 days or 730
 * hours (both accepted unless a setting chooses one), a year 365 or 365.25 days. A wrong
 * downtime is fixed only when every convention writes the same figure at its precision.
 */
export default defineRule({
  meta: {
    id: 'downtime',
    description: 'Downtime stated per day, week, month or year must match the uptime percentage beside it.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    for (const block of model.blocks) {
      if (block.kind === 'table') out.push(...inTable(block, ctx));
      else for (const row of block.rows) if (!row.program) out.push(...inRow(row, block, model, ctx));
    }
    return out;
  },
});

/** Minutes in a period under each convention a plan may use. */
function lengths(period: Period, ctx: RuleContext): { minutes: number; name: string }[] {
  const m = ctx.options.month;
  switch (period) {
    case 'hour':
      return [{ minutes: 60, name: '' }];
    case 'day':
      return [{ minutes: 1440, name: '' }];
    case 'week':
      return [{ minutes: 10080, name: '' }];
    case 'month': {
      const all = [
        { minutes: 43200, name: 'a 30-day month', conv: '30d' },
        { minutes: 43800, name: 'a 730-hour month', conv: '730h' },
        { minutes: 44640, name: 'a 31-day month', conv: 'auto' },
        { minutes: 40320, name: 'a 28-day month', conv: 'auto' },
      ];
      return m === 'auto' ? all : all.filter((x) => x.conv === m);
    }
    case 'quarter':
      return [
        { minutes: 129600, name: 'a 90-day quarter' },
        { minutes: 131400, name: 'a quarter of 2,190 hours' },
        { minutes: 132480, name: 'a 92-day quarter' },
      ];
    case 'year':
      return [
        { minutes: 525600, name: 'a 365-day year' },
        { minutes: 525960, name: 'a 365.25-day year' },
      ];
  }
}

function isUptime(c: Claim, context: string): boolean {
  if (c.unit.dim !== 'percent' || c.q.high !== undefined || c.q.blank) return false;
  const v = c.q.low;
  if (!(v >= 90 && v < 100)) return false;
  return v >= 99 || hasWord(context, UPTIME_WORDS);
}

function isDowntime(c: Claim): boolean {
  return c.unit.dim === 'duration' && c.q.high === undefined && !c.q.blank && c.q.low > 0;
}

function relation(uptime: Claim, downtime: Claim, period: Period, ctx: RuleContext, periodFrom: string): Relation {
  const readings: Reading[] = lengths(period, ctx).map((l) => {
    const expr: Expr = { op: 'downtime', uptime: { op: 'claim', claim: uptime }, period, month: l.minutes === 43800 ? '730h' : '30d' };
    const exact: Expr = { op: 'scale', a: { op: 'sub', a: { op: 'const', value: 1, text: '100%' }, b: { op: 'claim', claim: uptime, per: 100 } }, factor: l.minutes, why: `${l.minutes.toLocaleString('en-US')} minutes` };
    const r: Reading = { expr: l.minutes === 43200 || l.minutes === 43800 ? expr : exact };
    if (l.name) r.name = `read as ${l.name}`;
    return r;
  });
  // A fix writes the downtime every reading gives at the claim's precision (none when two
  // conventions write different figures); approximate figures and bounds are the author's.
  const rel: Relation = { rule: 'downtime', target: downtime, label: `Downtime per ${period} for ${uptime.q.low}% uptime`, readings, fixable: !downtime.q.approx && !downtime.q.bound, fixVerb: 'Set downtime to' };
  if (downtime.q.approx) rel.approx = true;
  void periodFrom;
  return rel;
}

/** The period the words right after a duration give it: `downtime/month`, `per year`, `a month`. */
function periodAfter(row: Row, c: Claim, text: string): Period | undefined {
  const end = row.contentStart + row.content.length;
  let tail = text.slice(c.q.span.end, Math.min(end, c.q.span.end + 40));
  const stop = /[,;|]|\)|\s=|→/.exec(tail);
  if (stop) tail = tail.slice(0, stop.index);
  return periodInLabel(tail);
}

/**
 * The period named between an uptime and its downtime: `99.95% (monthly downtime 2.2 hours)`,
 * `99.9%（月間ダウンタイム 43分）`, `99.9% (월 43.8분 다운타임)`.
 */
function periodBetween(up: Claim, d: Claim, text: string): Period | undefined {
  if (up.q.span.end > d.q.span.start) return undefined;
  const between = text.slice(up.q.span.end, d.q.span.start);
  if (between.length > 40) return undefined;
  // A bare CJK period noun just before the figure: `(월 43.8분`, `（月 43分`.
  const noun = /(?:^|[\s(（:：])(月|월|年|년|연|週|주)\s*$/u.exec(between);
  return periodInLabel(between) ?? (noun ? PERIOD_WORDS[noun[1]!] : undefined);
}

function inRow(row: Row, block: Block, model: PlanModel, ctx: RuleContext): Relation[] {
  const out: Relation[] = [];
  const text = model.text;
  const durations = row.claims.filter(isDowntime);
  if (durations.length === 0) return out;
  const context = normalizeLabel(`${row.content} ${block.title}`);
  let uptimes = row.claims.filter((c) => isUptime(c, context));
  // `- Monthly: 43.2 minutes` under a title `99.9% uptime:`.
  if (uptimes.length === 0 && block.titleLine !== undefined) {
    const title = model.rowAt[block.titleLine];
    if (title) uptimes = title.claims.filter((c) => isUptime(c, context));
    if (uptimes.length > 1) return out;
  }
  if (uptimes.length === 0) return blankUptime(row, durations, context, block, model, ctx);
  // The duration must be downtime: said so on the line or its title, or written beside the uptime.
  const saysDowntime = hasWord(context, DOWNTIME_WORDS) || hasWord(normalizeLabel(block.titles.join(' ')), DOWNTIME_WORDS);
  for (const d of durations) {
    // Response and resolution times are not downtime.
    if (/\b(?:response|resolution|respond|latency|recovery|rto|rpo|mttr|detect|notice|within|p9\d|first reply|onboarding)\b/i.test(text.slice(Math.max(row.contentStart, d.q.span.start - 40), d.q.span.start))) continue;
    // The uptime is written before its downtime (or in the title above the line).
    const up = [...uptimes].reverse().find((u) => u.q.span.start < d.q.span.start) ?? (uptimes[0]!.line !== row.line ? uptimes[0] : undefined);
    if (!up) continue;
    const beside = /^\s*[(=:≈~–—-]*\s*(?:\*\*)?\s*(?:max\.?|up to|about|~)?\s*$/i.test(text.slice(up.q.span.end, d.q.span.start).replace(/\b(?:uptime|availability|sla|slo|target|guaranteed?|downtime)\b/gi, ''));
    if (!saysDowntime && !beside) continue;
    if (d.q.bound && !saysDowntime) continue;
    const period = d.unit.per ?? periodAfter(row, d, text) ?? periodBetween(up, d, text) ?? (row.label ? periodInLabel(row.label) : undefined) ?? (block.title ? periodInLabel(block.title) : undefined) ?? headingPeriod(block);
    if (!period) continue;
    out.push(relation(up, d, period, ctx, 'row'));
  }
  return out;
}

/**
 * A blank uptime beside one stated downtime for a period (`Uptime: ___% (43.2 minutes
 * downtime/month)`): the uptime that downtime allows, 100% × (1 − downtime / period).
 */
function blankUptime(row: Row, durations: Claim[], context: string, block: Block, model: PlanModel, ctx: RuleContext): Relation[] {
  const blank = row.claims.filter((c) => c.unit.dim === 'percent' && c.q.blank && c.q.high === undefined);
  if (blank.length !== 1 || durations.length !== 1 || !hasWord(context, UPTIME_WORDS)) return [];
  const d = durations[0]!;
  const period = d.unit.per ?? periodAfter(row, d, model.text) ?? headingPeriod(block);
  if (!period) return [];
  const l = lengths(period, ctx)[0]!;
  const expr: Expr = {
    op: 'sub',
    a: { op: 'const', value: 100, text: '100%' },
    b: { op: 'scale', a: { op: 'div', a: { op: 'claim', claim: d }, b: { op: 'const', value: l.minutes, text: `${l.minutes.toLocaleString('en-US')} minutes` } }, factor: 100, why: '100%' },
  };
  return [{ rule: 'downtime', target: blank[0]!, label: 'Uptime', readings: [{ expr, name: `read as the uptime ${period === 'month' && l.name ? `over ${l.name}` : `per ${period}`}` }], fixable: true }];
}

function headingPeriod(block: Block): Period | undefined {
  for (const t of block.titles) {
    const p = periodInLabel(t);
    if (p) return p;
  }
  return undefined;
}

function inTable(block: Block, ctx: RuleContext): Relation[] {
  const out: Relation[] = [];
  const columns = block.columns ?? [];
  const headerText = normalizeLabel(columns.map((c) => c.header).join(' ') + ' ' + block.titles.join(' '));
  // The uptime column: headed by an uptime word, else the first column of percentages.
  let upCol = columns.findIndex((c) => hasWord(c.key, UPTIME_WORDS));
  if (upCol < 0) upCol = columns.findIndex((c) => block.rows.some((r) => r.cells?.[c.index]?.claims.some((x) => isUptime(x, headerText))));
  if (upCol < 0) return out;
  for (const col of columns) {
    if (col.index === upCol) continue;
    const p = col.period;
    if (!p) continue;
    // A column of credits or prices is not downtime: its cells must be durations.
    for (const row of block.rows) {
      const up = row.cells?.[upCol]?.claims.filter((x) => isUptime(x, headerText));
      const cell = row.cells?.[col.index];
      if (!up || up.length !== 1 || !cell) continue;
      const ds = cell.claims.filter(isDowntime);
      if (ds.length !== 1) continue;
      out.push(relation(up[0]!, ds[0]!, p, ctx, 'column'));
    }
  }
  return out;
}
