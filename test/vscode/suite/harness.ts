/**
 * A very small test runner for the extension host (what `@vscode/test-electron`'s `run()` is
 * given): tests run one after the other, each with a time limit, and the results are written as
 * JSON so the launcher can say which test failed. No mocha: one file fewer to install.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  /** Checks of known product bugs (see {@link knownBug}) that still fail, each with the reason. */
  knownBugs?: string[];
}

export interface Results {
  vscodeVersion: string;
  /** Whether the workspace was trusted (the code-server route runs it untrusted: restricted mode). */
  workspaceTrusted: boolean;
  passed: number;
  failed: number;
  /** Known-bug checks that still fail (they do not fail their test). */
  knownBugs: number;
  tests: TestResult[];
}

type TestFn = () => Promise<void> | void;

const tests: { name: string; fn: TestFn; timeoutMs: number }[] = [];

export function test(name: string, fn: TestFn, timeoutMs = 30_000): void {
  tests.push({ name, fn, timeoutMs });
}

/** The known-bug notes of the test that is running. */
let notes: string[] = [];

/**
 * A check of the correct behaviour that a known product bug still breaks (a todo, as
 * `node:test` has): it runs, and when it fails the failure is reported as a known bug instead
 * of failing the test. When it passes, that is reported too, so the wrapper can be removed.
 */
export async function knownBug(bug: string, check: () => void | Promise<void>): Promise<void> {
  try {
    await check();
    notes.push(`known bug no longer reproduces (remove the knownBug wrapper): ${bug}`);
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split('\n').filter((l) => l.trim()).slice(0, 6).join(' ');
    const first = message.length > 300 ? `${message.slice(0, 299)}…` : message;
    notes.push(`known bug (todo): ${bug} | ${first}`);
  }
}

export async function runAll(vscodeVersion: string, workspaceTrusted: boolean, resultsPath: string | undefined): Promise<Results> {
  const filter = process.env.SCALING_PLAN_TEST_FILTER;
  const results: Results = { vscodeVersion, workspaceTrusted, passed: 0, failed: 0, knownBugs: 0, tests: [] };
  for (const t of tests) {
    if (filter && !t.name.includes(filter)) continue;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    notes = [];
    try {
      await Promise.race([
        Promise.resolve().then(t.fn),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs} ms`)), t.timeoutMs);
        }),
      ]);
      results.tests.push({ name: t.name, ok: true, ms: Date.now() - started });
      results.passed++;
      console.log(`  ✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      results.tests.push({ name: t.name, ok: false, ms: Date.now() - started, error });
      results.failed++;
      console.log(`  ✖ ${t.name}\n${error}`);
    } finally {
      if (timer) clearTimeout(timer);
      const last = results.tests[results.tests.length - 1];
      if (last && notes.length > 0) {
        last.knownBugs = notes;
        results.knownBugs += notes.filter((n) => n.startsWith('known bug (todo)')).length;
        for (const n of notes) console.log(`    ⚠ ${n}`);
      }
    }
  }
  if (resultsPath) {
    mkdirSync(dirname(resultsPath), { recursive: true });
    writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
  }
  return results;
}
