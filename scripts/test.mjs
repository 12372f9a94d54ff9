// `npm test`: the unit and protocol tests (test/*.test.ts and test/vscode/*.test.ts; the real
// editors, the packaged extension and the public plans are `npm run test:e2e`).
//
//   node scripts/test.mjs [--full] [files...] [--test-name-pattern=...] [--test-only]
//
// `node --test` starts one process per file, and each spends about two seconds of CPU loading
// TypeScript and the engine before its first test. Here the files are split between a few
// processes instead (one per CPU, at most 4), each loading its files once with
// scripts/test-shard.cjs and running them with node:test as usual. The split balances the time
// each file took on the last run (kept in node_modules/.cache/scaling-plan/test-times.json;
// a file without a time counts by its size). One file still runs alone:
// `node --import tsx --test test/foo.test.ts`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIMES = join(root, 'node_modules', '.cache', 'scaling-plan', 'test-times.json');
const DEFAULT_DIRS = ['test', 'test/vscode'];

const args = process.argv.slice(2);
// --full: the randomized series and sweeps at their full length (test/helpers.ts: FULL).
if (args.includes('--full')) process.env.SCALING_PLAN_TEST_FULL = '1';
const flags = args.filter((a) => a.startsWith('--') && a !== '--full');
const named = args.filter((a) => !a.startsWith('--')).map((f) => resolve(f));
const files = named.length > 0 ? named : DEFAULT_DIRS.flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(root, d, f)));
for (const f of files) if (!existsSync(f)) fail(`${relative(root, f)} does not exist`);

const jobs = Math.max(1, Math.min(files.length, Number(process.env.SCALING_PLAN_TEST_JOBS) || Math.min(availableParallelism(), 4)));
const times = readTimes();
const weight = (f) => times[relative(root, f)] ?? statSync(f).size / 2000;

// Longest first, each to the least loaded process.
const shards = Array.from({ length: jobs }, () => ({ files: [], load: 0 }));
for (const f of [...files].sort((a, b) => weight(b) - weight(a))) {
  const s = shards.reduce((a, b) => (b.load < a.load ? b : a));
  s.files.push(f);
  s.load += weight(f);
}

const started = Date.now();
process.stdout.write(`${files.length} test files in ${jobs} process${jobs === 1 ? '' : 'es'}; each prints its results when it ends\n`);
const work = join(tmpdir(), `scaling-plan-test-${process.pid}`);
mkdirSync(work, { recursive: true });
const results = await Promise.all(shards.map((s, i) => runShard(s.files, i)));
rmSync(work, { recursive: true, force: true });

const total = {};
for (const r of results) for (const [k, v] of Object.entries(r.counts)) total[k] = (total[k] ?? 0) + v;
const newTimes = { ...times };
for (const r of results) Object.assign(newTimes, r.times);
try {
  mkdirSync(dirname(TIMES), { recursive: true });
  writeFileSync(TIMES, JSON.stringify(newTimes, null, 2) + '\n');
} catch {
  // The cache is an optimisation only.
}
const failed = results.filter((r) => r.code !== 0);
const line = ['tests', 'pass', 'fail', 'cancelled', 'skipped', 'todo'].map((k) => `${k} ${total[k] ?? 0}`).join(', ');
process.stdout.write(`\n${files.length} files in ${jobs} process${jobs === 1 ? '' : 'es'}: ${line}; ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
if (failed.length > 0) process.stdout.write(`failed: ${failed.map((r) => `process ${r.index + 1} (exit ${r.code})`).join(', ')}; its output is above\n`);
process.exitCode = failed.length > 0 ? 1 : 0;

/** Runs one process over `list`; prints its output when it ends (outputs never interleave). */
function runShard(list, index) {
  const timesOut = join(work, `times-${index}.json`);
  const argv = [
    '--import', 'tsx',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts', 'test-times.mjs')}`, `--test-reporter-destination=${timesOut}`,
    ...flags,
    join(root, 'scripts', 'test-shard.cjs'),
    ...list,
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code, signal) => {
      process.stdout.write(`\n── process ${index + 1}/${jobs}: ${list.map((f) => relative(root, f)).join(' ')}\n${out}`);
      const counts = {};
      for (const m of out.matchAll(/^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) counts[m[1]] = Number(m[2]);
      let t = {};
      try {
        t = JSON.parse(readFileSync(timesOut, 'utf8'));
      } catch {
        // No times when the process died early: its output says why.
      }
      done({ index, code: code ?? (signal ? 1 : 0), counts, times: t });
    });
  });
}

function readTimes() {
  try {
    return JSON.parse(readFileSync(TIMES, 'utf8'));
  } catch {
    return {};
  }
}

function fail(message) {
  console.error(`test: ${message}`);
  process.exit(2);
}
