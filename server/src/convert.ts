/**
 * Conversions between the engine's plain data (UTF-16 offsets, findings, edits) and LSP types.
 * Nothing else: no check logic lives in the server.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { docsUrl, ruleById, type Edit, type Finding, type Severity, type Span } from '../../src/engine';

export const SOURCE = 'scaling-plan';

let shippedDocs: string | null | undefined;

/**
 * The folder of rule docs shipped with the server (docs/rules of the package, beside dist/), or
 * null when there is none.
 */
function rulesFolder(): string | null {
  if (shippedDocs === undefined) {
    shippedDocs = null;
    for (let dir = __dirname, i = 0; i < 4; i++, dir = dirname(dir)) {
      if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docs', 'rules'))) {
        shippedDocs = join(dir, 'docs', 'rules');
        break;
      }
    }
  }
  return shippedDocs;
}

/**
 * A rule's documentation page: the one shipped with the server when it is there (it opens
 * offline; the VS Code client shows it in a markdown preview), else the online one.
 */
export function ruleDocHref(rule: string): string {
  const folder = rulesFolder();
  const page = folder ? join(folder, `${rule}.md`) : undefined;
  return page && existsSync(page) ? pathToFileURL(page).href : docsUrl(rule);
}

/** LSP's `uinteger`: lines and characters are whole numbers from 0 to 2^31 − 1. */
function isUinteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0x7fffffff;
}

/** A position as LSP defines one (whole, non-negative line and character), whatever the document. */
export function isPosition(p: unknown): p is Position {
  return typeof p === 'object' && p !== null && isUinteger((p as Position).line) && isUinteger((p as Position).character);
}

/** A range whose ends are positions, start not after end. */
export function isRange(r: unknown): r is Range {
  if (typeof r !== 'object' || r === null) return false;
  const { start, end } = r as Range;
  return isPosition(start) && isPosition(end) && (start.line < end.line || (start.line === end.line && start.character <= end.character));
}

/**
 * The offset of a position the client sent, or undefined when it is not a position of this
 * document: a line or character that is negative, not a whole number or not a number, or a
 * line past the last. A character past its line's end means the line's end (LSP), before its
 * line break.
 */
export function offsetOf(doc: TextDocument, p: unknown): number | undefined {
  if (!isPosition(p) || p.line >= doc.lineCount) return undefined;
  return doc.offsetAt(p);
}

/** The offsets of a range the client sent, or undefined when either end is not a position of this document. */
export function spanOf(doc: TextDocument, r: unknown): Span | undefined {
  if (!isRange(r)) return undefined;
  const start = offsetOf(doc, r.start);
  const end = offsetOf(doc, r.end);
  return start === undefined || end === undefined ? undefined : { start, end };
}

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: TextDocument, uri: string, f: Finding, related: boolean): Diagnostic {
  const d: Diagnostic = {
    range: toRange(doc, f.span),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.rule,
    source: SOURCE,
    message: f.message,
  };
  if (ruleById.has(f.rule)) d.codeDescription = { href: ruleDocHref(f.rule) };
  if (related && f.related.length > 0) {
    d.relatedInformation = f.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri, range: toRange(doc, r.span) }, message: r.message }),
    );
  }
  return d;
}

export function toTextEdits(doc: TextDocument, edits: readonly Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText }));
}

/** A workspace edit for one document, versioned when the client supports document changes. */
export function toWorkspaceEdit(doc: TextDocument, edits: readonly Edit[], documentChanges: boolean): WorkspaceEdit {
  const textEdits = toTextEdits(doc, edits);
  if (documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: textEdits }] };
  return { changes: { [doc.uri]: textEdits } };
}
