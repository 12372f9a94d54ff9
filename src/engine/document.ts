/**
 * Turns document text into classified lines. The text is split into top-level blocks (runs of
 * lines between blank lines, fences kept whole); each block is parsed with remark on its own and
 * the result is cached by the block's text, so an edit re-parses only the block it touched.
 * Only lines and the quantities on them are kept, never the syntax trees.
 */
import type { Quantity, Span } from './types';
import { TextCache } from './cache';
import { headingLine, plainBlock, TEXT_LINE } from './plain-block';
import { scanQuantities } from './quantity';

export type LineKind = 'blank' | 'heading' | 'text' | 'table' | 'code' | 'fence' | 'frontmatter' | 'html';

export interface Cell {
  span: Span;
  text: string;
}

export interface Line {
  index: number;
  start: number;
  text: string;
  kind: LineKind;
  /** Analysed as plan text: not code with a language, not frontmatter, not HTML. */
  plan: boolean;
  /** Heading level (1-6) for headings. */
  level: number;
  /** Leading spaces (tabs count 4). */
  indent: number;
  /** The line starts a list item (`-`, `*`, `+`, `1.`). */
  listItem: boolean;
  /** Offset (absolute) where the line's content starts after heading marks, list marker and task box. */
  contentStart: number;
  /** Table id and row role for table lines. */
  table?: number;
  row?: 'header' | 'delimiter' | 'body';
  cells?: Cell[];
  /**
   * Language of a code line's block, when it names one (absent otherwise: most lines have none,
   * and a property added to only some lines costs every one of them extra memory).
   */
  lang?: string;
  block: number;
  quantities: Quantity[];
}

export interface ParsedDocument {
  text: string;
  lines: Line[];
  /** Offsets of each line start (for position conversion). */
  lineStarts: number[];
  frontmatter?: { span: Span; contentSpan: Span; text: string };
}

/**
 * The quantities of a line without any: one shared, never modified array (most lines state no
 * number, and a 2 MB plan has ~80,000 lines).
 */
export const NO_QUANTITIES: Quantity[] = Object.freeze([]) as unknown as Quantity[];

/** Languages of fenced blocks whose content is plan text rather than code. */
const PLAN_LANGS = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'markdown', 'md']);

const FENCE_OPEN = /^( {0,3}|\s*)(`{3,}|~{3,})\s*([^`\s]*)/;

interface RelLine {
  kind: LineKind;
  level: number;
  table?: number;
  row?: 'header' | 'delimiter' | 'body';
  cells?: { start: number; end: number; text: string }[];
  lang?: string;
}

interface BlockInfo {
  /** Never modified: lines of the same reading may share one object. */
  lines: RelLine[];
}

const HTML_LINE: RelLine = Object.freeze({ kind: 'html', level: 0 }) as RelLine;
const FRONTMATTER_LINE: RelLine = Object.freeze({ kind: 'frontmatter', level: 0 }) as RelLine;

/**
 * A small cache of parsed blocks keyed by their text, for documents read again from scratch
 * (fix-all, the CLI's files): at most 256K characters of blocks. An edited document reuses its
 * previous version's readings instead (see {@link previousReadings}), so a large document is
 * never held twice.
 */
const blockCache = new TextCache<BlockInfo>(256 * 1024, (text) => text.length);

type Root = { children: MdNode[] };
type MdNode = {
  type: string;
  depth?: number;
  lang?: string | null;
  children?: MdNode[];
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
};

let processor: { parse(text: string): unknown } | undefined;

/** remark is loaded on first use: it costs ~100 ms to load and many callers never parse. */
function parser(): { parse(text: string): unknown } {
  if (!processor) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
    const remarkFrontmatter = (require('remark-frontmatter') as typeof import('remark-frontmatter')).default;
    processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
  }
  return processor;
}

/**
 * micromark's time grows far faster than linearly with list and blockquote nesting depth
 * (400 nested levels take seconds). Plans never nest that deep, so such blocks are read line by
 * line instead: ATX headings are recognised, everything else is text.
 */
const MAX_NESTING_INDENT = 48;
const MAX_QUOTE_DEPTH = 16;

/**
 * Blocks are parsed in pieces of at most this many lines: remark's time per line grows with the
 * length of a paragraph, list or table, and no plan writes hundreds of lines without a blank one.
 */
const MAX_BLOCK_LINES = 250;

/** Longer lines are not plan text: they are read as text and their numbers are not scanned. */
export const MAX_LINE_LENGTH = 2000;
const MAX_BRACKETS = 1000;

function tooDeep(text: string): boolean {
  const lines = text.split('\n');
  let brackets = 0;
  for (const line of lines) {
    if (line.length > MAX_LINE_LENGTH) return true;
    for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 91) brackets++;
    if (brackets > MAX_BRACKETS) return true;
    let indent = 0;
    while (indent < line.length && (line[indent] === ' ' || line[indent] === '\t')) indent++;
    if (indent > MAX_NESTING_INDENT) return true;
    let quotes = 0;
    for (let i = indent; i < line.length && quotes <= MAX_QUOTE_DEPTH; i++) {
      const c = line[i];
      if (c === '>') quotes++;
      else if (c !== ' ') break;
    }
    if (quotes > MAX_QUOTE_DEPTH) return true;
  }
  return false;
}

function lineByLine(text: string, lineCount: number): BlockInfo {
  const lines: RelLine[] = text.split('\n').slice(0, lineCount).map((l) => {
    const h = /^ {0,3}(#{1,6})(?:\s|$)/.exec(l);
    return h ? headingLine(h[1]!.length) : TEXT_LINE;
  });
  while (lines.length < lineCount) lines.push(TEXT_LINE);
  return { lines };
}

/** The reading of every line of a heading, code, HTML or frontmatter node (tables are read by row). */
function readingOf(node: MdNode): RelLine | undefined {
  switch (node.type) {
    case 'heading':
      return headingLine(node.depth ?? 1);
    case 'code':
      return { kind: 'code', level: 0, lang: node.lang ?? '' };
    case 'html':
      return HTML_LINE;
    case 'yaml':
      return FRONTMATTER_LINE;
    default:
      return undefined;
  }
}

function parseBlock(text: string, lineCount: number, tableIdBase: () => number): BlockInfo {
  if (tooDeep(text)) return lineByLine(text, lineCount);
  const lines: RelLine[] = new Array<RelLine>(lineCount).fill(TEXT_LINE);
  let tree: Root;
  try {
    tree = parser().parse(text) as Root;
  } catch {
    return { lines };
  }
  const walk = (node: MdNode): void => {
    const pos = node.position;
    if (pos) {
      const a = pos.start.line - 1;
      const b = pos.end.line - 1;
      const reading = readingOf(node);
      if (reading) {
        for (let i = a; i <= b && i < lineCount; i++) lines[i] = reading;
        return;
      }
      switch (node.type) {
        case 'table': {
          const id = tableIdBase();
          const lineOffsets = [0];
          for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) lineOffsets.push(k + 1);
          const rows = node.children ?? [];
          rows.forEach((row, r) => {
            const rl = (row.position?.start.line ?? 0) - 1;
            if (rl < 0 || rl >= lineCount) return;
            const cells = (row.children ?? []).map((cell) => {
              // mdast cell positions include the pipes and padding around the content.
              let s = cell.position?.start.offset ?? 0;
              let e = cell.position?.end.offset ?? 0;
              while (s < e && (text[s] === '|' || text[s] === ' ' || text[s] === '\t')) s++;
              while (e > s && (text[e - 1] === '|' || text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
              // Kept relative to the row's own line.
              return { start: s - lineOffsets[rl]!, end: e - lineOffsets[rl]!, text: flat(text.slice(s, e)) };
            });
            lines[rl] = { kind: 'table', level: 0, table: id, row: r === 0 ? 'header' : 'body', cells };
            if (r === 0 && rl + 1 < lineCount) lines[rl + 1] = { kind: 'table', level: 0, table: id, row: 'delimiter' };
          });
          return;
        }
      }
    }
    for (const child of node.children ?? []) walk(child);
  };
  for (const child of tree.children) walk(child);
  return { lines };
}

let tableCounter = 0;

/** For tests: how remark reads `block` (no blank lines) on its own, line by line. */
export function remarkReading(block: string): { kind: LineKind; level: number }[] {
  let n = 1;
  for (let i = 0; i < block.length; i++) if (block.charCodeAt(i) === 10) n++;
  return parseBlock(block, n, () => ++tableCounter).lines.map((l) => ({ kind: l.kind, level: l.level }));
}

/** Blocks parsed together in one remark call: remark's setup costs as much as a small block. */
const BATCH_LINES = 1500;

/**
 * Parses several blocks in one remark call, separated by blank lines, and gives each block the
 * classification it would get alone. A block whose reading could depend on its neighbours (it
 * starts indented, or a node crosses into another block) is left undefined, to be parsed alone.
 */
function parseBatch(texts: string[]): (BlockInfo | undefined)[] {
  const counts = texts.map((t) => {
    let n = 1;
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) n++;
    return n;
  });
  const total = counts.reduce((a, b) => a + b + 1, 0);
  const owner = new Int32Array(total).fill(-1);
  const rel = new Int32Array(total);
  let at = 0;
  counts.forEach((c, k) => {
    for (let r = 0; r < c; r++) {
      owner[at + r] = k;
      rel[at + r] = r;
    }
    at += c + 1;
  });
  const infos: BlockInfo[] = counts.map((c) => ({ lines: new Array<RelLine>(c).fill(TEXT_LINE) }));
  const bad = new Set<number>();
  texts.forEach((t, k) => {
    if (/^(?: {4}|\t)/.test(t)) bad.add(k);
  });
  const joined = texts.join('\n\n');
  let tree: Root;
  try {
    tree = parser().parse(joined) as Root;
  } catch {
    return texts.map(() => undefined);
  }
  const lineOffsets = [0];
  for (let k = 0; k < joined.length; k++) if (joined.charCodeAt(k) === 10) lineOffsets.push(k + 1);
  const walk = (node: MdNode): void => {
    const pos = node.position;
    if (pos && (node.type === 'heading' || node.type === 'code' || node.type === 'html' || node.type === 'yaml' || node.type === 'table')) {
      const a = pos.start.line - 1;
      const b = Math.min(pos.end.line - 1, total - 1);
      const k = owner[a]!;
      if (k < 0 || owner[b] !== k) {
        for (let l = a; l <= b; l++) if (owner[l]! >= 0) bad.add(owner[l]!);
        return;
      }
      const lines = infos[k]!.lines;
      const reading = readingOf(node);
      if (reading) {
        for (let i = a; i <= b; i++) lines[rel[i]!] = reading;
        return;
      }
      switch (node.type) {
        case 'table': {
          const id = ++tableCounter;
          (node.children ?? []).forEach((row, r) => {
            const rl = (row.position?.start.line ?? 0) - 1;
            if (rl < 0 || owner[rl] !== k) return;
            const cells = (row.children ?? []).map((cell) => {
              let s = cell.position?.start.offset ?? 0;
              let e = cell.position?.end.offset ?? 0;
              while (s < e && (joined[s] === '|' || joined[s] === ' ' || joined[s] === '\t')) s++;
              while (e > s && (joined[e - 1] === '|' || joined[e - 1] === ' ' || joined[e - 1] === '\t')) e--;
              return { start: s - lineOffsets[rl]!, end: e - lineOffsets[rl]!, text: flat(joined.slice(s, e)) };
            });
            lines[rel[rl]!] = { kind: 'table', level: 0, table: id, row: r === 0 ? 'header' : 'body', cells };
            if (r === 0 && owner[rl + 1] === k) lines[rel[rl + 1]!] = { kind: 'table', level: 0, table: id, row: 'delimiter' };
          });
          return;
        }
      }
    }
    for (const child of node.children ?? []) walk(child);
  };
  for (const child of tree.children) walk(child);
  return infos.map((info, k) => (bad.has(k) ? undefined : info));
}

let batching = true;

/** For tests: forget every cached parse, and parse blocks in batches or one by one. */
export function resetParseCaches(batch = true): void {
  blockCache.clear();
  batching = batch;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * The reading of every block, by its text: from the cache, else from the document's previous
 * version when the block is unchanged, else parsed now (in batches) and cached. The cache is
 * best effort (it is emptied as a large document is read), so what it holds is taken at once.
 */
function readBlocks(texts: string[], previous?: ParsedDocument): Map<string, BlockInfo> {
  const read = new Map<string, BlockInfo>();
  const todo: string[] = [];
  let known: Map<string, number> | undefined;
  for (const t of new Set(texts)) {
    const cached = blockCache.get(t);
    if (cached) {
      read.set(t, cached);
      continue;
    }
    if (previous && !known) known = previousReadings(previous);
    const first = known?.get(t);
    if (first !== undefined) read.set(t, previousReading(previous!.lines, first, lineCount(t)));
    else todo.push(t);
  }
  if (todo.length === 0) return read;
  const store = (t: string, info: BlockInfo): void => {
    read.set(t, info);
    blockCache.set(flat(t), info);
  };
  const single = (t: string): void => store(t, parseBlock(t, lineCount(t), () => ++tableCounter));
  if (!batching) {
    todo.forEach(single);
    return read;
  }
  let batch: string[] = [];
  let lines = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const infos = batch.length > 1 ? parseBatch(batch) : [undefined];
    batch.forEach((t, k) => (infos[k] ? store(t, infos[k]!) : single(t)));
    batch = [];
    lines = 0;
  };
  for (const t of todo) {
    const plain = plainBlock(t.split('\n'));
    if (plain) {
      store(t, { lines: plain });
      continue;
    }
    if (tooDeep(t)) {
      single(t);
      continue;
    }
    batch.push(t);
    lines += t.length === 0 ? 1 : t.split('\n').length;
    if (lines >= BATCH_LINES) flush();
  }
  flush();
  return read;
}

/** Length of a line's markers before its content: heading marks, list marker and task box, `>`. */
export function contentPrefixLength(text: string): number {
  return /^(\s*)(?:#{1,6}\s+|(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?|>\s*)?/.exec(text)![0].length;
}

/** Offsets where lines start: `\n`, `\r\n` and a lone `\r` end a line. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Splits, parses (with the block cache) and classifies every line of `text`. */
export function parseDocument(text: string, previous?: ParsedDocument): ParsedDocument {
  const lineStarts = lineStartsOf(text);
  const count = lineStarts.length;
  const lineText = (i: number): string => {
    const s = lineStarts[i]!;
    let e = i + 1 < count ? lineStarts[i + 1]! : text.length;
    while (e > s && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
    return text.slice(s, e);
  };
  const texts = Array.from({ length: count }, (_, i) => lineText(i));
  const lines: Line[] = texts.map((t, i) => ({
    index: i,
    start: lineStarts[i]!,
    text: t,
    kind: t.trim() === '' ? 'blank' : 'text',
    plan: true,
    level: 0,
    indent: indentOf(t),
    listItem: false,
    contentStart: lineStarts[i]!,
    block: -1,
    quantities: NO_QUANTITIES,
  }));

  // Frontmatter: `---` on the first line, closed by `---` or `...`.
  let first = 0;
  let frontmatter: ParsedDocument['frontmatter'];
  if (count > 1 && /^---\s*$/.test(texts[0]!)) {
    for (let i = 1; i < count; i++) {
      if (/^(---|\.\.\.)\s*$/.test(texts[i]!)) {
        for (let j = 0; j <= i; j++) {
          lines[j]!.kind = 'frontmatter';
          lines[j]!.plan = false;
        }
        const contentStart = lineStarts[1]!;
        const contentEnd = lineStarts[i]!;
        frontmatter = {
          span: { start: 0, end: lineStarts[i]! + texts[i]!.length },
          contentSpan: { start: contentStart, end: contentEnd },
          text: text.slice(contentStart, contentEnd),
        };
        first = i + 1;
        break;
      }
    }
  }

  // Blocks: fences are whole blocks; other blocks end at blank lines and fence openings.
  let block = 0;
  const pendingBlocks: { i: number; j: number; block: number; text: string }[] = [];
  let i = first;
  while (i < count) {
    if (lines[i]!.kind === 'blank') {
      i++;
      continue;
    }
    const fence = FENCE_OPEN.exec(texts[i]!);
    if (fence) {
      const marker = fence[2]!;
      const lang = (fence[3] ?? '').toLowerCase();
      const plan = PLAN_LANGS.has(lang);
      lines[i]!.kind = 'fence';
      lines[i]!.plan = false;
      lines[i]!.block = block;
      let j = i + 1;
      const close = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      for (; j < count; j++) {
        lines[j]!.block = block;
        if (close.test(texts[j]!)) {
          lines[j]!.kind = 'fence';
          lines[j]!.plan = false;
          break;
        }
        if (lines[j]!.kind !== 'blank') lines[j]!.kind = 'code';
        if (lang) lines[j]!.lang = lang;
        lines[j]!.plan = plan;
      }
      block++;
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < count && j - i < MAX_BLOCK_LINES && lines[j]!.kind !== 'blank' && (j === i || !FENCE_OPEN.test(texts[j]!))) j++;
    pendingBlocks.push({ i, j, block, text: texts.slice(i, j).join('\n') });
    block++;
    i = j;
  }
  const readings = readBlocks(pendingBlocks.map((b) => b.text), previous);
  for (const { i, j, block, text: blockText } of pendingBlocks) {
    const info = readings.get(blockText)!;
    for (let k = i; k < j; k++) {
      const rel = info.lines[k - i]!;
      const line = lines[k]!;
      line.block = block;
      line.kind = rel.kind;
      line.level = rel.level;
      if (rel.kind === 'code') {
        const lang = rel.lang ?? '';
        if (lang) line.lang = lang;
        line.plan = PLAN_LANGS.has(lang.toLowerCase());
      } else if (rel.kind === 'html' || rel.kind === 'frontmatter') {
        line.plan = false;
      }
      if (rel.table !== undefined) {
        line.table = rel.table;
        line.row = rel.row!;
        // Cell offsets are relative to the row's own line.
        if (rel.cells) {
          line.cells = rel.cells.map((c) => ({
            span: { start: line.start + c.start, end: line.start + c.end },
            text: c.text,
          }));
        }
      }
    }
  }

  // After an edit, lines before and after the changed text keep their quantities: those before
  // it as they are, those after it shifted in place (the previous document is given up).
  const reuse = previous ? reusable(previous, text, lines.length) : undefined;
  for (const line of lines) {
    if (line.kind === 'blank' || line.kind === 'fence' || line.kind === 'frontmatter') continue;
    const prefix = contentPrefixLength(line.text);
    line.contentStart = line.start + prefix;
    line.listItem = /^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(line.text) && line.kind !== 'table';
    if (!line.plan || line.kind === 'html' || line.text.length > MAX_LINE_LENGTH) continue;
    const old = reuse?.(line);
    if (old) line.quantities = old;
    else {
      const found = scanQuantities(line.text.slice(prefix), line.contentStart);
      if (found.length > 0) {
        // Quantities outlive this version of the document when they are reused: their texts
        // must not be views into it.
        for (const q of found) q.raw = flat(q.raw);
        line.quantities = fit(found);
      }
    }
  }
  const doc: ParsedDocument = { text, lines, lineStarts: fit(lineStarts) };
  if (frontmatter) doc.frontmatter = frontmatter;
  return doc;
}

/**
 * The blocks of a document's previous version by their text, each with its first line: a block
 * whose text an edit left as it was is read as it was then. Fenced blocks are not among them
 * (they are never parsed).
 */
function previousReadings(previous: ParsedDocument): Map<string, number> {
  const out = new Map<string, number>();
  const lines = previous.lines;
  let i = 0;
  while (i < lines.length) {
    const block = lines[i]!.block;
    let j = i + 1;
    if (block < 0) {
      i = j;
      continue;
    }
    while (j < lines.length && lines[j]!.block === block) j++;
    if (lines[i]!.kind !== 'fence') {
      let text = lines[i]!.text;
      for (let k = i + 1; k < j; k++) text += '\n' + lines[k]!.text;
      if (!out.has(text)) out.set(text, i);
    }
    i = j;
  }
  return out;
}

/** The reading of `count` lines from `first` of a previous version, as a parsed block's. */
function previousReading(lines: Line[], first: number, count: number): BlockInfo {
  const out: RelLine[] = [];
  for (let k = first; k < first + count; k++) {
    const line = lines[k]!;
    if (line.kind === 'text' && line.level === 0) {
      out.push(TEXT_LINE);
      continue;
    }
    if (line.kind === 'heading' && line.level >= 1 && line.level <= 6) {
      out.push(headingLine(line.level));
      continue;
    }
    const rel: RelLine = { kind: line.kind, level: line.level };
    if (line.kind === 'code') rel.lang = line.lang ?? '';
    if (line.table !== undefined) {
      rel.table = line.table;
      rel.row = line.row!;
      if (line.cells) rel.cells = line.cells.map((c) => ({ start: c.span.start - line.start, end: c.span.end - line.start, text: c.text }));
    }
    out.push(rel);
  }
  return { lines: out };
}

/**
 * Given the previous version of a document, a function that returns the quantities of an
 * unchanged line of the new text: the same array for lines before the change, and for lines
 * after it the previous array with its spans moved by the change's length. The previous
 * document must not be used afterwards.
 */
function reusable(previous: ParsedDocument, text: string, lineCount: number): (line: Line) => Quantity[] | undefined {
  const before = previous.text;
  const max = Math.min(before.length, text.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const delta = text.length - before.length;
  const indexShift = previous.lines.length - lineCount;
  const moved = new Set<Quantity[]>();
  return (line) => {
    let old: Line | undefined;
    let shift = 0;
    if (line.start + line.text.length < prefix) old = previous.lines[line.index];
    else if (line.start > 0 && line.start - 1 >= text.length - suffix) {
      old = previous.lines[line.index + indexShift];
      shift = delta;
    }
    if (!old || old.start + shift !== line.start || old.text !== line.text || !old.plan || old.kind === 'html') return undefined;
    if (old.contentStart - old.start !== line.contentStart - line.start) return undefined;
    const qs = old.quantities;
    if (shift !== 0 && qs.length > 0 && !moved.has(qs)) {
      moved.add(qs);
      for (const q of qs) shiftInPlace(q, shift);
    }
    return qs;
  };
}

function shiftInPlace(q: Quantity, by: number): void {
  const spans = new Set([q.span, q.numberSpan, q.highSpan, q.denominatorSpan]);
  for (const s of spans) {
    if (!s) continue;
    s.start += by;
    s.end += by;
  }
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps substrings as
 * views of their parent, so a cache keyed by lines would otherwise hold every version of every
 * document it has seen.
 */
export function flat(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * `list` without spare room, for arrays that are kept. An array grown by `push` keeps room for
 * up to 16 more elements: for the one or two numbers of a line that is more than the numbers
 * themselves, and an analysis keeps such arrays for every line, item and group.
 */
export function fit<T>(list: T[]): T[] {
  return list.length === 0 ? [] : list.slice();
}

function indentOf(text: string): number {
  let n = 0;
  for (const c of text) {
    if (c === ' ') n++;
    else if (c === '\t') n += 4;
    else break;
  }
  return n;
}

/** LSP position (0-based line, UTF-16 character) of an offset. */
export function positionAt(lineStarts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo]! };
}

/** Offset of an LSP position, clamped to the document. */
export function offsetAt(lineStarts: number[], textLength: number, pos: { line: number; character: number }): number {
  if (pos.line < 0) return 0;
  if (pos.line >= lineStarts.length) return textLength;
  const start = lineStarts[pos.line]!;
  const next = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1]! : textLength;
  return Math.max(start, Math.min(start + Math.max(0, pos.character), next));
}
