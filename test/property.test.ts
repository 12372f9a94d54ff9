/**
 * Property tests, server against engine: a plan is opened in the language server and edited
 * incrementally, as an editor would, by a fixed-seed random sequence of edits (digits typed and
 * deleted, lines and table rows inserted and removed, non-ASCII text such as `é—😀` typed before
 * numbers, line endings switched to CRLF, several changes in one notification). After every
 * edit the diagnostics the server publishes for that version must equal what a fresh
 * `createPlanService().analyze(text)` finds in the same text, converted here, independently of
 * the server, to LSP ranges (0-based lines, UTF-16 characters): same range, severity, rule,
 * message and related places. The server keeps each document's outline and quantities between
 * versions and applies changes incrementally; none of that may change a finding.
 *
 * The engine alone, whatever it is given (fast-check, fixed seed): it never throws, every span
 * it returns lies inside the text, and fixes and fix-all only rewrite what they claim to.
 *
 * No sleeps: each step waits for the publish of its version. A longer run:
 * `PROPERTY_SEED=$RANDOM PROPERTY_STEPS=2000 node --import tsx --test test/property.test.ts`
 * (the seed and the edits that led to a failure are printed with it).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { createPlanService, ruleById, type Analysis, type Edit, type EngineOptions, type Span } from '../src/engine';
import { applyEdits, detectPlan, preferredEdits } from '../src/engine/features';
import { analyze, depth, fixAll, ROOT, prng } from './helpers';
import { FIXTURES, fileUri, LspClient } from './fixtures/server/lsp-client';

const SEED = Number(process.env.PROPERTY_SEED ?? 424242);
/** Edits per document. */
const STEPS = Number(process.env.PROPERTY_STEPS ?? depth(100, 25));
/** `numRuns` in a full run, a tenth of it in the fast loop. */
const runs = (numRuns: number): fc.Parameters<unknown> => ({ numRuns: depth(numRuns, Math.ceil(numRuns / 10)), seed: SEED, endOnFailure: true });

// ------------------------------------------------------------------------------ positions

/** Offsets where lines start, with `\r\n`, `\r` and `\n` each ending a line (as LSP says). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

function position(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo]! };
}

// ---------------------------------------------------------------------- what is expected

type Row = [range: string, severity: number | undefined, code: string, message: string, related: string[]];

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

function rangeText(r: Diagnostic['range']): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

function published(p: PublishDiagnosticsParams): Row[] {
  return p.diagnostics.map((d) => [
    rangeText(d.range),
    d.severity,
    String(d.code),
    String(d.message),
    (d.relatedInformation ?? []).map((r) => `${r.location.uri === p.uri ? '' : r.location.uri} ${rangeText(r.location.range)} ${r.message}`),
  ]);
}

/** A fresh engine's findings in `text`, as LSP diagnostics would carry them (none for a non-plan). */
function expected(text: string): Row[] {
  const a = createPlanService().analyze(text);
  const isPlan = a.model ? detectPlan(a).isPlan : a.frontmatter.isPlan;
  if (!isPlan) return [];
  const starts = lineStarts(text);
  const range = (s: Span): string => rangeText({ start: position(starts, s.start), end: position(starts, s.end) });
  return a.findings.map((f) => [range(f.span), SEVERITY[f.severity], f.rule, f.message, f.related.map((r) => ` ${range(r.span)} ${r.message}`)]);
}

// -------------------------------------------------------------------------------- edits


interface Step {
  what: string;
  /** Offsets into the text before this edit. */
  span: Span;
  text: string;
}

const LINES = [
  '- Hosting: $120/month',
  '- Database: $___/month',
  '- Total: $1,250/month',
  '- Cost per user: $0.45/month',
  '- Revenue: $6,000/month',
  '- Gross margin: 96%',
  '- Uptime: 99.95% (21.6 minutes downtime/month)',
  '2,500 users:',
  '**10,000 users:**',
  'Stage 5: Global (100,000+ users)',
  '- Overall score: ___/30',
  '- Stability: 7/10',
  '500 × $18.99 = $9,495',
  'We are 6x cheaper than $600/month.',
  '## Notes',
  '```',
  '',
];
const ROWS = ['| Monitoring | $45 |', '| Email | $1,200 |', '| **Total** | $2,000 |', '| CDN | ~$80 | 4% |', '| Support desk | $150 |'];
const NON_ASCII = ['é', '—', '😀', 'é—😀 ', '☕ ', 'Café ', '\u00a0'];
const DIGITS = '0123456789';

/** A valid place for an edit boundary: not inside `\r\n` and not inside a surrogate pair. */
function safe(text: string, offset: number): number {
  let o = Math.max(0, Math.min(text.length, offset));
  if (o > 0 && o < text.length && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) o--;
  if (o > 0 && o < text.length && text.charCodeAt(o) >= 0xdc00 && text.charCodeAt(o) <= 0xdfff && text.charCodeAt(o - 1) >= 0xd800 && text.charCodeAt(o - 1) <= 0xdbff) o--;
  return o;
}

/** One random edit of `text`. */
function randomEdit(text: string, random: () => number): Step {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const starts = lineStarts(text);
  const lineCount = starts.length;
  const lineEnd = (i: number): number => {
    let e = i + 1 < lineCount ? starts[i + 1]! : text.length;
    while (e > starts[i]! && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
    return e;
  };
  const digits: number[] = [];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) digits.push(i);
  /** Starts of numbers (a digit with no digit, `,` or `.` before it). */
  const numbers = digits.filter((i) => !/[\d,.]/.test(text[i - 1] ?? ''));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const kind = random();
  if (kind < 0.22 && digits.length) {
    const at = pick(digits) + (random() < 0.5 ? 0 : 1);
    return { what: 'type a digit', span: { start: at, end: at }, text: pick([...DIGITS]) };
  }
  if (kind < 0.36 && digits.length) {
    const at = pick(digits);
    return { what: 'delete a digit', span: { start: at, end: at + 1 }, text: '' };
  }
  if (kind < 0.44 && digits.length) {
    const at = pick(digits);
    return { what: 'change a digit', span: { start: at, end: at + 1 }, text: pick([...DIGITS]) };
  }
  if (kind < 0.56 && numbers.length) {
    // Non-ASCII text right before a number (or before its currency sign).
    let at = pick(numbers);
    if (random() < 0.5 && text[at - 1] === '$') at--;
    return { what: 'type non-ASCII before a number', span: { start: at, end: at }, text: pick(NON_ASCII) };
  }
  if (kind < 0.68) {
    const line = Math.floor(random() * lineCount);
    return { what: 'insert a line', span: { start: starts[line]!, end: starts[line]! }, text: pick(LINES) + eol };
  }
  if (kind < 0.78 && lineCount > 1) {
    const line = Math.floor(random() * (lineCount - 1));
    return { what: 'delete a line', span: { start: starts[line]!, end: starts[line + 1]! }, text: '' };
  }
  if (kind < 0.86) {
    // A row inside a table (after one of its rows), or a new table.
    const rows: number[] = [];
    for (let i = 0; i < lineCount; i++) if (text.startsWith('|', starts[i]!) && !/^\|[-:| ]+\|\s*$/.test(text.slice(starts[i]!, lineEnd(i)))) rows.push(i);
    if (rows.length && random() < 0.8) {
      const line = pick(rows);
      const at = line + 1 < lineCount ? starts[line + 1]! : text.length;
      const lead = at === text.length && !/[\r\n]$/.test(text) ? eol : '';
      return { what: 'insert a table row', span: { start: at, end: at }, text: lead + pick(ROWS) + (lead ? '' : eol) };
    }
    const line = Math.floor(random() * lineCount);
    return { what: 'insert a table', span: { start: starts[line]!, end: starts[line]! }, text: ['', '| Item | Cost |', '|---|---|', pick(ROWS), pick(ROWS), ''].join(eol) + eol };
  }
  if (kind < 0.94) {
    // Line endings: one LF made CRLF, or the other way round.
    const lf: number[] = [];
    const crlf: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\n' && text[i - 1] !== '\r') lf.push(i);
      if (text[i] === '\r' && text[i + 1] === '\n') crlf.push(i);
    }
    if (crlf.length && (random() < 0.3 || !lf.length)) {
      const at = pick(crlf);
      return { what: 'CRLF to LF', span: { start: at, end: at + 2 }, text: '\n' };
    }
    if (lf.length) {
      const at = pick(lf);
      return { what: 'LF to CRLF', span: { start: at, end: at + 1 }, text: '\r\n' };
    }
  }
  // Anything at any place: a word, a space, a line break, or a deletion of a few characters.
  const a = safe(text, Math.floor(random() * (text.length + 1)));
  if (random() < 0.5) return { what: 'type text', span: { start: a, end: a }, text: pick([' ', 'x', '\n', '\r\n', '~', '%', '$', '___', ' users', '/month', '-', 'K']) };
  const b = safe(text, a + 1 + Math.floor(random() * 6));
  return { what: 'delete text', span: { start: a, end: Math.max(a, b) }, text: '' };
}

/** The change event for a step, in positions of `text` (the text before it). */
function change(text: string, step: Step): TextDocumentContentChangeEvent {
  const starts = lineStarts(text);
  return { range: { start: position(starts, step.span.start), end: position(starts, step.span.end) }, text: step.text };
}

function describeStep(s: Step): string {
  return `${s.what} ${JSON.stringify(s.text)} at ${s.span.start}-${s.span.end}`;
}

// ------------------------------------------------------------------------- server vs engine

const DOCUMENTS: [name: string, text: string][] = [
  ['plan.md', readFileSync(join(FIXTURES, 'plan.md'), 'utf8')],
  ['planted-errors.md', readFileSync(join(ROOT, 'samples', 'planted-errors.md'), 'utf8')],
  ['correct-plan.md (CRLF)', readFileSync(join(ROOT, 'samples', 'correct-plan.md'), 'utf8').replace(/\n/g, '\r\n')],
];

describe('the server publishes what a fresh engine finds, through random incremental edits', () => {
  let client: LspClient;

  before(async () => {
    // No debounce: each version is analysed as soon as it arrives.
    client = (await LspClient.start({ settings: { debounce: 0 }, initializationOptions: { settings: { debounce: 0 } } })).client;
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  DOCUMENTS.forEach(([name, initial], index) => {
    it(`${name}: ${STEPS} edits, seed ${SEED}`, async () => {
      const random = prng(SEED + index * 7919);
      const uri = fileUri(`property-${index}.md`);
      let text = initial;
      let version = 1;
      const history: string[] = [];
      await client.open(uri, text, version);
      const context = (): string => `seed ${SEED}, document ${name}, version ${version}, last edits:\n${history.slice(-8).join('\n')}\ntext:\n${text}`;
      assert.deepEqual(published(await client.diagnosticsFor(uri, version)), expected(text), context());
      let findings = 0;
      const kinds = new Set<string>();
      for (let n = 0; n < STEPS; n++) {
        // Mostly one change a notification; sometimes two or three, applied in order.
        const count = random() < 0.15 ? 2 + Math.floor(random() * 2) : 1;
        const changes: TextDocumentContentChangeEvent[] = [];
        for (let k = 0; k < count; k++) {
          const step = randomEdit(text, random);
          changes.push(change(text, step));
          text = text.slice(0, step.span.start) + step.text + text.slice(step.span.end);
          history.push(`v${version + 1}: ${describeStep(step)}`);
          kinds.add(step.what);
        }
        version++;
        await client.change(uri, version, changes);
        const rows = expected(text);
        findings += rows.length;
        assert.deepEqual(published(await client.diagnosticsFor(uri, version)), rows, context());
      }
      // The run was not vacuous: it found things, and made every kind of edit.
      assert.ok(findings > STEPS, `${findings} findings over ${STEPS} versions`);
      assert.ok(kinds.size >= 8, [...kinds].join(', '));
      await client.close(uri);
    });
  });
});

// ------------------------------------------------------------------------------ the engine

const ENGINE_IDS = new Set(['frontmatter', 'too-large', 'internal-error']);
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

function inside(span: Span, text: string, what: string): void {
  assert.ok(
    Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length,
    `${what} ${JSON.stringify(span)} lies outside the text (length ${text.length})`,
  );
}

/** The result of applying non-overlapping, in-range `edits` keeps the text outside them. */
function assertEditsRespected(text: string, edits: readonly Edit[]): void {
  const out = applyEdits(text, edits);
  const valid = edits.filter((e) => e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length);
  if (valid.length === 0) {
    assert.equal(out, text);
    return;
  }
  const first = Math.min(...valid.map((e) => e.span.start));
  const last = Math.max(...valid.map((e) => e.span.end));
  assert.ok(out.startsWith(text.slice(0, first)), 'text before the first edit is kept');
  assert.ok(out.endsWith(text.slice(last)), 'text after the last edit is kept');
}

/** Analyses `text` and checks every invariant of the result. */
function check(text: string, options: Partial<EngineOptions> = {}): Analysis {
  let a: Analysis;
  try {
    a = analyze(text, options);
  } catch (err) {
    assert.fail(`analyze threw on ${JSON.stringify(text.slice(0, 200))}: ${err instanceof Error ? err.stack : String(err)}`);
  }
  for (const f of a.findings) {
    assert.ok(ruleById.has(f.rule) || ENGINE_IDS.has(f.rule), `unknown rule ${f.rule}`);
    assert.notEqual(f.rule, 'internal-error', f.message);
    assert.ok(SEVERITIES.has(f.severity));
    assert.ok(typeof f.message === 'string' && f.message.length > 0);
    inside(f.span, text, `${f.rule} finding`);
    for (const r of f.related) inside(r.span, text, `${f.rule} related location`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) inside(e.span, text, `${f.rule} fix edit`);
      assertEditsRespected(text, fix.edits);
    }
  }
  for (const b of a.blanks) inside(b, text, 'blank');
  for (const r of a.relations) inside(r.target.q.span, text, `${r.rule} relation`);
  if (a.model) {
    detectPlan(a);
    a.stages();
    for (const row of a.projection().rows) inside(row.span, text, `projection row ${row.label}`);
  }
  return a;
}

const word = fc.constantFrom(
  'Total', 'Total:', 'Costs:', 'Hosting:', 'Revenue:', 'Gross margin:', 'Profit:', 'Cost per user:', 'ARPU', 'Assuming', 'users', 'users:',
  'Stage', 'Phase', 'Uptime:', 'downtime', 'per month', '/month', 'minutes', 'cheaper', 'than', 'mix:', '=', '×', 'x', '+', '-', '−', '/',
  '~', '(', ')', '|', '**', '`', '>', '→', ':', '🚀', 'é', '\t', '',
);
const number = fc.oneof(
  fc.constantFrom('$1,200', '$1.2K', '$5K-20K/month', '-$10,380', '$0.46/month', '10,000+', '99.95%', '(-37%)', '43 minutes', '6x', '___/10', '___', '$___/month', '___%', '7/10', '0', '100%', '1,000.000,1'),
  fc.integer({ min: -1_000_000, max: 10_000_000 }).map(String),
);
const lineText = fc.array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: number }), { maxLength: 12 }).map((ts) => ts.join(' '));
const mdLine = fc.oneof(
  lineText,
  fc.tuple(fc.integer({ min: 1, max: 6 }), lineText).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  fc.tuple(fc.nat(6), fc.constantFrom('- ', '* ', '1. ', '> '), lineText).map(([n, m, t]) => ' '.repeat(n) + m + t),
  fc.array(lineText, { minLength: 1, maxLength: 4 }).map((cells) => `| ${cells.join(' | ')} |`),
  fc.constantFrom('|---|---|', '---', '```', '~~~', '', ''),
);
const markdown = fc
  .tuple(fc.array(mdLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([ls, nl, front]) => (front ? '---\nscaling-plan: 1\n---\n' : '') + ls.join('\n').replace(/\n/g, nl));

describe('the engine alone', () => {
  it('never throws and keeps spans inside arbitrary strings and UTF-16', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (t) => void check(t)), runs(200));
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 }), (t) => void check(t)), runs(200));
  });

  it('never throws and keeps spans inside generated markdown, with any rule settings', () => {
    const ids = [...ruleById.keys()];
    const options = fc.record({
      month: fc.constantFrom('30d' as const, '730h' as const),
      tolerance: fc.constantFrom(0, 0.01),
      rules: fc.dictionary(fc.constantFrom(...ids), fc.constantFrom('error' as const, 'hint' as const, 'off' as const)),
    });
    fc.assert(fc.property(markdown, options, (t, o) => void check(t, o)), runs(300));
  });

  // Sized so that exponential backtracking or runaway recursion would not finish, while linear
  // work takes milliseconds. (Larger inputs that are slow today are listed in the report of the
  // change that wrote this file; no test here measures time.) The fast loop uses a quarter of
  // each size.
  const n = (full: number): number => depth(full, full / 4);
  const f = (x: number): string => x.toLocaleString('en-US');
  const PATHOLOGICAL: [string, () => string, string?][] = [
    [`${f(n(2000))} nested list items on one line`, () => '- '.repeat(n(2000)) + 'Total: $5\n'],
    [`${f(n(1500))} lists in quotes in lists on one line`, () => '> - '.repeat(n(1500)) + 'Total: $5\n'],
    [`${f(n(1000))} levels of indented list items`, () => Array.from({ length: n(1000) }, (_, i) => ' '.repeat(2 * i) + `- Item ${i}: $${i}/month`).join('\n') + '\n'],
    [`${f(n(2000))} nested blockquotes`, () => '>'.repeat(n(2000)) + ' Total: $5\n'],
    [`${f(n(5000))} open brackets`, () => '['.repeat(n(5000)) + '$5' + ']('.repeat(n(5000))],
    [`${f(n(5000))} open emphasis runs`, () => '*_'.repeat(n(5000)) + ' $5 = $6'],
    [`1,1,1… ${f(n(50_000))} times`, () => '1,'.repeat(n(50_000)) + '1\n'],
    [`a ${f(n(10_000))}-digit number`, () => '$' + '9'.repeat(n(10_000)) + '/month\nTotal: $' + '1'.repeat(n(10_000)) + '\n'],
    [`_ ${f(n(100_000))} times`, () => '_'.repeat(n(100_000))],
    [`${f(n(50_000))} carriage returns`, () => '\r'.repeat(n(50_000))],
    [`a table of ${f(n(3000))} rows and a total`, () => '| Item | Cost |\n|---|---|\n' + '| x | $1 |\n'.repeat(n(3000)) + `| **Total** | $${f(n(3000) - 1)} |\n`],
    [`a list of ${f(n(3000))} line items and a total`, () => 'Costs:\n' + '- Item: $5/month\n'.repeat(n(3000)) + '- Total: $1/month\n'],
    [`an unclosed fence of ${f(n(3000))} lines`, () => '```\n' + '- Cost: $5\n'.repeat(n(3000))],
  ];
  for (const [name, make, todo] of PATHOLOGICAL) {
    it(`finishes on ${name}`, { todo: todo ?? false }, () => void check(make(), { maxSize: Infinity }));
  }

  it('fix-all reaches a fixed point, and fixing again changes nothing', () => {
    const plan = fc
      .array(
        fc.record({
          users: fc.integer({ min: 1, max: 200 }).map((n) => n * 50),
          costs: fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 2, maxLength: 4 }),
          totalError: fc.oneof(fc.constant(0), fc.integer({ min: -900, max: 900 })),
          cpuError: fc.oneof(fc.constant(0), fc.integer({ min: -200, max: 200 })),
        }),
        { minLength: 1, maxLength: 3 },
      )
      .map((blocks) =>
        blocks
          .map((b, i) => {
            const total = b.costs.reduce((x, y) => x + y, 0);
            return [
              `## Block ${i + 1}`,
              '',
              `**${b.users.toLocaleString('en-US')} users:**`,
              ...b.costs.map((c, k) => `- ${['Hosting', 'Database', 'Monitoring', 'Email'][k]}: $${c.toLocaleString('en-US')}/month`),
              `- Total: $${Math.max(1, total + b.totalError).toLocaleString('en-US')}/month`,
              `- Cost per user: $${Math.max(0.01, total / b.users + b.cpuError / 100).toFixed(2)}/month`,
              '',
            ].join('\n');
          })
          .join('\n'),
      );
    const shape = (t: string): string => t.replace(/[-−]?\$?\d[\d,]*(?:\.\d+)?/g, '#');
    fc.assert(
      fc.property(plan, (text) => {
        const once = fixAll(text);
        assert.ok(once.rounds <= 10, `no fixed point after 10 rounds:\n${once.text}`);
        const twice = fixAll(once.text);
        assert.equal(twice.text, once.text);
        assert.deepEqual(preferredEdits(check(once.text).findings), []);
        assert.equal(shape(once.text), shape(text), 'fixes only rewrite figures');
        assert.deepEqual(analyze(once.text).findings.filter((f) => f.rule === 'totals').map((f) => f.message), []);
      }),
      runs(120),
    );
  });
});
