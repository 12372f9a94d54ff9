import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, applyEdits, positionAt, preferredEdits, type Finding } from '../src/engine';

export const ROOT = resolve(__dirname, '..');
/** The reference plans beside the repository; absent on a fresh clone without them. */
export const SEEDS = resolve(ROOT, '..', 'shared', 'seeds');
export const hasSeeds = existsSync(SEEDS);
export const seedsSkip = hasSeeds ? false : `reference plans not found at ${SEEDS}; skipped`;

export function sample(name: string): string {
  return readFileSync(join(ROOT, 'samples', name), 'utf8');
}

export function seed(name: string): string {
  return readFileSync(join(SEEDS, name), 'utf8');
}

/** Findings as compact rows: rule, 0-based line, start and end character, claimed text. */
export function rows(text: string, findings: Finding[]): [string, number, number, number, string][] {
  const a = analyze(text);
  const starts = a.model!.doc.lineStarts;
  return findings.map((f) => {
    const s = positionAt(starts, f.span.start);
    const e = positionAt(starts, f.span.end);
    return [f.rule, s.line, s.character, e.character, text.slice(f.span.start, f.span.end)];
  });
}

/** Findings of error or warning severity. */
export function problems(text: string): Finding[] {
  return analyze(text).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}

/** Applies every preferred fix until the text stops changing (at most 10 rounds). */
export function fixAll(text: string): { text: string; rounds: number } {
  let current = text;
  for (let round = 1; round <= 10; round++) {
    const next = applyEdits(current, preferredEdits(analyze(current).findings));
    if (next === current) return { text: current, rounds: round };
    current = next;
  }
  return { text: current, rounds: 11 };
}
