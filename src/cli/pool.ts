/**
 * Analysis of many files on spare cores: the bundled CLI starts worker threads running its own
 * bundle, each analysing the texts it is sent, when `workersFor` says they pay off. Otherwise,
 * and under a TypeScript loader (tests), analysis stays on the main thread.
 */
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createPlanService, type EngineOptions, type Finding, type PlanService } from '../engine';
import { detectPlan } from '../engine/features';

export interface Job {
  text: string;
  /** Decide whether the text is a plan (files found in folders). */
  detect: boolean;
  /** This file's options (its config file's), instead of the run's. */
  options?: Partial<EngineOptions>;
}

export interface JobResult {
  findings: Finding[];
  isPlan: boolean;
}

const WORKER_FLAG = 'scaling-plan-analysis-worker';

export function analyzeOne(service: PlanService, job: Job, options: Partial<EngineOptions>): JobResult {
  const a = service.analyze(job.text, job.options ?? options);
  // A text above the size limit is not analysed: detectPlan reads its frontmatter's head.
  const isPlan = !job.detect || detectPlan(a).isPlan;
  return { findings: isPlan ? a.findings : [], isPlan };
}

/** Below this much text, worker threads cost more than they save. */
const MIN_POOL_BYTES = 4 * 1024 * 1024;

/**
 * How many worker threads pay off for `files` texts of `bytes` in all, on a machine with `cpus`
 * cores whose one-minute load average is `load`; 0: analyse on the main thread. Each worker
 * loads and warms up its own copy of the engine, so threads pay only with cores to spare and
 * seconds of work: on a 2-CPU machine, 1,000 plans (6.9 MB) took 53–65 s wall and 14–18 s of
 * CPU on the main thread, and 81–91 s wall and 21–25 s of CPU with two workers (see
 * the README, Benchmarks). Workers are used only with at least three idle cores besides the main
 * thread's and 4 MB of text.
 */
export function workersFor(files: number, bytes: number, cpus: number, load: number): number {
  const spare = Math.floor(cpus - Math.max(0, load)) - 1;
  if (spare < 3 || bytes < MIN_POOL_BYTES || files < 2 * spare) return 0;
  return Math.min(spare, 8);
}

/** `SCALING_PLAN_WORKERS=n` sets the number of workers (0: none), for measuring. */
function configuredWorkers(jobs: Job[]): number {
  const forced = process.env.SCALING_PLAN_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), 8);
  const bytes = jobs.reduce((n, j) => n + j.text.length, 0);
  return workersFor(jobs.length, bytes, availableParallelism(), loadavg()[0] ?? 0);
}

export async function analyzeMany(jobs: Job[], options: Partial<EngineOptions>): Promise<JobResult[]> {
  const threads = configuredWorkers(jobs);
  const script = typeof __filename === 'string' ? __filename : '';
  if (threads < 1 || jobs.length < 2 || !script.endsWith('.js')) {
    const service = createPlanService();
    return jobs.map((job) => analyzeOne(service, job, options));
  }
  const results: JobResult[] = new Array(jobs.length);
  let next = 0;
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: { [WORKER_FLAG]: true, options } }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= jobs.length) {
                resolve();
                return;
              }
              const index = next++;
              worker.postMessage({ index, job: jobs[index] });
            };
            worker.on('message', (m: { index: number; result: JobResult }) => {
              results[m.index] = m.result;
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

// In a worker started by analyzeMany: answer jobs until terminated.
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
  const options = (workerData as { options: Partial<EngineOptions> }).options;
  const port = parentPort;
  const service = createPlanService();
  port.on('message', (m: { index: number; job: Job }) => {
    let result: JobResult;
    try {
      result = analyzeOne(service, m.job, options);
    } catch (err) {
      result = {
        isPlan: true,
        findings: [{ rule: 'internal-error', severity: 'information', message: `Not analysed: ${err instanceof Error ? err.message : String(err)}`, span: { start: 0, end: 0 }, fixes: [], related: [] }],
      };
    }
    port.postMessage({ index: m.index, result });
  });
}
