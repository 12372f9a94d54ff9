import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { createPlanService, positionAt, type Analysis, type EngineOptions, type Finding } from '../src/engine';
import { fixAll as engineFixAll } from '../src/engine/features';

export const ROOT = resolve(__dirname, '..');
/** The reference plans beside the repository; absent on a fresh clone without them. */
export const SHARED = resolve(ROOT, '..', 'shared');
export const SEEDS = join(SHARED, 'seeds');
export const CORPUS = join(SHARED, 'corpus');
export const hasSeeds = existsSync(SEEDS);
export const hasCorpus = existsSync(join(CORPUS, 'answers.json'));
export const seedsSkip = hasSeeds ? false : `reference plans not found at ${SEEDS}; skipped`;
export const corpusSkip = hasCorpus ? false : `public plans not found at ${CORPUS}; skipped`;

export function sample(name: string): string {
  return readFileSync(join(ROOT, 'samples', name), 'utf8');
}

export function seed(name: string): string {
  return readFileSync(join(SEEDS, name), 'utf8');
}

export function fixture(path: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', path), 'utf8');
}

/** Analyses made by {@link analyze}, by text and options, most recent last. */
const analyses = new Map<string, Analysis>();
const KEPT_ANALYSES = 48;

/**
 * A fresh plan service per analysis: one analysis never depends on another. The engine is pure,
 * so the same text with the same options is analysed once in a test process and the analysis is
 * shared (tests read it and must not change it): suites analyse the same reference plans many
 * times over.
 */
export function analyze(text: string, options: Partial<EngineOptions> = {}): Analysis {
  const key = `${JSON.stringify(options)}\u0000${text}`;
  const kept = analyses.get(key);
  if (kept) {
    analyses.delete(key);
    analyses.set(key, kept);
    return kept;
  }
  const a = createPlanService().analyze(text, options);
  analyses.set(key, a);
  if (analyses.size > KEPT_ANALYSES) analyses.delete(analyses.keys().next().value!);
  return a;
}

/** Findings as compact rows: rule, 0-based line, start and end character (UTF-16), claimed text. */
export function rows(text: string, findings: readonly Finding[]): [string, number, number, number, string][] {
  const a = analyze(text);
  const starts = a.model!.outline.lineStarts;
  return findings.map((f) => {
    const s = positionAt(starts, f.span.start);
    const e = positionAt(starts, f.span.end);
    return [f.rule, s.line, s.character, e.character, text.slice(f.span.start, f.span.end)];
  });
}

/** Findings of error or warning severity. */
export function problems(text: string, options: Partial<EngineOptions> = {}): Finding[] {
  return analyze(text, options).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}

/** Applies every preferred fix until the text stops changing, as the CLI's --fix does. */
export function fixAll(text: string, options: Partial<EngineOptions> = {}): { text: string; rounds: number } {
  const r = engineFixAll(createPlanService(), text, options);
  return { text: r.text, rounds: r.rounds };
}

/** Numbers in [0, 1) from a seed (mulberry32): generated documents and edits are the same every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `npm test` is the fast loop: randomized series, sweeps over large inputs and over the public
 * plans run shortened there. With SCALING_PLAN_TEST_FULL=1 (`npm run test:full`, and .ci/run)
 * they run in full.
 */
export const FULL = process.env.SCALING_PLAN_TEST_FULL === '1';

/** `full` in a full run, `quick` in the fast loop. */
export function depth<T>(full: T, quick: T): T {
  return FULL ? full : quick;
}

/** Skips a test in the fast loop (the reason says so); it runs in a full run. */
export const fullOnly: string | false = FULL ? false : 'runs in full runs only (npm run test:full; SCALING_PLAN_TEST_FULL=1)';

/** Writes `files` (paths relative to `dir`, text or bytes) under `dir`, making folders as needed; returns `dir`. */
export function writeTree(dir: string, files: Record<string, string | Uint8Array> = {}): string {
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/**
 * The CLI as a user runs it: the real bin script beside a fresh bundle of the sources (the bin
 * requires ../dist/cli.js), under `work/tool`. Returns the bin's path.
 */
export async function buildCli(work: string): Promise<string> {
  mkdirSync(join(work, 'tool', 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'scaling-plan.js'), join(work, 'tool', 'bin', 'scaling-plan.js'));
  await build({ entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')], outfile: join(work, 'tool', 'dist', 'cli.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' });
  return join(work, 'tool', 'bin', 'scaling-plan.js');
}
