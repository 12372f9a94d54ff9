/**
 * The plan model: sections, groups of labelled lines (`- Hosting: $50/month` under `100 users:`),
 * tables read by their column headers, and the plan's assumptions (ARPU, conversion × price,
 * growth) from prose or frontmatter. Rules read claims from this model; they never scan text.
 */
import { TextCache } from './cache';
import { fit, flat, parseDocument, type Line, type ParsedDocument } from './document';
import { readFrontmatter, type Frontmatter } from './frontmatter';
import { scanQuantities } from './quantity';
import type { EngineOptions, Quantity, Span } from './types';

export interface Section {
  /** Position in the model's list of sections. */
  index: number;
  /** The nearest section before this one with a lower heading level (the root for level 1). */
  parent?: Section;
  /** Heading line, or undefined for the text before the first heading. */
  heading?: Line;
  level: number;
  title: string;
  firstLine: number;
  /** Exclusive. */
  endLine: number;
}

/** A `Label: values` line, or a table cell read with its column header as label. */
export interface Item {
  line: Line;
  /** Label as written, without markup. */
  label: string;
  /** Lower-case label with markup and punctuation removed, for matching. */
  key: string;
  /** Offset just after the label (at its colon). */
  labelEnd: number;
  /** Quantities after the label's colon (or in the cell). */
  values: Quantity[];
}

export interface Group {
  id: number;
  /** Title line: the group's own `100 users:` line, or the heading / bold line before it. */
  title?: Line;
  titleText: string;
  /** Titles from the innermost outwards (group title, title before its fence, headings). */
  context: string[];
  /** A single user count the group is about (`100 users:`), never a range. */
  users?: { value: number; quantity: Quantity };
  lines: Line[];
  items: Item[];
  section: Section;
  block: number;
}

export interface TableColumn {
  index: number;
  header: string;
  key: string;
}

export interface TableRow {
  line: Line;
  cells: { text: string; span: Span; values: Quantity[] }[];
}

export interface Table {
  /** Index of the header line. */
  id: number;
  columns: TableColumn[];
  header: Line;
  rows: TableRow[];
  section: Section;
}

/** A stated assumption: where it came from and its value (fractions for percentages). */
export interface AssumptionClaim {
  value: number;
  span: Span;
  line: number;
  /** The quantity, when the assumption is stated in the text (not frontmatter). */
  quantity?: Quantity;
  source: 'frontmatter' | 'text';
}

export interface Assumptions {
  arpu: AssumptionClaim[];
  conversion: AssumptionClaim[];
  price: AssumptionClaim[];
  growth: AssumptionClaim[];
  startUsers: AssumptionClaim[];
}

export interface PlanModel {
  doc: ParsedDocument;
  text: string;
  frontmatter: Frontmatter;
  options: EngineOptions;
  sections: Section[];
  groups: Group[];
  tables: Table[];
  assumptions: Assumptions;
  /** Section of each line. */
  sectionOf: Section[];
}

const BOLD = /\*\*|__/g;

/** Text of a line without markdown markers (`#`, list marker, task box, bold). */
export function plainText(line: Line): string {
  return line.text.slice(line.contentStart - line.start).replace(BOLD, '').trim();
}

/** A line that titles what follows: a heading, a bold-only line, or text ending with a colon. */
export function isTitleLine(line: Line): boolean {
  if (line.kind === 'heading') return true;
  if (line.kind !== 'text' && line.kind !== 'code') return false;
  const t = line.text.trim();
  if (/^\*\*[^*]+\*\*:?$/.test(t) || /^__[^_]+__:?$/.test(t)) return true;
  const plain = plainText(line);
  if (!plain.endsWith(':')) return false;
  // `Costs:` alone titles; `Total: $120/month:` does not occur; lines with a value after a colon are items.
  const inner = plain.slice(0, -1);
  return !/:\s/.test(inner) && inner.length > 0 && inner.length <= 120;
}

export function normalizeKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9/%&+ -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface LabelParts {
  label: string;
  key: string;
  /** Offsets relative to the content start. */
  colon: number;
  rest: number;
}

/** Label parsing depends only on the content text: cached by it (see cache.ts). */
const labelCache = new TextCache<LabelParts | null>(10000);

function labelParts(text: string): LabelParts | null {
  let parts = labelCache.get(text);
  if (parts !== undefined) return parts;
  const content = flat(text);
  parts = null;
  // The label's colon: the first `:` followed by a space or the end, outside a number like `5:1`.
  const m = /^([^:$\d][^:$]{0,80}?|\d+[^:$\d.,%][^:$]{0,78}?):(?:\s+|$)/.exec(content);
  if (m) {
    const label = m[1]!.replace(BOLD, '').trim();
    if (label !== '' && !/^https?$/i.test(label)) parts = { label, key: normalizeKey(label), colon: m[1]!.length, rest: m[0].length };
  }
  labelCache.set(content, parts);
  return parts;
}

/** The quantities from `start` on: the line's own array when that is all of them. */
function valuesFrom(quantities: Quantity[], start: number): Quantity[] {
  if (quantities.every((q) => q.span.start >= start)) return quantities;
  return fit(quantities.filter((q) => q.span.start >= start));
}

/** Splits `- Label: values` into an item; undefined when the line has no label. */
export function itemOf(line: Line): Item | undefined {
  const parts = labelParts(line.text.slice(line.contentStart - line.start));
  if (!parts) return undefined;
  const restStart = line.contentStart + parts.rest;
  return {
    line,
    label: parts.label,
    key: parts.key,
    labelEnd: line.contentStart + parts.colon,
    values: valuesFrom(line.quantities, restStart),
  };
}

/** A single user count stated in a title: `100 users:`, `At 2,500 users`, `### 10,000 Users`. */
export function usersInTitle(line: Line): { value: number; quantity: Quantity } | undefined {
  const users = line.quantities.filter((q) => q.kind === 'users' && !q.blank);
  if (users.length !== 1) return undefined;
  const q = users[0]!;
  if (q.high !== undefined || q.open || q.bound || q.approx) return undefined;
  return { value: q.value, quantity: q };
}

function buildSections(doc: ParsedDocument): { sections: Section[]; sectionOf: Section[] } {
  const sections: Section[] = [];
  const root: Section = { index: 0, level: 0, title: '', firstLine: 0, endLine: doc.lines.length };
  sections.push(root);
  const sectionOf: Section[] = new Array(doc.lines.length);
  let current = root;
  // Open sections by level, for parents without walking back.
  const open: Section[] = [root];
  for (const line of doc.lines) {
    if (line.kind === 'heading' && line.plan) {
      current.endLine = line.index;
      while (open.length > 1 && open[open.length - 1]!.level >= line.level) open.pop();
      current = { index: sections.length, heading: line, level: line.level, title: plainText(line), firstLine: line.index, endLine: doc.lines.length, parent: open[open.length - 1]! };
      open.push(current);
      sections.push(current);
    }
    sectionOf[line.index] = current;
  }
  return { sections, sectionOf };
}

/** The line before `index` that is not blank and not a fence, if any. */
function previousContentLine(lines: Line[], index: number): Line | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.kind === 'blank' || l.kind === 'fence') continue;
    return l;
  }
  return undefined;
}

function headingChain(_sections: Section[], section: Section): string[] {
  const out: string[] = [];
  for (let s: Section | undefined = section; s; s = s.parent) if (s.heading) out.push(s.title);
  return fit(out);
}

function buildGroups(doc: ParsedDocument, sections: Section[], sectionOf: Section[]): Group[] {
  const groups: Group[] = [];
  const chains = new Map<Section, string[]>();
  const lines = doc.lines;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const groupable = line.plan && (line.kind === 'text' || line.kind === 'code');
    if (!groupable) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]!.plan && lines[j]!.block === line.block && (lines[j]!.kind === 'text' || lines[j]!.kind === 'code')) j++;
    const run = lines.slice(i, j);
    let title: Line | undefined;
    let body = run;
    if (isTitleLine(run[0]!)) {
      title = run[0];
      body = run.slice(1);
    } else {
      const prev = previousContentLine(lines, i);
      if (prev && isTitleLine(prev)) title = prev;
    }
    const context: string[] = [];
    if (title) context.push(plainText(title));
    // The title just before the fence that holds this group, if the group is inside one.
    if (line.kind === 'code') {
      let k = i - 1;
      while (k >= 0 && lines[k]!.block === line.block) k--;
      const outer = previousContentLine(lines, k + 1);
      if (outer && outer !== title && isTitleLine(outer)) context.push(plainText(outer));
      // And the first line of the fenced block (`Infrastructure Costs by Stage:`).
      const firstInBlock = lines[k + 2];
      if (firstInBlock && firstInBlock !== title && firstInBlock.index < i && isTitleLine(firstInBlock)) context.push(plainText(firstInBlock));
    }
    const section = sectionOf[line.index]!;
    let chain = chains.get(section);
    if (!chain) chains.set(section, (chain = headingChain(sections, section)));
    context.push(...chain);
    const items: Item[] = [];
    for (const l of body) {
      const item = itemOf(l);
      if (item) items.push(item);
    }
    const group: Group = {
      id: groups.length,
      titleText: title ? plainText(title) : '',
      // Groups with no title of their own share their section's list of headings.
      context: context.length === chain.length ? chain : fit(context),
      lines: run,
      items: fit(items),
      section,
      block: line.block,
    };
    if (title) group.title = title;
    const users = groupUsers(title, line.kind === 'code' ? outerTitle(lines, i, line.block) : undefined, section);
    if (users) group.users = users;
    groups.push(group);
    i = j;
  }
  return groups;
}

/** The title just before the fenced block that holds line `i`. */
function outerTitle(lines: Line[], i: number, block: number): Line | undefined {
  let k = i - 1;
  while (k >= 0 && lines[k]!.block === block) k--;
  const outer = previousContentLine(lines, k + 1);
  return outer && isTitleLine(outer) ? outer : undefined;
}

/**
 * The single user count a group is about: from its own title, else the title before its fence,
 * else its heading. A title that names a range of users (a stage) ends the search.
 */
function groupUsers(title: Line | undefined, outer: Line | undefined, section: Section): Group['users'] {
  for (const t of [title, outer, section.heading]) {
    if (!t) continue;
    const u = usersInTitle(t);
    if (u) return u;
    if (t.quantities.some((q) => q.kind === 'users')) return undefined;
  }
  return undefined;
}

/**
 * The tables of the document. Identical tables share one reading (and its table number), so
 * each table is the one whose header came last with that number; its id is its header's line.
 */
function buildTables(doc: ParsedDocument, sectionOf: Section[]): Table[] {
  const tables: Table[] = [];
  const current = new Map<number, Table>();
  for (const line of doc.lines) {
    if (line.kind !== 'table' || line.table === undefined || !line.plan) continue;
    let table = current.get(line.table);
    if (line.row === 'header') {
      table = {
        id: line.index,
        header: line,
        columns: (line.cells ?? []).map((c, index) => ({ index, header: c.text.replace(BOLD, '').trim(), key: normalizeKey(c.text) })),
        rows: [],
        section: sectionOf[line.index]!,
      };
      current.set(line.table, table);
      tables.push(table);
    } else if (line.row === 'body' && table) {
      table.rows.push({
        line,
        cells: (line.cells ?? []).map((c) => ({
          text: c.text,
          span: c.span,
          values: fit(line.quantities.filter((q) => q.span.start >= c.span.start && q.span.end <= c.span.end)),
        })),
      });
    }
  }
  return tables;
}

const ARPU = /\bARPU\b|average revenue per (?:user|customer)/i;
const CONVERSION_PRICE = /(\d+(?:\.\d+)?)\s?%[^$\n%]{0,40}?(?:@|\bat\b|×|\bx\b|\bpaying\b[^$\n]{0,20}?)\s*[$€£]\s?(\d[\d,]*(?:\.\d+)?)/i;
const PER_MONTH = String.raw`(?:month[- ]over[- ]month|MoM|monthly|per month|a month|each month|every month|\/\s?month)`;
const ABOUT = String.raw`(?:~\s?|about\s|around\s|roughly\s)?`;
/**
 * Monthly user growth in prose, the percentage in group 1: `18% month over month`, `20% monthly
 * growth`, `growth rate of 20% per month`, `Monthly growth: 20%`, `Users grow 20% per month`,
 * `growing at 20% a month`.
 */
const GROWTH: RegExp[] = [
  new RegExp(String.raw`(\d+(?:\.\d+)?)\s?%\s*${PER_MONTH}[^.\n]{0,20}?\bgrowth`, 'i'),
  new RegExp(String.raw`\bgrowth(?: rate)?(?: of| is| at)?[:\s]+${ABOUT}(\d+(?:\.\d+)?)\s?%\s*${PER_MONTH}`, 'i'),
  new RegExp(String.raw`(\d+(?:\.\d+)?)\s?%\s*(?:MoM|month[- ]over[- ]month)\b`, 'i'),
  new RegExp(String.raw`\b(?:monthly|month[- ]over[- ]month|MoM)\s(?:users?\s|customer\s)?growth(?:\srate)?\s?(?::|=|\bis\b|\bof\b)?\s*${ABOUT}(\d+(?:\.\d+)?)\s?%(?!\s*of\b)`, 'i'),
  new RegExp(String.raw`\bgrow(?:s|ing)?\s(?:at\s|by\s)?${ABOUT}(\d+(?:\.\d+)?)\s?%\s*${PER_MONTH}`, 'i'),
];
/** What grows, when it is not the users: `revenue grows 20% a month`. */
const NOT_USERS_GROWTH = /\b(?:revenue|mrr|arr|sales|income|costs?|spend\w*|expenses?|traffic|requests?|storage|data|usage|queries|load|bandwidth|pric\w*|margin|profit|churn|conversion)\b/i;

/** The monthly growth a line states, with where its percentage ends up (offset in `text`). */
function growthIn(text: string): { value: number; at: number } | undefined {
  for (const re of GROWTH) {
    const m = re.exec(text);
    if (!m) continue;
    // The clause the growth sits in must not be about something other than users.
    const clauseStart = Math.max(text.lastIndexOf('.', m.index), text.lastIndexOf(';', m.index), text.lastIndexOf('|', m.index)) + 1;
    if (NOT_USERS_GROWTH.test(text.slice(clauseStart, m.index + m[0].length))) return undefined;
    return { value: Number(m[1]), at: m.index + m[0].indexOf(m[1]!) };
  }
  return undefined;
}

function buildAssumptions(doc: ParsedDocument, fm: Frontmatter, groups: Group[]): Assumptions {
  const a: Assumptions = { arpu: [], conversion: [], price: [], growth: [], startUsers: [] };
  const fromFm = (key: 'arpu' | 'conversion' | 'price' | 'growth' | 'start-users', into: AssumptionClaim[]): void => {
    const v = fm.assumptions[key];
    if (v) into.push({ value: v.value, span: v.span, line: -1, source: 'frontmatter' });
  };
  fromFm('arpu', a.arpu);
  fromFm('conversion', a.conversion);
  fromFm('price', a.price);
  fromFm('growth', a.growth);
  fromFm('start-users', a.startUsers);
  for (const line of doc.lines) {
    if (!line.plan || line.quantities.length === 0) continue;
    const plain = line.text;
    if (ARPU.test(plain)) {
      const money = line.quantities.filter((q) => q.kind === 'money' && !q.blank && q.high === undefined && q.per !== 'year');
      // Only a line that states one amount and calls it ARPU, outside a per-stage group item
      // whose label is something else (`Revenue: $X (ARPU $Y)` is read by the revenue rule).
      if (money.length === 1) {
        const item = itemOf(line);
        if (!item || /arpu|average revenue|assum/i.test(item.label)) {
          a.arpu.push({ value: money[0]!.value, span: money[0]!.span, line: line.index, quantity: money[0]!, source: 'text' });
        }
      }
    }
    const cp = /assum|conversion|convert|paying|paid|pro\b|premium|plan\b/i.test(plain) ? CONVERSION_PRICE.exec(plain) : null;
    if (cp) {
      const pct = line.quantities.find((q) => q.kind === 'percent' && q.value === Number(cp[1]) && !q.blank);
      const price = line.quantities.find((q) => q.kind === 'money' && q.value === Number(cp[2]!.replace(/,/g, '')) && !q.blank);
      if (pct && price && pct.high === undefined && price.high === undefined) {
        a.conversion.push({ value: pct.value / 100, span: pct.span, line: line.index, quantity: pct, source: 'text' });
        a.price.push({ value: price.value, span: price.span, line: line.index, quantity: price, source: 'text' });
      }
    }
    const g = /grow|mom\b|month/i.test(plain) ? growthIn(plain) : undefined;
    if (g) {
      const q = line.quantities.find((x) => x.kind === 'percent' && !x.blank && x.high === undefined && x.value === g.value && x.span.start - line.start <= g.at && x.span.end - line.start > g.at);
      if (q) a.growth.push({ value: g.value / 100, span: q.span, line: line.index, quantity: q, source: 'text' });
    }
  }
  // Assumption groups: `Assumptions:` followed by `- ARPU: $12/month`, `- Conversion: 5%`, `- Price: $18.99`.
  for (const group of groups) {
    if (!/assum/i.test(group.titleText)) continue;
    for (const item of group.items) {
      const v = item.values.filter((q) => !q.blank && q.high === undefined);
      if (v.length !== 1) continue;
      const q = v[0]!;
      const claim = (value: number): AssumptionClaim => ({ value, span: q.span, line: item.line.index, quantity: q, source: 'text' });
      if (/^(conversion|paid conversion|conversion rate|paying share|paid share)\b/.test(item.key) && q.kind === 'percent') a.conversion.push(claim(q.value / 100));
      else if (/^(price|plan price|pro price|subscription price)\b/.test(item.key) && q.kind === 'money') a.price.push(claim(q.value));
      else if (/^(monthly growth|growth|growth rate)\b/.test(item.key) && q.kind === 'percent') a.growth.push(claim(q.value / 100));
      else if (/^(starting users|start users|current users|users today)\b/.test(item.key) && (q.kind === 'users' || q.kind === 'number')) a.startUsers.push(claim(q.value));
    }
  }
  const dedupe = (list: AssumptionClaim[]): AssumptionClaim[] => {
    const seen = new Set<number>();
    return list.filter((c) => (seen.has(c.span.start) ? false : (seen.add(c.span.start), true)));
  };
  a.arpu = dedupe(a.arpu);
  a.conversion = dedupe(a.conversion);
  a.price = dedupe(a.price);
  a.growth = dedupe(a.growth);
  return a;
}

/**
 * The assumption in force at `line`: the nearest one stated before it in the text, else the
 * only one stated in the text, else the frontmatter's.
 */
export function assumptionAt(list: AssumptionClaim[], line: number): AssumptionClaim | undefined {
  const text = list.filter((c) => c.source === 'text');
  let best: AssumptionClaim | undefined;
  for (const c of text) if (c.line <= line && (!best || c.line > best.line)) best = c;
  if (best) return best;
  if (text.length === 1) return text[0];
  return list.find((c) => c.source === 'frontmatter');
}

/** Builds the model of `text`. */
/**
 * Builds the model of `text`. With `previous` (the model of the document's previous version),
 * unchanged lines keep their numbers instead of being read again; `previous` must not be used
 * afterwards.
 */
export function buildModel(text: string, options: EngineOptions, previous?: { doc: ParsedDocument }): PlanModel {
  const doc = parseDocument(text, previous?.doc);
  const fm = doc.frontmatter
    ? readFrontmatter(doc.frontmatter.text, doc.frontmatter.contentSpan.start)
    : { present: false, isPlan: false, assumptions: {}, findings: [] };
  const effective: EngineOptions = { ...options };
  if (fm.month) effective.month = fm.month;
  if (fm.tolerance !== undefined) effective.tolerance = Math.max(options.tolerance, fm.tolerance);
  const { sections, sectionOf } = buildSections(doc);
  const groups = buildGroups(doc, sections, sectionOf);
  const tables = buildTables(doc, sectionOf);
  const assumptions = buildAssumptions(doc, fm, groups);
  return { doc, text, frontmatter: fm, options: effective, sections, groups, tables, assumptions, sectionOf };
}

export { scanQuantities };
