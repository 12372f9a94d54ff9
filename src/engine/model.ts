/**
 * The plan model: every number the document states as a claim with its unit (its own, and
 * what its label, table column, block title or heading adds), placed in rows (a labelled line
 * or a table row) and blocks (a list, a run of lines in a code block, a paragraph, a table),
 * under sections. Rules bind claims of this model into formulas; nothing here computes.
 */
import { Flag, Kind, lineEnd, type Outline } from './markdown';
import type { NumberConvention } from './numbers';
import type { Period, Quantity, Span, Unit } from './types';
import { normalizeLabel, periodInHeader, periodInLabel } from './vocabulary';

/** A number the plan states, placed: its quantity, its line, and its unit in context. */
export interface Claim {
  id: number;
  q: Quantity;
  line: number;
  /** The unit with what context adds (a period from the column, per user from a heading). */
  unit: Unit;
  /** Where the period came from, when the claim has one. */
  periodFrom?: 'own' | 'label' | 'column' | 'row' | 'title' | 'heading';
  /** The row it is in. */
  row: Row;
  /** Table column, for claims in table cells. */
  column?: number;
}

export type RowSource = 'list' | 'text' | 'code' | 'table' | 'heading';

/** A line read as `label: values`, or a table row read by its columns. */
export interface Row {
  line: number;
  source: RowSource;
  /** List nesting depth (list items), or indentation depth in code blocks. */
  depth: number;
  /** The label as written, markup removed ('' when the line has none). */
  label: string;
  /** The label normalised for matching. */
  key: string;
  labelSpan?: Span;
  /** Claims after the label (every claim when the line has no label). */
  values: Claim[];
  /** Every claim on the line. */
  claims: Claim[];
  /** The label (or the whole line) is bold. */
  bold: boolean;
  /** The line starts a list item. */
  item: boolean;
  /** The line's content after its markers. */
  content: string;
  contentStart: number;
  /** Table rows: cells with their claims. */
  cells?: Cell[];
  block?: Block;
  /** Language of a code block's line ('' for plain blocks). */
  lang?: string;
  /** The line is code in a programming language: only code-aware rules read it. */
  program: boolean;
}

export interface Cell {
  span: Span;
  text: string;
  claims: Claim[];
}

export interface Column {
  index: number;
  header: string;
  key: string;
  /** A period the header names (`Monthly`, `Annual Revenue`, `/mo`). */
  period?: Period;
}

export type BlockKind = 'list' | 'text' | 'code' | 'table';

/** Rows that belong together: a list, a run of lines of a code block, a paragraph, a table. */
export interface Block {
  id: number;
  kind: BlockKind;
  rows: Row[];
  section: Section;
  /** The line that titles the block (a heading, bold line or `Label:` line), if any. */
  titleLine?: number;
  title: string;
  /** Titles from the block's own outwards: block title, then the headings above it. */
  titles: string[];
  columns?: Column[];
  lang?: string;
  start: number;
  end: number;
}

export interface Section {
  index: number;
  parent?: Section;
  /** Heading line (undefined for the text before the first heading). */
  line?: number;
  level: number;
  title: string;
  start: number;
  /** Exclusive. */
  end: number;
}

export interface PlanModel {
  text: string;
  outline: Outline;
  convention: NumberConvention;
  claims: Claim[];
  rows: Row[];
  /** Row of each line (undefined for lines that are not plan text or have no content). */
  rowAt: (Row | undefined)[];
  blocks: Block[];
  sections: Section[];
  sectionAt: Section[];
  /** Languages of fenced blocks whose content is plan text. */
}

/** Fenced blocks with these info strings hold plan text; others hold code. */
export const PLAN_LANGS = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'markdown', 'md', 'none', 'output', 'console']);

/** Where a line's content starts after its markers: quote marks, list marker, task box, `#`s. */
const MARKERS = /^(?:\s*>)*\s*(?:#{1,6}\s+|(?:[-*+•·▪◦]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?|(?:[│├└┣┗|]\s*)*(?:(?:[─━]{1,3}|-{1,3}(?=\s))\s*)?)?/;

/** Markdown emphasis and decoration around a label. */
const DECOR = /\*\*|__|`/g;

export function contentOffset(line: string): number {
  const m = MARKERS.exec(line);
  return m ? m[0].length : 0;
}

interface LabelParts {
  label: string;
  /** Offsets in the content: label start, label end, values start. */
  start: number;
  end: number;
  rest: number;
  bold: boolean;
  sep: ':' | '=' | '-';
}

const URLISH = /^(?:https?|ftp|mailto|file)$/i;

/**
 * Splits `Label: values` (also `**Label:** values`, `**Label**: values`, `label = value`,
 * `"key": value`). The label's colon is followed by a space or the end, and is not inside a
 * number (`5:1`, `10:30`).
 */
export function splitLabel(content: string): LabelParts | undefined {
  const n = Math.min(content.length, 160);
  for (let i = 0; i < n; i++) {
    const c = content[i]!;
    if (c === ':' || c === '：') {
      const prev = content[i - 1];
      const next = content[i + 1];
      if (prev !== undefined && /\d/.test(prev) && next !== undefined && /\d/.test(next)) continue;
      if (c === ':' && next !== undefined && next !== ' ' && next !== '*' && next !== '_' && next !== '\t' && next !== '"' && !/\s/.test(next)) continue;
      let label = content.slice(0, i);
      let rest = i + 1;
      // `**Label:**`: the closing emphasis belongs to the label.
      const close = /^(\*\*|__)/.exec(content.slice(rest));
      if (close) rest += close[1]!.length;
      while (rest < content.length && content[rest] === ' ') rest++;
      const bold = /^\s*(\*\*|__)/.test(label) || close !== null;
      label = label.replace(DECOR, '').replace(/^["'\s]+|["'\s]+$/g, '').trim();
      if (label === '' || label.length > 100 || URLISH.test(label)) return undefined;
      return { label, start: 0, end: i, rest, bold, sep: ':' };
    }
    if (c === '=' && content[i - 1] === ' ' && content[i + 1] === ' ') {
      const label = content.slice(0, i).replace(DECOR, '').trim();
      // `x = 5` in code; `Revenue = $500` in text. Not `500 × $18.99 = $9,495` (no letters).
      if (!/^[\p{L}_][\p{L}\p{N}_ .'()/-]{0,60}$/u.test(label)) return undefined;
      let rest = i + 1;
      while (rest < content.length && content[rest] === ' ') rest++;
      return { label, start: 0, end: i, rest, bold: false, sep: '=' };
    }
  }
  // `**Label** $50` and `**Label** — $50`: a bold label followed by a value.
  const bold = /^(\*\*|__)([^*_]{1,80}?)\1\s*(?:[-–—]\s*)?(?=[~$€£¥₹\d(-])/.exec(content);
  if (bold) return { label: bold[2]!.trim(), start: 0, end: bold[0].length, rest: bold[0].length, bold: true, sep: '-' };
  return undefined;
}

/** A line that titles what follows: a heading, a bold-only line, or text ending with a colon. */
export function isTitleText(content: string): boolean {
  const t = content.trim();
  if (t === '') return false;
  if (/^(\*\*|__)[^*_]+\1:?\s*$/.test(t)) return true;
  if (/^(\*\*|__)[^*_]+:\1\s*$/.test(t)) return true;
  if (!/[:：]\s*(?:\*\*|__)?$/.test(t)) return false;
  const inner = t.replace(/[:：]\s*(?:\*\*|__)?$/, '');
  return inner.length > 0 && inner.length <= 120 && !/:\s/.test(inner);
}

function sectionsOf(outline: Outline, lineTexts: (i: number) => string): { sections: Section[]; sectionAt: Section[] } {
  const count = outline.lineStarts.length;
  const root: Section = { index: 0, level: 0, title: '', start: 0, end: count };
  const sections: Section[] = [root];
  const sectionAt: Section[] = new Array(count);
  const open: Section[] = [root];
  let current = root;
  for (let i = 0; i < count; i++) {
    if (outline.kind[i] === Kind.Heading && !(outline.depth[i]! > 0)) {
      const level = outline.level[i]!;
      // A setext heading's underline is part of the heading above it.
      if (i > 0 && outline.kind[i - 1] === Kind.Heading && sectionAt[i - 1]?.line === i - 1 && /^[\s=-]+$/.test(lineTexts(i))) {
        sectionAt[i] = current;
        continue;
      }
      // A section ends where a heading of its level or above starts: its subsections are in it.
      while (open.length > 1 && open[open.length - 1]!.level >= level) open.pop()!.end = i;
      const title = lineTexts(i).replace(/^\s*#{1,6}\s*/, '').replace(/\s*#+\s*$/, '').replace(DECOR, '').trim();
      current = { index: sections.length, parent: open[open.length - 1]!, line: i, level, title, start: i, end: count };
      open.push(current);
      sections.push(current);
    }
    sectionAt[i] = current;
  }
  return { sections, sectionAt };
}

/** What the reader of quantities needs to know about a line. */
export type LineReader = (line: number, text: string, contentStart: number) => Quantity[];

/** Builds the model of an outline; `read` gives the quantities of a piece of a line. */
export function buildModel(outline: Outline, convention: NumberConvention, read: (text: string, base: number) => Quantity[]): PlanModel {
  const text = outline.text;
  const count = outline.lineStarts.length;
  const lineTexts = (i: number): string => text.slice(outline.lineStarts[i]!, lineEnd(outline, i));
  const { sections, sectionAt } = sectionsOf(outline, lineTexts);
  const claims: Claim[] = [];
  const rows: Row[] = [];
  const rowAt: (Row | undefined)[] = new Array(count);
  const langAt = new Map<number, string>();
  for (const b of outline.codeBlocks) for (let l = b.start; l <= b.end; l++) langAt.set(l, b.lang);

  const makeClaims = (q: Quantity[], line: number, row: Row, column?: number): Claim[] =>
    q.map((quantity) => {
      const c: Claim = { id: claims.length, q: quantity, line, unit: { ...quantity.unit }, row };
      if (quantity.unit.per) c.periodFrom = 'own';
      if (column !== undefined) c.column = column;
      claims.push(c);
      return c;
    });

  for (let i = 0; i < count; i++) {
    const kind = outline.kind[i]!;
    const start = outline.lineStarts[i]!;
    const end = lineEnd(outline, i);
    if (end - start > 4000) continue;
    let source: RowSource;
    if (kind === Kind.Text) source = outline.flags[i]! & Flag.Item ? 'list' : outline.depth[i]! > 0 ? 'list' : 'text';
    else if (kind === Kind.Heading) source = 'heading';
    else if (kind === Kind.Code) source = 'code';
    else if (kind === Kind.TableHeader || kind === Kind.TableRow) source = 'table';
    else continue;
    const lineText = text.slice(start, end);
    if (source === 'table') {
      const spans = outline.cells.get(i) ?? [];
      const row: Row = { line: i, source, depth: outline.depth[i]!, label: '', key: '', values: [], claims: [], bold: false, item: false, content: lineText, contentStart: start, cells: [], program: false };
      for (let k = 0; k + 1 < spans.length; k += 2) {
        const s = spans[k]!;
        const e = spans[k + 1]!;
        const cellText = text.slice(s, e);
        const cellClaims = kind === Kind.TableRow ? makeClaims(read(cellText, s), i, row, k / 2) : [];
        // `($16.20)` alone in a cell: a negative amount, as accountants write it.
        if (cellClaims.length === 1 && /^\s*(?:\*\*|__)?\(\s*[^()]*\)(?:\*\*|__)?\s*$/.test(cellText)) negate(cellClaims[0]!);
        row.cells!.push({ span: { start: s, end: e }, text: cellText, claims: cellClaims });
        row.claims.push(...cellClaims);
      }
      const first = row.cells!.find((c) => c.text.trim() !== '' && c.claims.length === 0) ?? row.cells![0];
      if (first) {
        row.label = first.text.replace(DECOR, '').trim();
        row.key = normalizeLabel(row.label);
        row.labelSpan = first.span;
        row.bold = /^\s*(\*\*|__)/.test(first.text);
      }
      row.values = row.claims;
      if (kind === Kind.TableRow) {
        rows.push(row);
        rowAt[i] = row;
      } else {
        rowAt[i] = row;
      }
      continue;
    }
    const lang = langAt.get(i);
    const offset = source === 'code' ? codeContentOffset(lineText) : contentOffset(lineText);
    const content = lineText.slice(offset);
    if (content.trim() === '') continue;
    const contentStart = start + offset;
    const row: Row = {
      line: i,
      source,
      depth: source === 'code' ? codeDepth(lineText) : outline.depth[i]!,
      label: '',
      key: '',
      values: [],
      claims: [],
      bold: false,
      item: (outline.flags[i]! & Flag.Item) !== 0 || (source === 'code' && /^\s*(?:[-*+•]|\d{1,3}[.)])\s/.test(lineText)),
      content,
      contentStart,
      program: source === 'code' && !PLAN_LANGS.has(lang ?? ''),
    };
    if (lang !== undefined) row.lang = lang;
    const parts = splitLabel(content);
    const quantities = read(content, contentStart);
    row.claims = makeClaims(quantities, i, row);
    if (parts) {
      row.label = parts.label;
      row.key = normalizeLabel(parts.label);
      row.labelSpan = { start: contentStart + parts.start, end: contentStart + parts.end };
      row.bold = parts.bold;
      const restStart = contentStart + parts.rest;
      row.values = row.claims.filter((c) => c.q.span.start >= restStart);
      // `Loss: ($500)`: a negative amount.
      const first = row.values[0];
      if (first && /^\s*(?:\*\*|__)?\(\s*[^()\d]*$/.test(text.slice(restStart, first.q.span.start)) && /^\s*\)/.test(text.slice(first.q.span.end, first.q.span.end + 3)) && first.q.span.start - restStart <= 4) negate(first);
      // A number inside the label (`Hire 1 (Month 3)`, `100 users`) is not one of its values.
    } else {
      row.values = row.claims;
      row.bold = /^\s*(\*\*|__)/.test(content);
    }
    rows.push(row);
    rowAt[i] = row;
  }

  const blocks = buildBlocks(outline, rowAt, sectionAt, lineTexts);
  for (const block of blocks) for (const row of block.rows) row.block = block;
  applyContext(blocks);
  return { text, outline, convention, claims, rows, rowAt, blocks, sections, sectionAt };
}

/** A figure written in parentheses as accountants write a negative amount. */
function negate(c: Claim): void {
  if (c.q.low <= 0 || c.q.high !== undefined || c.unit.dim !== 'money' && c.unit.dim !== 'number') return;
  c.q = { ...c.q, low: -c.q.low, parens: true };
  if (c.q.lowAlt !== undefined) c.q.lowAlt = -c.q.lowAlt;
}

/** In code blocks, lines are read after indentation, list markers and tree drawing. */
function codeContentOffset(line: string): number {
  const m = /^\s*(?:(?:[│├└┣┗┃|]\s*)*(?:[─━]+\s*|--\s+)?)?(?:(?:[-*+•·]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?)?/.exec(line);
  return m ? m[0].length : 0;
}

/** Depth of a code line: its indentation (two spaces a level) and tree drawing. */
function codeDepth(line: string): number {
  let ind = 0;
  while (ind < line.length && (line[ind] === ' ' || line[ind] === '\t')) ind += line[ind] === '\t' ? 4 : 1;
  const tree = /^\s*((?:[│├└┣┗┃]\s*)+)/.exec(line);
  return Math.floor(ind / 2) + (tree ? (tree[1]!.match(/[│├└┣┗┃]/g) ?? []).length : 0);
}

function buildBlocks(outline: Outline, rowAt: (Row | undefined)[], sectionAt: Section[], lineTexts: (i: number) => string): Block[] {
  const blocks: Block[] = [];
  const count = outline.lineStarts.length;
  const codeBlockAt = new Map<number, { start: number; end: number; lang: string }>();
  for (const b of outline.codeBlocks) for (let l = b.start; l <= b.end; l++) codeBlockAt.set(l, b);
  let i = 0;
  const headerCells = new Map<number, Row>();
  for (let l = 0; l < count; l++) if (outline.kind[l] === Kind.TableHeader && rowAt[l]) headerCells.set(l, rowAt[l]!);
  while (i < count) {
    const kind = outline.kind[i]!;
    if (kind === Kind.TableHeader) {
      const header = headerCells.get(i);
      let j = i + 1;
      const body: Row[] = [];
      while (j < count && (outline.kind[j] === Kind.TableDelimiter || outline.kind[j] === Kind.TableRow)) {
        const r = rowAt[j];
        if (r && outline.kind[j] === Kind.TableRow) body.push(r);
        j++;
      }
      const columns: Column[] = (header?.cells ?? []).map((c, index) => {
        const h = c.text.replace(DECOR, '').trim();
        const col: Column = { index, header: h, key: normalizeLabel(h) };
        const p = columnPeriod(h);
        if (p) col.period = p;
        return col;
      });
      blocks.push(makeBlock(blocks.length, 'table', body, sectionAt[i]!, i, j - 1, outline, rowAt, lineTexts, columns));
      i = j;
      continue;
    }
    const row = rowAt[i];
    if (!row || row.source === 'heading' || row.source === 'table') {
      i++;
      continue;
    }
    // A run of rows of one kind: list items (with their nested items), code lines up to a blank
    // line, or paragraph lines.
    const code = codeBlockAt.get(i);
    let j = i;
    const run: Row[] = [];
    while (j < count) {
      const r = rowAt[j];
      const k = outline.kind[j]!;
      if (code) {
        if (!codeBlockAt.has(j) || codeBlockAt.get(j) !== code || k !== Kind.Code) break;
        if (!r) break; // a blank line inside the block ends the run
      } else {
        if (k !== Kind.Text) break;
        if (!r) break;
        if (r.source !== row.source && !(row.source === 'list' && r.source === 'list')) break;
      }
      run.push(r);
      j++;
    }
    if (run.length === 0) {
      i++;
      continue;
    }
    const blockKind: BlockKind = code ? 'code' : row.source === 'list' ? 'list' : 'text';
    const block = makeBlock(blocks.length, blockKind, run, sectionAt[i]!, i, j - 1, outline, rowAt, lineTexts);
    if (code) block.lang = code.lang;
    blocks.push(block);
    i = j;
  }
  return blocks;
}

function makeBlock(
  id: number,
  kind: BlockKind,
  rows: Row[],
  section: Section,
  start: number,
  end: number,
  outline: Outline,
  rowAt: (Row | undefined)[],
  lineTexts: (i: number) => string,
  columns?: Column[],
): Block {
  // The title: the block's own first line when it is a title line (code and text), else the
  // nearest line before the block that titles it.
  let titleLine: number | undefined;
  let title = '';
  const first = rows[0];
  let body = rows;
  if (first && kind !== 'table' && isTitleText(first.content) && first.values.length === 0) {
    titleLine = first.line;
    title = plainTitle(first.content);
    body = rows;
  } else {
    for (let k = start - 1; k >= 0 && k >= start - 4; k--) {
      const kk = outline.kind[k]!;
      if (kk === Kind.Blank || kk === Kind.Fence) continue;
      if (kk === Kind.Heading) {
        titleLine = k;
        title = lineTexts(k).replace(/^\s*#{1,6}\s*/, '').replace(DECOR, '').trim();
        break;
      }
      const r = rowAt[k];
      if (r && (kk === Kind.Text || kk === Kind.Code) && isTitleText(r.content)) {
        titleLine = k;
        title = plainTitle(r.content);
      }
      break;
    }
  }
  const titles: string[] = [];
  if (title) titles.push(title);
  for (let s: Section | undefined = section; s; s = s.parent) if (s.title && s.line !== titleLine) titles.push(s.title);
  const block: Block = { id, kind, rows: body, section, title, titles, start, end };
  if (titleLine !== undefined) block.titleLine = titleLine;
  if (columns) block.columns = columns;
  return block;
}

function plainTitle(content: string): string {
  return content.replace(DECOR, '').replace(/[:：]\s*$/, '').trim();
}

/** The period a column header names: `Monthly`, `Annual Revenue`, `Cost/mo`, `Per Year`. */
export function columnPeriod(header: string): Period | undefined {
  return periodInHeader(header);
}

/**
 * Adds what context says to each claim's unit: the period of its table column, of its row's
 * label, of its block's title; never over a period the claim states itself.
 */
function applyContext(blocks: Block[]): void {
  for (const block of blocks) {
    let titlePeriod: Period | undefined | null = null;
    for (const row of block.rows) {
      let labelPeriod: Period | undefined | null = null;
      for (const c of row.claims) {
        if (c.unit.per || c.unit.dim !== 'money') continue;
        if (labelPeriod === null) labelPeriod = row.label ? periodInLabel(row.label) : undefined;
        if (titlePeriod === null) titlePeriod = block.title ? periodInLabel(block.title) : undefined;
        const col = c.column !== undefined ? block.columns?.[c.column] : undefined;
        if (col?.period) {
          c.unit.per = col.period;
          c.periodFrom = 'column';
        } else if (labelPeriod && c.column === undefined) {
          c.unit.per = labelPeriod;
          c.periodFrom = 'label';
        } else if (labelPeriod && block.kind === 'table') {
          c.unit.per = labelPeriod;
          c.periodFrom = 'row';
        } else if (titlePeriod) {
          c.unit.per = titlePeriod;
          c.periodFrom = 'title';
        }
      }
    }
  }
}
