/**
 * Analysis of many files on every core: the bundled CLI starts worker threads running its own
 * bundle, each analysing the texts it is sent. Under a TypeScript loader (tests) or for a few
 * files, analysis stays on the main thread.
 */
import { availableParallelism } from 'node:os';
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

/** Below this many files, threads cost more than they save. */
const MIN_PARALLEL = 24;

export async function analyzeMany(jobs: Job[], options: Partial<EngineOptions>): Promise<JobResult[]> {
  const threads = Math.min(availableParallelism(), 8);
  const script = typeof __filename === 'string' ? __filename : '';
  if (jobs.length < MIN_PARALLEL || threads < 2 || !script.endsWith('.js')) {
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
