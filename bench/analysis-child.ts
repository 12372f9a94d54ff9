/**
 * One cold measurement, in its own process (so no block cache or JIT state carries over from
 * another size): remark-parse alone on a generated plan of SIZE bytes, then the engine's full
 * analysis of the same text. Both parsers are warmed up on a small, different plan first.
 * Prints one JSON line: { size, chars, parseMs, analyzeMs, findings }.
 */
import { analyze } from '../src/engine';
import { planOfSize } from './generate';

const size = Number(process.argv[2] ?? 1024 * 1024);
const text = planOfSize(size);
const warm = planOfSize(20000).replace(/region/g, 'area');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unified } = require('unified') as typeof import('unified');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
const parser = unified().use(remarkParse);
parser.parse(warm);
analyze(warm, { maxSize: Infinity });

let t0 = performance.now();
parser.parse(text);
const parseMs = performance.now() - t0;

t0 = performance.now();
const a = analyze(text, { maxSize: Infinity });
const analyzeMs = performance.now() - t0;

process.stdout.write(JSON.stringify({ size, chars: text.length, parseMs, analyzeMs, findings: a.findings.length }) + '\n');
