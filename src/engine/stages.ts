/**
 * The stages of a plan: every place that names a stage or phase with a user range or a
 * timeline (`Stage 2: Early Traction (100-500 users)`, `**Phase 1 (0-100 usuarios)**`, `### 10K-30K
 * Users (Months 9-12)`, a table row under a Users column), the lists they form, the stages
 * identified across sections, and what each stage's lines say (budget, uptime, response time).
 * Only lists that are meant to follow each other are sequences: options, scenarios and
 * alternatives are not.
 */
import type { Block, Claim, PlanModel, Row } from './model';
import { isTitleText } from './model';
import type { Span } from './types';
import { ALTERNATIVE_WORDS, UPTIME_WORDS, hasWord, normalizeLabel } from './vocabulary';

export interface UserRange {
  low: number;
  /** Undefined when open-ended (`10,000+`). */
  high?: number;
  open: boolean;
  span: Span;
  claim: Claim;
}

export interface MonthRange {
  low: number;
  high?: number;
  open: boolean;
  /** `Months 4-6` counts months; `3-6 months` measures time since the start. */
  style: 'index' | 'elapsed';
  span: Span;
}

export interface StageEntry {
  id: number;
  line: number;
  span: Span;
  /** `Stage`, `Phase`, `Fase` as written, when numbered. */
  word?: string;
  number?: number;
  /** How messages call it: `Stage 2: Early Traction`. */
  label: string;
  users?: UserRange;
  timeline?: MonthRange;
  /** Entries with the same container form one list. */
  container: string;
  /** Lines that belong to the entry: [start, end). */
  scope: { start: number; end: number };
  /** The cost range budgeted in the entry's lines. */
  budget?: Claim;
  uptime?: Claim;
  /** Response times, with the label they are stated under. */
  response: { claim: Claim; key: string }[];
  /** Another statement of the same stage gives it another range. */
  inconsistent?: boolean;
}

export interface StageSequence {
  entries: StageEntry[];
  container: string;
  /** The list is of options, scenarios or alternatives: not a sequence to check. */
  alternatives: boolean;
}

export interface StageModel {
  entries: StageEntry[];
  sequences: StageSequence[];
  /** The plan's main list of stages (the longest list of `Stage N` ranges). */
  primary?: StageSequence;
}

/** Stage words, each with the name it is known by in keys. */
const STAGE_WORD = /^(?:\*\*|__)?\s*(stage|phase|tier|level|step|wave|milestone|fase|etapa|étape|etape|palier|stufe|etappe|faza|etap|aşama|evre|этап|фаза|стадия|tahap|giai đoạn)\s*#?\s*(\d{1,2})(?![\d.,]|\s*(?:users?|%|x)\b)/iu;
const STAGE_CJK = /^(?:第\s*(\d{1,2})\s*(?:段階|阶段|階段|期)|(\d{1,2})\s*단계|단계\s*(\d{1,2}))/;
const USER_NOUNS = new Set(['user', 'customer']);

function isUsers(c: Claim): boolean {
  return c.unit.dim === 'count' && USER_NOUNS.has(c.unit.noun ?? '') && !c.q.blank && Number.isFinite(c.q.low);
}

/** The first user range on a row: `100-500 users`, `10,000+ users`, `100 → 300 users`. */
function userRange(row: Row, text: string): UserRange | undefined {
  const claims = row.claims;
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i]!;
    if (!isUsers(c) || c.q.bound) continue;
    // `250K-1M+ users`: a range whose top is open is open-ended from its low end.
    if (c.q.high !== undefined && c.q.high > c.q.low) return c.q.open ? { low: c.q.low, open: true, span: c.q.span, claim: c } : { low: c.q.low, high: c.q.high, open: false, span: c.q.span, claim: c };
    if (c.q.open) return { low: c.q.low, open: true, span: c.q.span, claim: c };
    // `100 → 300 users`, `0 - 100 users`.
    const prev = claims[i - 1];
    if (prev && (prev.unit.dim === 'number' || isUsers(prev)) && prev.q.high === undefined && !prev.q.open && prev.q.low < c.q.low) {
      const between = text.slice(prev.q.span.end, c.q.span.start);
      if (/^\s*(?:→|->|⟶|=>|[-–—]|to|a|à|bis|до)\s*$/.test(between)) return { low: prev.q.low, high: c.q.low, open: false, span: { start: prev.q.span.start, end: c.q.span.end }, claim: c };
    }
  }
  return undefined;
}

const MONTH_INDEX = /\b(?:months?|mes(?:es)?|mês|meses|mois|monate?|mesi|ay|tháng|bulan)\s+(\d{1,3})\s*(?:[-–—]|to|a|bis)\s*(\d{1,3})(?![\d.,])|\b(?:months?|mes(?:es)?|mois|monate?|mesi)\s+(\d{1,3})\s*\+/i;

/** The first stretch of months on a row: `Months 4-6`, `3-6 months`, `Months 25+`. */
function monthRange(row: Row): MonthRange | undefined {
  for (const c of row.claims) {
    if (c.unit.dim !== 'duration' || (c.unit.time !== 'month' && c.unit.time !== 'year') || c.q.blank) continue;
    if (c.q.high === undefined && !c.q.open) continue;
    const f = c.unit.time === 'year' ? 525600 / 12 : 43200;
    const low = c.q.low / f;
    const r: MonthRange = { low, open: c.q.high === undefined, style: 'elapsed', span: c.q.span };
    if (c.q.high !== undefined) r.high = c.q.high / f;
    if (r.high !== undefined && r.high <= r.low) continue;
    return r;
  }
  const m = MONTH_INDEX.exec(row.content);
  if (!m) return undefined;
  const start = row.contentStart + m.index;
  const span = { start, end: start + m[0].length };
  if (m[3] !== undefined) return { low: Number(m[3]), open: true, style: 'index', span };
  const low = Number(m[1]);
  const high = Number(m[2]);
  if (!(high > low)) return undefined;
  return { low, high, open: false, style: 'index', span };
}

/** Titles led by a time: `Month 1-3`, `Year 2`, `Q3 2025`, `Week 4`, `Mes 3`. */
const TIME_LEAD = /^(?:months?|years?|weeks?|days?|quarters?|q[1-4]|mes(?:es)?|mês|año|ano|mois|année|monat|jahr|ay|yıl|tháng|năm|bulan|tahun|месяц|год|\d{4})\b/i;

/** A line that may title a stage: a heading, a bold or `Label:` line, or the first line of a list item or code run. */
function titleLike(row: Row): boolean {
  if (row.source === 'heading') return true;
  if (row.source === 'table' || row.program) return false;
  const c = row.content.trim();
  if (/^(?:\*\*|__)/.test(c)) return true;
  if (isTitleText(c)) return true;
  return STAGE_WORD.test(c) || STAGE_CJK.test(c);
}

function lead(content: string): { word: string; number: number; rest: string } | undefined {
  const m = STAGE_WORD.exec(content.trim());
  if (m) return { word: m[1]!, number: Number(m[2]), rest: content.trim().slice(m[0].length) };
  const k = STAGE_CJK.exec(content.trim());
  if (k) return { word: '단계', number: Number(k[1] ?? k[2] ?? k[3]), rest: content.trim().slice(k[0].length) };
  return undefined;
}

/** A short name for messages: the line's title up to its figures. */
function labelOf(content: string): string {
  let t = content.replace(/[*_`#]/g, '').replace(/[:：]\s*$/, '').trim();
  const paren = t.indexOf('(');
  if (paren > 3) t = t.slice(0, paren).trim();
  t = t.replace(/[\s:–—-]+$/, '');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

function containerOf(row: Row, model: PlanModel): string {
  const block = row.block;
  if (row.source === 'heading') {
    const section = model.sectionAt[row.line]!;
    return `h:${section.parent?.index ?? 0}:${section.level}`;
  }
  if (block?.kind === 'code') {
    const cb = model.outline.codeBlocks.find((b) => b.start <= row.line && b.end >= row.line);
    return `code:${cb?.start ?? block.id}`;
  }
  if (block?.kind === 'list' && row.item) return `list:${block.id}:${row.depth}`;
  return `titles:${model.sectionAt[row.line]!.index}`;
}

function isAlternatives(titles: string[], entries: StageEntry[]): boolean {
  if (titles.some((t) => ALTERNATIVE_WORDS.test(t))) return true;
  return entries.some((e) => /\b(?:option|scenario|alternative|variant|opción|escenario|cenário|senaryo|вариант|phương án)\b/i.test(e.label));
}

export function stageModel(model: PlanModel): StageModel {
  const entries: StageEntry[] = [];
  const text = model.text;
  for (const row of model.rows) {
    if (row.cells) continue;
    if (!titleLike(row)) continue;
    const l = lead(row.content);
    const users = userRange(row, text);
    const timeline = monthRange(row);
    // A title names a stage when it has a stage word and a number, or (a heading) a range of
    // users. A title led by a time (`Month 4-6: 50-100 users`, `Year 2`) is a trajectory, not a stage.
    if (!l && !users) continue;
    if (!l && row.source !== 'heading') continue;
    if (!l && TIME_LEAD.test(row.content.replace(/^[#\s*_]+/, ''))) continue;
    const e: StageEntry = {
      id: entries.length,
      line: row.line,
      span: { start: row.contentStart, end: row.contentStart + row.content.length },
      label: labelOf(row.content),
      container: containerOf(row, model),
      scope: { start: row.line, end: row.line + 1 },
      response: [],
    };
    if (l) {
      e.word = l.word;
      e.number = l.number;
    }
    if (users) e.users = users;
    if (timeline) e.timeline = timeline;
    entries.push(e);
  }
  // Table rows under a Users column.
  for (const block of model.blocks) {
    if (block.kind !== 'table' || !block.columns) continue;
    const col = block.columns.find((c) => /^(?:users?|user range|users range|user count|customers|active users|mau|usuarios|usuários|utilisateurs|nutzer|utenti|kullanıcı|пользователи|pengguna|người dùng|ユーザー数|用户数|사용자)\b/i.test(c.key));
    if (!col) continue;
    for (const row of block.rows) {
      const cell = row.cells?.[col.index];
      if (!cell) continue;
      const r = userRange({ ...row, claims: cell.claims, content: cell.text, contentStart: cell.span.start }, text) ?? bareRange(cell.claims);
      if (!r) continue;
      const l = lead(row.label);
      const e: StageEntry = { id: entries.length, line: row.line, span: row.labelSpan ?? cell.span, label: labelOf(row.label || cell.text), container: `table:${block.id}`, scope: { start: row.line, end: row.line + 1 }, response: [], users: r };
      if (l) {
        e.word = l.word;
        e.number = l.number;
      }
      entries.push(e);
    }
  }
  entries.sort((a, b) => a.line - b.line);
  entries.forEach((e, i) => (e.id = i));
  assignScopes(model, entries);
  collectFacts(model, entries);
  markInconsistent(entries);
  const sequences = buildSequences(model, entries);
  const primary = primaryOf(sequences);
  const out: StageModel = { entries, sequences };
  if (primary) out.primary = primary;
  return out;
}

/** In a Users column a bare range of numbers is a user range (`100-500`, `10K+`). */
function bareRange(claims: Claim[]): UserRange | undefined {
  if (claims.length !== 1) return undefined;
  const c = claims[0]!;
  if (c.unit.dim !== 'number' && !isUsers(c)) return undefined;
  if (c.q.blank || c.q.bound || c.q.ordinal) return undefined;
  if (c.q.high !== undefined && c.q.high > c.q.low) return { low: c.q.low, high: c.q.high, open: false, span: c.q.span, claim: c };
  if (c.q.open) return { low: c.q.low, open: true, span: c.q.span, claim: c };
  return undefined;
}

/** Each entry's lines: up to the next entry of its list, within its section (headings: the section). */
function assignScopes(model: PlanModel, entries: StageEntry[]): void {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const row = model.rowAt[e.line];
    const section = model.sectionAt[e.line]!;
    let end = section.line === e.line ? section.end : section.end;
    for (let j = i + 1; j < entries.length; j++) {
      const n = entries[j]!;
      if (n.line > e.line && (n.container === e.container || model.sectionAt[n.line] === section && row?.source !== 'heading')) {
        end = Math.min(end, n.line);
        break;
      }
    }
    if (row?.block?.kind === 'table') end = e.line + 1;
    e.scope = { start: e.line, end: Math.max(e.line + 1, end) };
  }
}

const BUDGET_LABEL = /^(?:monthly |estimated |est |projected |expected |infrastructure |infra |total |monthly infrastructure )?(?:costs?|budget|spend)(?: range| estimate| budget)?$/;
const RESPONSE = /\b(?:respon\w*|latenc\w*|p9\d|load time)\b/i;

function collectFacts(model: PlanModel, entries: StageEntry[]): void {
  for (const e of entries) {
    for (let l = e.scope.start; l < e.scope.end; l++) {
      const row = model.rowAt[l];
      if (!row || row.program || (row.cells && l !== e.line)) continue;
      const key = row.key.replace(/[^\p{L} ]+/gu, ' ').trim();
      for (const c of row.values) {
        if (!e.budget && c.unit.dim === 'money' && c.q.high !== undefined && BUDGET_LABEL.test(key)) e.budget = c;
        if (!e.uptime && c.unit.dim === 'percent' && c.q.low >= 90 && c.q.low < 100 && c.q.high === undefined && hasWord(normalizeLabel(row.content), UPTIME_WORDS)) e.uptime = c;
        // Response times promised as service levels (not expected performance).
        const sla = /\b(?:sla|slo|service level|guarantee|commit|target)\b/i.test(`${row.content} ${row.block?.title ?? ''}`);
        if (sla && c.unit.dim === 'duration' && RESPONSE.test(row.content) && c.q.high === undefined) e.response.push({ claim: c, key: row.key || normalizeLabel(row.content).replace(/[\d.,]+.*$/, '').trim() });
      }
    }
  }
}

/**
 * Marks the statements of a stage whose range differs from its first statement. A range that
 * is open-ended (`2,500+`) and contains the other is the same stage described loosely.
 */
function markInconsistent(entries: StageEntry[]): void {
  const first = new Map<string, StageEntry>();
  for (const e of entries) {
    if (e.number === undefined || !e.word || !e.users) continue;
    const key = `${e.word.toLowerCase()}:${e.number}`;
    const d = first.get(key);
    if (!d) {
      first.set(key, e);
      continue;
    }
    if (!sameStage(d.users!, e.users)) e.inconsistent = true;
  }
}

/** Do two ranges describe the same stage? Equal, or one open-ended and containing the other. */
export function sameStage(a: UserRange, b: UserRange): boolean {
  const aHigh = a.open ? Infinity : a.high!;
  const bHigh = b.open ? Infinity : b.high!;
  if (a.low === b.low && aHigh === bHigh) return true;
  if (a.open && a.low <= b.low) return true;
  if (b.open && b.low <= a.low) return true;
  return false;
}

function buildSequences(model: PlanModel, entries: StageEntry[]): StageSequence[] {
  const out: StageSequence[] = [];
  const open = new Map<string, StageSequence>();
  for (const e of entries) {
    let seq = open.get(e.container);
    // Numbering that starts again starts another list.
    if (seq && e.number !== undefined) {
      const prev = [...seq.entries].reverse().find((x) => x.number !== undefined && x.word?.toLowerCase() === e.word?.toLowerCase());
      if (prev && e.number <= prev.number!) seq = undefined;
    }
    if (!seq) {
      seq = { entries: [], container: e.container, alternatives: false };
      out.push(seq);
      open.set(e.container, seq);
    }
    seq.entries.push(e);
  }
  for (const seq of out) {
    const first = model.rowAt[seq.entries[0]!.line];
    const titles: string[] = first?.block?.titles ?? [];
    const section = model.sectionAt[seq.entries[0]!.line]!;
    const headingTitles: string[] = [];
    for (let s: typeof section | undefined = section; s; s = s.parent) if (s.title) headingTitles.push(s.title);
    seq.alternatives = isAlternatives([...titles, ...(first?.source === 'heading' ? headingTitles.slice(1) : headingTitles)], seq.entries);
  }
  return out;
}

function primaryOf(sequences: StageSequence[]): StageSequence | undefined {
  let best: StageSequence | undefined;
  let bestScore = -1;
  for (const seq of sequences) {
    if (seq.alternatives) continue;
    const ranged = seq.entries.filter((e) => e.users);
    if (ranged.length < 2) continue;
    const numbered = ranged.filter((e) => e.number !== undefined).length;
    const score = numbered * 100 + ranged.length;
    if (score > bestScore) {
      best = seq;
      bestScore = score;
    }
  }
  return best;
}

/** The stage of the primary list a number of users falls in (a shared boundary gives both). */
export function stagesFor(model: StageModel, users: number): StageEntry[] {
  const seq = model.primary;
  if (!seq) return [];
  return seq.entries.filter((e) => e.users && users >= e.users.low && (e.users.open || users <= e.users.high!));
}

/** How an entry is named in messages, with its range. */
export function describe(e: StageEntry, text: string): string {
  const r = e.users ? text.slice(e.users.span.start, e.users.span.end) : e.timeline ? text.slice(e.timeline.span.start, e.timeline.span.end) : '';
  return r && !e.label.includes(r) ? `${e.label} (${r})` : e.label;
}

export type { Block };
