/**
 * One cold measurement, in its own process (no JIT state carries over from another size):
 * remark-parse alone on a generated plan of SIZE bytes, then the engine's full analysis of the
 * same text. Both are warmed up on a small, different plan first. ROOT (default: this checkout)
 * names the checkout whose engine is measured, so that two can be compared in one run.
 * Prints one JSON line: { size, chars, parseMs, analyzeMs, findings }.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { planOfSize } from './generate';

type Analyze = (text: string, options: Record<string, unknown>) => { findings: unknown[] };

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 1024 * 1024);
  const root = resolve(process.argv[3] ?? join(__dirname, '..'));
  const engine = (await import(pathToFileURL(join(root, 'src', 'engine', 'index.ts')).href)) as {
    createPlanService?: () => { analyze: Analyze };
    analyze?: Analyze;
  };
  // A fresh service per analysis, as the CLI uses one per file.
  const analyze: Analyze = engine.createPlanService ? (t, o) => engine.createPlanService!().analyze(t, o) : engine.analyze!;
  const text = planOfSize(size);
  const warm = planOfSize(20000).replace(/region/g, 'area');

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unified } = require('unified') as typeof import('unified');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
  const parser = unified().use(remarkParse);
  parser.parse(warm);
  analyze(warm, { maxSize: Number.MAX_SAFE_INTEGER });

  let t0 = performance.now();
  parser.parse(text);
  const parseMs = performance.now() - t0;

  t0 = performance.now();
  const a = analyze(text, { maxSize: Number.MAX_SAFE_INTEGER });
  const analyzeMs = performance.now() - t0;

  process.stdout.write(JSON.stringify({ size, chars: text.length, parseMs, analyzeMs, findings: a.findings.length }) + '\n');
}

void main();
