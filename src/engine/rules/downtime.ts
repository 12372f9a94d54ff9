import type { Line } from '../document';
import { column } from '../concepts';
import { MINUTES, show } from '../quantity';
import { defineRule, input, type Derivation } from '../rule';
import type { DurationUnit, Month, Quantity } from '../types';

const ID = 'downtime';

const PERIOD_AFTER = /^[^\d$]{0,40}?(?:\/\s?|\bper\s+|\ba\s+|\beach\s+)(day|week|month|mo|quarter|year|yr|annum)\b|^[^\d$]{0,40}?\b(daily|weekly|monthly|quarterly|yearly|annually)\b/i;
const PERIOD_BEFORE = /\b(?:per|a|each)\s+(day|week|month|quarter|year)\b[^\d]{0,20}$|\b(daily|weekly|monthly|quarterly|yearly|annual|annually)\b[^\d]{0,20}$/i;
const UPTIME = /\b(?:uptime|availability|available|sla|slo)\b/i;

type PeriodName = 'day' | 'week' | 'month' | 'quarter' | 'year';

function periodName(word: string): PeriodName | undefined {
  const w = word.toLowerCase();
  if (w.startsWith('day') || w === 'daily') return 'day';
  if (w.startsWith('week')) return 'week';
  if (w.startsWith('mo')) return 'month';
  if (w.startsWith('quarter')) return 'quarter';
  if (w.startsWith('year') || w === 'yr' || w === 'annum' || w.startsWith('annual')) return 'year';
  return undefined;
}

/** Minutes in a period under each month convention: [30-day month, 730-hour month]. */
function periodMinutes(p: PeriodName): [number, number] {
  switch (p) {
    case 'day':
      return [1440, 1440];
    case 'week':
      return [10080, 10080];
    case 'month':
      return [43200, 43800];
    case 'quarter':
      return [129600, 131400];
    case 'year':
      return [525600, 525960];
  }
}

function derivation(up: Quantity, down: Quantity, period: PeriodName, month: Month, explicit: boolean, lineRel: Line | undefined): Derivation {
  const unit = down.unit as DurationUnit;
  const [thirty, hours730] = periodMinutes(period);
  const primary = month === '730h' ? hours730 : thirty;
  const share = 1 - up.value / 100;
  const toUnit = (minutes: number): number => minutes / MINUTES[unit];
  const expected = [toUnit(share * primary)];
  // Without an explicit month convention, a plan using 730-hour months (or 365.25-day years) is
  // as right as one using 30-day months.
  if (!explicit) expected.push(toUnit(share * (month === '730h' ? thirty : hours730)));
  const unitWord = unit === 'minute' ? 'minutes' : unit === 'hour' ? 'hours' : unit === 'second' ? 'seconds' : unit === 'day' ? 'days' : unit;
  const periodText = period === 'month' ? (month === '730h' ? '730 h month' : '30-day month') : period === 'year' ? '365-day year' : period;
  return {
    rule: ID,
    target: down,
    label: 'Downtime',
    expected,
    formula: () => `(100% − ${show(up.value, 4)}%) × ${periodText}`,
    display: (v) => `${show(v, 2)} ${unitWord}/${period}`,
    related: [input(up, `uptime${lineRel ? '' : ''}`)],
    fixVerb: 'Set downtime to',
  };
}

/** Downtime per period stated beside an uptime percentage. */
export default defineRule({
  meta: {
    id: ID,
    description: 'Downtime stated per day, week, month or year must match the uptime percentage beside it.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    const month = model.options.month;
    const explicit = model.frontmatter.month !== undefined || model.options.monthExplicit === true;
    for (const line of model.doc.lines) {
      if (!line.plan || line.kind === 'table' || line.quantities.length < 2 || !UPTIME.test(line.text)) continue;
      const ups = line.quantities.filter((q) => q.kind === 'percent' && !q.blank && q.high === undefined && q.value > 0 && q.value < 100);
      if (ups.length !== 1) continue;
      const up = ups[0]!;
      if (up.bound || up.approx) continue;
      for (const down of line.quantities) {
        if (down.kind !== 'duration' || down.high !== undefined || down.bound || !down.unit || down.unit === 'ms') continue;
        if (down.span.start < up.span.start && !/downtime/i.test(line.text)) continue;
        const after = line.text.slice(down.span.end - line.start);
        const before = line.text.slice(0, down.span.start - line.start);
        const m = PERIOD_AFTER.exec(after) ?? PERIOD_BEFORE.exec(before);
        if (!m) continue;
        const period = periodName(m[1] ?? m[2]!);
        if (!period) continue;
        if (!/downtime|down\b|outage/i.test(line.text)) continue;
        out.push(derivation(up, down, period, month, explicit, undefined));
      }
    }
    for (const table of model.tables) {
      const upCol = column(table, /uptime|availability|sla/);
      const downCol = column(table, /downtime|outage/);
      if (!upCol || !downCol) continue;
      const headerPeriod = PERIOD_AFTER.exec(downCol.header) ?? PERIOD_AFTER.exec(' ' + downCol.header);
      for (const row of table.rows) {
        const upCell = row.cells[upCol.index];
        const downCell = row.cells[downCol.index];
        if (!upCell || !downCell) continue;
        const up = upCell.values.find((q) => q.kind === 'percent' && !q.blank && q.high === undefined && q.value > 0 && q.value < 100 && !q.bound);
        const down = downCell.values.length === 1 ? downCell.values[0] : undefined;
        if (!up || !down || down.kind !== 'duration' || !down.unit || down.high !== undefined || down.bound) continue;
        const m = PERIOD_AFTER.exec(downCell.text.slice(down.span.end - downCell.span.start)) ?? headerPeriod;
        const period = m ? periodName(m[1] ?? m[2]!) : undefined;
        if (!period) continue;
        out.push(derivation(up, down, period, month, explicit, undefined));
      }
    }
    return out;
  },
});
