/**
 * Offsets and LSP positions (0-based line, UTF-16 character), in one place. A line ends at
 * `\n`, `\r\n` or a lone `\r`, as LSP counts lines.
 */
import { lineAt, lineStartsOf } from './markdown';
import type { Position, Range, Span } from './types';

export { lineAt, lineStartsOf };

export function positionAt(lineStarts: readonly number[], offset: number): Position {
  const line = lineAt(lineStarts, offset);
  return { line, character: offset - lineStarts[line]! };
}

export function rangeOf(lineStarts: readonly number[], span: Span): Range {
  return { start: positionAt(lineStarts, span.start), end: positionAt(lineStarts, span.end) };
}

/**
 * The offset of a position, clamped into the document: a line past the end is the end, a
 * character past its line's end is the line's end (before its line ending).
 */
export function offsetAt(text: string, lineStarts: readonly number[], pos: Position): number {
  const line = Number.isInteger(pos.line) ? pos.line : 0;
  if (line < 0) return 0;
  if (line >= lineStarts.length) return text.length;
  const start = lineStarts[line]!;
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  const ch = Number.isInteger(pos.character) && pos.character > 0 ? pos.character : 0;
  return Math.min(start + ch, end);
}
