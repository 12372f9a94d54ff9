/**
 * Finds every place a plan names a stage or phase, or titles a user range or a timeline:
 * headings and bold or colon titles (`Stage 2: Early Traction (100-500 users)`,
 * `**Stage 1 (Current - 100 users):**`, `### 10K-30K Users (Months 9-12)`), stage-led lines in
 * fenced plan text and lists, roadmap titles (`Next 3 Months (100 → 300 users)`), decision trees
 * (`< 10K users? → Add Redis`), table rows with a Users column, and `Stage 3 (500-2,500 users)`
 * written inside a sentence. Each entry gets the lines that belong to it (its scope) and the
 * figures stated there: budget, timeline, uptime, response times, team size.
 */
import { TextCache } from '../cache';
import { flat, type Line } from '../document';
import { isTitleLine, itemOf, normalizeKey, plainText, type PlanModel, type Table } from '../model';
import { MINUTES, show } from '../quantity';
import type { Quantity, Span } from '../types';
import { decisionRow, type DecisionRow } from './decision';
import { rangeText } from './text';
import type { EntryForm, Fact, MonthRange, ResponseFact, StageEntry, UserRange } from './types';

const STAGE_LEAD = /^(?:\*\*|__)?\s*(stage|phase|tier|level)\s+(\d{1,2})(?!\d|[.,]\d|\s*(?:users?\b|%|x\b))/i;
const STAGE_IN_TEXT = /\b(stage|phase|tier|level)\s+(\d{1,2})(?!\d|[.,]\d|%)(?:\s*[:\-–—]\s*[A-Za-z][\w &/'-]{0,30}?)?\s*\(/gi;
const MONTHS_INDEX = /\bmonths?\s+(\d{1,3})(?:\s*(?:-|–|—|to)\s*(\d{1,3})(?![\d,.])|(\+))/gi;
const STAGE_OR_MONTHS = /\b(?:stage|phase|tier|level|months?)\s+\d/i;
const ARROW = /^\s*(?:→|->|⟶|=>)\s*$/;
const SPACED_DASH = /^\s+[-–—]\s+$/;
const BUDGET_LABEL = /^(?:monthly |estimated |est |projected |expected |infrastructure |infra |total |monthly infrastructure )?(?:costs?|budget|spend)(?: range| estimate| budget)?$/;
const BUDGET_INLINE = /\b(?:budget|costs?)\s*:?\s*(?:~\s*)?$/i;
const TIMELINE_LABEL = /^(?:timeline|timeframe|time frame|when|target|months|period|schedule|target date|dates?)$/;
const RESPONSE_LABEL = /respon|latenc|\bp9\d\b|load time/;
const TEAM_LABEL = /^(?:team|team size|headcount|people|engineers|staff|engineering team)$/;
const PEOPLE_AFTER = /^\s*(?:people|persons|engineers|ftes?|employees|staff|members|hires)\b/i;
const UPTIME_WORD = /\b(?:uptime|availability)\b/i;
const USERS_COLUMN = /^(?:users?|user range|users range|user count|customers|active users|mau|scale|range)\b/;
const TIMELINE_COLUMN = /^(?:timeline|timeframe|when|months?|period|duration|dates?)\b/;
const BUDGET_COLUMN = /^(?:budget|costs?|monthly cost|monthly budget|infra(?:structure)? cost|est(?:imated)? cost|cost range|infrastructure|infra)\b/;
const UPTIME_COLUMN = /uptime|availability|\bsla\b/;
const RESPONSE_COLUMN = /respon|latenc|\bp9\d\b/;

/** A user count usable in a stage range (not a blank, not seats). */
function isUsers(q: Quantity): boolean {
  return q.kind === 'users' && !q.blank && Number.isFinite(q.value) && !/seat/i.test(q.raw);
}

function monthText(low: number, high: number | undefined, open: boolean, style: 'index' | 'elapsed'): string {
  const body = open || high === undefined ? `${show(low)}+` : `${show(low)}–${show(high)}`;
  return style === 'index' ? `Months ${body}` : `${body} months`;
}

function contentOf(line: Line): string {
  return line.text.slice(line.contentStart - line.start);
}

/** The first user range on a line between `from` and `to` (absolute offsets). */
export function userRangeIn(line: Line, from = line.start, to = line.start + line.text.length): UserRange | undefined {
  const qs = line.quantities.filter((q) => q.span.start >= from && q.span.end <= to && !q.blank);
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    if (!isUsers(q) || q.bound) continue;
    if (q.high !== undefined) {
      if (!Number.isFinite(q.high) || q.high <= q.value) continue;
      return { low: q.value, high: q.high, open: false, span: q.span, text: rangeText(q.value, q.high, false), quantity: q };
    }
    if (q.open) return { low: q.value, open: true, span: q.span, text: rangeText(q.value, undefined, true), quantity: q };
    // `100 → 300 users`, `0 - 100 users`: two quantities joined by an arrow or a spaced dash.
    const prev = qs[i - 1];
    if (!prev || (prev.kind !== 'number' && prev.kind !== 'users') || prev.high !== undefined || prev.open || prev.bound || prev.value >= q.value) continue;
    const between = line.text.slice(prev.span.end - line.start, q.span.start - line.start);
    if (!ARROW.test(between) && !SPACED_DASH.test(between)) continue;
    // A chain (`100 → 1K → 10K users`) is a growth path, not one range.
    const before = line.text.slice(Math.max(0, prev.span.start - line.start - 4), prev.span.start - line.start);
    if (/(?:→|->|⟶|=>)\s*$/.test(before)) continue;
    const span = { start: prev.span.start, end: q.span.end };
    return { low: prev.value, high: q.value, open: false, span, text: rangeText(prev.value, q.value, false) };
  }
  return undefined;
}

/** A single user count in parentheses on a stage title: `Stage 1 (Current - 100 users)`. */
function pointIn(line: Line): UserRange | undefined {
  const qs = line.quantities.filter(isUsers);
  if (qs.length !== 1) return undefined;
  const q = qs[0]!;
  if (q.high !== undefined || q.open || q.bound || q.approx) return undefined;
  const before = line.text.slice(0, q.span.start - line.start);
  if (before.lastIndexOf('(') <= before.lastIndexOf(')')) return undefined;
  return { low: q.value, high: q.value, open: false, point: true, span: q.span, text: `${show(q.value, 2)} users`, quantity: q };
}

/** The first stretch of months in `text` (which starts at offset `base`), using the line's quantities. */
export function monthRangeIn(text: string, base: number, quantities: Quantity[]): MonthRange | undefined {
  let best: MonthRange | undefined;
  for (const q of quantities) {
    if (q.kind !== 'duration' || q.blank || q.span.start < base || q.span.end > base + text.length) continue;
    if (q.unit !== 'month' && q.unit !== 'year') continue;
    if (q.high === undefined && !q.open) continue;
    if (q.high !== undefined && (!Number.isFinite(q.high) || q.high <= q.value)) continue;
    const f = q.unit === 'year' ? 12 : 1;
    const low = q.value * f;
    const high = q.high !== undefined ? q.high * f : undefined;
    best = { low, open: q.open && high === undefined, style: 'elapsed', span: q.span, text: monthText(low, high, q.open && high === undefined, 'elapsed') };
    if (high !== undefined) best.high = high;
    break;
  }
  MONTHS_INDEX.lastIndex = 0;
  for (let m = MONTHS_INDEX.exec(text); m; m = MONTHS_INDEX.exec(text)) {
    const low = Number(m[1]);
    const high = m[2] !== undefined ? Number(m[2]) : undefined;
    if (high !== undefined && high <= low) continue;
    const span = { start: base + m.index, end: base + m.index + m[0].length };
    if (best && best.span.start < span.start) break;
    const r: MonthRange = { low, open: high === undefined, style: 'index', span, text: monthText(low, high, high === undefined, 'index') };
    if (high !== undefined) r.high = high;
    best = r;
    break;
  }
  return best;
}

/** A response time written before its measure: `<3s response`, `300ms p95 latency`. */
const RESPONSE_AFTER = /^\s*(?:(?:p9\d|median|average|avg)\s+)?(response(?:\s+times?)?|latency)\b/i;
/** A response time written after its measure: `response time under 2s`, `latency: <300ms`. */
const RESPONSE_BEFORE = /\b(response time|latency)\s*(?:of|:)?\s*(<=|<|≤|under|below|less than)?\s*$/i;

function percentUptime(line: Line): Quantity[] {
  return line.quantities.filter((q) => q.kind === 'percent' && !q.blank && q.high === undefined && q.value > 0 && q.value < 100 && (!q.bound || q.bound === '>' || q.bound === '>='));
}

/** A response time the line states in prose, with its measure's key and whether `under` bounds it. */
function proseResponses(line: Line): { q: Quantity; label: string; key: string; below: boolean }[] {
  const out: { q: Quantity; label: string; key: string; below: boolean }[] = [];
  for (const q of line.quantities) {
    if (q.kind !== 'duration' || q.blank || q.high !== undefined || !q.unit || q.bound === '>' || q.bound === '>=') continue;
    const before = line.text.slice(Math.max(0, q.span.start - line.start - 24), q.span.start - line.start);
    const m = RESPONSE_BEFORE.exec(before);
    if (m) {
      out.push({ q, label: m[1]!, key: normalizeKey(m[1]!), below: !!m[2] && /^[a-z]/i.test(m[2]) });
      continue;
    }
    const a = RESPONSE_AFTER.exec(line.text.slice(q.span.end - line.start));
    if (a) {
      const key = /^latency$/i.test(a[1]!) ? 'latency' : 'response time';
      out.push({ q, label: key, key, below: false });
    }
  }
  return out;
}

/** The line states an uptime (`99.5% uptime`) or a response time (`response time under 2s`). */
function statesServiceLevel(line: Line): boolean {
  return (UPTIME_WORD.test(line.text) && percentUptime(line).length === 1) || proseResponses(line).length > 0;
}

interface Lead {
  word: string;
  number: number;
  end: number;
}

function leadOf(content: string): Lead | undefined {
  const m = STAGE_LEAD.exec(content);
  if (!m) return undefined;
  const word = m[1]!;
  return { word: word[0]!.toUpperCase() + word.slice(1).toLowerCase(), number: Number(m[2]), end: m[0].length };
}

/** A stage's name from the text after its number: `: Early Traction (100-500 users)` → `Early Traction`. */
function nameAfter(rest: string): string | undefined {
  let r = rest.replace(/\*\*|__/g, '').trim().replace(/^[:\-–—.]\s*/, '');
  const paren = r.indexOf('(');
  let name = paren >= 0 ? r.slice(0, paren) : r.split(/:\s/)[0]!;
  name = name.replace(/[:\s]+$/, '').trim();
  if (!name && paren >= 0) {
    const close = r.indexOf(')', paren);
    if (close > 0) {
      r = r.slice(close + 1).replace(/^[\s:\-–—]+/, '');
      name = r.split(/:\s|\(/)[0]!.replace(/[:\s]+$/, '').trim();
    }
  }
  name = name.replace(/\s*[✓✔✅☑].*$/u, '').replace(/[*_`]+/g, '').trim();
  if (!name || name.length > 40 || name.split(/\s+/).length > 5 || /\d/.test(name)) return undefined;
  return name;
}

function clip(text: string, max = 60): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

function lineSpan(line: Line): Span {
  const content = contentOf(line);
  const trimmed = content.replace(/\s+$/, '');
  return { start: line.contentStart, end: line.contentStart + trimmed.length };
}

function headingContainer(model: PlanModel, line: Line): string {
  const sec = model.sectionOf[line.index]!;
  return `heading:${sec.parent?.index ?? 0}:${line.level}`;
}

function containerOf(model: PlanModel, line: Line, form: EntryForm): string {
  if (form === 'decision') return `decision:${line.block}`;
  if (line.kind === 'code') return `block:${line.block}`;
  if (line.kind === 'heading') return headingContainer(model, line);
  return `section:${model.sectionOf[line.index]!.index}`;
}

function blankEntry(partial: Omit<StageEntry, 'id' | 'scope' | 'response'>): StageEntry {
  return { ...partial, id: 0, scope: { start: partial.line, end: partial.line + 1 }, response: [] };
}

function decisionEntry(line: Line, row: DecisionRow): StageEntry {
  return { ...blankEntry({ line: line.index, span: lineSpan(line), form: 'decision', label: row.users.text, users: row.users, container: '' }), branch: row.kind };
}

/** An entry for a plan line, when the line names a stage or titles a range (its container still to set). */
function entryOfLine(line: Line): StageEntry | undefined {
  const content = contentOf(line);
  const decision = decisionRow(line);
  if (decision && (decision.kind === 'lt' || decision.kind === 'gt')) return decisionEntry(line, decision);
  const heading = line.kind === 'heading';
  const title = heading || isTitleLine(line);
  const lead = leadOf(content);
  let users = userRangeIn(line);
  const timeline = monthRangeIn(content, line.contentStart, line.quantities);
  let form: EntryForm = heading ? 'heading' : title ? 'title' : 'line';
  if (lead) {
    // A sentence that starts with `Stage 2` names the stage only when it states its range, or
    // its service levels (`Stage 3: Uptime 99.5%, response time under 2s`).
    if (!title && line.kind === 'text' && !line.listItem && !users && !timeline && !statesServiceLevel(line)) return undefined;
    if (!users) users = pointIn(line);
    if (line.kind === 'code' && !title && (users || timeline)) form = 'title';
  } else if (!title) {
    const item = itemOf(line);
    const inLabel = users && item && users.span.end <= item.labelEnd;
    const monthsLead = timeline && timeline.style === 'index' && /^(?:\*\*|__)?months?\s/i.test(content);
    if (!inLabel && !monthsLead) return undefined;
    if (!inLabel) users = undefined;
  } else if (!users && !timeline) {
    return undefined;
  }
  const plain = plainText(line).replace(/:\s*$/, '');
  let name: string | undefined;
  let label: string;
  if (lead) {
    name = nameAfter(content.slice(lead.end));
    label = `${lead.word} ${lead.number}${name ? `: ${name}` : ''}`;
  } else {
    const cut = plain.search(/\s*\(/);
    const head = (cut > 0 ? plain.slice(0, cut) : plain).trim();
    name = head && head.length <= 40 && !/\busers?\b|^months?\s+\d/i.test(head) ? head : undefined;
    label = clip(plain);
  }
  const entry = blankEntry({ line: line.index, span: lineSpan(line), form, label, container: '' });
  if (lead) {
    entry.word = lead.word;
    entry.number = lead.number;
  }
  if (name) entry.name = name;
  if (users) entry.users = users;
  if (timeline) entry.timeline = timeline;
  return entry;
}

/** `Stage 3 (500-2,500 users)` inside a sentence: a reference that states the stage's range. */
function referencesInLine(line: Line): StageEntry[] {
  const out: StageEntry[] = [];
  STAGE_IN_TEXT.lastIndex = 0;
  for (let m = STAGE_IN_TEXT.exec(line.text); m; m = STAGE_IN_TEXT.exec(line.text)) {
    const parenAt = line.start + m.index + m[0].length;
    const close = line.text.indexOf(')', parenAt - line.start);
    if (close < 0) continue;
    const users = userRangeIn(line, parenAt, line.start + close);
    if (!users) continue;
    const word = m[1]![0]!.toUpperCase() + m[1]!.slice(1).toLowerCase();
    const number = Number(m[2]);
    out.push({
      id: 0,
      line: line.index,
      span: { start: line.start + m.index, end: line.start + close + 1 },
      form: 'reference',
      word,
      number,
      label: `${word} ${number}`,
      users,
      container: `ref:${line.index}:${m.index}`,
      scope: { start: line.index, end: line.index },
      response: [],
    });
  }
  return out;
}

/** `Stage 2` in a table's first cell; `2` under a `Stage` header, in a table of service levels. */
function tableLead(label: string, header: string, serviceLevels: boolean): Lead | undefined {
  const lead = leadOf(label);
  if (lead || !serviceLevels) return lead;
  const word = /^(stage|phase|tier|level)s?$/i.exec(header.trim())?.[1];
  const n = /^\d{1,2}$/.exec(label)?.[0];
  if (!word || !n) return undefined;
  return { word: word[0]!.toUpperCase() + word.slice(1).toLowerCase(), number: Number(n), end: label.length };
}

/**
 * Rows of a table with a Users column; and rows of a table of service levels (an uptime or
 * response-time column) whose first cell names a stage (`| Stage 2 | 99.5% | <800ms |`).
 */
function tableEntries(table: Table): StageEntry[] {
  const usersCol = table.columns.find((c) => USERS_COLUMN.test(c.key) || /\busers\b/.test(c.key));
  const firstCol = table.columns[0]!;
  const timelineCol = table.columns.find((c) => TIMELINE_COLUMN.test(c.key));
  const budgetCol = table.columns.find((c) => BUDGET_COLUMN.test(c.key) && !/per user/.test(c.key));
  // A first column of stage names is never the figure's column (`| SLA tier | Uptime |`).
  const figureCol = (re: RegExp): Table['columns'][number] | undefined => table.columns.find((c) => re.test(c.key) && (!!usersCol || c.index !== firstCol.index));
  const uptimeCol = figureCol(UPTIME_COLUMN);
  const responseCol = figureCol(RESPONSE_COLUMN);
  const serviceLevels = !usersCol && !!(uptimeCol || responseCol);
  if (!usersCol && !serviceLevels) return [];
  const out: StageEntry[] = [];
  for (const row of table.rows) {
    let users: UserRange | undefined;
    if (usersCol) {
      const cell = row.cells[usersCol.index];
      if (!cell) continue;
      const q = cell.values.find((v) => !v.blank && !v.bound && (v.kind === 'users' || v.kind === 'number') && ((v.high !== undefined && Number.isFinite(v.high) && v.high > v.value) || v.open));
      if (!q) continue;
      users = { low: q.value, open: q.open && q.high === undefined, span: q.span, text: rangeText(q.value, q.high, q.open && q.high === undefined), quantity: q };
      if (q.high !== undefined) users.high = q.high;
    }
    const label0 = !usersCol || firstCol.index !== usersCol.index ? (row.cells[firstCol.index]?.text ?? '').replace(/\*\*|__/g, '').trim() : '';
    const lead = tableLead(label0, firstCol.header, serviceLevels);
    if (!users && !lead) continue;
    const name = lead ? nameAfter(label0.slice(lead.end)) : label0 && label0.length <= 40 && !/\d/.test(label0) ? label0 : undefined;
    const entry: StageEntry = {
      id: 0,
      line: row.line.index,
      span: lineSpan(row.line),
      form: 'table',
      label: lead ? `${lead.word} ${lead.number}${name ? `: ${name}` : ''}` : clip(label0 || users!.text),
      container: `table:${table.id}`,
      scope: { start: row.line.index, end: row.line.index + 1 },
      response: [],
    };
    if (users) entry.users = users;
    if (lead) {
      entry.word = lead.word;
      entry.number = lead.number;
    }
    if (name) entry.name = name;
    const cellOf = (col: { index: number } | undefined): (typeof row.cells)[number] | undefined => (col ? row.cells[col.index] : undefined);
    const tl = cellOf(timelineCol);
    if (tl) {
      const t = monthRangeIn(tl.text, tl.span.start, tl.values);
      if (t) entry.timeline = t;
    }
    const budget = cellOf(budgetCol)?.values.find((v) => v.kind === 'money' && !v.blank);
    if (budget && budgetCol) entry.budget = { q: budget, label: budgetCol.header, line: row.line.index, item: true };
    const up = cellOf(uptimeCol)?.values.find((v) => v.kind === 'percent' && !v.blank && v.high === undefined && v.value > 0 && v.value < 100);
    if (up && uptimeCol) entry.uptime = { q: up, label: uptimeCol.header, line: row.line.index, item: true };
    const resp = cellOf(responseCol)?.values.find((v) => v.kind === 'duration' && !v.blank && v.high === undefined && v.unit);
    if (resp && responseCol) entry.response.push({ q: resp, label: responseCol.header, line: row.line.index, key: responseCol.key, ms: resp.value * MINUTES[resp.unit!] * 60000, item: true });
    out.push(entry);
  }
  return out;
}

/**
 * What a line says depends only on its text and how it was parsed: read once per distinct line
 * and shifted into place, so an edit re-reads only the lines it touched.
 */
interface CachedEntry {
  /** The entry as if its line started at offset 0 with index 0, without its quantity. */
  entry: StageEntry;
  /** Index of the range's quantity among the line's quantities. */
  q?: number;
}

interface CachedLine {
  entry?: CachedEntry;
  refs: CachedEntry[];
}

/** What each line gives, by its text and reading (see cache.ts). */
const lineCache = new TextCache<CachedLine>(10000);

function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

/** A fresh copy of `e` moved by `by` offsets to line `index` (later steps fill in the copy). */
function moved(e: StageEntry, by: number, index: number): StageEntry {
  const out: StageEntry = { ...e, line: index, span: shiftSpan(e.span, by), scope: { start: index, end: index + 1 }, response: [] };
  if (e.users) {
    out.users = { ...e.users, span: shiftSpan(e.users.span, by) };
    delete out.users.quantity;
  }
  if (e.timeline) out.timeline = { ...e.timeline, span: shiftSpan(e.timeline.span, by) };
  if (e.form === 'reference') {
    out.container = `ref:${index}:${out.span.start}`;
    out.scope = { start: index, end: index };
  }
  return out;
}

function toCached(e: StageEntry, line: Line): CachedEntry {
  const out: CachedEntry = { entry: ownStrings(moved(e, -line.start, 0)) };
  const i = e.users?.quantity ? line.quantities.indexOf(e.users.quantity) : -1;
  if (i >= 0) out.q = i;
  return out;
}

/** The entry with copies of its texts, which would otherwise keep the whole document alive. */
function ownStrings(e: StageEntry): StageEntry {
  e.label = flat(e.label);
  if (e.word !== undefined) e.word = flat(e.word);
  if (e.name !== undefined) e.name = flat(e.name);
  if (e.users) e.users.text = flat(e.users.text);
  if (e.timeline) e.timeline.text = flat(e.timeline.text);
  return e;
}

function fromCached(c: CachedEntry, line: Line): StageEntry {
  const e = moved(c.entry, line.start, line.index);
  const q = c.q !== undefined ? line.quantities[c.q] : undefined;
  if (q && e.users) e.users.quantity = q;
  return e;
}

function lineEntries(line: Line, hasUsers: boolean): { entry?: StageEntry; refs: StageEntry[] } {
  // A copy: a key built from the line's text would keep that version of the document alive.
  const key = flat(`${line.kind}\u0000${line.level}\u0000${line.listItem ? 1 : 0}\u0000${line.contentStart - line.start}\u0000${line.text}`);
  let cached = lineCache.get(key);
  if (!cached) {
    const entry = entryOfLine(line);
    cached = { refs: !entry && hasUsers ? referencesInLine(line).map((r) => toCached(r, line)) : [] };
    if (entry) cached.entry = toCached(entry, line);
    lineCache.set(key, cached);
  }
  const out: { entry?: StageEntry; refs: StageEntry[] } = { refs: cached.refs.map((r) => fromCached(r, line)) };
  if (cached.entry) out.entry = fromCached(cached.entry, line);
  return out;
}

/** Every entry of the plan, in document order, with scopes and the figures stated in them. */
export function extractEntries(model: PlanModel): StageEntry[] {
  const entries: StageEntry[] = [];
  for (const line of model.doc.lines) {
    if (!line.plan || (line.kind !== 'heading' && line.kind !== 'text' && line.kind !== 'code')) continue;
    // Most lines state no user count, no stretch of months and no stage: skip them cheaply.
    const hasUsers = line.quantities.some((q) => q.kind === 'users');
    const hasMonths = line.quantities.some((q) => q.kind === 'duration' && (q.unit === 'month' || q.unit === 'year') && (q.high !== undefined || q.open));
    if (!hasUsers && !hasMonths && !STAGE_OR_MONTHS.test(line.text)) continue;
    const found = lineEntries(line, hasUsers);
    if (found.entry) entries.push({ ...found.entry, container: containerOf(model, line, found.entry.form) });
    else entries.push(...found.refs);
  }
  treeRows(model, entries);
  for (const table of model.tables) entries.push(...tableEntries(table));
  entries.sort((a, b) => a.line - b.line || a.span.start - b.span.start);
  entries.forEach((e, i) => (e.id = i));
  assignScopes(model, entries);
  collectFacts(model, entries);
  return entries;
}

/**
 * In a block that holds a decision tree (a `< N users?` or `> N users?` row), the range rows
 * (`1K-10K users? →`, `Between 1K and 10K users?`, `10K+ users?`) are branches of the tree too.
 * Elsewhere such lines are not read as stages.
 */
function treeRows(model: PlanModel, entries: StageEntry[]): void {
  const lines = model.doc.lines;
  const blocks = new Set<number>();
  for (const e of entries) if (e.form === 'decision') blocks.add(lines[e.line]!.block);
  if (blocks.size === 0) return;
  const added: StageEntry[] = [];
  const replaced = new Set<number>();
  const done = new Set<number>();
  for (const e of entries) {
    if (e.form !== 'decision' || done.has(lines[e.line]!.block)) continue;
    const block = lines[e.line]!.block;
    done.add(block);
    let i = e.line;
    while (i > 0 && lines[i - 1]!.block === block) i--;
    for (; i < lines.length && lines[i]!.block === block; i++) {
      const line = lines[i]!;
      if (!line.plan || line.quantities.length === 0) continue;
      const row = decisionRow(line);
      if (!row || row.kind === 'lt' || row.kind === 'gt') continue;
      added.push({ ...decisionEntry(line, row), container: containerOf(model, line, 'decision') });
      replaced.add(i);
    }
  }
  if (added.length === 0) return;
  const kept = entries.filter((e) => !replaced.has(e.line));
  entries.length = 0;
  entries.push(...kept, ...added);
}

function assignScopes(model: PlanModel, entries: StageEntry[]): void {
  const lines = model.doc.lines;
  const starters = entries.filter((e) => e.form !== 'reference' && e.form !== 'table');
  for (const e of entries) {
    if (e.form === 'reference') continue;
    if (e.form === 'table' || e.form === 'decision') {
      e.scope = { start: e.line, end: e.line + 1 };
      continue;
    }
    const line = lines[e.line]!;
    if (e.form === 'heading') {
      const sec = model.sectionOf[e.line]!;
      let end = lines.length;
      for (let i = sec.index + 1; i < model.sections.length; i++) {
        const s = model.sections[i]!;
        if (s.level <= line.level) {
          end = s.firstLine;
          break;
        }
      }
      e.scope = { start: e.line, end };
      continue;
    }
    let end = model.sectionOf[e.line]!.endLine;
    if (line.kind === 'code') {
      let j = e.line + 1;
      while (j < lines.length && lines[j]!.block === line.block && lines[j]!.kind !== 'fence') j++;
      end = Math.min(end, j);
    }
    const next = starters.find((s) => s.line > e.line);
    if (next) end = Math.min(end, next.line);
    e.scope = { start: e.line, end: Math.max(end, e.line + 1) };
  }
}

/** The entry each line belongs to: the innermost scope holding it. */
export function owners(model: PlanModel, entries: StageEntry[]): (StageEntry | undefined)[] {
  const owner: (StageEntry | undefined)[] = new Array(model.doc.lines.length);
  for (const e of entries) {
    if (e.form === 'reference') continue;
    for (let i = e.scope.start; i < e.scope.end; i++) {
      const cur = owner[i];
      if (!cur || cur.scope.start < e.scope.start || (cur.scope.start === e.scope.start && cur.scope.end > e.scope.end)) owner[i] = e;
    }
  }
  return owner;
}

/**
 * Does line `index` speak for the stage itself? A list item belongs to the nearest line above
 * it that is not a list item: the stage's title, or a sub-title such as `Key Changes:`; not a
 * line that introduces something else (`Hire 1 (Month 3): Full-Stack Engineer`).
 */
function speaksForStage(lines: Line[], entryLine: number, index: number): boolean {
  if (index === entryLine) return true;
  const line = lines[index]!;
  if (!line.listItem) return true;
  for (let k = index - 1; k > entryLine; k--) {
    const l = lines[k]!;
    if (l.kind === 'blank' || l.kind === 'fence') continue;
    if (l.listItem) {
      if (l.indent < line.indent) return false;
      continue;
    }
    return isTitleLine(l);
  }
  return true;
}

function collectFacts(model: PlanModel, entries: StageEntry[]): void {
  const lines = model.doc.lines;
  const owner = owners(model, entries);
  for (let i = 0; i < lines.length; i++) {
    const e = owner[i];
    if (!e || e.form === 'table' || e.form === 'decision') continue;
    const line = lines[i]!;
    if (!line.plan || line.kind === 'table' || line.quantities.length === 0) continue;
    if (!speaksForStage(lines, e.line, i)) continue;
    const item = i === e.line ? undefined : itemOf(line);
    const key = item?.key ?? '';
    // Budget: `Costs: $200-500/month`, `**Cost:** $0-20/month`, `Budget: $100-200/month`.
    if (!e.budget) {
      const money = line.quantities.find((q) => q.kind === 'money' && !q.blank && (!item || q.span.start >= item.labelEnd));
      if (money && item && BUDGET_LABEL.test(key) && item.values[0] === money) e.budget = { q: money, label: item.label, line: i, item: true };
      else if (money && !item && BUDGET_INLINE.test(model.text.slice(Math.max(line.start, money.span.start - 16), money.span.start).replace(/[*_]/g, ''))) e.budget = { q: money, label: 'budget', line: i, item: false };
    }
    // Timeline: `Timeline: 3-6 months`, `Timeline: Months 1-4`.
    if (!e.timeline && item && TIMELINE_LABEL.test(key)) {
      const restStart = item.labelEnd + 1;
      const t = monthRangeIn(model.text.slice(restStart, line.start + line.text.length), restStart, item.values);
      if (t) e.timeline = t;
    }
    // Uptime: a labelled item wins over a mention in prose (`99.9% uptime SLA`).
    if (UPTIME_WORD.test(line.text) || (item && /\bsla\b/.test(key))) {
      const pcts = percentUptime(line);
      if (pcts.length === 1) {
        const labelled = !!item && (UPTIME_WORD.test(item.label) || /\bsla\b/.test(key));
        if (!e.uptime || (labelled && !e.uptime.item)) {
          e.uptime = { q: pcts[0]!, label: item?.label ?? 'uptime', line: i, item: labelled };
          const down = line.quantities.find((q) => q.kind === 'duration' && q.unit && q.unit !== 'ms' && q.high === undefined && !q.blank && q.span.start > pcts[0]!.span.start);
          if (down && /downtime|down\b|outage/i.test(line.text)) e.downtime = { q: down, label: 'downtime', line: i, item: labelled };
          else delete e.downtime;
        }
      }
    }
    // Response times: `Response time: <2s`, `Support response: <4 hours`.
    if (item && RESPONSE_LABEL.test(key)) {
      const q = item.values.find((v) => v.kind === 'duration' && !v.blank && v.high === undefined && v.unit && v.bound !== '>' && v.bound !== '>=');
      if (q && !e.response.some((r) => r.key === key)) e.response.push({ q, label: item.label, line: i, key, ms: q.value * MINUTES[q.unit!] * 60000, item: true });
    } else {
      // `response time under 2s`, `<3s response`.
      for (const r of proseResponses(line)) {
        if (e.response.some((x) => x.key === r.key)) continue;
        const fact: ResponseFact = { q: r.q, label: r.label, line: i, key: r.key, ms: r.q.value * MINUTES[r.q.unit!] * 60000, item: false };
        if (r.below) fact.below = true;
        e.response.push(fact);
      }
    }
    // Team size: `Team size: 4`, `Team: 3-5 people`.
    if (!e.teamSize && item && TEAM_LABEL.test(key)) {
      const q = item.values.find((v) => (v.kind === 'number' || v.kind === 'count') && !v.blank && (PEOPLE_AFTER.test(line.text.slice(v.span.end - line.start)) || /size|headcount/.test(key)));
      if (q) e.teamSize = { q, label: item.label, line: i, item: true };
    }
  }
}

/** Reads a stated team size beside a team cost: `$15,000/month (2 people)`. */
export function peopleOnLine(model: PlanModel, lineIndex: number): Quantity | undefined {
  const line = model.doc.lines[lineIndex];
  if (!line) return undefined;
  return line.quantities.find((q) => (q.kind === 'number' || q.kind === 'count') && !q.blank && PEOPLE_AFTER.test(line.text.slice(q.span.end - line.start)));
}

/** How messages name an entry with its range: `Stage 2 (100–500 users)`, `Founders (0–100 users)`, `< 10,000 users`. */
export function describeEntry(e: StageEntry): string {
  const range = e.users ? (e.users.derivedLow ? undefined : e.users.text) : e.timeline?.text;
  const name = e.number !== undefined ? `${e.word} ${e.number}` : e.name;
  if (!name) return range ?? e.label;
  return range ? `${name} (${range})` : name;
}

/** How messages name an entry without its range: `Stage 2`, `Founders`, `< 10,000 users`. */
export function entryName(e: StageEntry): string {
  if (e.number !== undefined) return `${e.word} ${e.number}`;
  return e.name ?? e.users?.text ?? e.timeline?.text ?? e.label;
}

export type { Fact, ResponseFact };
