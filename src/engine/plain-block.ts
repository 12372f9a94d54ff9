/**
 * Most blocks of a plan are prose, list items and ATX headings, whose reading (every line text,
 * some lines headings) needs no markdown parser. This recognises such blocks from their lines
 * alone and answers what remark would; any block that could hold something else (a table, HTML,
 * a fence, a blockquote, indented code, a setext heading or a thematic break) is left to remark.
 * The answer is checked against remark's own, block by block, in the tests.
 */

export interface PlainLine {
  kind: 'text' | 'heading';
  level: number;
}

/** A plain text line, shared: block readings are never modified. */
export const TEXT_LINE: PlainLine = Object.freeze({ kind: 'text', level: 0 }) as PlainLine;
const HEADINGS: PlainLine[] = [1, 2, 3, 4, 5, 6].map((level) => Object.freeze({ kind: 'heading', level }) as PlainLine);

/** The shared reading of an ATX heading of `level` (1-6). */
export function headingLine(level: number): PlainLine {
  return HEADINGS[Math.min(6, Math.max(1, level)) - 1]!;
}

/** An ATX heading outside any container: up to 3 spaces, 1-6 `#`, then a space or the end. */
const ATX = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
/**
 * What may make a line part of a table, HTML, a fence or a footnote wherever it stands on the
 * line; tabs, whose width changes what a line is inside a list.
 */
const UNSAFE = /[|\t]|<[A-Za-z/!?]|```|~~~|\[\^/;
/** A list marker at the start of `s`, with the spaces after it. */
const MARKER = /^(?:[-*+]|\d{1,9}[.)])( *)/;

/**
 * After leading spaces and list markers (`- `, `1. `, nested on one line): an empty item, a
 * blockquote, a heading, indented code or a thematic break, which remark must read.
 */
function containerRisk(line: string): boolean {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  if (line.charCodeAt(i) === 62) return true; // `>`
  let markers = 0;
  for (;;) {
    const m = MARKER.exec(line.slice(i, i + 16));
    if (!m) break;
    const after = i + m[0].length;
    if (after >= line.length) return true; // an empty list item
    if (m[1]!.length === 0) break; // `-5%`, `1.5x`: not a marker
    if (m[1]!.length >= 5) return true; // indented code inside the item
    markers++;
    i = after;
  }
  if (markers === 0) return false;
  const rest = line.slice(i);
  return /^(?:#{1,6}(?:[ \t]|$)|>)/.test(rest) || RULE_LINE.test(rest);
}

/** A setext underline or a thematic break (`---`, `===`, `- - -`, `***`, `___`), at any indent. */
const RULE_LINE = /^[ \t]*(?:[-*_=][ \t]*)+$/;

/**
 * The reading of a block without blank lines, or undefined when remark must read it. `lines`
 * are the block's lines, none of them blank.
 */
export function plainBlock(lines: readonly string[]): PlainLine[] | undefined {
  const out: PlainLine[] = new Array(lines.length);
  let previousHeading = false;
  for (let r = 0; r < lines.length; r++) {
    const line = lines[r]!;
    if (UNSAFE.test(line) || RULE_LINE.test(line) || containerRisk(line)) return undefined;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent >= 4) {
      // Indented code at the start of a block or after a heading; elsewhere a continuation line.
      if (r === 0 || previousHeading) return undefined;
      if (line.charCodeAt(indent) === 35) return undefined; // `#` inside a list item's content
      out[r] = TEXT_LINE;
      previousHeading = false;
      continue;
    }
    const atx = ATX.exec(line);
    out[r] = atx ? headingLine(atx[1]!.length) : TEXT_LINE;
    previousHeading = atx !== null;
  }
  return out;
}
