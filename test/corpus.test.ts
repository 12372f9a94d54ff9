/**
 * The public plans in ../shared/corpus (skipped when absent), checked in this process with the
 * CLI's own `main`, and scored as the corpus's scripts score them (test/e2e/corpus.test.ts runs
 * those scripts themselves over a bundled CLI):
 *
 * - an error or warning on a line the answer key does not list is a false positive: none allowed;
 * - a firm error of the key is found when an error or warning is on its line;
 * - `check --fix` changes only lines the key lists, and on a line holding a firm error every
 *   figure it writes is one of the figures of the key's expected value.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../src/cli/main';
import { CORPUS, corpusSkip, hasCorpus } from './helpers';

/** Firm errors found when this was last raised: 54 of 81. The count may rise, never fall. */
const FOUND_AT_LEAST = 60;

interface KeyError {
  line: number;
  text: string;
  expected: string;
  ambiguous?: boolean;
}

interface KeyDoc {
  file: string;
  errors: KeyError[];
}

const key: KeyDoc[] = hasCorpus ? (JSON.parse(readFileSync(join(CORPUS, 'answers.json'), 'utf8')) as KeyDoc[]) : [];
const docPath = (file: string): string => join(CORPUS, 'docs', file);

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: CORPUS });
  return { code, stdout };
}

interface JsonFile {
  diagnostics: { severity: string; rule: string; message: string; range: { start: { line: number } } }[];
}

/** Errors and warnings of a document: 1-based line, rule, message. */
async function problems(file: string): Promise<{ line: number; rule: string; message: string }[]> {
  const r = await cli(['check', '--format', 'json', docPath(file)]);
  const files = JSON.parse(r.stdout) as JsonFile[];
  return files
    .flatMap((f) => f.diagnostics)
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => ({ line: d.range.start.line + 1, rule: d.rule, message: d.message }));
}

/** The numbers written in a text, as values: `$1,480`, `2_345.25`, `1 467,12€`, `-772,20`. */
function numbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/-?\d[\d,._\u00a0 ]*\d|-?\d/g)) {
    const raw = m[0].replace(/[_\u00a0 ]/g, '');
    // A comma followed by exactly two digits at the end is a decimal comma (`1 467,12`).
    const decimalComma = /,\d{1,2}$/.test(raw) && !/\.\d/.test(raw);
    const value = Number(decimalComma ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(/,/g, ''));
    if (Number.isFinite(value)) out.push(Math.abs(value));
  }
  return out;
}

/**
 * Results of the sums the findings on a line write out (`… does not match 5.0 + 1.5 + 7.0 = 13.5`),
 * each added up here again: only a result that is that sum counts.
 */
async function sums(file: string, line: number): Promise<number[]> {
  const out: number[] = [];
  for (const d of await problems(file)) {
    if (d.line !== line) continue;
    const m = /does not match ((?:[\d.,]+ \+ )+[\d.,]+) = \D*([\d.,]+)/.exec(d.message);
    if (!m) continue;
    const terms = m[1]!.split(' + ').map((t) => Number(t.replace(/,/g, '')));
    const total = terms.reduce((a, b) => a + b, 0);
    const written = Number(m[2]!.replace(/,/g, ''));
    if (terms.every(Number.isFinite) && Math.abs(total - written) < 1e-6) out.push(written);
  }
  return out;
}

describe('public plans in ../shared/corpus, in process', { skip: corpusSkip }, () => {
  it('no false positive, and at least as many firm errors found as before', async (t) => {
    let firm = 0;
    let found = 0;
    const falsePositives: string[] = [];
    for (const doc of key) {
      const got = await problems(doc.file);
      const listed = new Set(doc.errors.map((e) => e.line));
      for (const e of doc.errors) {
        if (e.ambiguous) continue;
        firm++;
        if (got.some((d) => d.line === e.line)) found++;
      }
      for (const d of got) if (!listed.has(d.line)) falsePositives.push(`${doc.file}:${d.line} ${d.rule}: ${d.message}`);
    }
    t.diagnostic(`firm errors found ${found}/${firm}, false positives ${falsePositives.length}`);
    assert.deepEqual(falsePositives, []);
    assert.ok(firm >= 81, `the answer key lists only ${firm} firm errors`);
    assert.ok(found >= FOUND_AT_LEAST, `firm errors found ${found}/${firm}: below the ${FOUND_AT_LEAST} found before`);
  });

  describe('check --fix', () => {
    const tmp = hasCorpus ? mkdtempSync(join(tmpdir(), 'scaling-plan-corpus-fix-')) : '';
    after(() => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it("changes only the key's lines, and writes on a firm error only figures of its expected value", async (t) => {
      const broken: string[] = [];
      const wrongFix: string[] = [];
      let fixed = 0;
      for (const doc of key) {
        const copy = join(tmp, doc.file);
        copyFileSync(docPath(doc.file), copy);
        const before = readFileSync(copy, 'utf8').split('\n');
        await cli(['check', '--fix', '--quiet', copy]);
        const afterLines = readFileSync(copy, 'utf8').split('\n');
        assert.equal(afterLines.length, before.length, `${doc.file}: the number of lines changed`);
        const byLine = new Map(doc.errors.map((e) => [e.line, e]));
        for (let i = 0; i < before.length; i++) {
          if (before[i] === afterLines[i]) continue;
          const e = byLine.get(i + 1);
          if (!e) {
            broken.push(`${doc.file}:${i + 1}: ${before[i]!.trim()} => ${afterLines[i]!.trim()}`);
            continue;
          }
          if (e.ambiguous) continue;
          fixed++;
          // Figures the fix wrote: those of the new line that the old line did not have. Each is
          // the key's expected value, or the result of a sum a finding on the line writes out
          // (the key describes one error of a line; another figure of it may be wrong too).
          const old = numbersIn(before[i]!);
          const expected = [...numbersIn(e.expected), ...(await sums(doc.file, i + 1))];
          for (const n of numbersIn(afterLines[i]!)) {
            if (old.includes(n)) continue;
            if (!expected.some((x) => Math.abs(x - n) <= Math.max(0.005, Math.abs(x) * 1e-9))) wrongFix.push(`${doc.file}:${i + 1}: wrote ${n}; the key expects ${e.expected}`);
          }
        }
      }
      t.diagnostic(`fix-all changed ${fixed} firm-error lines and ${broken.length} right lines`);
      assert.deepEqual(broken, []);
      assert.deepEqual(wrongFix, []);
      assert.ok(fixed > 0, 'fix-all fixed no firm error at all');
    });
  });
});
