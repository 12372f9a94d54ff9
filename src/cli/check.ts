/**
 * `scaling-plan check`: reads each file, runs the engine, optionally applies fixes until they
 * settle, and turns findings into diagnostics with LSP ranges for the output formats. Only this
 * file and files.ts touch the file system.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createPlanService,
  lineStartsOf,
  positionAt,
  tooLargeMessage,
  type EngineOptions,
  type Finding,
  type PlanService,
  type Position,
  type Range,
  type Severity,
  type Span,
} from '../engine';
import { detectPlan, fixAll, hasPlanFrontmatter, preferredEdits } from '../engine/features';
import type { CheckArgs } from './args';
import { collectTargets, describeError, readText, type Target } from './files';
import { ResultCache } from './cache';
import { EXIT } from './io';
import { analyzeMany, analyzeOne, type JobResult } from './pool';

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

export async function runCheck(args: CheckArgs, cwd: string, version = ''): Promise<CheckResult> {
  const collected = collectTargets(args.paths, cwd);
  const errors = [...collected.errors];
  const notes: string[] = [];
  const reports: FileReport[] = [];
  const plansPerFolder = collected.folders.map(() => 0);
  const options: Partial<EngineOptions> = { maxSize: args.maxSize };
  if (!args.blanks) options.rules = { blanks: 'off' };
  if (args.month) options.month = args.month;
  const service = createPlanService();
  const outcomes = args.fix ? collected.targets.map((t) => guarded(() => checkFile(service, t, options, true))) : await checkAll(collected.targets, options, args, cwd, version, notes);
  let anyError = false;
  collected.targets.forEach((target, i) => {
    const outcome = outcomes[i]!;
    if (outcome.kind === 'error') {
      errors.push(`${target.display}: ${outcome.message}`);
      return;
    }
    if (outcome.kind === 'not-a-plan') return;
    if (target.folder !== undefined) plansPerFolder[target.folder]!++;
    if (outcome.note) notes.push(`${target.display}: ${outcome.note}`);
    else if (outcome.text.trim() === '' && outcome.findings.length === 0) notes.push(`${target.display}: empty, nothing to check`);
    if (outcome.findings.some((f) => f.severity === 'error')) anyError = true;
    const shown = args.quiet ? outcome.findings.filter((f) => f.severity === 'error') : outcome.findings;
    const at = positions(outcome.text, outcome.lineStarts);
    reports.push({
      file: target.display,
      absolute: target.absolute,
      diagnostics: shown.map((f) => toDiagnostic(f, at)),
      related: shown.map((f) => f.related.map((r) => ({ range: { start: at(r.span.start), end: at(r.span.end) }, message: r.message }))),
    });
  });
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

/** The engine never throws by contract; if it does, one file fails, not the run. */
function guarded(f: () => Outcome): Outcome {
  try {
    return f();
  } catch (err) {
    return { kind: 'error', message: `internal error, not checked: ${describeError(err)}` };
  }
}

/** Reads every file, answers from the cache what it can, and analyses the rest on every core. */
async function checkAll(targets: Target[], options: Partial<EngineOptions>, args: CheckArgs, cwd: string, version: string, notes: string[]): Promise<Outcome[]> {
  const cache = args.cache ? new ResultCache(resolve(cwd, args.cacheLocation ?? '.scaling-plan-cache'), `${version}\n${JSON.stringify(options)}`) : undefined;
  const outcomes: Outcome[] = new Array(targets.length);
  const pending: { index: number; text: string; hash?: string }[] = [];
  targets.forEach((target, index) => {
    const read = readText(target.absolute, options.maxSize!);
    if (read.kind === 'error') {
      outcomes[index] = read;
      return;
    }
    if (read.kind === 'huge') {
      outcomes[index] = hugeOutcome(target, read, options.maxSize!);
      return;
    }
    const hash = cache?.key(read.text, !target.explicit);
    const hit = hash ? cache!.get(target.absolute, hash) : undefined;
    if (hit) outcomes[index] = fromResult(read.text, hit);
    else pending.push({ index, text: read.text, ...(hash ? { hash } : {}) });
  });
  let results: JobResult[];
  try {
    results = await analyzeMany(pending.map((p) => ({ text: p.text, detect: !targets[p.index]!.explicit })), options);
  } catch {
    // A worker that could not start or died: analyse here instead.
    const service = createPlanService();
    results = pending.map((p) => analyzeOne(service, { text: p.text, detect: !targets[p.index]!.explicit }, options));
  }
  pending.forEach((p, k) => {
    const result = results[k]!;
    outcomes[p.index] = fromResult(p.text, result);
    if (cache && p.hash) cache.set(targets[p.index]!.absolute, p.hash, result);
  });
  const problem = cache?.save();
  if (problem) notes.push(problem);
  return outcomes;
}

function fromResult(text: string, r: JobResult): Outcome {
  if (!r.isPlan) return { kind: 'not-a-plan' };
  return { kind: 'checked', text, findings: r.findings };
}

/** A file too large to read: a named file or a plan by its frontmatter gets the finding; other markdown is skipped. */
function hugeOutcome(target: Target, read: { bytes: number; head: string }, maxSize: number): Outcome {
  if (!target.explicit && !hasPlanFrontmatter(read.head)) return { kind: 'not-a-plan' };
  const message = tooLargeMessage(read.bytes, maxSize);
  const finding: Finding = { rule: 'too-large', severity: 'information', message, span: { start: 0, end: 0 }, fixes: [], related: [] };
  return { kind: 'checked', text: '', findings: [finding] };
}

type Outcome =
  | { kind: 'checked'; text: string; lineStarts?: number[]; findings: Finding[]; note?: string }
  | { kind: 'not-a-plan' }
  | { kind: 'error'; message: string };

function checkFile(service: PlanService, target: Target, options: Partial<EngineOptions>, fix: boolean): Outcome {
  const read = readText(target.absolute, options.maxSize!);
  if (read.kind === 'error') return read;
  if (read.kind === 'huge') return hugeOutcome(target, read, options.maxSize!);
  let text = read.text;
  let analysis = service.analyze(text, options);
  // Files found in folders are checked only when they are plans; named files always are.
  if (!target.explicit && !detectPlan(analysis).isPlan) return { kind: 'not-a-plan' };
  let note: string | undefined;
  if (fix && preferredEdits(analysis.findings).length > 0) {
    const fixed = fixAll(service, text, options, { findings: analysis.findings, maxRounds: 10 });
    if (fixed.text !== text) {
      try {
        writeFileSync(target.absolute, (read.bom ? '\uFEFF' : '') + fixed.text);
      } catch (err) {
        return { kind: 'error', message: `could not write the fixes: ${describeError(err)}` };
      }
      text = fixed.text;
      analysis = service.analyze(text, options);
      const changes = fixed.edits.length;
      note = `fixed: ${changes} ${changes === 1 ? 'change' : 'changes'} written${fixed.fixedPoint ? '' : ' (the fixes did not settle within 10 rounds)'}`;
    }
  }
  const outcome: Outcome = { kind: 'checked', text, findings: analysis.findings };
  if (analysis.model) outcome.lineStarts = analysis.model.outline.lineStarts;
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
