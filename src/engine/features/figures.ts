/**
 * How the editor features write the projection table's figures: money with cents below $100
 * (`$0.56`, `$1,400`), percentages to one decimal, downtime in the largest unit that reads well
 * (`43.2 minutes`, `8.77 hours`), ranges with an en dash, `/mo` for per month in short forms.
 * Every figure is a value the engine computed; this module only writes it.
 */
import { digits, duration, figure, show, type MessageStyle } from '../format';
import type { Cell } from '../projection';
import type { Unit } from '../types';

function hasCents(v: number): boolean {
  const a = Math.abs(v);
  return a < 100 && Math.abs(Math.round(a * 100) - Math.round(a) * 100) > 0;
}

function moneyDigits(v: number, style: MessageStyle, withCents = false): string {
  const a = Math.abs(v);
  // Fractions of a cent (a cost per user of $0.004) keep two significant digits.
  if (a > 0 && a < 0.01) return figure(a, style, Math.min(6, Math.ceil(-Math.log10(a)) + 1));
  const cents = (withCents && a < 100) || hasCents(a);
  return digits(a, style, cents ? 2 : 0) ?? 'a value too large to write';
}

const SYMBOLS: Record<string, [string, string]> = {
  $: ['$', ''], USD: ['$', ''], EUR: ['€', ''], GBP: ['£', ''], INR: ['₹', ''], JPY: ['¥', ''], CNY: ['¥', ''], BRL: ['R$', ''], KRW: ['₩', ''],
};

function per(unit: Unit, short: boolean): string {
  const entity = unit.perEntity ? `/${unit.perEntity}` : '';
  if (!unit.per) return entity;
  const p = short ? ({ hour: 'h', day: 'day', week: 'wk', month: 'mo', quarter: 'qtr', year: 'yr' } as const)[unit.per] : unit.per;
  return `${entity}/${p}`;
}

/** One money figure: `$1,400`, `−$120`, `€0.56`, `1.400 EUR`. */
export function money(v: number, unit: Unit, style: MessageStyle, withCents = false): string {
  const cur = unit.currency ?? '$';
  const sign = v < 0 && Math.abs(v) >= 0.005 ? '−' : '';
  const body = moneyDigits(v, style, withCents);
  const sym = SYMBOLS[cur];
  return sym ? `${sign}${sym[0]}${body}` : `${sign}${body} ${cur}`;
}

/** A duration in minutes in the unit that reads best. */
export function downtime(minutes: number, style: MessageStyle): string {
  if (minutes < 1) return duration(minutes, 'second', style);
  if (minutes < 120) return duration(minutes, 'minute', style);
  if (minutes < 2880) return duration(minutes, 'hour', style);
  return duration(minutes, 'day', style);
}

/** A value in a unit: money, percent (to one decimal, or `decimals`), duration, count. */
export function valueText(v: number, unit: Unit, style: MessageStyle, decimals = 1, withCents = false): string {
  switch (unit.dim) {
    case 'money':
      return money(v, unit, style, withCents);
    case 'percent':
      return `${figure(v, style, decimals)}%`;
    case 'duration':
      return downtime(v, style);
    default:
      return show(v, { ...unit, per: undefined, perEntity: undefined } as Unit, style);
  }
}

/** A cell: its value or range, with its period (`$500–2,000/mo`, `$0.56/user/mo`). */
export function cellText(c: Pick<Cell, 'low' | 'high' | 'unit' | 'stated'>, style: MessageStyle, short = false): string {
  // A stated percentage keeps its digits (99.95%); a computed one has one decimal.
  const decimals = c.stated ? 3 : 1;
  // Both ends of a money range in cents when either has them (`$0.40–5.00`).
  const cents = c.high !== undefined && (hasCents(c.low) || hasCents(c.high));
  const low = valueText(c.low, c.unit, style, decimals, cents);
  let text = low;
  if (c.high !== undefined) {
    const high = valueText(c.high, c.unit, style, decimals, cents);
    // `$500–2,000`: the currency once.
    text = c.unit.dim === 'money' && /^\D/.test(high) && high[0] === low[0] ? `${low}–${high.slice(low.length - low.replace(/^\D+/, '').length)}` : `${low}–${high}`;
  }
  return text + (c.unit.dim === 'duration' ? '' : per(c.unit, short));
}

/** A user range: `100–1,000 users`, `10,000+ users`; one number of users (a block's): `500 users`. */
export function usersText(u: { low: number; high?: number; open: boolean }, style: MessageStyle): string {
  const f = (n: number): string => figure(n, style, 0);
  if (u.open || u.high === undefined) return `${f(u.low)}+ users`;
  return u.high === u.low ? `${f(u.low)} users` : `${f(u.low)}–${f(u.high)} users`;
}
