/**
 * The markdown structure of a document as compact per-line records: what each line is
 * (text, heading, table row, code, fence, HTML, frontmatter), list nesting, table cells and
 * code blocks. remark-parse defines the structure; no syntax tree is kept.
 *
 * Reading every byte with remark is slow (about 0.3 MB/s here), and most of a plan is prose
 * and lists whose reading needs no parser. So the document is read from "root boundaries":
 * lines at column 0 where every earlier block is closed. At a root boundary, a run of lines up
 * to the next blank line that holds only paragraphs, ATX headings and list items without any
 * character that could start another construct is read directly ({@link readPlain}); anything
 * else is parsed by remark from the last root boundary, in windows, keeping every top-level
 * node but the last (which may continue past the window) and going on from where that last
 * node starts. Fences, tables, HTML and everything else always come from remark.
 * test/markdown.test.ts holds the result to a whole-document remark parse.
 *
 * After an edit, the lines before the last root boundary preceding the change keep their
 * reading, and reading stops at the first root boundary after the change that was a root
 * boundary before it too: from there the text, and so its reading, is what it was.
 */
import type { Span } from './types';

/** What a line is. */
export const Kind = {
  Blank: 0,
  Text: 1,
  Heading: 2,
  TableHeader: 3,
  TableDelimiter: 4,
  TableRow: 5,
  Code: 6,
  Fence: 7,
  Html: 8,
  Frontmatter: 9,
  Break: 10,
  Other: 11,
} as const;
export type KindValue = (typeof Kind)[keyof typeof Kind];

/** Line flags. */
export const Flag = {
  /** The line starts a list item. */
  Item: 1,
  /** Reading may start here: column 0 and every earlier block closed. */
  Root: 2,
  /** The line is inside a block quote. */
  Quote: 4,
  /** Lists or quotes nest deeper than {@link MAX_NESTING} here: the line is read as text. */
  TooDeep: 8,
} as const;

/**
 * Lists and quotes nested deeper than this are not given to the parser, whose reading of a
 * line grows with the square of its depth (thousands deep takes seconds): the lines of such a
 * window are read as text, flagged {@link Flag.TooDeep}. No plan comes near.
 */
export const MAX_NESTING = 100;

const CONTAINER = /[ \t]{0,3}(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t\n]|$))[ \t]*/y;

/** Does a line of `chunk` open more than {@link MAX_NESTING} lists or quotes? */
function nestsTooDeep(chunk: string): boolean {
  let at = 0;
  while (at < chunk.length) {
    let depth = 0;
    CONTAINER.lastIndex = at;
    while (CONTAINER.exec(chunk) !== null && CONTAINER.lastIndex > at) {
      at = CONTAINER.lastIndex;
      if (++depth > MAX_NESTING) return true;
      CONTAINER.lastIndex = at;
    }
    const nl = chunk.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  return false;
}

export interface CodeBlock {
  /** First and last line of the block, fences included. */
  start: number;
  end: number;
  /** The fence's info string's first word, lower case ('' when none or indented code). */
  lang: string;
  fenced: boolean;
}

/** A document's structure. Lines are 0-based; offsets are UTF-16 units into `text`. */
export interface Outline {
  text: string;
  /** Offset of each line's first character. */
  lineStarts: number[];
  kind: Uint8Array;
  /** Heading depth (1-6) of heading lines. */
  level: Uint8Array;
  /** How many list items enclose the line (0 outside lists). */
  depth: Uint8Array;
  flags: Uint8Array;
  /** Table cells of table header and row lines: start, end offset pairs. */
  cells: Map<number, number[]>;
  codeBlocks: CodeBlock[];
  frontmatter?: { start: number; end: number; content: Span };
}

/** The mdast subset read here. */
interface MdNode {
  type: string;
  depth?: number;
  lang?: string | null;
  children?: MdNode[];
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
}

/** A remark parse of a piece of text; `frontmatter` only for text at the document's start. */
export type Parse = (text: string, frontmatter: boolean) => { children: MdNode[] };

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

/** End of line `i`'s content (before its line ending). */
export function lineEnd(outline: { text: string; lineStarts: number[] }, i: number): number {
  const { text, lineStarts } = outline;
  let e = i + 1 < lineStarts.length ? lineStarts[i + 1]! : text.length;
  while (e > lineStarts[i]! && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
  return e;
}

export function lineText(outline: { text: string; lineStarts: number[] }, i: number): string {
  return outline.text.slice(outline.lineStarts[i]!, lineEnd(outline, i));
}

/** Is a line blank (spaces and tabs only)? */
/** Is `text[s, e)` blank: spaces and tabs, and the line ending when `e` is past it? */
function isBlank(text: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The direct reader of plain runs of lines.

/**
 * A line the direct reader leaves to remark: a pipe (a table row), a tab, a footnote, or at the
 * start of its content (after indentation and list markers) what may open a block: `<` (HTML),
 * a fence of backticks or tildes. The same characters later in a line are inline text.
 */
function unsafe(line: string): boolean {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === 124 || c === 9) return true;
    if (c === 91 && line.charCodeAt(k + 1) === 94) return true;
  }
  const m = CONTENT_START.exec(line);
  const at = m ? m[0].length : 0;
  const c = line.charCodeAt(at);
  if (c === 60) return true;
  if ((c === 96 || c === 126) && line.charCodeAt(at + 1) === c && line.charCodeAt(at + 2) === c) return true;
  return false;
}

/** Indentation and list markers before a line's content. */
const CONTENT_START = /^ *(?:(?:[-*+]|\d{1,9}[.)]) +)*/;

/** A thematic break or setext underline (`---`, `===`, `* * *`), at any indent. */
const RULE_LINE = /^[ \t]*(?:[-*_=][ \t]*)+$/;
const BULLET = /^([-*+])( +)(?=\S)/;
const ORDERED = /^(\d{1,9})([.)])( +)(?=\S)/;
const ATX = /^(#{1,6})(?:[ \t]|$)/;
/** Starts of constructs the direct reader leaves to remark: quotes, definitions, empty items. */
const RISKY_START = /^(?:>|\[[^\]]*(?:\]:|$)|[-*+]\s*$|\d{1,9}[.)]\s*$|[-*+] {5}|\d{1,9}[.)] {5})/;

const ITEM_CONTENT_RISK = /^(?:#{1,6}(?:\s|$)|>|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|\[[^\]]*\]:)/;

interface PlainLine {
  kind: typeof Kind.Text | typeof Kind.Heading;
  level: number;
  depth: number;
  item: boolean;
}

/**
 * Reads `lines` (none blank, the first at column 0, at a root boundary) when they hold only
 * paragraphs, ATX headings and list items, as remark would; undefined when remark must.
 */
export function readPlain(lines: readonly string[]): PlainLine[] | undefined {
  const out: PlainLine[] = [];
  // Open list items by content column; whether each container's last block is an open paragraph.
  const items: number[] = [];
  const paragraphIn: boolean[] = [false];
  for (let r = 0; r < lines.length; r++) {
    const line = lines[r]!;
    if (unsafe(line) || RULE_LINE.test(line)) return undefined;
    let ind = 0;
    while (line.charCodeAt(ind) === 32) ind++;
    if (r === 0 && ind > 0) return undefined;
    const rest = line.slice(ind);
    // The innermost open item whose content column the line reaches.
    let matched = 0;
    while (matched < items.length && ind >= items[matched]!) matched++;
    const base = matched === 0 ? 0 : items[matched - 1]!;
    const rel = ind - base;
    const paragraphOpen = paragraphIn[paragraphIn.length - 1]!;
    if (RISKY_START.test(rest) && rel < 4) return undefined;
    const bullet = rel < 4 ? BULLET.exec(rest) : null;
    const ordered = rel < 4 && !bullet ? ORDERED.exec(rest) : null;
    const heading = rel < 4 ? ATX.exec(rest) : null;
    // Which container's paragraph would a lazy or continuation line extend?
    const innermostParagraph = paragraphIn[paragraphIn.length - 1]!;
    if (heading) {
      // A heading closes unmatched items; inside lists the reading is left to remark.
      if (items.length > 0 || ind > 3) return undefined;
      out.push({ kind: Kind.Heading, level: heading[1]!.length, depth: 0, item: false });
      paragraphIn[0] = false;
      continue;
    }
    if (bullet || ordered) {
      // An item in the matched container, unless it would interrupt that container's own
      // open paragraph and may not (an ordered item not numbered 1).
      const containerHasParagraph = matched === items.length && paragraphOpen;
      if (containerHasParagraph && ordered && ordered[1] !== '1') {
        out.push({ kind: Kind.Text, level: 0, depth: items.length, item: false });
        continue;
      }
      const markerWidth = bullet ? 1 + bullet[2]!.length : ordered![1]!.length + 1 + ordered![3]!.length;
      // An item whose content is itself a heading, quote or another item: remark's to read.
      if (ITEM_CONTENT_RISK.test(rest.slice(markerWidth)) || RULE_LINE.test(rest.slice(markerWidth))) return undefined;
      items.length = matched;
      paragraphIn.length = matched + 1;
      paragraphIn[matched] = false;
      items.push(ind + markerWidth);
      paragraphIn.push(true);
      // Lists must not change type or bullet inside one run (remark starts a new list): depth
      // stays the same, so the reading is the same either way.
      out.push({ kind: Kind.Text, level: 0, depth: items.length, item: true });
      continue;
    }
    // A paragraph line: continuation (or lazy continuation) of the innermost open paragraph,
    // or a new paragraph in the matched container.
    if (matched < items.length) {
      // Less indented than the innermost item: only a lazy continuation keeps it there.
      if (!innermostParagraph) return undefined;
      out.push({ kind: Kind.Text, level: 0, depth: items.length, item: false });
      continue;
    }
    if (rel >= 4 && !paragraphOpen) return undefined;
    paragraphIn[paragraphIn.length - 1] = true;
    out.push({ kind: Kind.Text, level: 0, depth: items.length, item: false });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading with remark.

interface Roles {
  kind: Uint8Array;
  level: Uint8Array;
  depth: Uint8Array;
  flags: Uint8Array;
  cells: Map<number, number[]>;
  codeBlocks: CodeBlock[];
  frontmatter?: Outline['frontmatter'];
}

/**
 * Writes the roles of the lines of `node` (line numbers relative to `firstLine`, offsets
 * relative to `base`) into `roles`.
 */
function walk(root: MdNode, roles: Roles, text: string, firstLine: number, base: number, rootDepth: number, rootQuote: boolean, lineStarts: number[]): void {
  // Depth first with a stack of its own: nesting thousands deep (`- - - - …`) is valid markdown.
  // A list item's own line is settled after its children (`after`).
  const stack: { node: MdNode; depth: number; quote: boolean; after?: boolean }[] = [{ node: root, depth: rootDepth, quote: rootQuote }];
  const push = (children: readonly MdNode[] | undefined, depth: number, quote: boolean): void => {
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth, quote });
  };
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { node, depth, quote } = frame;
    const pos = node.position;
    if (!pos) continue;
    const a = firstLine + pos.start.line - 1;
    if (frame.after) {
      roles.flags[a]! |= Flag.Item;
      if (roles.kind[a] === Kind.Blank) roles.kind[a] = Kind.Text;
      roles.depth[a] = Math.min(255, depth);
      continue;
    }
    visit(node, depth, quote, a);
  }

  function visit(node: MdNode, depth: number, quote: boolean, a: number): void {
  const pos = node.position!;
  const b = firstLine + pos.end.line - 1;
  const fill = (kind: number, level = 0): void => {
    for (let l = a; l <= b; l++) {
      roles.kind[l] = kind;
      roles.level[l] = level;
      roles.depth[l] = Math.min(255, depth);
      if (quote) roles.flags[l]! |= Flag.Quote;
    }
  };
  switch (node.type) {
    case 'heading':
      fill(Kind.Heading, node.depth ?? 1);
      return;
    case 'paragraph':
      fill(Kind.Text);
      return;
    case 'html':
      fill(Kind.Html);
      return;
    case 'yaml': {
      fill(Kind.Frontmatter);
      const contentStart = lineStarts[a + 1] ?? lineStarts[a]!;
      const contentEnd = lineStarts[b] ?? text.length;
      roles.frontmatter = { start: a, end: b, content: { start: contentStart, end: Math.max(contentStart, contentEnd) } };
      return;
    }
    case 'thematicBreak':
      fill(Kind.Break);
      return;
    case 'code': {
      const startOffset = base + (pos.start.offset ?? 0);
      const first = text.slice(startOffset, startOffset + 8);
      // Up to three spaces before a fence; four make indented code.
      const fenced = /^ {0,3}(?:`{3}|~{3})/.test(first);
      fill(Kind.Code);
      if (fenced) {
        roles.kind[a] = Kind.Fence;
        // The closing fence, when there is one: the last line starts with the fence characters.
        const lastStart = lineStarts[b]!;
        if (b > a && /^\s*(?:`{3,}|~{3,})\s*$/.test(text.slice(lastStart, lineStarts[b + 1] ?? text.length).replace(/\r?\n$/, '').replace(/^(?:\s*>)+/, ''))) roles.kind[b] = Kind.Fence;
      }
      roles.codeBlocks.push({ start: a, end: b, lang: (node.lang ?? '').toLowerCase(), fenced });
      return;
    }
    case 'table': {
      const rows = node.children ?? [];
      rows.forEach((row, r) => {
        const rl = firstLine + (row.position?.start.line ?? 1) - 1;
        roles.kind[rl] = r === 0 ? Kind.TableHeader : Kind.TableRow;
        roles.depth[rl] = depth;
        if (quote) roles.flags[rl]! |= Flag.Quote;
        const cells: number[] = [];
        for (const cell of row.children ?? []) {
          let s = base + (cell.position?.start.offset ?? 0);
          let e = base + (cell.position?.end.offset ?? 0);
          while (s < e && (text[s] === '|' || text[s] === ' ' || text[s] === '\t')) s++;
          while (e > s && (text[e - 1] === '|' || text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
          cells.push(s, e);
        }
        roles.cells.set(rl, cells);
        if (r === 0 && rl + 1 <= b) {
          roles.kind[rl + 1] = Kind.TableDelimiter;
          roles.depth[rl + 1] = depth;
        }
      });
      return;
    }
    case 'list':
      push(node.children, depth + 1, quote);
      return;
    case 'listItem': {
      const children = node.children ?? [];
      if (children.length === 0) fill(Kind.Text);
      // Lines of the item not covered by a child (blank lines) stay as they are.
      stack.push({ node, depth, quote, after: true });
      push(children, depth, quote);
      return;
    }
    case 'blockquote':
      push(node.children, depth, true);
      return;
    case 'definition':
    case 'footnoteDefinition':
      fill(Kind.Other);
      return;
    default:
      if (node.children) push(node.children, depth, quote);
      else fill(Kind.Other);
  }
  }
}

/** How many lines a remark window reads at first; it doubles when one node fills it. */
const WINDOW_LINES = 400;

/**
 * Reads the structure of `text`. With `previous` (the outline of the document's previous
 * version), only the lines around the change are read again.
 */
export function readOutline(text: string, parse: Parse, previous?: Outline): Outline {
  const lineStarts = lineStartsOf(text);
  const count = lineStarts.length;
  const roles: Roles = {
    kind: new Uint8Array(count),
    level: new Uint8Array(count),
    depth: new Uint8Array(count),
    flags: new Uint8Array(count),
    cells: new Map(),
    codeBlocks: [],
  };
  const ends = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let e = i + 1 < count ? lineStarts[i + 1]! : text.length;
    while (e > lineStarts[i]! && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
    ends[i] = e;
  }
  const blank = (i: number): boolean => isBlank(text, lineStarts[i]!, ends[i]!);
  const lineOf = (i: number): string => text.slice(lineStarts[i]!, ends[i]!);

  let from = 0;
  let sync: ((line: number) => boolean) | undefined;
  if (previous) {
    const reuse = reusePrefix(previous, text, lineStarts, roles);
    from = reuse.from;
    sync = reuse.sync;
  }

  let cursor = from;
  let lastRoot = from;
  while (cursor < count) {
    if (blank(cursor)) {
      roles.kind[cursor] = Kind.Blank;
      cursor++;
      continue;
    }
    const c0 = text.charCodeAt(lineStarts[cursor]!);
    const atRoot = cursor === lastRoot || (c0 !== 32 && c0 !== 9 && (cursor === 0 || blank(cursor - 1)) && rootClosed(roles, cursor));
    if (atRoot) {
      if (sync && cursor > from && sync(cursor)) {
        copySuffix(previous!, roles, cursor, count, text, lineStarts);
        cursor = count;
        break;
      }
      lastRoot = cursor;
    }
    // Frontmatter is remark's to find, and only at the start.
    if (atRoot && !(cursor === 0 && (/^---\s*$/.test(lineOf(0)) || text.charCodeAt(0) === 0xfeff))) {
      let end = cursor;
      while (end < count && !blank(end)) end++;
      const seg: string[] = [];
      for (let k = cursor; k < end; k++) seg.push(lineOf(k));
      const plain = readPlain(seg);
      if (plain) {
        for (let k = 0; k < plain.length; k++) {
          const p = plain[k]!;
          const l = cursor + k;
          roles.kind[l] = p.kind;
          roles.level[l] = p.level;
          roles.depth[l] = p.depth;
          roles.flags[l] = p.item ? Flag.Item : 0;
        }
        roles.flags[cursor]! |= Flag.Root;
        cursor = end;
        continue;
      }
    }
    // remark from the last root boundary, over every run of lines up to the next one the
    // direct reader can read, and one line into it.
    let segEnd = cursor;
    while (segEnd < count && !blank(segEnd)) segEnd++;
    for (let guard = 0; guard < 64 && segEnd < count; guard++) {
      let k = segEnd;
      while (k < count && blank(k)) k++;
      if (k >= count) break;
      const c = text.charCodeAt(lineStarts[k]!);
      let e = k;
      while (e < count && !blank(e)) e++;
      const seg: string[] = [];
      for (let j = k; j < e && seg.length < 200; j++) seg.push(lineOf(j));
      if (c !== 32 && c !== 9 && e - k <= 200 && readPlain(seg)) break;
      segEnd = e;
    }
    const next = remarkWindow(text, lineStarts, count, lastRoot, segEnd, blank, parse, roles);
    roles.flags[lastRoot]! |= Flag.Root;
    for (const r of next.roots) roles.flags[r]! |= Flag.Root;
    if (next.resume >= count) {
      cursor = count;
      break;
    }
    cursor = next.resume;
    lastRoot = next.resume;
  }
  roles.codeBlocks.sort((x, y) => x.start - y.start);
  const outline: Outline = {
    text,
    lineStarts,
    kind: roles.kind,
    level: roles.level,
    depth: roles.depth,
    flags: roles.flags,
    cells: roles.cells,
    codeBlocks: dedupeBlocks(roles.codeBlocks),
  };
  if (roles.frontmatter) outline.frontmatter = roles.frontmatter;
  return outline;
}

/**
 * May reading start again at `line` (column 0, after a blank line)? Not right after indented
 * code, after which micromark reads some lists differently.
 */
function rootClosed(roles: Roles, line: number): boolean {
  if (line === 0) return true;
  if (roles.kind[line - 1] !== Kind.Blank) return false;
  let k = line - 1;
  while (k > 0 && roles.kind[k] === Kind.Blank) k--;
  if (roles.kind[k] === Kind.Other) return false;
  if (roles.kind[k] !== Kind.Code) return true;
  const block = roles.codeBlocks.find((b) => b.start <= k && b.end >= k);
  return block !== undefined && block.fenced;
}

/**
 * May reading start again at node `k` of a window? Only at column 0 after a blank line (every
 * earlier block closed), and not at or right after a node that unsettles micromark.
 */
function restartable(nodes: MdNode[], k: number, text: string, base: number, lineStarts: number[], from: number): boolean {
  const node = nodes[k]!;
  const line = from + node.position!.start.line - 1;
  const s = lineStarts[line]!;
  const c = text.charCodeAt(s);
  if (c === 32 || c === 9) return false;
  if (line === 0) return false;
  if (unsettling(node, text, base) || unsettling(nodes[k - 1]!, text, base)) return false;
  if (isBlank(text, lineStarts[line - 1]!, s)) return true;
  // Without a blank line: a fence or a heading that ends a paragraph or follows a heading
  // starts the same way wherever reading starts.
  const prev = nodes[k - 1]!.type;
  const interrupts = (node.type === 'code' && !unsettling(node, text, base)) || node.type === 'heading' || node.type === 'thematicBreak';
  return interrupts && (prev === 'paragraph' || prev === 'heading' || prev === 'thematicBreak' || prev === 'code');
}

/**
 * Nodes after which micromark's reading of the next node depends on more than that node's own
 * text: indented code, and definitions (a list not numbered 1 may not interrupt them).
 */
function unsettling(node: MdNode, text: string, base: number): boolean {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
  if (node.type !== 'code') return false;
  const s = base + (node.position?.start.offset ?? 0);
  return !/^ {0,3}(?:`{3}|~{3})/.test(text.slice(s, s + 8));
}

function dedupeBlocks(blocks: CodeBlock[]): CodeBlock[] {
  const out: CodeBlock[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (prev && prev.start === b.start) out[out.length - 1] = b;
    else out.push(b);
  }
  return out;
}

/**
 * Parses from line `from` with remark, in windows that double until a window holds a
 * complete top-level node; writes the roles of every complete node. Returns the line where
 * reading resumes (the start of the last, incomplete node, or the end) and the root
 * boundaries found (the starts of the complete nodes).
 */
function remarkWindow(
  text: string,
  lineStarts: number[],
  count: number,
  from: number,
  segEnd: number,
  blank: (line: number) => boolean,
  parse: Parse,
  roles: Roles,
): { resume: number; roots: number[] } {
  // The window ends one line into the next run of lines: enough for a node to start there,
  // which closes the nodes before it.
  const into = (line: number): number => {
    let k = line;
    while (k < count && blank(k)) k++;
    return Math.min(count, k + 1);
  };
  let toLine = into(segEnd);
  if (from === 0) {
    // Frontmatter is whatever remark-frontmatter makes of the text up to the first `---` line
    // after the first: the window reaches past it so that the parser can decide.
    for (let k = 1; k < count; k++) {
      if (/^---\s*$/.test(text.slice(lineStarts[k]!, k + 1 < count ? lineStarts[k + 1]! : text.length))) {
        toLine = Math.max(toLine, into(k + 1));
        break;
      }
    }
  }
  for (;;) {
    const start = lineStarts[from]!;
    const end = toLine >= count ? text.length : lineStarts[toLine]!;
    const chunk = text.slice(start, end);
    let tree: { children: MdNode[] };
    if (nestsTooDeep(chunk)) {
      for (let l = from; l < toLine; l++) {
        const empty = isBlank(text, lineStarts[l]!, l + 1 < count ? lineStarts[l + 1]! : text.length);
        roles.kind[l] = empty ? Kind.Blank : Kind.Text;
        if (!empty) roles.flags[l]! |= Flag.TooDeep;
      }
      return { resume: toLine, roots: [] };
    }
    try {
      tree = parse(chunk, start === 0);
    } catch {
      // remark never throws on text; should it, the lines stay text.
      for (let l = from; l < toLine; l++) roles.kind[l] = isBlank(text, lineStarts[l]!, l + 1 < count ? lineStarts[l + 1]! : text.length) ? Kind.Blank : Kind.Text;
      return { resume: toLine, roots: [] };
    }
    const nodes = tree.children.filter((n) => n.position);
    // Reading resumes at the last node (which may go on past the window). micromark reads what
    // follows indented code differently depending on what came before it, so reading never
    // resumes at indented code nor right after it.
    let resumeAt = nodes.length - 1;
    if (toLine < count) {
      while (resumeAt > 0 && !restartable(nodes, resumeAt, text, start, lineStarts, from)) resumeAt--;
    }
    const complete = toLine >= count ? nodes : nodes.slice(0, resumeAt);
    if (complete.length === 0 && toLine < count) {
      const grown = Math.max(toLine + WINDOW_LINES, from + 2 * (toLine - from));
      let k = Math.min(count, grown);
      while (k < count && !blank(k)) k++;
      toLine = into(k);
      continue;
    }
    // Clear the lines this window decides, then write the roles of its complete nodes.
    const last = complete.length > 0 ? from + complete[complete.length - 1]!.position!.end.line - 1 : from - 1;
    const resume = toLine >= count ? count : from + nodes[resumeAt]!.position!.start.line - 1;
    for (let l = from; l < resume; l++) {
      roles.kind[l] = Kind.Blank;
      roles.level[l] = 0;
      roles.depth[l] = 0;
      roles.flags[l] = 0;
      roles.cells.delete(l);
    }
    roles.codeBlocks = roles.codeBlocks.filter((b) => b.start < from || b.start >= resume);
    const roots: number[] = [];
    complete.forEach((node, k) => {
      walk(node, roles, text, from, start, 0, false, lineStarts);
      if (k > 0 && restartable(complete, k, text, start, lineStarts, from)) roots.push(from + node.position!.start.line - 1);
    });
    void last;
    return { resume: Math.max(resume, from + 1 > count ? count : resume), roots };
  }
}

/**
 * Reuses the previous outline's reading of the lines before the change: returns the line to
 * read from (the last root boundary before the change) and a test for the first root boundary
 * after the change that was one before the change too.
 */
function reusePrefix(previous: Outline, text: string, lineStarts: number[], roles: Roles): { from: number; sync: (line: number) => boolean } {
  const before = previous.text;
  const max = Math.min(before.length, text.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  // The last root boundary whose whole line (with its line ending) is before the change:
  // whether a line starts a block depends on that line's own text too.
  let from = 0;
  for (let l = 0; l + 1 < previous.lineStarts.length && previous.lineStarts[l + 1]! <= prefix; l++) {
    if (previous.flags[l]! & Flag.Root) from = l;
  }
  // Frontmatter is read from the start only.
  // A text that opens with `---` but had no frontmatter may get one from an edit further down.
  if ((previous.frontmatter && from <= previous.frontmatter.end) || (!previous.frontmatter && /^---[ \t]*(?:\r?\n|\r)/.test(text))) from = 0;
  for (let l = 0; l < from; l++) {
    roles.kind[l] = previous.kind[l]!;
    roles.level[l] = previous.level[l]!;
    roles.depth[l] = previous.depth[l]!;
    roles.flags[l] = previous.flags[l]!;
    const c = previous.cells.get(l);
    if (c) roles.cells.set(l, c);
  }
  // A block that starts before a root boundary has closed before it (its end may be reported
  // on the boundary line itself).
  for (const b of previous.codeBlocks) if (b.start < from) roles.codeBlocks.push(b);
  if (previous.frontmatter && from > previous.frontmatter.end) roles.frontmatter = previous.frontmatter;
  const changeEnd = text.length - suffix;
  const delta = text.length - before.length;
  const oldLineAt = new Map<number, number>();
  for (let l = 0; l < previous.lineStarts.length; l++) {
    if (previous.flags[l]! & Flag.Root) oldLineAt.set(previous.lineStarts[l]!, l);
  }
  return {
    from,
    sync: (line) => {
      const start = lineStarts[line]!;
      // The line and everything after it must be unchanged text (and not the changed line's tail).
      if (start < changeEnd || start === 0) return false;
      if (start - 1 < changeEnd) return false;
      return oldLineAt.has(start - delta);
    },
  };
}

/** Copies the previous outline's reading of the lines from `line` on, shifted to the new text. */
function copySuffix(previous: Outline, roles: Roles, line: number, count: number, text: string, lineStarts: number[]): void {
  const delta = text.length - previous.text.length;
  const oldStart = lineAt(previous.lineStarts, lineStarts[line]! - delta);
  const lineShift = line - oldStart;
  for (let l = oldStart; l < previous.lineStarts.length; l++) {
    const n = l + lineShift;
    if (n >= count) break;
    roles.kind[n] = previous.kind[l]!;
    roles.level[n] = previous.level[l]!;
    roles.depth[n] = previous.depth[l]!;
    roles.flags[n] = previous.flags[l]!;
    const c = previous.cells.get(l);
    if (c) roles.cells.set(n, c.map((o) => o + delta));
  }
  for (const b of previous.codeBlocks) {
    if (b.start >= oldStart) roles.codeBlocks.push({ ...b, start: b.start + lineShift, end: b.end + lineShift });
  }
}

/** The line an offset is on (binary search over line starts). */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The block structure micromark (the tokenizer remark-parse runs) finds in `text`, as the
 * block nodes remark-parse would build from it (headings, paragraphs, code, HTML, lists and
 * their items, tables, block quotes, definitions, frontmatter), without building the inline
 * nodes nor reading inline text, which no line's reading needs.
 */
function blockTree(events: [string, MicromarkToken, unknown][], text: string): { children: MdNode[] } {
  const root: MdNode = { type: 'root', children: [] };
  const stack: { node: MdNode; token?: string }[] = [{ node: root }];
  const pos = (p: MicromarkPoint): { line: number; offset: number } => ({ line: p.line, offset: p.offset });
  const open = (type: string, tok: MicromarkToken, token: string): MdNode => {
    const node: MdNode = { type, children: [], position: { start: pos(tok.start), end: pos(tok.end) } };
    stack[stack.length - 1]!.node.children!.push(node);
    stack.push({ node, token });
    return node;
  };
  const close = (token: string, tok: MicromarkToken): void => {
    // A list item ends with its list.
    while (stack.length > 1) {
      const top = stack[stack.length - 1]!;
      if (top.token === token) {
        top.node.position!.end = pos(tok.end);
        stack.pop();
        return;
      }
      if (top.token === 'listItem') {
        stack.pop();
        continue;
      }
      return;
    }
  };
  for (const [kind, tok] of events) {
    const t = tok.type;
    if (kind === 'enter') {
      switch (t) {
        case 'atxHeading':
        case 'setextHeading':
          open('heading', tok, t);
          break;
        case 'atxHeadingSequence':
          stack[stack.length - 1]!.node.depth = tok.end.offset - tok.start.offset;
          break;
        case 'setextHeadingLineSequence':
          stack[stack.length - 1]!.node.depth = text[tok.start.offset] === '=' ? 1 : 2;
          break;
        case 'paragraph':
          open('paragraph', tok, t);
          break;
        case 'definition':
          open('definition', tok, t);
          break;
        case 'gfmFootnoteDefinition':
          open('footnoteDefinition', tok, t);
          break;
        case 'codeFenced':
          open('code', tok, t).lang = null;
          break;
        case 'codeFencedFenceInfo': {
          const code = stack[stack.length - 1]!.node;
          if (code.lang === null) code.lang = text.slice(tok.start.offset, tok.end.offset);
          break;
        }
        case 'codeIndented':
          open('code', tok, t).lang = null;
          break;
        case 'htmlFlow':
          open('html', tok, t);
          break;
        case 'thematicBreak':
          open('thematicBreak', tok, t);
          break;
        case 'blockQuote':
          open('blockquote', tok, t);
          break;
        case 'listOrdered':
        case 'listUnordered':
          open('list', tok, t);
          break;
        case 'listItemPrefix': {
          // Each prefix starts an item of the innermost list.
          while (stack.length > 1 && stack[stack.length - 1]!.token === 'listItem') stack.pop();
          open('listItem', tok, 'listItem');
          break;
        }
        case 'table':
          open('table', tok, t);
          break;
        case 'tableRow':
          open('tableRow', tok, t);
          break;
        case 'tableHeader':
        case 'tableData':
          open('tableCell', tok, t);
          break;
        case 'yaml':
          open('yaml', tok, t);
          break;
      }
    } else {
      switch (t) {
        case 'atxHeading':
        case 'setextHeading':
        case 'paragraph':
        case 'definition':
        case 'gfmFootnoteDefinition':
        case 'codeFenced':
        case 'codeIndented':
        case 'htmlFlow':
        case 'thematicBreak':
        case 'blockQuote':
        case 'listOrdered':
        case 'listUnordered':
        case 'table':
        case 'tableRow':
        case 'tableHeader':
        case 'tableData':
        case 'yaml':
          close(t, tok);
          break;
      }
    }
  }
  // An item's position reaches to its last child, as remark's does.
  const fix = (n: MdNode): void => {
    for (const c of n.children ?? []) fix(c);
    if (n.type === 'listItem' && n.children && n.children.length > 0) n.position!.end = n.children[n.children.length - 1]!.position!.end;
  };
  fix(root);
  return { children: root.children! };
}

interface MicromarkPoint {
  line: number;
  column: number;
  offset: number;
}

interface MicromarkToken {
  type: string;
  start: MicromarkPoint;
  end: MicromarkPoint;
}

/** A parser of block structure with micromark (with GFM tables and YAML frontmatter), loaded on first use. */
export function createParse(): Parse {
  let tokenize: ((text: string, frontmatter: boolean) => [string, MicromarkToken, unknown][]) | undefined;
  return (text, frontmatter) => {
    if (!tokenize) {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { parse, postprocess, preprocess } = require('micromark') as typeof import('micromark');
      const { gfmTable } = require('micromark-extension-gfm-table') as typeof import('micromark-extension-gfm-table');
      const { frontmatter: fm } = require('micromark-extension-frontmatter') as typeof import('micromark-extension-frontmatter');
      const { gfmFootnote } = require('micromark-extension-gfm-footnote') as typeof import('micromark-extension-gfm-footnote');
      // Of GFM, only tables and footnote definitions change what a line is.
      // The parsers are built once (combining extensions costs as much as a small document);
      // what a parser learns of one text (its definitions, its lazy lines) is reset for the next.
      const plain = parse({ extensions: [gfmTable(), gfmFootnote()] });
      const withFm = parse({ extensions: [gfmTable(), gfmFootnote(), fm(['yaml'])] });
      tokenize = (t, f) => {
        const parser = f ? withFm : plain;
        parser.defined = [];
        parser.lazy = {};
        return postprocess(parser.document().write(preprocess()(t, undefined, true))) as unknown as [string, MicromarkToken, unknown][];
      };
    }
    if (frontmatter && /^\uFEFF?---/.test(text)) {
      // A `---` line that opens no frontmatter leaves the frontmatter construct unable to read
      // `*` lists in the rest of the text: read such a text without it.
      const tree = blockTree(tokenize(text, true), text);
      if (tree.children[0]?.type === 'yaml') return tree;
    }
    return blockTree(tokenize(text, false), text);
  };
}

/** remark-parse itself (GFM tables, YAML frontmatter), for tests: the reference the outline must equal. */
export function createRemarkParse(): Parse {
  let withFm: { parse(text: string): unknown } | undefined;
  let plain: { parse(text: string): unknown } | undefined;
  return (text, frontmatter) => {
    if (!plain) {
      const { unified } = require('unified') as typeof import('unified');
      const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
      const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
      const remarkFrontmatter = (require('remark-frontmatter') as typeof import('remark-frontmatter')).default;
      plain = unified().use(remarkParse).use(remarkGfm).freeze();
      withFm = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
    }
    if (frontmatter) {
      const tree = withFm!.parse(text) as { children: MdNode[] };
      if (tree.children[0]?.type === 'yaml') return tree;
    }
    return plain.parse(text) as { children: MdNode[] };
  };
}

/** A whole-document remark reading of `text`, for tests: the reference the outline must equal. */
export function remarkOutline(text: string, parse: Parse): Outline {
  const lineStarts = lineStartsOf(text);
  const count = lineStarts.length;
  const roles: Roles = { kind: new Uint8Array(count), level: new Uint8Array(count), depth: new Uint8Array(count), flags: new Uint8Array(count), cells: new Map(), codeBlocks: [] };
  const tree = parse(text, true);
  for (const node of tree.children) walk(node, roles, text, 0, 0, 0, false, lineStarts);
  const outline: Outline = { text, lineStarts, kind: roles.kind, level: roles.level, depth: roles.depth, flags: roles.flags, cells: roles.cells, codeBlocks: roles.codeBlocks };
  if (roles.frontmatter) outline.frontmatter = roles.frontmatter;
  return outline;
}
