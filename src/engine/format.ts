/**
 * Writing figures, in one place, on `Intl.NumberFormat`: a computed value in the style of the
 * number it replaces (`$6,100/month` stays `$X/month`, `1.234,56 €` keeps its comma, `88%` stays
 * a whole percent), and figures in messages in the document's own convention. Never writes an
 * exponent, `Infinity` or `NaN`: a value that cannot be written gives undefined.
 */
import type { NumberStyle, Quantity, Unit } from './types';
import { MINUTES_PER_UNIT, type TimeUnit } from './vocabulary';

/** Values beyond this are not written (no exponent notation, no `Infinity`). */
export const MAX_WRITABLE = 1e15;

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(decimals: number, indian: boolean, grouping: boolean): Intl.NumberFormat {
  const key = `${decimals}|${indian ? 1 : 0}|${grouping ? 1 : 0}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(indian ? 'en-IN' : 'en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: grouping,
    });
    formatters.set(key, f);
  }
  return f;
}

/** Digits of |value| with `decimals` decimals in `style` (separators as written), or undefined. */
export function digits(value: number, style: Pick<NumberStyle, 'decimal' | 'group' | 'indian'>, decimals: number): string | undefined {
  const v = Math.abs(value);
  if (!Number.isFinite(v) || v >= MAX_WRITABLE) return undefined;
  const text = formatter(Math.max(0, Math.min(20, decimals)), style.indian, style.group !== '').format(v);
  // en-US writes `1,234.5`: swap in the document's separators.
  const group = style.group === '' ? '' : style.group;
  let out = '';
  for (const ch of text) {
    if (ch === ',') out += group;
    else if (ch === '.') out += style.decimal;
    else out += ch;
  }
  return out;
}

/**
 * `value` written as `q` writes its (low) number: decimals, separators, scale word. The
 * number only: sign and currency are the caller's.
 */
export function writeLike(value: number, q: Pick<Quantity, 'style'>): string | undefined {
  const s = q.style;
  const scaled = value / s.scale;
  // With a scale word, one more decimal when rounding to the document's last digit would be off
  // by a quarter of it or more (`$3.5K`, not `$4K`; but `$259K` for 258,900, as the document rounds).
  let decimals = s.decimals;
  if (s.scale > 1 && s.scaleText !== '') {
    const unit = 10 ** -decimals;
    if (Math.abs(Math.round(scaled / unit) * unit - scaled) >= unit / 4 - 1e-9) decimals++;
  }
  const text = digits(scaled, s, decimals);
  if (text === undefined) return undefined;
  return text + s.scaleText;
}

/** A scale word a figure is written with: `M` for a million in `$9.3M`, ` lakh`, ` Mio.`. */
export interface Scale {
  factor: number;
  text: string;
}

/** The document's convention for figures in messages. */
export interface MessageStyle {
  decimal: '.' | ',';
  group: string;
  indian: boolean;
}

export const DEFAULT_MESSAGE_STYLE: MessageStyle = { decimal: '.', group: ',', indian: false };

/** What a message says for a value it cannot write. */
const TOO_LARGE = 'a value too large to write';

/** A plain figure for messages: grouped, at most `maxDecimals` decimals, trailing zeros dropped. */
export function figure(value: number, style: MessageStyle = DEFAULT_MESSAGE_STYLE, maxDecimals = 2): string {
  if (!Number.isFinite(value) || Math.abs(value) >= MAX_WRITABLE) return TOO_LARGE;
  let decimals = maxDecimals;
  // Small values keep enough digits to say something.
  const abs = Math.abs(value);
  if (abs > 0 && abs < 1) decimals = Math.max(maxDecimals, Math.min(6, Math.ceil(-Math.log10(abs)) + 2));
  let text = digits(value, style, decimals)!;
  if (text.includes(style.decimal)) text = text.replace(new RegExp(`\\${style.decimal}?0+$`), '');
  if (text.endsWith(style.decimal)) text = text.slice(0, -1);
  const zero = /^[0.,\s]*$/.test(text);
  return (value < 0 && !zero ? '−' : '') + text;
}

/** How a currency code is shown in messages. */
const SYMBOL: Record<string, string> = { $: '$', USD: '$', EUR: '€', GBP: '£', INR: '₹', BRL: 'R$ ', JPY: '¥', CNY: '¥', KRW: '₩', VND: '₫', IDR: 'Rp ', RUB: '₽', TRY: '₺', PLN: 'zł', ZAR: 'R', CHF: 'CHF ' };
const AFTER = new Set(['EUR', 'VND', 'RUB', 'PLN', 'TRY']);

/**
 * A figure with its unit for messages: `$1,200/month`, `74.7%`, `43.2 minutes`, `2,500 users`.
 * Money shows whole cents when it shows any (`$0.80`, not `$0.8`), and at least `minDecimals`
 * decimals (those of the figure it is compared with: `$0.90` against `$1.00`).
 */
export function show(value: number, unit: Unit, style: MessageStyle = DEFAULT_MESSAGE_STYLE, maxDecimals?: number, minDecimals = 0, scale?: Scale): string {
  // Not `$a value too large to write/month`: the words alone.
  if (!Number.isFinite(value) || Math.abs(value) >= MAX_WRITABLE) return TOO_LARGE;
  const per = unit.per ? `/${unit.per}` : '';
  const perEntity = unit.perEntity ? `/${unit.perScale ? shortScale(unit.perScale) : ''}${unit.perEntity}` : '';
  // In the scale of the figure it is compared with (`$9.6M`, not `$9,600,000`; but `$405,000`,
  // not `$0.405M`).
  if (scale && scale.factor > 1 && scale.text !== '' && Math.abs(value) >= scale.factor && (unit.dim === 'money' || unit.dim === 'count' || unit.dim === 'number')) {
    const body = figure(Math.abs(value) / scale.factor, style, maxDecimals ?? 2) + scale.text;
    const sign = value < 0 && !/^[0.,\s]*$/.test(body.replace(scale.text, '')) ? '−' : '';
    if (unit.dim === 'money') return `${sign}${money(body, unit.currency ?? '', style)}${perEntity}${per}`;
    if (unit.dim === 'count') return `${sign}${body}${unit.noun ? ` ${plural(unit.noun, 2)}` : ''}${perEntity}${per}`;
    return `${sign}${body}${perEntity}${per}`;
  }
  switch (unit.dim) {
    case 'money': {
      const cur = unit.currency ?? '';
      const dec = Math.max(maxDecimals ?? 2, minDecimals);
      let body = figure(Math.abs(value), style, dec);
      const point = body.indexOf(style.decimal);
      const shown = point < 0 ? 0 : body.length - point - 1;
      const want = Math.max(minDecimals, shown > 0 ? 2 : 0);
      if (shown < want) body = point < 0 ? `${body}${style.decimal}${'0'.repeat(want)}` : body + '0'.repeat(want - shown);
      const sign = value < 0 && body !== '0' ? '−' : '';
      return `${sign}${money(body, cur, style)}${perEntity}${per}`;
    }
    case 'percent':
      return `${figure(value, style, maxDecimals ?? 1)}%`;
    case 'duration':
      return duration(value, unit.time ?? 'minute', style);
    case 'count':
      return `${figure(value, style, maxDecimals ?? 2)}${unit.noun ? ` ${plural(unit.noun, value)}` : ''}${perEntity}${per}`;
    case 'multiplier':
      return `${figure(value, style, maxDecimals ?? 2)}x`;
    case 'data':
      return dataSize(value, unit, style);
    default:
      return `${figure(value, style, maxDecimals ?? 2)}${perEntity}${per}`;
  }
}

/** A written amount with its currency where the currency is written (`$1,200`, `1.200 €`, `500 zł`). */
function money(body: string, cur: string, style: MessageStyle): string {
  const symbol = SYMBOL[cur] ?? (cur ? `${cur} ` : '');
  if (AFTER.has(cur) && cur !== 'EUR') return `${body} ${symbol.trim()}`;
  return cur === 'EUR' && style.decimal === ',' ? `${body} €` : `${symbol}${body}`;
}

function shortScale(n: number): string {
  if (n === 1e6) return 'M ';
  if (n === 1e3) return 'K ';
  return `${figure(n)} `;
}

function plural(noun: string, value: number): string {
  if (Math.abs(value) === 1) return noun;
  if (noun === 'person') return 'people';
  return noun.endsWith('s') ? noun : `${noun}s`;
}

const TIME_NAMES: Record<TimeUnit, [string, string]> = {
  ms: ['ms', 'ms'],
  second: ['second', 'seconds'],
  minute: ['minute', 'minutes'],
  hour: ['hour', 'hours'],
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  year: ['year', 'years'],
};

/** A duration in minutes, written in `unit`: `43.2 minutes`, `8.76 hours`. */
export function duration(minutes: number, unit: TimeUnit, style: MessageStyle = DEFAULT_MESSAGE_STYLE): string {
  const v = minutes / MINUTES_PER_UNIT[unit];
  const [one, many] = TIME_NAMES[unit];
  return `${figure(v, style, 2)} ${Math.abs(v) === 1 ? one : many}`;
}

function dataSize(bytes: number, unit: Unit, style: MessageStyle): string {
  const names = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  const base = unit.binary ? 1024 : 1000;
  const power = unit.data ? names.indexOf(unit.data) : 0;
  const v = bytes / Math.pow(base, power);
  const name = unit.binary && power > 0 ? `${names[power]!.slice(0, 1)}iB` : names[power]!;
  return `${figure(v, style, 2)} ${name}`;
}

/**
 * The number written into a template blank: in the document's separators, money with cents
 * only below $100 when it has them, a percentage with at most one decimal, a duration in the
 * blank's own unit (`___ months` gets months), a minus sign as `-`. Undefined when the value
 * cannot be written.
 */
export function blankText(value: number, unit: Unit, style: MessageStyle = DEFAULT_MESSAGE_STYLE): string | undefined {
  let v = value;
  let max = 2;
  switch (unit.dim) {
    case 'percent':
      max = 1;
      break;
    case 'duration':
      v = value / MINUTES_PER_UNIT[unit.time ?? 'minute'];
      max = 1;
      break;
    case 'score':
      max = 1;
      break;
    case 'data': {
      const names = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
      const power = unit.data ? names.indexOf(unit.data) : 0;
      v = value / Math.pow(unit.binary ? 1024 : 1000, power);
      break;
    }
  }
  if (!Number.isFinite(v) || Math.abs(v) >= MAX_WRITABLE) return undefined;
  // Money keeps its cents when it has them (0.45), else none.
  const decimals = unit.dim === 'money' ? (Math.abs(v) < 100 && !Number.isInteger(Math.round(v * 100) / 100) ? 2 : 0) : max;
  let text = digits(v, style, decimals)!;
  if (unit.dim !== 'money' && text.includes(style.decimal)) text = text.replace(new RegExp(`\\${style.decimal}?0+$`), '');
  if (text.endsWith(style.decimal)) text = text.slice(0, -1);
  return (v < 0 && !/^[0.,\s]*$/.test(text) ? '-' : '') + text;
}
