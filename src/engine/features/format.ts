/**
 * How the editor features write figures: money, percentages, user counts and durations, in
 * the same style as the rules' messages.
 */
import { show } from '../quantity';

/** `$1,200/month`, `$0.40`: cents only below $100 and only when there are any. */
export function money(value: number, per?: string, currency = '$'): string {
  const abs = Math.abs(value);
  const cents = abs < 100 && Math.round(abs * 100) % 100 !== 0;
  const body = group(abs.toFixed(cents ? 2 : 0), false);
  return `${value < 0 && body.replace(/[0.,]/g, '') !== '' ? '−' : ''}${currency}${body}${per ? '/' + per : ''}`;
}

export function pct(value: number, decimals = 1): string {
  return `${show(value, decimals)}%`;
}

export function users(value: number): string {
  return `${show(value, 0)} users`;
}

/** A user range: `100–1,000 users`, `10,000+ users`. */
export function userRange(low: number, high: number | undefined, open: boolean): string {
  if (open || high === undefined) return `${show(low, 0)}+ users`;
  return `${show(low, 0)}–${show(high, 0)} users`;
}

/** A duration given in minutes, in the unit that reads best: `26 seconds`, `43.2 minutes`, `8.76 hours`. */
export function duration(minutes: number): string {
  if (!Number.isFinite(minutes)) return String(minutes);
  if (minutes < 1) return `${show(minutes * 60, 1)} seconds`;
  if (minutes < 120) return `${show(minutes, 2)} minutes`;
  if (minutes < 72 * 60) return `${show(minutes / 60, 2)} hours`;
  return `${show(minutes / 1440, 2)} days`;
}

/** Minutes in each period, under the plan's month convention. */
export function periodMinutes(month: '30d' | '730h'): { period: string; minutes: number }[] {
  return [
    { period: 'day', minutes: 1440 },
    { period: 'week', minutes: 10080 },
    { period: month === '730h' ? 'month (730 hours)' : 'month (30 days)', minutes: month === '730h' ? 43800 : 43200 },
    { period: 'year (365 days)', minutes: 525600 },
  ];
}

/**
 * The digits to write into a blank for a computed value of a quantity kind: money keeps cents
 * only when it has them, percentages and scores one decimal at most, counts are whole.
 */
export function blankText(value: number, kind: string): string {
  switch (kind) {
    case 'money': {
      const cents = Math.abs(value) < 100 && Math.round(value * 100) % 100 !== 0;
      return group(Math.abs(value).toFixed(cents ? 2 : 0), value < 0);
    }
    case 'percent':
      // Uptimes need their nines: 99.95, not 100.0.
      return trimZeros(value.toFixed(value > 99 && value < 100 ? 3 : 1));
    case 'score':
    case 'multiplier':
    case 'ratio':
      return trimZeros(value.toFixed(1));
    case 'users':
    case 'count':
      return group(Math.round(Math.abs(value)).toString(), value < 0);
    default:
      return Number.isInteger(Math.round(value * 100) / 100) ? group(Math.round(Math.abs(value)).toString(), value < 0) : trimZeros(value.toFixed(2));
  }
}

function group(digits: string, negative: boolean): string {
  const [int, frac] = digits.split('.');
  return (negative ? '-' : '') + int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
