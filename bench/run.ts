/**
 * `npm run bench`: the language server's performance, measured through the protocol, and the
 * engine's full-analysis cost against remark-parse alone.
 *
 * 1. initialize: spawn → initialize answered (median and max of 5 fresh servers).
 * 2. typing: a 5,000-line plan open; 200 edits spread through it; didChange → the matching
 *    publishDiagnostics (by version), p50 / p95, with the debounce set to 0 (the figure "after
 *    the debounce"); then 30 edits with the default debounce for comparison. One full
 *    remark-parse of the same document is timed in the same run for the 0.2x target.
 * 3. memory: resident memory of the server with a 2 MB plan (the default size limit) open and
 *    edited: the generated plan, and one made of the reference plans when they are beside the
 *    repository, read after each publishDiagnostics; the process's high-water mark (the most it
 *    held in the middle of an analysis) for information; then after 40 more edits (memory must
 *    not grow with the session).
 * 3b. responsive: a small plan and a 2 MB plan open; after each edit of the large plan, hovers
 *    on the small one (every 25 ms or so) until the large one's diagnostics arrive (hover p50 and p95, edit →
 *    diagnostics p50). Memory also measures a 5 MB plan (size limit raised so it is analysed).
 * 4. full analysis: 100 KB, 1 MB, 2 MB and 5 MB plans, each in a fresh process: remark-parse
 *    alone vs the engine's analysis (size limit raised), time per MB.
 *
 * 5. cli: `scaling-plan check` over 1,000 distinct generated plans (wall and CPU time, best of 3),
 *    with two worker threads against the main thread only, and with a warm `--cache`.
 *
 * Targets (docs: brief, "Performance targets"): edit p95 < 50 ms and ≤ 0.2x one remark-parse;
 * initialize < 300 ms; memory < 150 MB; full analysis ≤ 1.5x parsing, linear in size; a hover
 * during a 2 MB analysis p95 < 50 ms; a 2 MB edit → diagnostics p50 < 300 ms.
 *
 * `npm run bench -- --baseline ../other-checkout cli typing analysis responsive memory initialize` measures another built
 * checkout the same way, interleaved in the same run, and prints both columns with their ratio:
 * on a shared machine only figures taken together compare.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPlanService } from '../src/engine';
import { LspClient, ROOT } from '../test/fixtures/server/lsp-client';
import { planOfLines, planOfSize } from './generate';

const MB = 1024 * 1024;
const args = parseArgs({ options: { baseline: { type: 'string' } }, allowPositionals: true });
/** Another built checkout to compare with, or undefined. */
const BASELINE = args.values.baseline ? resolve(args.values.baseline) : undefined;

/** Prints a comparison row: this checkout's figure, the baseline's and their ratio. */
function compare(name: string, mine: number, base: number | undefined, unit: (v: number) => string, limit = 1.1): void {
  if (base === undefined) return record(name, unit(mine), '', undefined);
  const ratio = mine / base;
  if (limit === Infinity) return record(name, `${unit(mine)} vs baseline ${unit(base)}: ${ratio.toFixed(2)}x`, '', undefined);
  record(name, `${unit(mine)} vs baseline ${unit(base)}: ${ratio.toFixed(2)}x`, `≤ ${limit}x`, ratio <= limit);
}
const results: { name: string; value: string; target: string; ok: boolean | undefined }[] = [];

function record(name: string, value: string, target: string, ok: boolean | undefined): void {
  results.push({ name, value, target, ok });
  process.stdout.write(`${ok === undefined ? '  ' : ok ? 'ok' : '!!'} ${name}: ${value}${target ? `  (target ${target})` : ''}\n`);
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;

async function measureInitialize(): Promise<void> {
  const times: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < 5; i++) {
    const { client, initializeMs } = await LspClient.start();
    times.push(initializeMs);
    await client.stop();
    if (BASELINE) {
      const other = await LspClient.start({ root: BASELINE });
      base.push(other.initializeMs);
      await other.client.stop();
    }
  }
  times.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  if (BASELINE) compare('initialize, median of 5 (interleaved)', quantile(times, 0.5), quantile(base, 0.5), ms, Infinity);
  const bare: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - t0);
  }
  bare.sort((a, b) => a - b);
  record('initialize (spawn → response), median of 5', ms(quantile(times, 0.5)), '< 300 ms', quantile(times, 0.5) < 300);
  record('initialize, slowest of 5', ms(times[times.length - 1]!), '', undefined);
  record('for comparison: `node -e 0` start and exit, median of 5', ms(quantile(bare, 0.5)), '', undefined);
}

/** One full remark-parse of `text` (after a warm-up on a different text), median of 3. */
function remarkParseMs(text: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unified } = require('unified') as typeof import('unified');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
  const parser = unified().use(remarkParse);
  parser.parse(planOfSize(20000).replace(/region/g, 'area'));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    parser.parse(text);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1]!;
}

/** The edits of the typing benchmark: spread evenly, alternating typed words and changed digits. */
function nextEdit(doc: TextDocument, k: number, count: number): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  const lines = doc.lineCount;
  const line = Math.floor(((k + 0.5) * lines) / count);
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const digit = /\d(?=\D*$)/.exec(text);
  if (k % 2 === 1 && digit) {
    const ch = digit.index;
    const next = String((Number(digit[0]) + 1) % 10);
    return { range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: next };
  }
  return { range: { start: { line, character: text.length }, end: { line, character: text.length } }, text: ' ok' };
}

async function measureTyping(): Promise<void> {
  const text = planOfLines(5000);
  const lineCount = text.split('\n').length;
  process.stdout.write(`   typing plan: ${lineCount} lines, ${(text.length / 1024).toFixed(0)} KB\n`);
  const run = async (debounce: number | undefined, count: number, root?: string): Promise<number[]> => {
    const { client } = await LspClient.start({ settings: debounce === undefined ? {} : { debounce }, ...(root ? { root } : {}) });
    const uri = `file://${join(ROOT, 'bench', `typing-${debounce ?? 'default'}.md`)}`;
    let doc = TextDocument.create(uri, 'markdown', 1, text);
    await client.open(uri, text, 1);
    await client.diagnosticsFor(uri, 1);
    // Warm-up edits (not measured): the first analyses after open pay for JIT compilation.
    const times: number[] = [];
    for (let k = -10; k < count; k++) {
      const edit = nextEdit(doc, ((k % count) + count) % count, count);
      const version = doc.version + 1;
      doc = TextDocument.update(doc, [{ range: edit.range, text: edit.text }], version);
      const t0 = performance.now();
      const published = client.diagnosticsFor(uri, version);
      await client.change(uri, version, [{ range: edit.range, text: edit.text }]);
      await published;
      if (k >= 0) times.push(performance.now() - t0);
    }
    await client.stop();
    return times.sort((a, b) => a - b);
  };
  const times = await run(0, 200);
  const parse = remarkParseMs(text);
  const p50 = quantile(times, 0.5);
  const p95 = quantile(times, 0.95);
  record('didChange → publishDiagnostics, 5,000 lines, p50 (debounce 0)', ms(p50), '', undefined);
  record('didChange → publishDiagnostics, 5,000 lines, p95 (debounce 0)', ms(p95), '< 50 ms', p95 < 50);
  record('one full remark-parse of the same document', ms(parse), '', undefined);
  record('edit p95 / remark-parse', `${(p95 / parse).toFixed(3)}x`, '≤ 0.2x', p95 / parse <= 0.2);
  if (BASELINE) {
    // Interleaved rounds of 100 edits each, so that load on the machine falls on both alike.
    const mine: number[] = [];
    const base: number[] = [];
    for (let round = 0; round < 2; round++) {
      mine.push(...(await run(0, 100)));
      base.push(...(await run(0, 100, BASELINE)));
    }
    mine.sort((a, b) => a - b);
    base.sort((a, b) => a - b);
    compare('edit latency p50, 5,000 lines', quantile(mine, 0.5), quantile(base, 0.5), ms);
    compare('edit latency p95, 5,000 lines', quantile(mine, 0.95), quantile(base, 0.95), ms);
  }
  const withDebounce = await run(undefined, 30);
  record('didChange → publishDiagnostics p50 with the default 100 ms debounce', ms(quantile(withDebounce, 0.5)), '', undefined);
}

/**
 * A 2 MB plan of the seeds' own density (the reference plans, frontmatter dropped, repeated),
 * when they are beside the repository: the generated plan states a number on most lines.
 */
function seedPlanOfSize(chars: number): string | undefined {
  const dir = join(ROOT, '..', 'shared', 'seeds');
  if (!existsSync(dir)) return undefined;
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(join(dir, f), 'utf8').replace(/^---[\s\S]*?---\n/, ''))
    .join('\n\n');
  let text = '---\nscaling-plan: 1\n---\n\n';
  while (text.length + seeds.length + 2 <= chars) text += seeds + '\n\n';
  return text;
}

async function measureMemory(): Promise<void> {
  const two = await memoryWith(planOfSize(2 * MB), 'generated');
  if (BASELINE) compare('resident memory, 2 MB plan open and edited', two, await memoryWith(planOfSize(2 * MB), 'generated', {}, BASELINE), (v) => `${(v / MB).toFixed(0)} MB`, Infinity);
  // Above the default size limit: raised, so that it is analysed.
  const five = await memoryWith(planOfSize(5 * MB), 'generated, size limit raised', { maxSize: 6 * MB }, undefined, false);
  if (BASELINE) compare('resident memory, 5 MB plan open and edited', five, await memoryWith(planOfSize(5 * MB), 'generated, size limit raised', { maxSize: 6 * MB }, BASELINE), (v) => `${(v / MB).toFixed(0)} MB`, Infinity);
  const seeded = BASELINE ? undefined : seedPlanOfSize(2 * MB);
  if (seeded) await memoryWith(seeded, 'made of the reference plans');
}

/**
 * The most resident memory read after each publish; `root` another checkout (its rows are not
 * printed); `longer`: 40 more edits after (for the 2 MB plans).
 */
async function memoryWith(text: string, kind: string, settings: Record<string, unknown> = {}, root?: string, longer = true): Promise<number> {
  const { client } = await LspClient.start({ settings, ...(root ? { root } : {}) });
  const uri = `file://${join(ROOT, 'bench', 'memory.md')}`;
  await client.open(uri, text, 1);
  const published = await client.diagnosticsFor(uri, 1);
  const notAnalysed = published.diagnostics.some((d) => d.code === 'too-large');
  let peak = client.rss() ?? NaN;
  let doc = TextDocument.create(uri, 'markdown', 1, text);
  for (let k = 0; k < 5; k++) {
    const edit = nextEdit(doc, k * 37, 200);
    doc = TextDocument.update(doc, [{ range: edit.range, text: edit.text }], k + 2);
    await client.change(uri, k + 2, [{ range: edit.range, text: edit.text }]);
    await client.diagnosticsFor(uri, k + 2);
    peak = Math.max(peak, client.rss() ?? NaN);
  }
  // Lenses and hovers over the whole document too.
  await client.request('textDocument/codeLens', { textDocument: { uri } });
  await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  peak = Math.max(peak, client.rss() ?? NaN);
  if (root) {
    await client.stop();
    return peak;
  }
  record(`resident memory, ${(text.length / MB).toFixed(2)} MB plan (${kind}) open and edited${notAnalysed ? ' (NOT analysed: above the limit)' : ''}`, `${(peak / MB).toFixed(0)} MB`, text.length <= 2 * MB ? '< 150 MB' : '', text.length <= 2 * MB ? peak < 150 * MB : undefined);
  // For information: the most it held at any moment, in the middle of an analysis.
  record(`  its high-water mark during the analyses`, `${((client.peakRss() ?? NaN) / MB).toFixed(0)} MB`, '', undefined);
  if (!longer) {
    await client.stop();
    return peak;
  }
  // A longer session: many more edits, each in another place, must not keep growing memory.
  let later = 0;
  for (let k = 5; k < 45; k++) {
    const edit = nextEdit(doc, (k * 53) % 200, 200);
    doc = TextDocument.update(doc, [{ range: edit.range, text: edit.text }], k + 2);
    await client.change(uri, k + 2, [{ range: edit.range, text: edit.text }]);
    await client.diagnosticsFor(uri, k + 2);
    if (k >= 35) later = Math.max(later, client.rss() ?? NaN);
  }
  await client.stop();
  record(`  the same after 40 more edits (peak over the last 10)`, `${(later / MB).toFixed(0)} MB`, '', undefined);
  return peak;
}

/**
 * responsive: a small plan and a 2 MB plan open (debounce 0); 8 edits of the large plan, and
 * after each, hovers on the small plan (about one every 25 ms) until the large plan's
 * diagnostics for that version arrive: each hover's latency (p50, p95) and each edit's time to
 * its diagnostics (p50).
 */
async function responsive(root?: string): Promise<{ hovers: number[]; edits: number[] }> {
  const { client } = await LspClient.start({ settings: { debounce: 0 }, ...(root ? { root } : {}) });
  const small = `file://${join(ROOT, 'bench', 'responsive-small.md')}`;
  const large = `file://${join(ROOT, 'bench', 'responsive-large.md')}`;
  const smallText = planOfSize(4000);
  const text = planOfSize(2 * MB - 1024);
  await client.open(small, smallText, 1);
  await client.diagnosticsFor(small, 1);
  await client.open(large, text, 1);
  await client.diagnosticsFor(large, 1);
  // A figure of the small plan's first cost block.
  const line = smallText.split('\n').findIndex((l) => l.startsWith('- Total: $'));
  const hover = { textDocument: { uri: small }, position: { line, character: 10 } };
  await client.request('textDocument/hover', hover);
  let doc = TextDocument.create(large, 'markdown', 1, text);
  const hovers: number[] = [];
  const edits: number[] = [];
  for (let k = 0; k < 8; k++) {
    const edit = nextEdit(doc, k * 23, 200);
    const version = doc.version + 1;
    doc = TextDocument.update(doc, [{ range: edit.range, text: edit.text }], version);
    let done = false;
    const t0 = performance.now();
    const published = client.diagnosticsFor(large, version).then(() => {
      done = true;
      edits.push(performance.now() - t0);
    });
    await client.change(large, version, [{ range: edit.range, text: edit.text }]);
    while (!done) {
      const h0 = performance.now();
      await client.request('textDocument/hover', hover);
      hovers.push(performance.now() - h0);
      // About 40 hovers a second: a user moving the mouse, not a load test.
      await new Promise((r) => setTimeout(r, 25));
    }
    await published;
  }
  await client.stop();
  return { hovers: hovers.sort((a, b) => a - b), edits: edits.sort((a, b) => a - b) };
}

async function measureResponsive(): Promise<void> {
  const mine = await responsive();
  const base = BASELINE ? await responsive(BASELINE) : undefined;
  process.stdout.write(`   ${mine.hovers.length} hovers during ${mine.edits.length} re-analyses of a 2 MB plan${base ? ` (baseline: ${base.hovers.length})` : ''}\n`);
  const row = (name: string, pick: (r: { hovers: number[]; edits: number[] }) => number, target: string, limit: number): void => {
    const v = pick(mine);
    record(name, ms(v), target, target ? v < limit : undefined);
    if (base) compare(`  against the baseline`, v, pick(base), ms, Infinity);
  };
  row('hover on another document during a 2 MB analysis, p50', (r) => quantile(r.hovers, 0.5), '', Infinity);
  row('hover on another document during a 2 MB analysis, p95', (r) => quantile(r.hovers, 0.95), '< 50 ms', 50);
  row('2 MB edit → publishDiagnostics, p50 (debounce 0)', (r) => quantile(r.edits, 0.5), '< 300 ms', 300);
}

/**
 * Where an edit's analysis time goes in the 5,000-line plan (engine only, in this process, CPU
 * time so other load on the machine counts less): median of 15 edits of each step.
 */
function measureBreakdown(): void {
  const text = planOfLines(5000);
  const service = createPlanService();
  service.analyze(text, {}, 'doc');
  const cpu = (f: () => unknown): number => {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const rows = new Map<string, number[]>();
  const add = (name: string, v: number): void => {
    rows.set(name, [...(rows.get(name) ?? []), v]);
  };
  for (let k = 0; k < 15; k++) {
    const edited = text.replace(`region ${k + 1}.`, `region ${k + 1} (edited ${k}).`);
    let analysis: ReturnType<typeof service.analyze> | undefined;
    add('analyze after an edit (reads the lines around it again)', cpu(() => (analysis = service.analyze(edited, {}, 'doc'))));
    add('analyze again, nothing changed', cpu(() => service.analyze(edited, {}, 'doc')));
    add('analyze the same text with a fresh service (as the CLI does)', cpu(() => createPlanService().analyze(edited)));
    add('  stages of the analysis', cpu(() => analysis!.stages()));
    add('  projection table of the analysis', cpu(() => analysis!.projection()));
  }
  process.stdout.write('   where an edit goes (CPU ms over 15 edits of the 5,000-line plan: median, and minimum in brackets):\n');
  for (const [name, values] of rows) {
    values.sort((a, b) => a - b);
    const median = values[Math.floor(values.length / 2)]!;
    process.stdout.write(`     ${median.toFixed(1).padStart(6)} (${values[0]!.toFixed(1).padStart(5)})  ${name}\n`);
  }
}

/** One cold full analysis of a generated plan of `size` bytes by the engine of `root`. */
function fullAnalysis(size: number, root?: string): { size: number; chars: number; parseMs: number; analyzeMs: number } | string {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'analysis-child.ts'), String(size), ...(root ? [root] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as { size: number; chars: number; parseMs: number; analyzeMs: number };
  } catch {
    return `failed: ${child.stderr.slice(0, 300)}`;
  }
}

function measureFullAnalysis(): void {
  const rows: { size: number; parseMs: number; analyzeMs: number }[] = [];
  for (const size of [100 * 1024, MB, 2 * MB, 5 * MB]) {
    const r = fullAnalysis(size);
    if (typeof r !== 'string') {
      rows.push(r);
      const mb = r.chars / MB;
      record(
        `full analysis, ${mb.toFixed(2)} MB`,
        `analysis ${ms(r.analyzeMs)} (${(r.analyzeMs / mb / 1000).toFixed(2)} s/MB), remark-parse ${ms(r.parseMs)} (${(r.parseMs / mb / 1000).toFixed(2)} s/MB), ratio ${(r.analyzeMs / r.parseMs).toFixed(2)}x`,
        size === MB ? '≤ 1.5x' : '',
        size === MB ? r.analyzeMs / r.parseMs <= 1.5 : undefined,
      );
    } else {
      record(`full analysis, ${(size / MB).toFixed(2)} MB`, r, '', false);
    }
  }
  const perMb = (r: { size: number; analyzeMs: number }) => r.analyzeMs / (r.size / MB);
  const one = rows.find((r) => r.size === MB);
  const five = rows.find((r) => r.size === 5 * MB);
  if (one && five) {
    const growth = perMb(five) / perMb(one);
    record('analysis time per MB, 5 MB vs 1 MB', `${growth.toFixed(2)}x`, 'linear (≈1x)', growth < 1.3);
  }
  if (BASELINE) {
    // Interleaved, best of 3 for each: a cold process per measurement.
    const best = (root?: string): number => {
      let t = Infinity;
      for (let i = 0; i < 3; i++) {
        const r = fullAnalysis(MB, root);
        if (typeof r !== 'string') t = Math.min(t, r.analyzeMs);
      }
      return t;
    };
    const mine: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < 2; i++) {
      mine.push(best());
      base.push(best(BASELINE));
    }
    compare('full analysis of 1 MB (best of 6 cold runs)', Math.min(...mine), Math.min(...base), ms);
  }
}

/** 1,000 distinct plans: consecutive slices of one long generated plan, each with its head. */
function writePlans(dir: string, count: number): void {
  const long = planOfSize(count * 8_000);
  const parts = long.split(/(?=^## Part )/m);
  const head = parts.shift()!;
  const per = Math.max(1, Math.floor(parts.length / count));
  mkdirSync(dir, { recursive: true });
  for (let k = 0; k < count; k++) writeFileSync(join(dir, `plan-${k}.md`), head + parts.slice(k * per, (k + 1) * per).join(''));
}

/**
 * `scaling-plan check DIR` by the checkout at `root`: wall and CPU ms (CPU read by a preload).
 * `workers` sets SCALING_PLAN_WORKERS (undefined: the CLI chooses); `args` are extra options.
 */
function checkRun(root: string, dir: string, workers?: number, args: string[] = []): { wall: number; cpu: number } {
  const cpuFile = join(dir, '..', 'cpu.json');
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_CPU_FILE: cpuFile };
  if (workers === undefined) delete env.SCALING_PLAN_WORKERS;
  else env.SCALING_PLAN_WORKERS = String(workers);
  const t0 = performance.now();
  spawnSync(process.execPath, ['--require', join(ROOT, 'bench', 'cpu-preload.cjs'), join(root, 'bin', 'scaling-plan.js'), 'check', ...args, dir], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env,
  });
  const wall = performance.now() - t0;
  const cpu = (JSON.parse(readFileSync(cpuFile, 'utf8')) as { user: number; system: number });
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * cli: `check` over 1,000 plans as the CLI chooses, then with two worker threads and on the
 * main thread only (interleaved, best of 3), then with a warm `--cache`.
 */
function measureCli(): void {
  const base = mkdtempSync(join(tmpdir(), 'scaling-plan-bench-'));
  const dir = join(base, 'plans');
  try {
    writePlans(dir, 1000);
    const mine: { wall: number; cpu: number }[] = [];
    const other: { wall: number; cpu: number }[] = [];
    const pool: { wall: number; cpu: number }[] = [];
    const main: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < 3; i++) {
      mine.push(checkRun(ROOT, dir));
      if (BASELINE) other.push(checkRun(BASELINE, dir));
      pool.push(checkRun(ROOT, dir, 2));
      main.push(checkRun(ROOT, dir, 0));
    }
    const bestOf = (xs: { wall: number; cpu: number }[], k: 'wall' | 'cpu'): number => Math.min(...xs.map((x) => x[k]));
    const s = (v: number): string => `${(v / 1000).toFixed(2)} s`;
    compare('check over 1,000 plans, wall (best of 3)', bestOf(mine, 'wall'), BASELINE ? bestOf(other, 'wall') : undefined, s);
    compare('check over 1,000 plans, CPU of the process and its threads (best of 3)', bestOf(mine, 'cpu'), BASELINE ? bestOf(other, 'cpu') : undefined, s);
    compare('  with two worker threads, wall (against the main thread only)', bestOf(pool, 'wall'), bestOf(main, 'wall'), s);
    compare('  with two worker threads, CPU (against the main thread only)', bestOf(pool, 'cpu'), bestOf(main, 'cpu'), s);
    const cache = join(base, 'cache');
    checkRun(ROOT, dir, undefined, ['--cache-location', cache]);
    const warm = [0, 1, 2].map(() => checkRun(ROOT, dir, undefined, ['--cache-location', cache]));
    compare('  with a warm --cache, wall (against no cache)', bestOf(warm, 'wall'), bestOf(mine, 'wall'), s);
    record('  the cache file, against the plans', `${(statSync(cache).size / 1024).toFixed(0)} KB`, `${(dirSize(dir) / 1024).toFixed(0)} KB`, undefined);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

function dirSize(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) n += statSync(join(dir, name)).size;
  return n;
}

/**
 * scaling: analysis of documents of n and 4n copies of one shape (shapes that once took
 * quadratic time or worse), each in-process on a fresh plan service, best of 2; the ratio of
 * the two times should be about 4 (linear), at most 5.
 */
function measureScaling(): void {
  const shapes: [string, (n: number) => string, number, object?][] = [
    ['Total lines', (n) => 'Total: $5\n'.repeat(n), 2000],
    ['Total lines, totals rule off', (n) => 'Total: $5\n'.repeat(n), 2000, { rules: { totals: 'off' } }],
    ['Total lines in a fenced block', (n) => '```\n' + 'Total: $5\n'.repeat(n) + '```\n', 2000],
    ['an item and a total, repeated', (n) => 'A: $1\nTotal: $1\n'.repeat(n), 1000],
    ['a table of an item and a total, repeated', (n) => '| Item | Cost |\n|---|---|\n' + '| A | $1 |\n| Total | $1 |\n'.repeat(n), 1000],
    ['Total paragraphs', (n) => 'Total: $5\n\n'.repeat(n), 1000],
    ['tables each followed by a Total line', (n) => '| Item | Cost |\n|---|---|\n| A | $1 |\n| B | $2 |\n\nTotal: $3\n\n'.repeat(n), 250],
    ['a wide table (n/10 columns)', (n) => { const c = n / 10; return `| Item |${' C |'.repeat(c)}\n|${'---|'.repeat(c + 1)}\n` + `| x |${' $1 |'.repeat(c)}\n`.repeat(10); }, 200],
    ['quotes and lists nested n deep (> - > - …)', (n) => '> - '.repeat(n) + 'Total: $5\n', 2000],
    ['lists nested n deep (- - - …)', (n) => '- '.repeat(n) + 'Total: $5\n', 1000],
  ];
  const time = (text: string, options: object): number => {
    let best = Infinity;
    for (let k = 0; k < 2; k++) {
      const t0 = performance.now();
      createPlanService().analyze(text, { maxSize: 1e9, ...options });
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  time('Total: $5\n'.repeat(100), {});
  for (const [name, text, n, options] of shapes) {
    const small = time(text(n), options ?? {});
    const large = time(text(4 * n), options ?? {});
    record(`scaling, ${name}: n = ${n} ${ms(small)}, 4n ${ms(large)}`, `${(large / small).toFixed(1)}x`, '≤ 5x', large / small <= 5);
  }
}

async function main(): Promise<void> {
  process.stdout.write(`scaling-plan bench: node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  // `npm run bench -- memory typing` runs only those parts.
  const only = args.positionals;
  if (BASELINE) process.stdout.write(`comparing with the checkout at ${BASELINE}\n`);
  const part = (name: string): boolean => only.length === 0 || only.includes(name);
  if (part('initialize')) await measureInitialize();
  if (part('typing')) await measureTyping();
  if (part('responsive')) await measureResponsive();
  if (part('memory')) await measureMemory();
  if (part('breakdown')) measureBreakdown();
  if (part('analysis')) measureFullAnalysis();
  if (part('cli')) measureCli();
  if (part('scaling')) measureScaling();
  process.stdout.write(`load at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const failed = results.filter((r) => r.ok === false);
  process.stdout.write(failed.length ? `\n${failed.length} target(s) missed: ${failed.map((f) => f.name).join('; ')}\n` : '\nall targets met\n');
}

void main();
