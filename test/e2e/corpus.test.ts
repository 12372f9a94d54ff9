/**
 * The public plans in ../shared/corpus (skipped when absent), scored with the corpus's own
 * scripts against its answer key: `score.mjs` (firm errors found, false positives) and
 * `fix-safety.mjs` (lines `check --fix` changed that the key says were right). Both run the CLI
 * as `node <project>/bin/scaling-plan.js`; the CLI is bundled from the current sources into a
 * temporary project first, so the figures are the sources' and never a stale dist/'s.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CORPUS, corpusSkip, ROOT } from '../helpers';

/** Firm errors found when this was last raised: 54 of 81. The count may rise, never fall. */
const FOUND_AT_LEAST = 60;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(script: string, project: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(CORPUS, script), '--project', project], { cwd: project, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 900_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Bundles the CLI from the sources into `<dir>/dist/cli.js`, beside a copy of bin/scaling-plan.js. */
async function buildProject(dir: string): Promise<void> {
  const { bundle } = (await import(pathToFileURL(join(ROOT, 'scripts', 'bundle.mjs')).href)) as {
    bundle(entry: { in: string; out: string }, opts: { root: string }): Promise<void>;
  };
  await bundle({ in: 'src/cli/main.ts', out: join(dir, 'dist', 'cli.js') }, { root: ROOT });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'scaling-plan.js'), join(dir, 'bin', 'scaling-plan.js'));
}

describe('public plans in ../shared/corpus', { skip: corpusSkip, timeout: 1_800_000 }, () => {
  let project = '';
  let score: Promise<Run>;
  let safety: Promise<Run>;

  before(async () => {
    project = mkdtempSync(join(tmpdir(), 'scaling-plan-corpus-'));
    await buildProject(project);
    // The two scripts are independent: run them side by side.
    score = run('score.mjs', project);
    safety = run('fix-safety.mjs', project);
  });

  after(async () => {
    if (!project) return;
    await Promise.allSettled([score, safety]);
    rmSync(project, { recursive: true, force: true });
  });

  it('score.mjs: no false positive, and at least as many firm errors found as before', async (t) => {
    const r = await score;
    const summary = /firm errors found (\d+)\/(\d+) \((\d+)%\), false positives (\d+)/.exec(r.stdout);
    assert.ok(summary, `score.mjs printed no summary (exit ${r.code}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
    const [, found, total, percent, falsePositives] = summary.map(Number) as [number, number, number, number, number];
    const figure = `corpus: firm errors found ${found}/${total} (${percent}%), false positives ${falsePositives}`;
    t.diagnostic(figure);
    console.log(figure);
    const listed = r.stdout.split('\n').filter((l) => /^\s+false\+/.test(l) || /^\S.*: found/.test(l));
    assert.equal(falsePositives, 0, `false positives on the corpus:\n${listed.join('\n')}`);
    assert.equal(r.code, 0, r.stderr.slice(-2000));
    assert.ok(total >= 81, `the answer key lists only ${total} firm errors`);
    assert.ok(found >= FOUND_AT_LEAST, `${figure}: below the ${FOUND_AT_LEAST} found before`);
  });

  it('fix-safety.mjs: check --fix changes no line the answer key says is right', async (t) => {
    const r = await safety;
    const summary = /fix-all changed (\d+) firm-error lines and (\d+) lines that were right/.exec(r.stdout);
    assert.ok(summary, `fix-safety.mjs printed no summary (exit ${r.code}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
    const fixed = Number(summary[1]);
    const broken = Number(summary[2]);
    const figure = `corpus: fix-all changed ${fixed} firm-error lines and ${broken} right lines`;
    t.diagnostic(figure);
    console.log(figure);
    assert.equal(broken, 0, `right lines changed by fix-all:\n${r.stdout}`);
    assert.equal(r.code, 0, r.stderr.slice(-2000));
    assert.ok(fixed > 0, 'fix-all fixed no firm error at all');
  });
});
