/**
 * Reads the quantities a piece of plan text states: money in any currency written before or
 * after the number (`$1,200`, `1.234,56 €`, `R$ 1.500`, `₹1,00,000`, `Rp 1,5 juta`, `72￥`),
 * scales (`$1.2K`, `2M`, `1,5 Mio.`, `2 lakh`, `10万`), ranges (`$5-20K/month`), percentages,
 * counts of something (`2.5K users`), durations (`43 minutes`, `8h 45m`), data sizes, multiples
 * (`6x`), ratios (`5:1`), scores (`7/10`), periods and per-entity rates (`/mo`, `per user`,
 * `$0.15/M`), and template blanks (`$___/month`).
 *
 * The reader is a hand-written scanner: every step looks at a bounded window of text, so its
 * time is linear in the length of the text.
 */
import type { Dimension, NumberStyle, Quantity, Unit } from './types';
import {
  ATTACHED_ONLY_UNITS,
  COUNT_ADJECTIVES,
  COUNT_NOUNS,
  CURRENCY_SYMBOLS,
  DATA_POWER,
  DATA_UNITS,
  MINUTES_PER_UNIT,
  PERIOD_WORDS,
  SCALE_WORDS,
  TIME_UNIT_WORDS,
  type Period,
  type TimeUnit,
} from './vocabulary';

/** How the document writes numbers: its decimal separator, and how sure we are of it. */
export interface NumberConvention {
  decimal: '.' | ',';
  /** The evidence is one-sided: numbers such as `1.500` are read one way only. */
  certain: boolean;
  /** Groups separated by spaces (`1 234,56`) are read as one number. */
  spaceGrouping: boolean;
}

export const DOT_CONVENTION: NumberConvention = { decimal: '.', certain: false, spaceGrouping: false };

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/**
 * Han, kana and Hangul write no space before a number (`約2.2時間`, `月額5,000円`, `합계15대`):
 * a number after them is not glued to a word (but `第3` is an ordinal).
 */
const CJK_BEFORE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー](?<!第)/u;
const LETTER = /\p{L}/u;
function isLetterAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 128) return false;
  return LETTER.test(text[i]!);
}

/**
 * The document's number convention, from the numbers whose reading is not in doubt: `1,5`,
 * `29,4%`, `1.234,56` and `1.234.567` say the comma is decimal; `1.25`, `99.9%`, `1,234.56`
 * and `1,234,567` say the dot is.
 */
export function inferConvention(text: string): NumberConvention {
  let comma = 0;
  let dot = 0;
  let space = 0;
  const re = /\d+(?:[.,\u00a0\u202f ]\d+)+/g;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = re.exec(text)) && seen < 5000) {
    seen++;
    const s = m[0];
    // Versions, dates and addresses are not amounts.
    if (/^\d+\.\d+\.\d+\.\d+$/.test(s)) continue;
    const before = text[m.index - 1] ?? '';
    if (before === '.' || before === ',' || /[A-Za-z]/.test(before)) continue;
    const hasComma = s.includes(',');
    const hasDot = s.includes('.');
    if (/[\u00a0\u202f ]\d{3}(?:[,.]|$)/.test(s) && /^\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?$/.test(s)) {
      if (s.includes(',')) comma += 2;
      space++;
      continue;
    }
    if (s.includes(' ')) continue;
    if (hasComma && hasDot) {
      if (s.lastIndexOf(',') > s.lastIndexOf('.')) comma += 3;
      else dot += 3;
      continue;
    }
    if (hasComma) {
      const parts = s.split(',');
      if (parts.length === 2 && parts[1]!.length !== 3 && !/^\d{1,2},\d{2},\d{3}/.test(s)) comma += parts[0] === '0' ? 3 : 2;
      else if (parts.length > 2 && parts.slice(1).every((p) => p.length === 3)) dot += 2;
      else if (parts.length === 2 && parts[1]!.length === 3) dot += 0.5;
      continue;
    }
    if (hasDot) {
      const parts = s.split('.');
      if (parts.length === 2 && parts[1]!.length !== 3) dot += 2;
      else if (parts.length > 2 && parts.slice(1).every((p) => p.length === 3)) comma += 2;
      else if (parts.length === 2 && parts[1]!.length === 3 && parts[0] !== '0') comma += 0.5;
    }
  }
  const decimal: '.' | ',' = comma > dot ? ',' : '.';
  const strong = Math.max(comma, dot);
  const weak = Math.min(comma, dot);
  return { decimal, certain: strong >= 2 && weak * 4 <= strong, spaceGrouping: space > 0 && decimal === ',' };
}

interface NumberBody {
  start: number;
  end: number;
  value: number;
  /** Value under the other convention, when the text reads both ways. */
  alt?: number;
  decimals: number;
  altDecimals?: number;
  style: NumberStyle;
  /** Trailing zeros of the integer part (for significance). */
  zeros: number;
}

const GROUP_SEPARATORS = new Set([',', '.', "'", '\u00a0', '\u202f', ' ', '_']);

/** The grouping separator a document with this convention uses. */
function defaultGroup(conv: NumberConvention): string {
  if (conv.decimal === '.') return ',';
  return conv.spaceGrouping ? '\u00a0' : '.';
}

function baseStyle(decimal: '.' | ',', group: string, decimals: number, indian = false, grouped = true): NumberStyle {
  return { decimal, group, indian, decimals, scaleText: '', scale: 1, grouped };
}

function trailingZeros(intDigits: string): number {
  let z = 0;
  for (let i = intDigits.length - 1; i > 0 && intDigits[i] === '0'; i--) z++;
  return intDigits.replace(/^0+/, '') === '' ? 0 : z;
}

/**
 * Reads the number whose first digit is at `i`: digits with separators, interpreted by the
 * convention. Undefined for things that are not amounts (`1.2.3`, `12.03.2024`).
 */
function readBody(text: string, i: number, conv: NumberConvention): NumberBody | undefined {
  let j = i;
  const n = text.length;
  const runs: string[] = [];
  const seps: string[] = [];
  let run = '';
  while (j < n) {
    const c = text.charCodeAt(j);
    if (isDigit(c)) {
      run += text[j];
      j++;
      continue;
    }
    const ch = text[j]!;
    if (GROUP_SEPARATORS.has(ch) && j + 1 < n && isDigit(text.charCodeAt(j + 1)) && runs.length < 8) {
      // A space or no-break space joins digits only as a grouping of exactly three.
      if (ch === ' ' || ch === '\u00a0' || ch === '\u202f') {
        const three = /^\d{3}(?!\d)/.test(text.slice(j + 1, j + 5));
        if (!three || run.length > 3 || (ch === ' ' && !conv.spaceGrouping)) break;
        if (seps.some((s) => s !== ch && s !== ',' && s !== '.')) break;
      }
      runs.push(run);
      seps.push(ch);
      run = '';
      j++;
      continue;
    }
    break;
  }
  runs.push(run);
  const end = j;
  const raw = text.slice(i, end);
  if (seps.length === 0) {
    const value = Number(run);
    // Too short to show grouping: a longer value is grouped the document's way; `2350` written
    // bare stays bare.
    const group = run.length < 4 ? defaultGroup(conv) : '';
    return { start: i, end, value, decimals: 0, style: baseStyle(conv.decimal, group, 0, false, run.length < 4), zeros: trailingZeros(run) };
  }
  // Python-style `2_350.25`: underscores group, a dot is decimal.
  if (seps.includes('_')) {
    const cleaned = raw.replace(/_/g, '');
    if (!/^\d+(?:\.\d+)?$/.test(cleaned)) return undefined;
    const dot = cleaned.indexOf('.');
    const decimals = dot < 0 ? 0 : cleaned.length - dot - 1;
    const intPart = dot < 0 ? cleaned : cleaned.slice(0, dot);
    return { start: i, end, value: Number(cleaned), decimals, style: baseStyle('.', '_', decimals), zeros: decimals ? 0 : trailingZeros(intPart) };
  }
  const kinds = new Set(seps);
  const last = seps[seps.length - 1]!;
  const lastRun = runs[runs.length - 1]!;
  const groupsOfThree = (from: number, to: number): boolean => {
    for (let k = from; k < to; k++) if (runs[k]!.length !== 3) return false;
    return true;
  };
  const firstOk = runs[0]!.length >= 1 && runs[0]!.length <= 3;
  // Two different separators: the last one is the decimal separator.
  if (kinds.size >= 2) {
    const decimal = last === ',' ? ',' : last === '.' ? '.' : undefined;
    if (!decimal) {
      // `1 234 567` with spaces and nothing else after: all grouping.
      return undefined;
    }
    const group = seps[0]!;
    if (seps.slice(0, -1).some((s) => s !== group) || group === decimal) return undefined;
    const intRuns = runs.slice(0, -1);
    const indian = group === ',' && isIndian(intRuns);
    if (!indian && !(firstOk && groupsOfThree(1, runs.length - 1))) return undefined;
    const intDigits = intRuns.join('');
    const value = Number(`${intDigits}.${lastRun}`);
    return { start: i, end, value, decimals: lastRun.length, style: baseStyle(decimal, group, lastRun.length, indian), zeros: 0 };
  }
  const sep = seps[0]!;
  if (sep === '\u00a0' || sep === '\u202f' || sep === ' ' || sep === "'") {
    if (!(firstOk && groupsOfThree(1, runs.length))) return undefined;
    const digits = runs.join('');
    return { start: i, end, value: Number(digits), decimals: 0, style: baseStyle(conv.decimal, sep, 0), zeros: trailingZeros(digits) };
  }
  const digits = runs.join('');
  if (sep === ',') {
    if (seps.length >= 2 && isIndian(runs)) {
      return { start: i, end, value: Number(digits), decimals: 0, style: baseStyle('.', ',', 0, true), zeros: trailingZeros(digits) };
    }
    if (firstOk && groupsOfThree(1, runs.length)) {
      const grouping: NumberBody = { start: i, end, value: Number(digits), decimals: 0, style: baseStyle('.', ',', 0), zeros: trailingZeros(digits) };
      if (seps.length === 1 && conv.decimal === ',') {
        // `1,234` in a document that writes decimals with a comma; pages mix conventions, so
        // the other reading is kept.
        const v = Number(`${runs[0]}.${runs[1]}`);
        return { start: i, end, value: v, alt: grouping.value, decimals: 3, altDecimals: 0, style: baseStyle(',', '', 3), zeros: 0 };
      }
      return grouping;
    }
    if (seps.length === 1) {
      const v = Number(`${runs[0]}.${runs[1]}`);
      return { start: i, end, value: v, decimals: runs[1]!.length, style: baseStyle(',', conv.decimal === ',' ? '.' : '', runs[1]!.length), zeros: 0 };
    }
    // `1,2,3`: a list, read its first number only.
    return readBody(text.slice(0, i + runs[0]!.length), i, conv);
  }
  // sep === '.'
  if (seps.length === 1) {
    const decimals = runs[1]!.length;
    const asDecimal = Number(`${runs[0]}.${runs[1]}`);
    if (decimals === 3 && firstOk && runs[0] !== '0') {
      const asGroup = Number(digits);
      // `1.500`: grouping in a document that writes decimals with a comma, a decimal otherwise;
      // pages mix conventions, so the other reading is kept.
      if (conv.decimal === ',') return { start: i, end, value: asGroup, alt: asDecimal, decimals: 0, altDecimals: 3, style: baseStyle(',', '.', 0), zeros: trailingZeros(digits) };
      return { start: i, end, value: asDecimal, alt: asGroup, decimals: 3, altDecimals: 0, style: baseStyle('.', ',', 3), zeros: 0 };
    }
    return { start: i, end, value: asDecimal, decimals, style: baseStyle('.', conv.decimal === '.' ? ',' : '', decimals), zeros: 0 };
  }
  if (firstOk && groupsOfThree(1, runs.length)) {
    return { start: i, end, value: Number(digits), decimals: 0, style: baseStyle(',', '.', 0), zeros: trailingZeros(digits) };
  }
  return undefined;
}

/** `1,00,000` and `12,50,000`: two-digit groups before the last group of three. */
function isIndian(runs: string[]): boolean {
  if (runs.length < 3) return false;
  if (runs[runs.length - 1]!.length !== 3) return false;
  if (runs[0]!.length < 1 || runs[0]!.length > 2) return false;
  for (let k = 1; k < runs.length - 1; k++) if (runs[k]!.length !== 2) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// What comes before a number.

const CURRENCY_BEFORE =
  /(US\$|U\$S|R\$|C\$|CA\$|A\$|AU\$|NZ\$|MX\$|HK\$|S\$|Rs\.?|Rp\.?|S\/|₹|€|£|¥|￥|₩|₫|₽|₺|₦|₱|₪|฿|৳|₴|\$|\b(?:USD|EUR|GBP|INR|IDR|VND|JPY|CNY|RMB|KRW|PLN|TRY|RUB|BRL|CHF|CAD|AUD|NZD|MXN|CLP|COP|ARS|PEN|ZAR|SEK|NOK|DKK|SGD|HKD|CZK|HUF|RON|NGN|KES|AED|SAR|ILS|PHP|THB|MYR|PKR|BDT|UAH|R|RM|TL))\s?$/;
const CURRENCY_AFTER =
  /^\s?(€|₫|zł|TL|₺|₽|руб\.?|р\.|원|円|元|￥|¥|\$|₹|£|₩|Kč|Ft|đồng|đ|(?:USD|EUR|GBP|INR|IDR|VND|JPY|CNY|RMB|KRW|PLN|TRY|RUB|BRL|CHF|CAD|AUD|MXN|CLP|COP|ARS|ZAR|SEK|NOK|DKK|SGD|HKD|CZK|HUF|RON|lei|kr)\b|(?:dollars?|euros?|pesos?|reais|real|rupees?|yen|yuan|won|lira|liras|złotych|zloty|рублей|рубля|rupiah)\b)/i;
const APPROX_BEFORE =
  /(?:~|≈|∼|±|\b(?:about|approx\.?|approximately|around|roughly|circa|ca\.|c\.|est\.?|estimated|nearly|almost|aprox\.?|aproximadamente|cerca de|alrededor de|unos|unas|environ|approximativement|etwa|ungefähr|rund|circa|około|ok\.|yaklaşık|около|примерно|приблизительно|sekitar|kira-kira|khoảng|tầm)|約|约|대략|약|およそ)\s*$/i;
const BOUND_BEFORE =
  /(<=|>=|≤|≥|<|(?<![-=])>|\b(?:under|below|less than|up to|upto|at most|max\.?|maximum|within|no more than|over|above|more than|at least|min\.?|minimum|exceeds?|exceeding|beyond|hasta|menos de|más de|mais de|até|moins de|plus de|jusqu'à|unter|über|bis zu|mindestens|höchstens|meno di|più di|fino a|poniżej|powyżej|do|altında|üzerinde|en az|en fazla|менее|более|до|свыше|не более|не менее|kurang dari|lebih dari|dưới|trên|tối đa|tối thiểu)|未満|以下|以上|超|이하|이상|미만|초과)\s*$/i;

/** Words after which a number names a thing in a sequence: `Month 6`, `Phase 2`, `Hire 1`. */
const ORDINAL_BEFORE =
  /(?:\b(?:months?|years?|weeks?|days?|quarters?|q|phase|stage|tier|level|step|version|v|hire|sprint|wave|round|part|chapter|section|milestone|release|option|scenario|plan|team|fase|etapa|mes|meses|año|mês|ano|mois|année|monat|jahr|woche|ay|yıl|hafta|tháng|năm|bulan|tahun|minggu|месяц|год|этап|неделя|mese|anno|settimana|miesiąc|rok|tydzień|faza|aşama|tahap|giai đoạn|hafta|no\.|nr\.|#)\s?|第\s?)$/i;

// ---------------------------------------------------------------------------------------------
// What comes after a number.

const SCALE_AFTER =
  /^(?:([kKmMbB]|bn|Bn|BN|MM)(?![\p{L}\p{N}])|\s?(thousand|million|millions|billion|billions|mil|millón|millones|milhão|milhões|mille|mila|milioni|milione|mln|mld|mrd\.?|Mrd\.?|Mio\.?|mio\.?|Tsd\.?|tsd\.?|tausend|Milliarden?|tys\.?|тыс\.?|млн\.?|млрд\.?|bin|milyon|milyar|rb|ribu|jt|juta|miliar|nghìn|ngàn|triệu|tr|tỷ|lakhs?|lacs?|crores?|[Cc]r|L)(?![\p{L}\p{N}])|(千|万|萬|百万|億|亿|천|만|억))/u;

const PERCENT_AFTER = /^\s?(%|％|\s?percent\b|\s?per cent\b|\s?pct\b|\s?por ciento\b|\s?por cento\b|\s?pour cent\b|\s?prozent\b|\s?процент\w*|\s?persen\b)/i;
const POINTS_AFTER = /^\s?(pp|p\.p\.|bps|points?)\b/i;
const MULTIPLIER_AFTER = /^([x×X])(?![\p{L}\p{N}$€£¥₹])/u;
const RATIO_AFTER = /^:(\d{1,6}(?:\.\d+)?)(?![\d:.]|\s?(?:am|pm|AM|PM|h|Uhr)\b)/;
const SCORE_AFTER = /^\s?\/\s?(\d{1,4}|_{3,})(?![\d/.,])/;
const DATA_AFTER = /^\s?([kKmMgGtTpP]i?[bB]|bytes|B)(?![\p{L}\p{N}])/u;
const WORD_AFTER = /^(\s?)([\p{L}]+)/u;
/** Words after a number that are CJK counters of people or users (`1,000명`, `500人`, `1000ユーザー`). */
const CJK_COUNT = /^(명|人|ユーザー|用户|人次|名|사용자|個|个|件)/;

const RANGE_SEP = /^(\s?[-–—]\s?|\s?(?:to|a|à|bis|до|hasta|até|ile|đến|sampai|hingga|-)\s|\s?[~〜～]\s?)/i;

/** Per-period and per-entity phrases: `/mo`, `per month`, `a month`, `/user`, `per 1K requests`. */
const PER_AFTER =
  /^\s?(?:\/\s?|(?:per|a|an|each|every|por|al|ao|par|pro|je|im|ogni|al|в|на|за|za|na|mỗi|setiap|tiap|cada)\s+)(?:(\d[\d,.]*\s?[kKmM]?|[kKmM](?![\p{L}])|million|thousand|mil|1k|1m)\s?)?([\p{L}]+)/u;
/** `monthly`, `annually` after the number. */
const ADVERB_AFTER = /^\s(monthly|annually|yearly|annual|daily|weekly|quarterly|hourly|mensual|mensuales|mensal|mensais|mensuel|mensuels|monatlich|mensile|mensili|aylık|yıllık|rocznie|miesięcznie|ежемесячно|bulanan|tahunan|anual|anuales|anuais|annuel|jährlich|annuale)\b/i;
const JA_PER = /^(?:\s?\/\s?|\s?)(月|年|日|時間|月額|年額)(?![\p{L}])/u;

/** Reads every quantity in `text`; offsets are relative to `text` plus `base`. */
export function readQuantities(text: string, base: number, conv: NumberConvention = DOT_CONVENTION): Quantity[] {
  const out: Quantity[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const blank = c === 95 && text.startsWith('___', i);
    if (!isDigit(c) && !blank) {
      i++;
      continue;
    }
    // A number glued to a word (`H100`, `v2`, `P95`, `Q3`) is a name, not a quantity; a
    // currency written against it (`Rp1.000`, `R$1,500`, `US$5`) is not a word.
    if (!blank && isLetterAt(text, i - 1) && !CJK_BEFORE.test(text[i - 1]!) && !CURRENCY_BEFORE.test(text.slice(Math.max(0, i - 4), i))) {
      i = skipWord(text, i);
      continue;
    }
    if (!blank && (text[i - 1] === '.' || text[i - 1] === ',') && isDigit(text.charCodeAt(i - 2))) {
      i = skipWord(text, i);
      continue;
    }
    // Dates (`2024-01-15`, `15.03.2024`, `3/15/2024`) and times (`10:30`) are not quantities.
    const date = DATE.exec(text.slice(i, i + 12));
    if (date && !blank) {
      i += date[0].length;
      continue;
    }
    const q = readQuantity(text, i, conv);
    if (!q) {
      i = skipWord(text, i);
      continue;
    }
    out.push(shift(q.quantity, base));
    i = Math.max(q.next, i + 1);
  }
  return out;
}

const DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}\/\d{1,2}\/\d{1,2})(?![\d])/;

function skipWord(text: string, i: number): number {
  let j = i;
  while (j < text.length && (isLetterAt(text, j) || isDigit(text.charCodeAt(j)) || text[j] === '.' || text[j] === ',' || text[j] === '_')) j++;
  return Math.max(j, i + 1);
}

function shift(q: Quantity, base: number): Quantity {
  if (base === 0) return q;
  q.span = { start: q.span.start + base, end: q.span.end + base };
  q.numberSpan = { start: q.numberSpan.start + base, end: q.numberSpan.end + base };
  if (q.highSpan) q.highSpan = { start: q.highSpan.start + base, end: q.highSpan.end + base };
  if (q.denominatorSpan) q.denominatorSpan = { start: q.denominatorSpan.start + base, end: q.denominatorSpan.end + base };
  return q;
}

interface Side {
  body?: NumberBody;
  blank?: { start: number; end: number };
  /** End of the number with its scale word. */
  end: number;
  scale: number;
  scaleText: string;
  currency?: string;
  currencyAfter?: boolean;
}

function readSide(text: string, i: number, conv: NumberConvention): Side | undefined {
  if (text.startsWith('___', i)) {
    let j = i;
    while (text[j] === '_') j++;
    return { blank: { start: i, end: j }, end: j, scale: 1, scaleText: '' };
  }
  const body = readBody(text, i, conv);
  if (!body) return undefined;
  const side: Side = { body, end: body.end, scale: 1, scaleText: '' };
  const after = text.slice(body.end, body.end + 16);
  const s = SCALE_AFTER.exec(after);
  if (s) {
    const word = (s[1] ?? s[2] ?? s[3])!;
    const key = word.toLowerCase().replace(/\.$/, '');
    const scale = SCALE_WORDS[word] ?? SCALE_WORDS[key] ?? SCALE_WORDS[key + '.'];
    // A lone `m` could be minutes or metres: it is a million only with money (decided later).
    // `L` (lakh) only after a space, or against a rupee amount (`₹86.4L`).
    const rupee = /(?:₹|Rs\.?|INR)\s?$/.test(text.slice(Math.max(0, i - 5), i));
    if (scale !== undefined && !(word === 'L' && !/^\s/.test(after) && !rupee)) {
      side.scale = scale;
      side.scaleText = s[0];
      side.end = body.end + s[0].length;
    }
  }
  return side;
}

/** Reads the quantity whose first digit (or blank) is at `i`. */
function readQuantity(text: string, i: number, conv: NumberConvention): { quantity: Quantity; next: number } | undefined {
  const a = readSide(text, i, conv);
  if (!a) return undefined;
  const n = text.length;
  const beforeText = text.slice(Math.max(0, i - 28), i);
  let start = i;
  // Sign and currency before the number.
  let currency: string | undefined;
  let minus: string | undefined;
  let parens = false;
  const cur = CURRENCY_BEFORE.exec(beforeText);
  if (cur && !isLetterAt(text, i - cur[0].length - 1)) {
    currency = currencyCode(cur[1]!);
    start = i - cur[0].length;
  }
  const signChar = text[start - 1];
  if ((signChar === '-' || signChar === '−' || signChar === '–') && !isDigit(text.charCodeAt(start - 2)) && !isLetterAt(text, start - 2) && text[start - 2] !== '-') {
    // `-$10,380`, `−12%`; not the hyphen of `COVID-19` nor a range's dash.
    minus = signChar;
    start -= 1;
  } else if (signChar === '(' && currency) {
    parens = true;
  }
  if (!currency && !minus) {
    // `$-500`: currency then sign.
    if ((text[i - 1] === '-' || text[i - 1] === '−') && cur === null) {
      const c2 = CURRENCY_BEFORE.exec(text.slice(Math.max(0, i - 29), i - 1));
      if (c2) {
        currency = currencyCode(c2[1]!);
        minus = text[i - 1];
        start = i - 1 - c2[0].length;
      }
    }
  }
  // A range: `5-20K`, `$50–$150`, `100 to 500 users`, `10%-20%`.
  let b: Side | undefined;
  let bStart = -1;
  let highCurrency: string | undefined;
  let afterA = a.end;
  // Percent written on the low end (`10%-20%`).
  const pctA = PERCENT_AFTER.exec(text.slice(afterA, afterA + 12));
  let lowPercent = false;
  if (pctA && pctA[1] !== undefined && (pctA[1] === '%' || pctA[1] === '％')) {
    lowPercent = true;
    afterA += pctA[0].length;
  }
  let aCurAfter: string | undefined;
  const curAfterA = !currency ? CURRENCY_AFTER.exec(text.slice(afterA, afterA + 12)) : null;
  if (curAfterA && !lowPercent) {
    aCurAfter = currencyCode(curAfterA[1]!);
    afterA += curAfterA[0].length;
  }
  const sep = RANGE_SEP.exec(text.slice(afterA, afterA + 8));
  if (sep) {
    let k = afterA + sep[0].length;
    const curB = /^(US\$|R\$|Rs\.?|Rp\.?|₹|€|£|¥|￥|₩|₫|₽|₺|\$)\s?/.exec(text.slice(k, k + 5));
    if (curB) {
      highCurrency = currencyCode(curB[1]!);
      k += curB[0].length;
    }
    const spacedDash = /\s[-–—]\s/.test(sep[0]);
    if (k < n && (isDigit(text.charCodeAt(k)) || text.startsWith('___', k))) {
      const candidate = readSide(text, k, conv);
      if (candidate) {
        const tail = text.slice(candidate.end, candidate.end + 40);
        // `a - b = c` is arithmetic, not a range; so is `a - b` followed by an operator.
        const arithmetic = spacedDash && /^\s*(?:[-+×x*÷/=]|→)\s*[\d$€£(]/.test(tail);
        const equals = /^\s*[^\n=]{0,20}=/.test(tail) && /\s[-–—]\s?/.test(sep[0]) && !/[a-z]/i.test(tail.slice(0, tail.indexOf('=')));
        if (!arithmetic && !(spacedDash && equals)) {
          b = candidate;
          bStart = k;
        }
      }
    }
  }
  const q: Quantity = {
    span: { start, end: a.end },
    numberSpan: { start: i, end: a.end },
    low: NaN,
    unit: { dim: 'number' },
    precision: 1,
    significance: 1,
    style: a.body?.style ?? baseStyle(conv.decimal, '', 0),
  };
  if (minus) q.minus = minus;
  if (parens) q.parens = true;
  let end = a.end;
  let aScale = a.scale;
  let bScale = 1;
  if (b) {
    bScale = b.scale;
    // `5-20K`: the low end takes the high end's scale when it has none of its own and the
    // range stays ascending.
    if (a.scale === 1 && b.scale !== 1 && a.body && b.body && a.body.value <= b.body.value) aScale = b.scale;
    const lowV = a.body ? a.body.value * aScale : NaN;
    const highV = b.body ? b.body.value * bScale : NaN;
    if (a.body && b.body && !(lowV <= highV)) {
      b = undefined;
      aScale = a.scale;
    }
  }
  if (b) {
    q.highSpan = { start: bStart, end: b.end };
    end = b.end;
    if (highCurrency && !currency) currency = highCurrency;
  }
  // Units after the last number.
  let dim: Dimension = currency ? 'money' : 'number';
  const unit: Unit = { dim };
  let lastEnd = end;
  let after = text.slice(lastEnd, lastEnd + 48);
  let lastScale = b ? bScale : aScale;
  const lastScaleText = b ? b.scaleText : a.scaleText;
  // A lone lower-case `m` after a number without money is minutes, not millions.
  let minutesM = false;
  if (/^m$/.test(lastScaleText) && !currency && !aCurAfter) {
    minutesM = true;
  }
  let score: { den: number; span: { start: number; end: number } } | undefined;
  let ratio: { den: number; span: { start: number; end: number } } | undefined;
  let timeUnit: TimeUnit | undefined;
  let unknownUnit = false;
  if (!currency && !aCurAfter && !lowPercent) {
    const ca = CURRENCY_AFTER.exec(after);
    if (ca) {
      currency = currencyCode(ca[1]!);
      lastEnd += ca[0].length;
      after = text.slice(lastEnd, lastEnd + 48);
      dim = 'money';
    }
  } else if (aCurAfter && !currency) {
    currency = aCurAfter;
    dim = 'money';
    if (!b) {
      lastEnd = afterA;
      after = text.slice(lastEnd, lastEnd + 48);
    }
  }
  if (currency) {
    dim = 'money';
    // `$12 USD/year`: the code after the symbol says the same currency again.
    const code = /^\s?(USD|EUR|GBP|INR|CAD|AUD|BRL|MXN|SGD|HKD|NZD)\b/.exec(after);
    if (code && currencyCode(code[1]!) !== undefined) {
      lastEnd += code[0].length;
      after = text.slice(lastEnd, lastEnd + 48);
    }
  }
  if (minutesM) {
    // Undo the scale: `30m` is thirty minutes.
    if (b) {
      bScale = 1;
      q.highSpan!.end -= lastScaleText.length;
    } else {
      aScale = 1;
      q.numberSpan.end -= lastScaleText.length;
    }
    lastScale = 1;
    lastEnd -= lastScaleText.length;
    end -= lastScaleText.length;
    after = text.slice(lastEnd, lastEnd + 48);
  }
  if (dim !== 'money') {
    const pct = PERCENT_AFTER.exec(after);
    const mult = MULTIPLIER_AFTER.exec(after);
    const rat = !b ? RATIO_AFTER.exec(after) : null;
    const sc = !b ? SCORE_AFTER.exec(after) : null;
    const data = DATA_AFTER.exec(after);
    if (pct || lowPercent) {
      dim = 'percent';
      if (pct) lastEnd += pct[0].length;
    } else if (POINTS_AFTER.test(after)) {
      dim = 'percent';
      lastEnd += POINTS_AFTER.exec(after)![0].length;
    } else if (mult && lastScale === 1) {
      dim = 'multiplier';
      lastEnd += mult[0].length;
    } else if (rat && a.body && lastScale === 1 && Number(rat[1]) > 0) {
      dim = 'ratio';
      const ds = lastEnd + 1;
      ratio = { den: Number(rat[1]), span: { start: ds, end: ds + rat[1]!.length } };
      lastEnd += rat[0].length;
    } else if (sc && lastScale === 1) {
      const den = sc[1]!.startsWith('_') ? NaN : Number(sc[1]);
      const num = a.body ? a.body.value : NaN;
      const plausible = Number.isNaN(den) || Number.isNaN(num) || (num <= den && den >= 3 && !minus);
      // `12/25/2024` is a date, `1/2` a fraction.
      if (plausible && !/^\/\d/.test(text.slice(lastEnd + sc[0].length, lastEnd + sc[0].length + 2))) {
        dim = 'score';
        const ds = lastEnd + sc[0].length - sc[1]!.length;
        score = { den, span: { start: ds, end: ds + sc[1]!.length } };
        lastEnd += sc[0].length;
      }
    } else if (data && (lastScale === 1 || /^[kKmMgGtT]/.test(data[1]!) === false)) {
      const du = DATA_UNITS[data[1]!.toLowerCase()];
      // A bare `B` after a number is a billion or bytes: bytes only when written `B` after a space.
      if (du && !(data[1] === 'B' && !/^\s/.test(after))) {
        dim = 'data';
        unit.data = du.unit;
        if (du.binary) unit.binary = true;
        lastEnd += data[0].length;
      }
    }
    if (dim === 'number') {
      const w = WORD_AFTER.exec(after);
      const cjk = CJK_COUNT.exec(after);
      if (cjk) {
        dim = 'count';
        unit.noun = 'user';
        if (cjk[1] === '個' || cjk[1] === '个' || cjk[1] === '件') unit.noun = 'item';
        lastEnd += cjk[0].length;
      } else if (w) {
        const word = w[2]!.toLowerCase();
        const attached = w[1] === '';
        const tu = TIME_UNIT_WORDS[word];
        // A single letter written apart (`14,6 h`, `8 h 45 min`) is a unit when nothing but a
        // further part of the duration or punctuation follows; `m` apart may be metres.
        const spacedUnit = !attached && ATTACHED_ONLY_UNITS.has(word) && word !== 'm' && /^(?:\s*$|\s*[|),;.]|\s\d{1,4}(?:[.,]\d+)?\s?(?:min|s|sec|h)\b)/.test(after.slice(w[0].length));
        if (tu && (attached || !ATTACHED_ONLY_UNITS.has(word) || spacedUnit) && !(word === 'm' && lastScale !== 1)) {
          dim = 'duration';
          timeUnit = tu;
          lastEnd += w[0].length;
        } else if (attached && word.length === 1 && !COUNT_NOUNS[word]) {
          // `500W`: a unit this reader does not know.
          unknownUnit = true;
        } else if (!attached || word.length > 1) {
          // `1,000 users`, `500 paying customers`, `3 engineers`.
          let k = w[0].length;
          let noun: string | undefined = COUNT_NOUNS[word];
          let adjectives = 0;
          while (!noun && COUNT_ADJECTIVES.has(word) && adjectives < 2) {
            const next = WORD_AFTER.exec(after.slice(k));
            if (!next || next[1] === '') break;
            const nw = next[2]!.toLowerCase();
            k += next[0].length;
            adjectives++;
            noun = COUNT_NOUNS[nw];
            if (!noun && !COUNT_ADJECTIVES.has(nw)) break;
          }
          if (noun && !attached) {
            dim = 'count';
            unit.noun = noun;
            lastEnd += k;
          } else if (attached && !noun) {
            // `500W`, `16x`: a unit this reader does not know.
            unknownUnit = true;
          }
        }
      }
    }
  }
  unit.dim = dim;
  if (currency) unit.currency = currency;
  // Compound durations: `8h 45m 36s`, `1 hour 26 minutes`.
  let value = a.body ? a.body.value * aScale : NaN;
  let high = b?.body ? b.body.value * bScale : undefined;
  let compound = false;
  let smallest: TimeUnit | undefined = timeUnit;
  if (dim === 'duration' && timeUnit) {
    unit.time = timeUnit;
    value *= MINUTES_PER_UNIT[timeUnit];
    if (high !== undefined) high *= MINUTES_PER_UNIT[timeUnit];
    if (!b) {
      for (let guard = 0; guard < 4; guard++) {
        const m = /^(\s?(?:and\s)?)(\d{1,4}(?:[.,]\d+)?)\s?([\p{L}]+)/u.exec(text.slice(lastEnd, lastEnd + 24));
        if (!m) break;
        const tu = TIME_UNIT_WORDS[m[3]!.toLowerCase()];
        if (!tu || !smallest || MINUTES_PER_UNIT[tu] >= MINUTES_PER_UNIT[smallest]) break;
        if (ATTACHED_ONLY_UNITS.has(m[3]!.toLowerCase()) && m[3]!.toLowerCase() === 'm' && /\s$/.test(m[0].slice(0, m[0].length - m[3]!.length))) break;
        value += Number(m[2]!.replace(',', '.')) * MINUTES_PER_UNIT[tu];
        smallest = tu;
        compound = true;
        lastEnd += m[0].length;
      }
    }
  }
  if (dim === 'data' && unit.data) {
    const factor = Math.pow(unit.binary ? 1024 : 1000, DATA_POWER[unit.data]);
    value *= factor;
    if (high !== undefined) high *= factor;
  }
  // Per-period and per-entity after everything else: `/month`, `per user per month`.
  after = text.slice(lastEnd, lastEnd + 48);
  for (let guard = 0; guard < 3; guard++) {
    const adv = ADVERB_AFTER.exec(after);
    if (adv && !unit.per) {
      const p = PERIOD_WORDS[adv[1]!.toLowerCase()];
      if (p) {
        unit.per = p;
        lastEnd += adv[0].length;
        after = text.slice(lastEnd, lastEnd + 48);
        continue;
      }
    }
    const ja = JA_PER.exec(after);
    if (ja && !unit.per && dim === 'money') {
      const p = PERIOD_WORDS[ja[1]!];
      if (p) {
        unit.per = p;
        lastEnd += ja[0].length;
        after = text.slice(lastEnd, lastEnd + 48);
        continue;
      }
    }
    const per = PER_AFTER.exec(after);
    if (!per) break;
    const word = per[2]!.toLowerCase();
    const isSlash = /^\s?\//.test(per[0]);
    const p = PERIOD_WORDS[word];
    if (p && !per[1] && (isSlash || word.length > 1) && !unit.per && dim !== 'duration') {
      // `per month` after a money figure or count; `a day` only after something that flows.
      if (!isSlash && /^\s?(a|an)\s/i.test(per[0]) && dim === 'number') break;
      unit.per = p;
      lastEnd += per[0].length;
      after = text.slice(lastEnd, lastEnd + 48);
      continue;
    }
    const entity = COUNT_NOUNS[word] ?? (DATA_UNITS[word] ? word.toUpperCase() : undefined) ?? (/^[kKmM]$/.test(per[2]!) && isSlash ? 'unit' : undefined);
    if (entity && !unit.perEntity && (dim === 'money' || dim === 'count' || dim === 'number' || dim === 'duration' || dim === 'data')) {
      unit.perEntity = entity;
      let scale = 1;
      if (per[1]) {
        const m = /^(\d[\d,.]*)\s?([kKmM]?)$/.exec(per[1].trim());
        if (m) scale = Number(m[1]!.replace(/,/g, '')) * (m[2] ? SCALE_WORDS[m[2].toLowerCase()]! : 1);
        else if (/^(?:[mM]|million|mil)$/.test(per[1].trim())) scale = 1e6;
        else if (/^(?:[kK]|thousand)$/.test(per[1].trim())) scale = 1e3;
      }
      // `/K`, `/M`, and `/ 1M` (the count before the scale letter).
      if (entity === 'unit' && /^[kK]$/.test(per[2]!)) scale *= 1e3;
      else if (entity === 'unit' && /^[mM]$/.test(per[2]!)) scale *= 1e6;
      if (scale !== 1) unit.perScale = scale;
      lastEnd += per[0].length;
      after = text.slice(lastEnd, lastEnd + 48);
      continue;
    }
    break;
  }
  // An open end: `10,000+`, `$5K+`, `1M+ users`.
  if (text[end] === '+' && !/^\+\s*[\d$€£(]/.test(text.slice(end, end + 4)) && lastEnd === end) {
    q.open = true;
    lastEnd = end + 1;
    // `10,000+ users`: the noun after the plus.
    const w = WORD_AFTER.exec(text.slice(lastEnd, lastEnd + 32));
    if (w && w[1] !== '' && dim === 'number') {
      const noun = COUNT_NOUNS[w[2]!.toLowerCase()];
      if (noun) {
        unit.dim = 'count';
        unit.noun = noun;
        lastEnd += w[0].length;
      } else {
        const k = WORD_AFTER.exec(text.slice(lastEnd + w[0].length, lastEnd + w[0].length + 24));
        if (COUNT_ADJECTIVES.has(w[2]!.toLowerCase()) && k && COUNT_NOUNS[k[2]!.toLowerCase()]) {
          unit.dim = 'count';
          unit.noun = COUNT_NOUNS[k[2]!.toLowerCase()]!;
          lastEnd += w[0].length + k[0].length;
        }
      }
    }
  } else if (text[lastEnd] === '+' && !/^\+\s*[\d$€£(]/.test(text.slice(lastEnd, lastEnd + 4))) {
    q.open = true;
    lastEnd += 1;
  }
  q.span.end = lastEnd;
  q.low = minus ? -value : value;
  if (high !== undefined) q.high = high;
  if (a.blank || b?.blank) q.blank = true;
  // Precision of what is written: the last digit's place; significance drops trailing zeros.
  const body = a.body;
  if (body) {
    const factor = unitFactor(unit, dim, smallest);
    q.precision = Math.pow(10, -body.decimals) * aScale * factor;
    const integerSignificant = dim === 'percent' || dim === 'multiplier' || dim === 'score' || dim === 'ratio';
    q.significance = integerSignificant || body.decimals > 0 ? q.precision : Math.pow(10, body.zeros) * aScale * factor;
    q.style = { ...body.style, scale: aScale, scaleText: aScale === a.scale ? a.scaleText : '' };
    if (body.alt !== undefined) {
      q.lowAlt = (minus ? -body.alt : body.alt) * aScale * factor;
    }
    if (compound && smallest) {
      q.precision = MINUTES_PER_UNIT[smallest];
      q.significance = q.precision;
      q.compound = true;
    }
    if (minus && body.value === 0) delete q.minus;
  }
  if (b?.body) {
    const factor = unitFactor(unit, dim, smallest);
    q.highPrecision = Math.pow(10, -b.body.decimals) * bScale * factor;
    const integerSignificant = dim === 'percent' || dim === 'multiplier' || dim === 'score' || dim === 'ratio';
    q.highSignificance = integerSignificant || b.body.decimals > 0 ? q.highPrecision : Math.pow(10, b.body.zeros) * bScale * factor;
    if (b.body.alt !== undefined) q.highAlt = b.body.alt * bScale * factor;
    q.highStyle = { ...b.body.style, scale: bScale, scaleText: b.scaleText };
    if (q.lowAlt === undefined && q.highAlt !== undefined && a.body) q.lowAlt = q.low;
    if (q.highAlt === undefined && q.lowAlt !== undefined) q.highAlt = q.high;
  }
  if (score) {
    q.denominator = score.den;
    q.denominatorSpan = score.span;
  }
  if (ratio) {
    q.denominator = ratio.den;
    q.denominatorSpan = ratio.span;
  }
  // Approximate and bounded figures: words before the number.
  const pre = text.slice(Math.max(0, q.span.start - 28), q.span.start);
  if (APPROX_BEFORE.test(pre)) q.approx = true;
  const bound = BOUND_BEFORE.exec(pre);
  if (bound) q.bound = boundOf(bound[1]!);
  if (/^\s?(?:max|maximum|or (?:less|fewer)|at most|or below|以下|이하)\b/i.test(text.slice(lastEnd, lastEnd + 12))) q.bound = '<=';
  if (/^\s?(?:min|minimum|or more|at least|or above|以上|이상)\b/i.test(text.slice(lastEnd, lastEnd + 12))) q.bound = '>=';
  // Turkish writes the percent sign first: `%75`.
  if (unit.dim === 'number' && text[q.span.start - 1] === '%' && !isDigit(text.charCodeAt(q.span.start - 2)) && !b) {
    unit.dim = 'percent';
    q.span.start -= 1;
    q.precision = Math.pow(10, -(a.body?.decimals ?? 0));
    q.significance = q.precision;
  }
  if (unknownUnit && unit.dim === 'number') q.unknownUnit = true;
  if (unit.dim === 'number' && !currency && ORDINAL_BEFORE.test(text.slice(Math.max(0, q.span.start - 16), q.span.start))) q.ordinal = true;
  q.unit = unit;
  return { quantity: q, next: lastEnd };
}

/** What one written unit of the number is worth in the quantity's stored unit. */
function unitFactor(unit: Unit, dim: Dimension, smallest: TimeUnit | undefined): number {
  if (dim === 'duration' && unit.time) return MINUTES_PER_UNIT[unit.time];
  if (dim === 'data' && unit.data) return Math.pow(unit.binary ? 1024 : 1000, DATA_POWER[unit.data]);
  void smallest;
  return 1;
}

function boundOf(word: string): Quantity['bound'] {
  const w = word.toLowerCase();
  if (w === '<' || /^(?:under|below|less than|menos de|moins de|unter|meno di|poniżej|altında|менее|kurang dari|dưới|未満|미만)$/.test(w)) return '<';
  if (w === '>' || /^(?:over|above|more than|exceeds?|exceeding|beyond|más de|mais de|plus de|über|più di|powyżej|üzerinde|более|свыше|lebih dari|trên|超|초과)$/.test(w)) return '>';
  if (w === '>=' || w === '≥' || /^(?:at least|min\.?|minimum|mindestens|en az|не менее|tối thiểu|以上|이상)$/.test(w)) return '>=';
  return '<=';
}

/** The code a currency symbol stands for (`$` stays `$`: it names no single currency). */
export function currencyCode(symbol: string): string {
  const s = symbol.trim();
  return CURRENCY_SYMBOLS[s] ?? CURRENCY_SYMBOLS[s.toLowerCase()] ?? s.toUpperCase();
}

/** The period a quantity states itself, if any. */
export function ownPeriod(q: Quantity): Period | undefined {
  return q.unit.per;
}
