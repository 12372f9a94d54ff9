/**
 * The words plans use, in one place: periods and how long they are, currencies, scales,
 * units of time and data, what counts are of, and the labels that say what a figure is
 * (total, revenue, cost, profit, margin, uptime, stage). Every reader in the engine asks
 * this module; no other module keeps a word list.
 *
 * Words are matched on lower-cased text. Lists cover the languages plans are written in:
 * English, Spanish, Portuguese, French, German, Italian, Dutch, Polish, Turkish, Russian,
 * Indonesian, Vietnamese, Japanese, Chinese and Korean.
 */
import { memoize } from './memo';

export type Period = 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * A list of words and phrases, indexed once: single words in a set, phrases and words of
 * scripts written without spaces checked by position.
 */
export class WordList {
  private readonly singles = new Set<string>();
  private readonly phrases: string[] = [];
  private readonly unspaced: string[] = [];
  constructor(readonly words: readonly string[]) {
    for (const w of words) {
      if (w === '') continue;
      if (UNSPACED.test(w)) this.unspaced.push(w);
      else if (/[^\p{L}\p{N}]/u.test(w)) this.phrases.push(w);
      else this.singles.add(w);
    }
  }
  /** Is `word` one of the words itself? */
  includes(word: string): boolean {
    return this.words.includes(word);
  }
  /** Does `text` (lower case) contain one of the words as a whole word? */
  has(text: string): boolean {
    return this.find(text) !== undefined;
  }
  find(text: string): string | undefined {
    return this.findIn(text, this.singles.size > 0 ? wordsOf(text) : []);
  }
  /** As `find`, with the words of `text` already split (`wordsOf`): one split serves many lists. */
  findIn(text: string, words: readonly string[]): string | undefined {
    if (this.singles.size > 0) for (const w of words) if (this.singles.has(w)) return w;
    for (const w of this.phrases) if (containsWord(text, w)) return w;
    for (const w of this.unspaced) if (text.includes(w)) return w;
    return undefined;
  }
}

/** The words of a text: runs of letters and digits. */
export function wordsOf(text: string): string[] {
  // Most labels are ASCII: split them without the Unicode-aware pattern.
  if (!NON_ASCII.test(text)) return text.match(ASCII_WORD) ?? [];
  return text.match(WORD) ?? [];
}

const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_WORD = /[a-zA-Z0-9]+/g;

const WORD = /[\p{L}\p{N}]+/gu;

/** Does `text` (normalised) contain one of `words` as a whole word or phrase? */
export function hasWord(text: string, words: WordList | readonly string[]): boolean {
  return (words instanceof WordList ? words : new WordList(words)).has(text);
}

/** The first of `words` found in `text` as a whole word, if any. */
export function findWord(text: string, words: WordList | readonly string[]): string | undefined {
  return (words instanceof WordList ? words : new WordList(words)).find(text);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Scripts written without spaces between words: a match there needs no word boundary. */
const UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** Whole-word containment that works for accented letters and for CJK text. */
export function containsWord(text: string, word: string): boolean {
  if (word === '') return false;
  let from = 0;
  for (;;) {
    const i = text.indexOf(word, from);
    if (i < 0) return false;
    if (UNSPACED.test(word)) return true;
    const before = i === 0 ? '' : text[i - 1]!;
    const after = i + word.length >= text.length ? '' : text[i + word.length]!;
    // A hyphenated word goes on past a hyphen: `all-in` is not a word of `all-in-one`.
    const joined = word.includes('-') && (after === '-' && WORD_CHAR.test(text[i + word.length + 1] ?? '') || before === '-' && WORD_CHAR.test(text[i - 2] ?? ''));
    if (!(before && WORD_CHAR.test(before)) && !(after && WORD_CHAR.test(after)) && !joined) return true;
    from = i + 1;
  }
}


export type MonthConvention = '30d' | '730h';

/** Minutes in one period. A month is 30 days or 730 hours; a year is 365 days. */
export function minutesIn(period: Period, month: MonthConvention): number {
  switch (period) {
    case 'hour':
      return 60;
    case 'day':
      return 1440;
    case 'week':
      return 10080;
    case 'month':
      return month === '30d' ? 43200 : 43800;
    case 'quarter':
      return month === '30d' ? 129600 : 131400;
    case 'year':
      return 525600;
  }
}

/** How many of `from` make one `to` (12 months a year), or undefined when not a whole relation. */
export function periodsPer(from: Period, to: Period): number | undefined {
  const ladder: Partial<Record<Period, number>> = { month: 1, quarter: 3, year: 12 };
  const a = ladder[from];
  const b = ladder[to];
  if (a !== undefined && b !== undefined) return b / a;
  const days: Partial<Record<Period, number>> = { day: 1, week: 7 };
  const c = days[from];
  const d = days[to];
  if (c !== undefined && d !== undefined) return d / c;
  return undefined;
}

/** Words naming a period, as an adjective or noun: `monthly`, `per month`, `mensual`, `月額`. */
export const PERIOD_WORDS: Record<string, Period> = {
  // English
  hour: 'hour', hours: 'hour', hourly: 'hour', hr: 'hour', hrs: 'hour', h: 'hour',
  day: 'day', days: 'day', daily: 'day', d: 'day',
  week: 'week', weeks: 'week', weekly: 'week', wk: 'week', wks: 'week',
  month: 'month', months: 'month', monthly: 'month', mo: 'month', mos: 'month', mth: 'month', mnth: 'month', mon: 'month', mrr: 'month',
  quarter: 'quarter', quarters: 'quarter', quarterly: 'quarter', qtr: 'quarter', q: 'quarter',
  year: 'year', years: 'year', yearly: 'year', annual: 'year', annually: 'year', annum: 'year', yr: 'year', yrs: 'year', y: 'year', arr: 'year', pa: 'year',
  // Spanish, Portuguese
  hora: 'hour', horas: 'hour', día: 'day', dia: 'day', días: 'day', dias: 'day', diario: 'day', diaria: 'day', diário: 'day',
  semana: 'week', semanas: 'week', semanal: 'week',
  mes: 'month', meses: 'month', mensual: 'month', mensuales: 'month', mês: 'month', mensal: 'month', mensais: 'month',
  trimestre: 'quarter', trimestral: 'quarter',
  año: 'year', años: 'year', anual: 'year', anuales: 'year', ano: 'year', anos: 'year', anuais: 'year',
  // French
  heure: 'hour', heures: 'hour', jour: 'day', jours: 'day', quotidien: 'day', quotidienne: 'day',
  semaine: 'week', semaines: 'week', hebdomadaire: 'week',
  mois: 'month', mensuel: 'month', mensuelle: 'month', mensuels: 'month',
  an: 'year', ans: 'year', année: 'year', années: 'year', annuel: 'year', annuelle: 'year',
  // German
  stunde: 'hour', stunden: 'hour', tag: 'day', tage: 'day', tagen: 'day', täglich: 'day',
  woche: 'week', wochen: 'week', wöchentlich: 'week',
  monat: 'month', monate: 'month', monaten: 'month', monatlich: 'month', monatl: 'month', mtl: 'month',
  quartal: 'quarter', jahr: 'year', jahre: 'year', jahren: 'year', jährlich: 'year', jährl: 'year',
  // Italian
  ora: 'hour', ore: 'hour', giorno: 'day', giorni: 'day', giornaliero: 'day',
  settimana: 'week', settimane: 'week', settimanale: 'week',
  mese: 'month', mesi: 'month', mensile: 'month', mensili: 'month',
  anno: 'year', anni: 'year', annuale: 'year', annuali: 'year',
  // Dutch
  uur: 'hour', dag: 'day', dagen: 'day', week_nl: 'week', maand: 'month', maanden: 'month', maandelijks: 'month', jaar: 'year', jaarlijks: 'year',
  // Polish
  godzina: 'hour', godz: 'hour', dzień: 'day', dni: 'day', tydzień: 'week', miesiąc: 'month', miesiące: 'month', miesięcy: 'month', miesięcznie: 'month', mies: 'month',
  miesięczny: 'month', miesięczne: 'month', rok: 'year', lat: 'year', rocznie: 'year', roczny: 'year', roczne: 'year',
  // Turkish
  saat: 'hour', gün: 'day', günlük: 'day', hafta: 'week', haftalık: 'week', ay: 'month', aylık: 'month', yıl: 'year', yıllık: 'year', sene: 'year',
  // Russian
  час: 'hour', часа: 'hour', часов: 'hour', день: 'day', дня: 'day', дней: 'day', сутки: 'day', неделя: 'week', неделю: 'week', недели: 'week',
  месяц: 'month', месяца: 'month', месяцев: 'month', мес: 'month', ежемесячно: 'month', квартал: 'quarter', год: 'year', года: 'year', лет: 'year', ежегодно: 'year',
  // Indonesian
  jam: 'hour', hari: 'day', harian: 'day', minggu: 'week', mingguan: 'week', bulan: 'month', bulanan: 'month', bln: 'month', tahun: 'year', tahunan: 'year', thn: 'year',
  // Vietnamese
  giờ: 'hour', ngày: 'day', tuần: 'week', tháng: 'month', quý: 'quarter', năm: 'year',
  // Japanese, Chinese, Korean
  時間: 'hour', 小时: 'hour', 小時: 'hour', 시간: 'hour',
  日: 'day', 天: 'day', 일: 'day', 日額: 'day',
  週: 'week', 周: 'week', 주: 'week',
  月: 'month', 月額: 'month', 每月: 'month', 月度: 'month', 월: 'month', 월간: 'month', 매월: 'month', 월별: 'month',
  四半期: 'quarter', 季度: 'quarter', 분기: 'quarter',
  年: 'year', 年額: 'year', 年間: 'year', 每年: 'year', 年度: 'year', 년: 'year', 연간: 'year', 연: 'year',
};

/**
 * Words that make a phrase "per <period>" when they come before a period word: `per month`,
 * `a month`, `each month`, `al mes`, `pro Monat`, `par mois`, `в месяц`, `per bulan`.
 */
export const PER_WORDS = new Set([
  'per', 'a', 'an', 'each', 'every', 'por', 'al', 'ao', 'à', 'a la', 'par', 'pro', 'je', 'im', 'al_it', 'ogni', 'in', 'в', 'на', 'за', 'za', 'na', 'w', 'mỗi', 'một', 'setiap', 'tiap', 'başına', 'her',
]);

/** Currency symbols and codes, each with the code it stands for. `$` alone stays `$`. */
export const CURRENCY_SYMBOLS: Record<string, string> = {
  $: '$', us$: 'USD', usd: 'USD', 'u$s': 'USD',
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', gbp: 'GBP',
  '₹': 'INR', rs: 'INR', 'rs.': 'INR', inr: 'INR',
  r$: 'BRL', brl: 'BRL',
  r: 'ZAR', zar: 'ZAR',
  rp: 'IDR', 'rp.': 'IDR', idr: 'IDR',
  '₫': 'VND', vnd: 'VND', đ: 'VND', đồng: 'VND',
  '¥': 'JPY', '￥': 'JPY', jpy: 'JPY', 円: 'JPY',
  cny: 'CNY', rmb: 'CNY', 元: 'CNY',
  '₩': 'KRW', krw: 'KRW', 원: 'KRW',
  zł: 'PLN', pln: 'PLN',
  tl: 'TRY', '₺': 'TRY', try: 'TRY',
  '₽': 'RUB', руб: 'RUB', 'руб.': 'RUB', rub: 'RUB', р: 'RUB', 'р.': 'RUB',
  chf: 'CHF', 'fr.': 'CHF',
  cad: 'CAD', c$: 'CAD', 'ca$': 'CAD', aud: 'AUD', a$: 'AUD', 'au$': 'AUD', nzd: 'NZD', sgd: 'SGD', 's$': 'SGD', hkd: 'HKD', 'hk$': 'HKD',
  mxn: 'MXN', mx$: 'MXN', clp: 'CLP', cop: 'COP', ars: 'ARS', pen: 'PEN', 's/': 'PEN', uyu: 'UYU',
  sek: 'SEK', nok: 'NOK', dkk: 'DKK', kr: 'SEK', czk: 'CZK', kč: 'CZK', huf: 'HUF', ft: 'HUF', ron: 'RON', lei: 'RON',
  ngn: 'NGN', '₦': 'NGN', kes: 'KES', ksh: 'KES', egp: 'EGP', aed: 'AED', sar: 'SAR', ils: 'ILS', '₪': 'ILS',
  php: 'PHP', '₱': 'PHP', thb: 'THB', '฿': 'THB', myr: 'MYR', rm: 'MYR', pkr: 'PKR', bdt: 'BDT', '৳': 'BDT', uah: 'UAH', '₴': 'UAH',
};

/** Scale words after a number: `K`, `M`, `Mio.`, `lakh`, `crore`, `万`, `triệu`, `млн`. */
export const SCALE_WORDS: Record<string, number> = {
  k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9,
  thousand: 1e3, million: 1e6, millions: 1e6, billion: 1e9, billions: 1e9,
  mil: 1e3, millón: 1e6, millones: 1e6, milhão: 1e6, milhões: 1e6, mi: 1e6,
  mille: 1e3, mila: 1e3, milioni: 1e6, milione: 1e6, mln: 1e6, mld: 1e9, mrd: 1e9, 'mrd.': 1e9,
  mio: 1e6, 'mio.': 1e6, tsd: 1e3, 'tsd.': 1e3, tausend: 1e3, milliarde: 1e9, milliarden: 1e9,
  tys: 1e3, 'tys.': 1e3, mln_pl: 1e6,
  тыс: 1e3, 'тыс.': 1e3, млн: 1e6, 'млн.': 1e6, млрд: 1e9,
  bin: 1e3, milyon: 1e6, milyar: 1e9,
  rb: 1e3, ribu: 1e3, jt: 1e6, juta: 1e6, m_id: 1e6, miliar: 1e9, 't': 1e12,
  nghìn: 1e3, ngàn: 1e3, triệu: 1e6, tr: 1e6, tỷ: 1e9,
  lakh: 1e5, lakhs: 1e5, lac: 1e5, lacs: 1e5, l: 1e5, crore: 1e7, crores: 1e7, cr: 1e7,
  千: 1e3, 万: 1e4, 萬: 1e4, 百万: 1e6, 億: 1e8, 亿: 1e8, 천: 1e3, 만: 1e4, 억: 1e8,
};

/** Scale letters that may be written against the number (`$1.2K`, `5M`); other scale words need a space or not. */
export const SCALE_LETTERS = new Set(['k', 'm', 'b', 'bn', 'mm']);

export type TimeUnit = 'ms' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Minutes in one unit of duration (a month of 30 days here: durations are spans, not periods). */
export const MINUTES_PER_UNIT: Record<TimeUnit, number> = {
  ms: 1 / 60000, second: 1 / 60, minute: 1, hour: 60, day: 1440, week: 10080, month: 43200, year: 525600,
};

/** Words for units of time after a number: `43 minutes`, `7.2 hrs`, `8h`, `3 días`, `4 ore`. */
export const TIME_UNIT_WORDS: Record<string, TimeUnit> = {
  ms: 'ms', msec: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 'second', sec: 'second', secs: 'second', second: 'second', seconds: 'second', seg: 'second', segundos: 'second', sekunden: 'second', secondes: 'second', secondi: 'second', saniye: 'second', сек: 'second', 秒: 'second', 초: 'second', detik: 'second', giây: 'second',
  m: 'minute', min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute', minuto: 'minute', minutos: 'minute', minuten: 'minute', minuti: 'minute', dakika: 'minute', dk: 'minute', мин: 'minute', минут: 'minute', минуты: 'minute', 分: 'minute', 分钟: 'minute', 분: 'minute', menit: 'minute', phút: 'minute', minut: 'minute',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour', hora: 'hour', horas: 'hour', stunde: 'hour', stunden: 'hour', std: 'hour', heure: 'hour', heures: 'hour', ora: 'hour', ore: 'hour', saat: 'hour', час: 'hour', часа: 'hour', часов: 'hour', 時間: 'hour', 小时: 'hour', 시간: 'hour', jam: 'hour', giờ: 'hour', godz: 'hour', godzin: 'hour', godziny: 'hour', uur: 'hour',
  d: 'day', day: 'day', days: 'day', día: 'day', días: 'day', dia: 'day', dias: 'day', tag: 'day', tage: 'day', jour: 'day', jours: 'day', giorno: 'day', giorni: 'day', gün: 'day', день: 'day', дня: 'day', дней: 'day', 日: 'day', 天: 'day', 일: 'day', hari: 'day', ngày: 'day', dni: 'day', dzień: 'day', dagen: 'day',
  wk: 'week', wks: 'week', week: 'week', weeks: 'week', semana: 'week', semanas: 'week', woche: 'week', wochen: 'week', semaine: 'week', semaines: 'week', settimana: 'week', settimane: 'week', hafta: 'week', недель: 'week', недели: 'week', 週: 'week', 周: 'week', 주: 'week', minggu: 'week', tuần: 'week', tygodnie: 'week', tygodni: 'week',
  mo: 'month', mos: 'month', month: 'month', months: 'month', mes: 'month', meses: 'month', mês: 'month', monat: 'month', monate: 'month', mois: 'month', mese: 'month', mesi: 'month', ay: 'month', месяц: 'month', месяца: 'month', месяцев: 'month', ヶ月: 'month', 个月: 'month', 개월: 'month', bulan: 'month', tháng: 'month', miesiąc: 'month', miesiące: 'month', miesięcy: 'month',
  yr: 'year', yrs: 'year', year: 'year', years: 'year', año: 'year', años: 'year', ano: 'year', anos: 'year', jahr: 'year', jahre: 'year', an: 'year', ans: 'year', anno: 'year', anni: 'year', yıl: 'year', год: 'year', года: 'year', лет: 'year', 年: 'year', 년: 'year', tahun: 'year', năm: 'year', rok: 'year', lata: 'year', lat: 'year',
};

/** Single letters that are units only when written against the number (`5s`, `2h`, `30m`). */
export const ATTACHED_ONLY_UNITS = new Set(['s', 'm', 'h', 'd', 'w', 'y']);

export type DataUnit = 'B' | 'KB' | 'MB' | 'GB' | 'TB' | 'PB';

/** Data size units; binary ones (`MiB`) are marked. */
export const DATA_UNITS: Record<string, { unit: DataUnit; binary: boolean }> = {
  b: { unit: 'B', binary: false }, bytes: { unit: 'B', binary: false },
  kb: { unit: 'KB', binary: false }, mb: { unit: 'MB', binary: false }, gb: { unit: 'GB', binary: false }, tb: { unit: 'TB', binary: false }, pb: { unit: 'PB', binary: false },
  kib: { unit: 'KB', binary: true }, mib: { unit: 'MB', binary: true }, gib: { unit: 'GB', binary: true }, tib: { unit: 'TB', binary: true }, pib: { unit: 'PB', binary: true },
};

/** The power of 1000 (or 1024) of a data unit. */
export const DATA_POWER: Record<DataUnit, number> = { B: 0, KB: 1, MB: 2, GB: 3, TB: 4, PB: 5 };

/**
 * Nouns a count can be of, by what they count. The key is the canonical noun used to match
 * a per-entity price (`$0.014 per user` × `1,000 users`).
 */
export const COUNT_NOUNS: Record<string, string> = {
  user: 'user', users: 'user', usuario: 'user', usuarios: 'user', usuário: 'user', usuários: 'user', utilisateur: 'user', utilisateurs: 'user',
  nutzer: 'user', benutzer: 'user', nutzerinnen: 'user', utente: 'user', utenti: 'user', użytkownik: 'user', użytkowników: 'user', użytkownicy: 'user',
  kullanıcı: 'user', пользователь: 'user', пользователей: 'user', пользователя: 'user', pengguna: 'user', người: 'user', ユーザー: 'user', 用户: 'user', 사용자: 'user', 명: 'user', 人: 'user', gebruikers: 'user',
  mau: 'user', dau: 'user', wau: 'user', member: 'user', members: 'user', subscriber: 'user', subscribers: 'user', account: 'user', accounts: 'user',
  seat: 'seat', seats: 'seat', licence: 'seat', license: 'seat', licenses: 'seat', licences: 'seat',
  customer: 'customer', customers: 'customer', client: 'customer', clients: 'customer', cliente: 'customer', clientes: 'customer', kunden: 'customer', clienti: 'customer', müşteri: 'customer', клиентов: 'customer', pelanggan: 'customer', khách: 'customer', tenant: 'customer', tenants: 'customer', companies: 'customer', teams: 'customer', orgs: 'customer', organizations: 'customer',
  request: 'request', requests: 'request', req: 'request', reqs: 'request', calls: 'request', call: 'request', queries: 'request', query: 'request', rps: 'request', qps: 'request', solicitudes: 'request', requisições: 'request', requêtes: 'request', anfragen: 'request', richieste: 'request', istek: 'request', запросов: 'request',
  session: 'session', sessions: 'session', sesiones: 'session', sessões: 'session',
  message: 'message', messages: 'message', msgs: 'message', emails: 'email', email: 'email', mensajes: 'message',
  ticket: 'ticket', tickets: 'ticket',
  order: 'order', orders: 'order', transactions: 'transaction', transaction: 'transaction', pedidos: 'order',
  hire: 'person', hires: 'person', people: 'person', person: 'person', persons: 'person', engineers: 'person', engineer: 'person', employees: 'person', employee: 'person', staff: 'person', fte: 'person', ftes: 'person', devs: 'person', developers: 'person', personas: 'person', pessoas: 'person', personnes: 'person', mitarbeiter: 'person', persone: 'person', kişi: 'person', человек: 'person', orang: 'person',
  instance: 'instance', instances: 'instance', server: 'server', servers: 'server', nodes: 'server', node: 'server', vms: 'server', replicas: 'server', pods: 'server', cluster: 'cluster', clusters: 'cluster', vcpu: 'vcpu', vcpus: 'vcpu', cores: 'vcpu', cpu: 'vcpu', cpus: 'vcpu',
  token: 'token', tokens: 'token', words: 'word', word: 'word', images: 'image', image: 'image', videos: 'video', files: 'file', events: 'event', jobs: 'job', builds: 'build',
  visitors: 'visitor', visitor: 'visitor', visits: 'visit', leads: 'lead', signups: 'signup', downloads: 'download', installs: 'install', trials: 'trial',
  hour_count: 'hour', points: 'point', pts: 'point', items: 'item', features: 'feature', tasks: 'task', projects: 'project', stores: 'store', locations: 'location', regions: 'region',
};

/** Adjectives that may come between a count and its noun: `1,000 active users`, `500 paying customers`. */
export const COUNT_ADJECTIVES = new Set([
  'active', 'paying', 'paid', 'free', 'new', 'total', 'monthly', 'daily', 'weekly', 'concurrent', 'registered', 'premium', 'pro', 'trial', 'enterprise', 'b2b', 'b2c', 'unique', 'returning', 'retained', 'churned',
  'activos', 'pagos', 'pagantes', 'ativos', 'actifs', 'payants', 'aktive', 'zahlende', 'attivi', 'paganti', 'aktif', 'ödeme', 'активных', 'platných', 'berbayar',
]);

/** Paying entities: a price per one of these is per paying user. */
export const PAYING_WORDS = /\b(?:paying|paid|premium|pro|subscribers?|customers?|clientes?|kunden|pagantes|payants|zahlende|berbayar)\b/i;

/** Labels and headers that mark a total (checked on the label with markup removed, lower case). */
export const TOTAL_WORDS = new WordList([
  'total', 'totals', 'grand total', 'sum', 'overall', 'all-in', 'subtotal', 'sub-total', 'sub total',
  'total general', 'suma', 'soma', 'totale', 'somme', 'gesamt', 'gesamtsumme', 'summe', 'insgesamt', 'zwischensumme', 'totaal', 'razem', 'łącznie', 'suma razem',
  'subtotale', 'sottototale', 'totale parziale', 'sous-total', 'suma częściowa', 'подытог', 'промежуточный итог', 'toplam', 'ara toplam', 'итого', 'всего', 'сумма', 'jumlah', 'total biaya', 'tổng', 'tổng cộng', 'tổng chi phí', '合計', '合计', '总计', '總計', '小計', '小计', '합계', '총계', '총합', '소계',
]);

/** A label that is a subtotal rather than a grand total. */
export const SUBTOTAL_WORDS = new WordList(['subtotal', 'sub-total', 'sub total', 'zwischensumme', 'ara toplam', '小計', '小计', '소계', 'subtotales', 'subtotais', 'subtotale', 'sottototale', 'totale parziale', 'sous-total', 'suma częściowa', 'подытог', 'промежуточный итог']);

/** Revenue words. */
export const REVENUE_WORDS = new WordList([
  'revenue', 'revenues', 'gross revenue', 'net revenue', 'mrr', 'arr', 'sales', 'income', 'turnover', 'billings', 'earnings',
  'ingresos', 'ingreso', 'receita', 'receitas', 'faturamento', 'revenu', 'revenus', "chiffre d'affaires", 'ca', 'umsatz', 'einnahmen', 'erlöse', 'ricavi', 'ricavo', 'fatturato', 'entrate',
  'przychód', 'przychody', 'gelir', 'gelirler', 'ciro', 'выручка', 'доход', 'доходы', 'pendapatan', 'omzet', 'doanh thu', '売上', '収益', '收入', '营收', '매출', '수익',
]);

/** Cost words. */
export const COST_WORDS = new WordList([
  'cost', 'costs', 'expense', 'expenses', 'spend', 'spending', 'opex', 'burn', 'outgoings', 'bill', 'fees', 'fee',
  'costo', 'costos', 'coste', 'costes', 'gasto', 'gastos', 'custo', 'custos', 'despesa', 'despesas', 'coût', 'coûts', 'dépenses', 'frais', 'kosten', 'ausgaben',
  'costi', 'spese', 'koszt', 'koszty', 'wydatki', 'maliyet', 'gider', 'giderler', 'расходы', 'затраты', 'стоимость', 'себестоимость', 'biaya', 'pengeluaran', 'chi phí', 'giá vốn', '費用', 'コスト', '原価', '成本', '费用', '支出', '비용', '원가',
]);

/** Profit and loss words. */
export const PROFIT_WORDS = new WordList([
  'profit', 'net profit', 'net income', 'profit/loss', 'p&l', 'net result', 'bottom line', 'ebitda', 'operating income', 'operating profit', 'contribution',
  'lucro', 'lucro líquido', 'beneficio', 'ganancia', 'utilidad', 'bénéfice', 'résultat', 'gewinn', 'ergebnis', 'überschuss', 'utile', 'profitto', 'zysk', 'kâr', 'kar', 'net kâr', 'прибыль',
  'laba', 'keuntungan', 'lợi nhuận', '利益', '利润', '순이익', '이익',
]);
export const LOSS_WORDS = new WordList(['loss', 'net loss', 'pérdida', 'perdida', 'prejuízo', 'perte', 'verlust', 'perdita', 'strata', 'zarar', 'убыток', 'rugi', 'lỗ', '損失', '亏损', '손실']);

/** Margin words. */
export const MARGIN_WORDS = new WordList(['margin', 'gross margin', 'net margin', 'profit margin', 'margen', 'margem', 'marge', 'marge brute', 'marge nette', 'marge', 'margine', 'marża', 'marj', 'маржа', 'маржинальность', 'margin kotor', 'biên lợi nhuận', '利益率', '毛利率', '利润率', '마진', '이익률']);

/** Words for the users a figure is about. */
export const USER_LABEL_WORDS = new WordList(['users', 'user count', 'active users', 'customers', 'subscribers', 'accounts', 'mau', 'dau', 'usuarios', 'usuários', 'utilisateurs', 'nutzer', 'utenti', 'użytkownicy', 'kullanıcı', 'kullanıcılar', 'пользователи', 'pengguna', 'người dùng', 'ユーザー数', '用户数', '사용자 수', 'seats', 'clients', 'clientes']);

/** Uptime words: a percentage beside one of these is an availability. */
export const UPTIME_WORDS = new WordList([
  'uptime', 'availability', 'available', 'sla', 'slo', 'nines', 'reliability',
  'disponibilidad', 'disponibilidade', 'disponibilité', 'verfügbarkeit', 'disponibilità', 'dostępność', 'erişilebilirlik', 'çalışma süresi', 'uptime süresi', 'доступность', 'аптайм',
  'ketersediaan', 'thời gian hoạt động', '稼働率', '可用性', '가용성', '가동률',
]);

/** Downtime words: a duration beside one of these is allowed downtime. */
export const DOWNTIME_WORDS = new WordList([
  'downtime', 'down time', 'outage', 'outages', 'unavailability', 'error budget', 'allowed downtime', 'max downtime',
  'inactividad', 'tiempo de inactividad', 'caída', 'indisponibilidade', 'tempo de inatividade', 'inatividade', 'indisponibilité', "temps d'arrêt", 'ausfallzeit', 'ausfall', 'nichtverfügbarkeit',
  'inattività', 'fermo', 'niedostępność', 'przestój', 'kesinti', 'kesinti süresi', 'простой', 'недоступность', 'waktu henti', 'downtime_id', 'thời gian ngừng', 'ダウンタイム', '停止時間', '停机时间', '宕机', '다운타임', '중단 시간',
]);

/** Words that name stages or phases, numbered (`Stage 2`, `Fase 1`, `단계 3`, `第2段階`). */
export const STAGE_WORDS = new WordList([
  'stage', 'phase', 'tier', 'level', 'step', 'milestone', 'wave', 'horizon',
  'fase', 'etapa', 'étape', 'phase_fr', 'palier', 'stufe', 'etappe', 'fase_it', 'faza', 'etap', 'aşama', 'evre', 'этап', 'фаза', 'стадия', 'tahap', 'fase_id', 'giai đoạn', '段階', '阶段', '階段', '단계',
]);

/** Words that say the items of a list are alternatives, not parts to add up. */
export const ALTERNATIVE_WORDS = /\b(?:options?|alternatives?|alternatively|choices?|choose|pick one|either|scenarios?|scenario|cases?|vs\.?|versus|compare|comparison|instead|or|opción|opciones|alternativa|alternativas|escenario|escenarios|cenário|cenários|opção|opções|option|scénario|scénarios|variante|varianten|szenario|szenarien|opzione|opzioni|scenario_it|wariant|scenariusz|seçenek|senaryo|alternatif|вариант|варианты|сценарий|opsi|pilihan|skenario|phương án|lựa chọn|kịch bản|案|オプション|选项|方案|옵션|시나리오)\b/i;

/** Lower-cases and strips markdown markup, emoji and punctuation from a label for matching. */
export function normalizeLabel(label: string): string {
  // Most labels are plain words: nothing to strip but case.
  if (!LABEL_DECORATION.test(label)) return label.toLowerCase();
  return label
    .toLowerCase()
    .replace(/[*_`~]+/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}\u{200D}]/gu, ' ')
    .replace(/[:：=|]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What `normalizeLabel` strips or folds: emphasis, links, emoji, a trailing colon, runs of space. */
const LABEL_DECORATION = /[*_`~[\ud800-\udfff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d:：=|\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|\s\s|^\s|\s$/;

/** Does the label name a total (not a total of something per user)? */
export const isTotalLabel: (label: string) => boolean = memoize((label: string): boolean => {
  return hasWord(normalizeLabel(label), TOTAL_WORDS);
});

/** Does the label name a subtotal? */
export const isSubtotalLabel: (label: string) => boolean = memoize((label: string): boolean => {
  const n = normalizeLabel(label);
  if (hasWord(n, SUBTOTAL_WORDS)) return true;
  // `Infrastructure total`, `Total fixed`: a total of part of the whole.
  return /\btotal\b/.test(n) && !/^(?:grand )?total(?: (?:monthly|annual|yearly|cost|costs|spend|budget|expenses?|per month|\(.*\)))*$/.test(n) && n !== 'total';
});

/** Adjectives and abbreviations that say a figure is per period: `monthly`, `annual`, `MRR`, `月額`. */
const PERIOD_ADJECTIVES: Record<string, Period> = {
  hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year', annual: 'year', annually: 'year', annualized: 'year', annualised: 'year',
  mrr: 'month', arr: 'year', mtd: 'month', ytd: 'year',
  diario: 'day', diaria: 'day', diário: 'day', semanal: 'week', mensual: 'month', mensuales: 'month', mensal: 'month', mensais: 'month', trimestral: 'quarter', anual: 'year', anuales: 'year', anuais: 'year',
  quotidien: 'day', quotidienne: 'day', hebdomadaire: 'week', mensuel: 'month', mensuelle: 'month', mensuels: 'month', mensuelles: 'month', trimestriel: 'quarter', annuel: 'year', annuelle: 'year', annuels: 'year',
  täglich: 'day', tägliche: 'day', wöchentlich: 'week', monatlich: 'month', monatliche: 'month', monatlicher: 'month', monatl: 'month', mtl: 'month', jährlich: 'year', jährliche: 'year', jährl: 'year',
  giornaliero: 'day', settimanale: 'week', mensile: 'month', mensili: 'month', annuale: 'year', annuali: 'year',
  dagelijks: 'day', maandelijks: 'month', jaarlijks: 'year',
  dzienny: 'day', tygodniowy: 'week', miesięczny: 'month', miesięczne: 'month', miesięcznie: 'month', roczny: 'year', roczne: 'year', rocznie: 'year',
  günlük: 'day', haftalık: 'week', aylık: 'month', yıllık: 'year',
  ежедневно: 'day', еженедельно: 'week', ежемесячно: 'month', ежемесячный: 'month', ежемесячные: 'month', месячный: 'month', месячные: 'month', годовой: 'year', годовые: 'year', ежегодно: 'year',
  harian: 'day', mingguan: 'week', bulanan: 'month', tahunan: 'year',
  日額: 'day', 日次: 'day', 週次: 'week', 月額: 'month', 月次: 'month', 月間: 'month', 每月: 'month', 月度: 'month', 年額: 'year', 年間: 'year', 年次: 'year', 每年: 'year', 年度: 'year',
  일간: 'day', 주간: 'week', 월간: 'month', 매월: 'month', 월별: 'month', 연간: 'year', 년간: 'year',
};

const UNSPACED_ADJECTIVES = Object.entries(PERIOD_ADJECTIVES).filter(([w]) => /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(w));

/** Period nouns after `per`, `/`, `a` (`per month`, `/mo`, `al mes`, `pro Monat`, `в месяц`). */
const PER_PHRASE = /(?:\bper\s+|\/\s*|\ba\s+|\ban\s+|\beach\s+|\bevery\s+|\bpor\s+|\bal\s+|\bao\s+|\bpar\s+|\bpro\s+|\bje\s+|\bal\s+|\bв\s+|\bна\s+|\bза\s+|\bmỗi\s+|\bsetiap\s+|\bper\s+)(\p{L}+)/gu;

/**
 * The period a label, header or heading says its figures are per: `Monthly cost`, `Annual
 * Revenue`, `Cost/mo`, `Per Month (30 days)`, `MRR`. Not a span of time: `Months 7-12`,
 * `3 months`, `Year 1` name no rate.
 */
export const periodInLabel: (label: string) => Period | undefined = memoize((label: string): Period | undefined => {
  const n = normalizeLabel(label);
  let found: Period | undefined;
  const note = (p: Period): boolean => {
    if (found && found !== p) return false;
    found = p;
    return true;
  };
  for (const w of n.split(/[^\p{L}\p{N}]+/u)) {
    const p = PERIOD_ADJECTIVES[w];
    if (p && !note(p)) return undefined;
  }
  for (const m of n.matchAll(PER_PHRASE)) {
    const p = PERIOD_WORDS[m[1]!];
    if (p && m[1]!.length > 1 && !note(p)) return undefined;
  }
  if (!found) {
    for (const [w, p] of UNSPACED_ADJECTIVES) {
      if (n.includes(w) && !note(p)) return undefined;
    }
    // `/月`, `/年` in CJK headers.
    const cjk = /\/\s*(月|年|日|週)/.exec(n);
    if (cjk) note(PERIOD_WORDS[cjk[1]!]!);
  }
  return found;
});

/**
 * The period a table column header names: what {@link periodInLabel} finds, or a header that
 * is only a period noun (`Month`, `Year`, `Day`, `Mes`).
 */
export const periodInHeader: (header: string) => Period | undefined = memoize((header: string): Period | undefined => {
  const p = periodInLabel(header);
  if (p) return p;
  const n = normalizeLabel(header).replace(/\(.*\)/g, '').trim();
  const w = PERIOD_WORDS[n];
  return w && n.length > 1 ? w : undefined;
});
