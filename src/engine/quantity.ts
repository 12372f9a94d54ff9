/**
 * Reads the quantities a line of plan text states: money (`$1,200`, `$1.2K`, `~$150-600/month`,
 * `-$10,380`), percentages, user counts (`2.5K users`, `10,000+ users`), durations, multipliers
 * (`6x`), ratios (`5:1`), scores (`7/10`, `___/50`) and blanks. Every pattern here is linear:
 * no nested quantifiers over the same characters.
 */
import type { DurationUnit, NumberFormat, Period, Quantity, QuantityKind } from './types';

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?`;
const SUFFIX = String.raw`[KkMmBb](?![A-Za-z])`;
const CURRENCY = String.raw`[$€£]`;

const CORE = new RegExp(
  String.raw`(?<![\w.,/$€£-])(?<sign>[-−](?=[$€£\d]))?(?<cur>${CURRENCY})?(?:(?<num>${NUMBER})|(?<blank>_{3,}))(?<suf>${SUFFIX})?` +
    String.raw`(?:(?<sep>-|\s?[–—]\s?|\s+to\s+)(?<cur2>${CURRENCY})?(?:(?<num2>${NUMBER})|(?<blank2>_{3,}))(?<suf2>${SUFFIX})?)?` +
    String.raw`(?<open>\+(?![\d]))?`,
  'g',
);

const TAIL =
  /^(?:(?<pct>\s?%)|(?<mult>[x×](?![A-Za-z]))|(?<ratio>:(?<rd>\d+(?:\.\d+)?)(?![\d.:]))|(?<score>\/(?<sd>\d+|_{3,})(?![\d/.]))|(?<space>\s?)(?<adj>(?:(?:active|paying|paid|monthly|daily|weekly|new|total|concurrent|registered|free)\s+){1,2})?(?<word>[A-Za-z]+))?/;

const PERIOD =
  /^\s?(?:\/\s?|per\s+|a\s+|each\s+)(?<p>month|mo|year|yr|annum|day|week|wk|quarter|qtr|hour|hr|user|seat|person|head|employee|customer|member)s?\b|^\s+(?<adv>monthly|annually|yearly|daily|weekly|quarterly|hourly)\b/i;

const APPROX = /(?:~|≈|\babout|\bapprox(?:imately|\.)?|\baround|\broughly|\bcirca|\best\.?)\s*$/i;
const BOUND = /(<=|>=|≤|≥|<|>)\s*$/;

const USER_WORDS = new Set([
  'user', 'users', 'customer', 'customers', 'subscriber', 'subscribers', 'seat', 'seats',
  'account', 'accounts', 'mau', 'dau', 'wau', 'member', 'members', 'tenant', 'tenants',
]);

const DURATION_WORDS: Record<string, DurationUnit> = {
  ms: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 'second', sec: 'second', secs: 'second', second: 'second', seconds: 'second',
  min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute', m: 'minute',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  d: 'day', day: 'day', days: 'day',
  wk: 'week', wks: 'week', week: 'week', weeks: 'week',
  mo: 'month', mos: 'month', month: 'month', months: 'month',
  yr: 'year', yrs: 'year', year: 'year', years: 'year',
};

/** Single-letter units only count when written against the number (`5s`, `2h`). */
const ATTACHED_ONLY = new Set(['s', 'm', 'h', 'd']);

const PERIODS: Record<string, Period | 'user'> = {
  month: 'month', mo: 'month', monthly: 'month',
  year: 'year', yr: 'year', annum: 'year', annually: 'year', yearly: 'year',
  day: 'day', daily: 'day', week: 'week', wk: 'week', weekly: 'week',
  quarter: 'quarter', qtr: 'quarter', quarterly: 'quarter', hour: 'hour', hr: 'hour', hourly: 'hour',
  user: 'user', seat: 'user', person: 'user', head: 'user', employee: 'user', customer: 'user', member: 'user',
};

const SCALES: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

function scaleOf(suffix: string | undefined): number {
  return suffix ? SCALES[suffix.toLowerCase()] ?? 1 : 1;
}

/** Displayed precision of a number as written: trailing zeros of an integer are not significant. */
export function precisionOf(digits: string, scale: number): number {
  const plain = digits.replace(/,/g, '');
  const dot = plain.indexOf('.');
  if (dot >= 0) return Math.pow(10, -(plain.length - dot - 1)) * scale;
  const m = /0+$/.exec(plain);
  if (!m || plain.replace(/^0+/, '') === '') return scale;
  return Math.pow(10, m[0].length) * scale;
}

/** Formats are few and never modified: one shared object per distinct format. */
const formats = new Map<string, NumberFormat>();

function internFormat(decimals: number, grouping: boolean, suffix: string, scale: number, minus: string): NumberFormat {
  const key = `${decimals}|${grouping ? 1 : 0}|${suffix}|${scale}|${minus}`;
  let f = formats.get(key);
  if (!f) {
    f = Object.freeze({ decimals, grouping, suffix, scale, minus });
    if (formats.size > 10000) formats.clear();
    formats.set(key, f);
  }
  return f;
}

function formatOf(digits: string, suffix: string | undefined, minus: string, scale = scaleOf(suffix)): NumberFormat {
  const plain = digits.replace(/,/g, '');
  const dot = plain.indexOf('.');
  const intLen = dot >= 0 ? dot : plain.length;
  return internFormat(dot >= 0 ? plain.length - dot - 1 : 0, digits.includes(',') || intLen < 4, suffix ?? '', scale, minus);
}

function parseNumber(digits: string): number {
  return Number(digits.replace(/,/g, ''));
}

/**
 * Finds every quantity in `text`. Offsets in the result are relative to `text` plus `base`.
 */
export function scanQuantities(text: string, base = 0): Quantity[] {
  const out: Quantity[] = [];
  CORE.lastIndex = 0;
  for (let m = CORE.exec(text); m; m = CORE.exec(text)) {
    if (m[0].length === 0) {
      CORE.lastIndex++;
      continue;
    }
    const g = m.groups!;
    const start = m.index;
    let end = start + m[0].length;
    const isBlank = g.blank !== undefined;
    const cur = g.cur ?? g.cur2;
    const minus = g.sign ?? '';
    const scale = scaleOf(g.suf);
    let value = isBlank ? NaN : parseNumber(g.num!) * scale;
    if (minus) value = -value;
    const numStart = start + (g.sign ? g.sign.length : 0) + (g.cur ? g.cur.length : 0);
    const numText = isBlank ? g.blank! : g.num! + (g.suf ?? '');
    const numberSpan = { start: base + numStart, end: base + numStart + numText.length };

    let impliedScale = 1;
    let high: number | undefined;
    let highSpan: { start: number; end: number } | undefined;
    let highPrecision: number | undefined;
    let highFormat: NumberFormat | undefined;
    if (g.sep !== undefined) {
      const h = g.num2 !== undefined ? parseNumber(g.num2) * scaleOf(g.suf2 ?? g.suf) : NaN;
      // `5-20K` reads as 5K-20K only when the first number has no suffix of its own and the
      // second does; keep it literal otherwise.
      if (g.num2 !== undefined && !g.suf && g.suf2 && !isBlank) {
        value = value * scaleOf(g.suf2);
        impliedScale = scaleOf(g.suf2);
      }
      high = h;
      const secondText = (g.num2 ?? g.blank2!) + (g.suf2 ?? '');
      const secondStart = start + m[0].length - (g.open ? g.open.length : 0) - secondText.length;
      highSpan = { start: base + secondStart, end: base + secondStart + secondText.length };
      if (g.num2 !== undefined) {
        highPrecision = precisionOf(g.num2, scaleOf(g.suf2 ?? g.suf));
        highFormat = formatOf(g.num2, g.suf2, '');
      }
    }

    // A range written with a plain hyphen between two bare numbers followed by `=` or an
    // operator is more likely arithmetic; ranges are also never descending.
    if (high !== undefined && !Number.isNaN(high) && !Number.isNaN(value) && high < value && g.sep === '-') {
      // Not a range: keep only the first number.
      high = undefined;
      highSpan = undefined;
      highPrecision = undefined;
      highFormat = undefined;
      end = start + (g.sign?.length ?? 0) + (g.cur?.length ?? 0) + numText.length;
      CORE.lastIndex = end;
    }

    let kind: QuantityKind = cur ? 'money' : 'number';
    let precisionOverride: number | undefined;
    let highPrecisionOverride: number | undefined;
    let unit: DurationUnit | undefined;
    let denominator: number | undefined;
    let denominatorSpan: { start: number; end: number } | undefined;
    const rest = text.slice(end);
    const t = TAIL.exec(rest);
    if (t && t[0].length > 0) {
      const tg = t.groups!;
      if (tg.pct !== undefined && !cur) {
        kind = 'percent';
        end += t[0].length;
      } else if (tg.mult !== undefined && !cur) {
        kind = 'multiplier';
        end += t[0].length;
      } else if (tg.ratio !== undefined && !cur && high === undefined) {
        kind = 'ratio';
        denominator = Number(tg.rd);
        const ds = end + 1;
        denominatorSpan = { start: base + ds, end: base + ds + tg.rd!.length };
        end += t[0].length;
      } else if (tg.score !== undefined && !cur && high === undefined) {
        const d = tg.sd!;
        const den = d.startsWith('_') ? NaN : Number(d);
        const num = value;
        if ((Number.isNaN(num) || Number.isNaN(den) || (num <= den && den >= 3)) && !minus) {
          kind = 'score';
          denominator = den;
          const ds = end + t[0].length - d.length;
          denominatorSpan = { start: base + ds, end: base + ds + d.length };
          end += t[0].length;
        }
      } else if (tg.word !== undefined) {
        const word = tg.word.toLowerCase();
        const attached = (tg.space ?? '') === '' && !tg.adj;
        if (USER_WORDS.has(word) && !cur) {
          kind = 'users';
          end += t[0].length;
        } else if (DURATION_WORDS[word] && !cur && !tg.adj && (attached || !ATTACHED_ONLY.has(word))) {
          kind = 'duration';
          unit = DURATION_WORDS[word];
          end += t[0].length;
        }
      }
    }
    // Trailing zeros of an integer are not significant for amounts (`$4,750`), but a whole
    // percentage, multiple or score is exact to its last digit (`30%` means 30, not 25-35).
    if ((kind === 'percent' || kind === 'multiplier' || kind === 'score' || kind === 'ratio') && !isBlank) {
      precisionOverride = Math.pow(10, -formatOf(g.num!, g.suf, minus).decimals) * scale;
      if (g.num2 !== undefined) highPrecisionOverride = Math.pow(10, -formatOf(g.num2, g.suf2, '').decimals) * scaleOf(g.suf2 ?? g.suf);
    }
    let per: Period | 'user' | undefined;
    if (kind === 'money' || kind === 'users' || kind === 'number' || kind === 'percent') {
      const p = PERIOD.exec(text.slice(end));
      if (p) {
        per = PERIODS[(p.groups!.p ?? p.groups!.adv)!.toLowerCase()];
        if (per) end += p[0].length;
      }
    }
    const before = text.slice(Math.max(0, start - 16), start);
    const approx = APPROX.test(before);
    const b = BOUND.exec(before);
    const bound = b ? (({ '≤': '<=', '≥': '>=' }) as Record<string, string>)[b[1]!] ?? b[1] : undefined;
    const q: Quantity = {
      kind,
      // A bare number's whole text is its number: one span serves as both.
      span: numberSpan.start === base + start && numberSpan.end === base + end ? numberSpan : { start: base + start, end: base + end },
      numberSpan,
      value,
      open: g.open !== undefined,
      approx,
      blank: isBlank || (g.blank2 !== undefined && high === undefined && false),
      precision: isBlank ? NaN : precisionOverride ?? precisionOf(g.num!, scale * impliedScale),
      // `$1-2K`: the low end's K is implied by the high end's; a rewrite keeps it implied.
      format: isBlank ? formatOf('0', undefined, '') : impliedScale !== 1 ? formatOf(g.num!, g.suf, minus, impliedScale) : formatOf(g.num!, g.suf, minus),
      raw: text.slice(start, end),
    };
    if (high !== undefined) q.high = high;
    if (highSpan) q.highSpan = highSpan;
    if (highPrecision !== undefined) q.highPrecision = highPrecisionOverride ?? highPrecision;
    if (highFormat) q.highFormat = highFormat;
    if (per) q.per = per;
    if (unit) q.unit = unit;
    if (denominator !== undefined) q.denominator = denominator;
    if (denominatorSpan) q.denominatorSpan = denominatorSpan;
    if (cur) q.currency = cur;
    if (bound) q.bound = bound as Quantity['bound'];
    if (g.blank2 !== undefined) q.blank = true;
    out.push(q);
    CORE.lastIndex = Math.max(CORE.lastIndex, end);
  }
  return out;
}

/** Minutes in one unit of a duration. */
export const MINUTES: Record<DurationUnit, number> = {
  ms: 1 / 60000,
  second: 1 / 60,
  minute: 1,
  hour: 60,
  day: 1440,
  week: 10080,
  month: 43200,
  year: 525600,
};

/** Writes `value` the way `format` wrote its number (decimals, grouping, K/M suffix, minus). */
export function formatNumber(value: number, format: NumberFormat): string {
  const scaled = Math.abs(value) / format.scale;
  let text = scaled.toFixed(format.decimals);
  if (format.grouping) {
    const [int, frac] = text.split('.');
    text = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
  }
  const zero = Number(text.replace(/,/g, '')) === 0;
  return (value < 0 && !zero ? format.minus || '-' : '') + text + format.suffix;
}

/** Writes a plain figure for messages: grouping, at most `decimals` decimals, no trailing zeros. */
export function show(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = Math.abs(value).toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  const [int, frac] = fixed.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (value < 0 ? '−' : '') + grouped + (frac ? '.' + frac : '');
}
