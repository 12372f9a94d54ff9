/**
 * `scaling-plan check`: reads each file, runs the engine, optionally applies fixes until they
 * settle, and turns findings into diagnostics with LSP ranges for the output formats. Only this
 * file and files.ts touch the file system.
 */
import { dirname, relative, resolve } from 'node:path';
import { ConfigLookup, isInside, relativeTo, type LoadedConfig } from '../config/lookup';
import {
  createPlanService,
  defaultOptions,
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
import { collectTargets, describeError, encode, fromBytes, readText, writeInside, type Collected, type Exclude, type ReadResult, type Target } from './files';
import { GitIgnores } from '../config/gitignore';
import { ignoreGlobs } from './ignore';
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

/** Reads standard input: at most `max` bytes are kept (more means the text is above the size limit). */
export type StdinReader = (max: number) => Promise<Uint8Array>;

export async function runCheck(args: CheckArgs, cwd: string, version = '', stdin?: StdinReader): Promise<CheckResult> {
  const errors: string[] = [];
  const notes: string[] = [];
  const configs = configsFor(args, cwd);
  const git = new GitIgnores();
  const globs = ignoreGlobs(args.ignores, cwd);
  for (const g of globs.rejected) errors.push(`--ignore ${JSON.stringify(g.slice(0, 60))}: not a glob`);
  const exclude: Exclude = (absolute, dir, walkRoot) => {
    if (globs.test(absolute, dir)) return true;
    const config = configs.find(absolute, walkRoot);
    if (config && config.ignored(relativeTo(config, absolute))) return true;
    return walkRoot !== undefined && args.gitignore && git.ignored(absolute, dir, walkRoot);
  };
  const collected = args.paths.includes('-') ? await stdinTarget(args, cwd, configs, stdin) : collectTargets(args.paths, cwd, exclude);
  errors.push(...collected.errors);
  for (const s of collected.skipped) notes.push(`${s}: not checked (matches an ignore glob)`);
  const reports: FileReport[] = [];
  const plansPerFolder = collected.folders.map(() => 0);
  const plans = collected.targets.map((t) => planFor(t, collected, configs, args));
  const service = createPlanService();
  const outcomes = args.fix
    ? collected.targets.map((t, i) => guarded(() => checkFile(service, t, plans[i]!, true, rootOf(t, collected))))
    : await checkAll(collected.targets, plans, args, cwd, version, notes);
  for (const config of configs.used()) {
    const shown = relative(cwd, config.path) || config.path;
    for (const p of config.located) errors.push(`${shown}:${p.start.line + 1}:${p.start.character + 1}: ${p.message}`);
  }
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

/**
 * `check -`: the text on standard input, named by `--stdin-filename` (for messages and to find
 * its config file; nothing is read from that path) or `<stdin>`. Read up to its size limit.
 */
async function stdinTarget(args: CheckArgs, cwd: string, configs: ReturnType<typeof configsFor>, stdin: StdinReader | undefined): Promise<Collected> {
  const name = args.stdinFilename ?? '<stdin>';
  const absolute = resolve(cwd, name);
  const out: Collected = { targets: [], errors: [], folders: [], skipped: [] };
  const config = configs.find(absolute, undefined);
  const max = args.maxSize ?? config?.options.maxSize ?? defaultOptions.maxSize;
  try {
    const bytes = stdin ? await stdin(max + 4) : new Uint8Array();
    out.targets.push({ display: name, absolute, explicit: true, stdin: bytes });
  } catch (err) {
    out.errors.push(`${name}: could not read standard input: ${describeError(err)}`);
  }
  return out;
}

/** The folder `--fix` may write in: the folder walked, or a named file's own folder. */
function rootOf(target: Target, collected: Collected): string {
  return target.folder !== undefined ? collected.folders[target.folder]!.absolute : dirname(target.absolute);
}

/**
 * A target's text: standard input's bytes, or the file's. The limit counts characters (UTF-16
 * units, as the editor counts them); a file of more than three bytes per allowed character
 * cannot fit and is refused from its size without being read.
 */
function read(target: Target, maxSize: number): ReadResult {
  const bytes = 3 * maxSize;
  const got = target.stdin ? fromBytes(target.stdin, bytes) : readText(target.absolute, bytes);
  if (got.kind === 'text' && got.text.length > maxSize) return { kind: 'huge', bytes: got.text.length, head: got.text.slice(0, HEAD_CHARS) };
  return got;
}

/** What is kept of a text above the size limit: enough to find its frontmatter. */
const HEAD_CHARS = 64 * 1024;

/** How one file is checked: its options (defaults < config file < command line) and whether to detect. */
interface Plan {
  options: Partial<EngineOptions>;
  /** Decide from its content whether it is a plan (found in a folder and matching no plan glob). */
  detect: boolean;
}

/** The config file of each path: `--config`, none with `--no-config`, else looked up. */
function configsFor(args: CheckArgs, cwd: string): { find: (absolute: string, walkRoot: string | undefined) => LoadedConfig | undefined; used: () => LoadedConfig[] } {
  const lookup = new ConfigLookup();
  if (args.config === false) return { find: () => undefined, used: () => [] };
  if (typeof args.config === 'string') {
    const given = lookup.load(resolve(cwd, args.config));
    return { find: () => given, used: () => [given] };
  }
  return {
    // Up to the current folder for paths inside it; else up to the folder given.
    find: (absolute, walkRoot) => lookup.find(dirname(absolute), isInside(absolute, cwd) ? cwd : walkRoot ?? dirname(absolute)),
    used: () => lookup.all(),
  };
}

function planFor(target: Target, collected: Collected, configs: ReturnType<typeof configsFor>, args: CheckArgs): Plan {
  const walkRoot = target.folder !== undefined ? collected.folders[target.folder]!.absolute : undefined;
  const config = configs.find(target.absolute, walkRoot);
  const options: Partial<EngineOptions> = { ...config?.options, rules: { ...config?.options.rules } };
  options.maxSize = args.maxSize ?? config?.options.maxSize ?? defaultOptions.maxSize;
  if (args.month) options.month = args.month;
  if (!args.blanks) options.rules!.blanks = 'off';
  if (args.reportUnusedDisables) {
    options.reportUnusedDisables = true;
    options.rules!['unused-disable'] ??= 'error';
  }
  const matches = config ? config.plans(relativeTo(config, target.absolute)) : false;
  return { options, detect: !target.explicit && !matches };
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
async function checkAll(targets: Target[], plans: Plan[], args: CheckArgs, cwd: string, version: string, notes: string[]): Promise<Outcome[]> {
  const cache = args.cache ? new ResultCache(resolve(cwd, args.cacheLocation ?? '.scaling-plan-cache'), version) : undefined;
  if (cache?.problem) notes.push(cache.problem);
  const outcomes: Outcome[] = new Array(targets.length);
  const pending: { index: number; text: string; hash?: string }[] = [];
  targets.forEach((target, index) => {
    const plan = plans[index]!;
    const got = read(target, plan.options.maxSize!);
    if (got.kind === 'error') {
      outcomes[index] = got;
      return;
    }
    if (got.kind === 'huge') {
      outcomes[index] = hugeOutcome(plan.detect, got, plan.options.maxSize!);
      return;
    }
    const hash = cache && !target.stdin ? cache.key(got.text, JSON.stringify([plan.options, plan.detect])) : undefined;
    const hit = hash ? cache!.get(target.absolute, hash, got.text) : undefined;
    if (hit) outcomes[index] = fromResult(got.text, hit);
    else pending.push({ index, text: got.text, ...(hash ? { hash } : {}) });
  });
  const jobs = pending.map((p) => ({ text: p.text, detect: plans[p.index]!.detect, options: plans[p.index]!.options }));
  let results: JobResult[];
  try {
    results = await analyzeMany(jobs, {});
  } catch {
    // A worker that could not start or died: analyse here instead.
    const service = createPlanService();
    results = jobs.map((job) => analyzeOne(service, job, {}));
  }
  pending.forEach((p, k) => {
    const result = results[k]!;
    outcomes[p.index] = fromResult(p.text, result);
    if (cache && p.hash) cache.set(targets[p.index]!.absolute, p.hash, result);
  });
  // A cache entry found bad while reading it is said once, with the file's own problem if any.
  if (cache?.problem && !notes.includes(cache.problem)) notes.push(cache.problem);
  const problem = cache?.save();
  if (problem) notes.push(problem);
  return outcomes;
}

function fromResult(text: string, r: JobResult): Outcome {
  if (!r.isPlan) return { kind: 'not-a-plan' };
  return { kind: 'checked', text, findings: r.findings };
}

/** A file too large to read: a named file or a plan by its frontmatter gets the finding; other markdown is skipped. */
function hugeOutcome(detect: boolean, read: { bytes: number; head: string }, maxSize: number): Outcome {
  if (detect && !hasPlanFrontmatter(read.head)) return { kind: 'not-a-plan' };
  const message = tooLargeMessage(read.bytes, maxSize);
  const finding: Finding = { rule: 'too-large', severity: 'information', message, span: { start: 0, end: 0 }, fixes: [], related: [] };
  return { kind: 'checked', text: '', findings: [finding] };
}

type Outcome =
  | { kind: 'checked'; text: string; lineStarts?: number[]; findings: Finding[]; note?: string }
  | { kind: 'not-a-plan' }
  | { kind: 'error'; message: string };

function checkFile(service: PlanService, target: Target, plan: Plan, fix: boolean, root: string): Outcome {
  const options = plan.options;
  const got = read(target, options.maxSize!);
  if (got.kind === 'error') return got;
  if (got.kind === 'huge') return hugeOutcome(plan.detect, got, options.maxSize!);
  let text = got.text;
  let analysis = service.analyze(text, options);
  // Files found in folders are checked only when they are plans; named files always are.
  if (plan.detect && !detectPlan(analysis).isPlan) return { kind: 'not-a-plan' };
  let note: string | undefined;
  if (fix && preferredEdits(analysis.findings).length > 0) {
    const fixed = fixAll(service, text, options, { findings: analysis.findings, maxRounds: 10 });
    if (fixed.text !== text) {
      // Written back in the file's own encoding, and never through a link out of `root`.
      const refused = writeInside(target.absolute, root, encode(fixed.text, got.encoding, got.bom));
      if (refused) return { kind: 'error', message: refused.link ? `fixes not written: ${refused.message}` : `could not write the fixes: ${refused.message}` };
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
