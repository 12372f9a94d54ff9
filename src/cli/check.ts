/**
 * `scaling-plan check`: reads each file, runs the engine, optionally applies fixes until they
 * settle, and turns findings into diagnostics with LSP ranges for the output formats. Only this
 * file and files.ts touch the file system.
 */
import { writeFileSync } from 'node:fs';
import {
  analyze,
  detectPlan,
  positionAt,
  preferredEdits,
  type EngineOptions,
  type Finding,
  type Position,
  type Range,
  type Severity,
  type Span,
} from '../engine';
import { fixAll } from '../engine/features/fixAll';
import type { CheckArgs } from './args';
import { collectTargets, describeError, readText, type Target } from './files';
import { EXIT } from './io';

export interface DiagnosticEdit {
  range: Range;
  newText: string;
}

/** A finding as the CLI reports it: the JSON output's shape, exactly. */
export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: { title: string; edits: DiagnosticEdit[] }[];
}

/** The other places a finding involves (the items of a total, the other mention of a stage). */
export interface RelatedRange {
  range: Range;
  message: string;
}

export interface FileReport {
  /** The path as the user gave it (or as found under a folder they gave). */
  file: string;
  absolute: string;
  diagnostics: Diagnostic[];
  /** Per diagnostic, its related places (SARIF shows them; the JSON contract has no field). */
  related: RelatedRange[][];
}

export interface CheckResult {
  reports: FileReport[];
  /** `path: message` lines: I/O and decoding problems (exit code 2). */
  errors: string[];
  /** `path: message` lines worth saying that are not problems (fixes written, no plans found). */
  notes: string[];
  exitCode: number;
}

export function runCheck(args: CheckArgs, cwd: string): CheckResult {
  const collected = collectTargets(args.paths, cwd);
  const errors = [...collected.errors];
  const notes: string[] = [];
  const reports: FileReport[] = [];
  const plansPerFolder = collected.folders.map(() => 0);
  const options: Partial<EngineOptions> = { maxSize: args.maxSize, blanks: args.blanks };
  if (args.month) {
    options.month = args.month;
    options.monthExplicit = true;
  }
  let anyError = false;
  for (const target of collected.targets) {
    let outcome: Outcome;
    try {
      outcome = checkFile(target, options, args.fix);
    } catch (err) {
      // The engine never throws by contract; if it does, one file fails, not the run.
      outcome = { kind: 'error', message: `internal error, not checked: ${describeError(err)}` };
    }
    if (outcome.kind === 'error') {
      errors.push(`${target.display}: ${outcome.message}`);
      continue;
    }
    if (outcome.kind === 'not-a-plan') continue;
    if (target.folder !== undefined) plansPerFolder[target.folder]!++;
    if (outcome.note) notes.push(`${target.display}: ${outcome.note}`);
    if (outcome.findings.some((f) => f.severity === 'error')) anyError = true;
    const shown = args.quiet ? outcome.findings.filter((f) => f.severity === 'error') : outcome.findings;
    const at = positions(outcome.text, outcome.lineStarts);
    reports.push({
      file: target.display,
      absolute: target.absolute,
      diagnostics: shown.map((f) => toDiagnostic(f, at)),
      related: shown.map((f) => f.related.map((r) => ({ range: { start: at(r.span.start), end: at(r.span.end) }, message: r.message }))),
    });
  }
  collected.folders.forEach((folder, i) => {
    if (plansPerFolder[i]! > 0) return;
    const why =
      folder.markdown === 0
        ? 'no markdown files'
        : `${folder.markdown} markdown ${folder.markdown === 1 ? 'file, not a scaling plan' : 'files, none of them a scaling plan'}`;
    notes.push(`${folder.display}: no plans found (${why})`);
  });
  const exitCode = errors.length > 0 ? EXIT.usage : anyError ? EXIT.findings : EXIT.clean;
  return { reports, errors, notes, exitCode };
}

type Outcome =
  | { kind: 'checked'; text: string; lineStarts?: number[]; findings: Finding[]; note?: string }
  | { kind: 'not-a-plan' }
  | { kind: 'error'; message: string };

function checkFile(target: Target, options: Partial<EngineOptions>, fix: boolean): Outcome {
  const read = readText(target.absolute, options.maxSize!);
  if (read.kind === 'error') return read;
  if (read.kind === 'huge') {
    const mb = (n: number): string => (n / 1048576).toFixed(1);
    const message = `Not analysed: the document is ${mb(read.bytes)} MB, above the ${mb(options.maxSize!)} MB size limit.`;
    const finding: Finding = { rule: 'too-large', severity: 'information', message, span: { start: 0, end: 0 }, fixes: [], related: [] };
    return { kind: 'checked', text: '', findings: [finding] };
  }
  let text = read.text;
  let analysis = analyze(text, options);
  // Files found in folders are checked only when they are plans; named files always are.
  if (!target.explicit && analysis.model && !detectPlan(analysis.model).isPlan) return { kind: 'not-a-plan' };
  let note: string | undefined;
  if (fix && preferredEdits(analysis.findings).length > 0) {
    const fixed = fixAll(text, options, { analysis, maxRounds: 10 });
    if (fixed.text !== text) {
      try {
        writeFileSync(target.absolute, (read.bom ? '\uFEFF' : '') + fixed.text);
      } catch (err) {
        return { kind: 'error', message: `could not write the fixes: ${describeError(err)}` };
      }
      text = fixed.text;
      analysis = analyze(text, options);
      const changes = fixed.edits.length;
      note = `fixed: ${changes} ${changes === 1 ? 'change' : 'changes'} written${fixed.fixedPoint ? '' : ' (the fixes did not settle within 10 rounds)'}`;
    }
  }
  const outcome: Outcome = { kind: 'checked', text, findings: analysis.findings };
  if (analysis.model) outcome.lineStarts = analysis.model.doc.lineStarts;
  if (note) outcome.note = note;
  return outcome;
}

/** Offset → LSP position; line starts are computed only when a finding is past offset 0. */
function positions(text: string, known: number[] | undefined): (offset: number) => Position {
  let starts = known;
  return (offset) => {
    if (offset <= 0) return { line: 0, character: 0 };
    starts ??= lineStartsOf(text);
    return positionAt(starts, offset);
  };
}

/** Line starts as the engine counts them: `\n`, `\r\n` and a lone `\r` end a line. */
function lineStartsOf(text: string): number[] {
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

function toDiagnostic(f: Finding, at: (offset: number) => Position): Diagnostic {
  const range = (span: Span): Range => ({ start: at(span.start), end: at(span.end) });
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    range: range(f.span),
    fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ range: range(e.span), newText: e.newText })) })),
  };
}
