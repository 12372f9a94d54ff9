/**
 * The editor features the server converts (src/engine/features), checked without a server:
 * on generated plan-like text and on every sample they never throw, every span they return
 * lies inside the document, and their edits touch only what they claim to.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, applyEdits, stageModel, type Span } from '../src/engine';
import {
  completionsAt,
  diffEdits,
  documentSymbols,
  fillAll,
  fixAll,
  foldingRanges,
  globToRegExp,
  hoverAt,
  lenses,
  matchesGlob,
  type StagePlan,
  type SymbolData,
} from '../src/engine/features';
import { fromStageModel } from '../server/src/stages';
import { FIXTURES, ROOT } from './fixtures/server/lsp-client';

const FRAGMENTS = [
  '# Plan\n', '## Costs\n', '```\n', '```sql\n', '---\nscaling-plan: 1\n---\n', '\n', '\n\n',
  'Stage 1: Seed (0-100 users)\n', 'Stage 2: Growth (100-1,000 users)\n', '### Phase 3: Scale (1K-10K users)\n',
  '100 users:\n', '- Hosting: $50/month\n', '- Database: $30/month\n', '- Total: $90/month\n', '- Total: $___/month\n',
  '- Cost per user: $0.80/month (-20%)\n', '- Revenue: $1,500/month\n', '- Gross margin: 95%\n', '- Profit: -$1,200/month\n',
  'Uptime: 99.9% (43 minutes downtime/month)\n', 'Uptime: ___% (4.32 minutes downtime/month)\n', '- Stability: 7/10\n',
  'Overall score: ___/20\n', '| Users | Cost |\n|---|---|\n| 100 | $90 |\n', 'Assuming $15/month ARPU:\n', '- ROI: ___%\n',
  '- Upfront cost: $6,000\n', '- Monthly savings: $500/month\n', '- Payback: ___ months\n', 'é🎉 ', '\u0000', '\ud83d', '> quote\n',
  '  - nested: $5\n', 'We grow 20% month over month.\n', 'by 5,000 users\n', '500 × $18.99 = $9,495\n', '6x cheaper than $600/month\n',
];

const planLike = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 40 }).map((parts) => parts.join(''));

function within(span: Span, length: number): boolean {
  return span.start >= 0 && span.end >= span.start && span.end <= length;
}

function stagesOf(text: string): { analysis: ReturnType<typeof analyze>; stages: StagePlan } {
  const analysis = analyze(text);
  return { analysis, stages: analysis.model ? fromStageModel(stageModel(analysis.model)) : { stages: [] } };
}

/** Runs every feature over `text`, asserting spans and lines stay inside it. */
function exercise(text: string, step: number): void {
  const { analysis, stages } = stagesOf(text);
  const model = analysis.model;
  if (!model) return;
  const lineCount = model.doc.lines.length;
  for (const l of lenses(analysis, stages)) {
    assert.ok(l.line >= 0 && l.line < lineCount, `lens line ${l.line}`);
    assert.ok(within(l.span, text.length));
  }
  const walk = (list: SymbolData[]): void => {
    for (const s of list) {
      assert.ok(within(s.span, text.length) && within(s.selection, text.length));
      walk(s.children);
    }
  };
  walk(documentSymbols(model, stages));
  for (const f of foldingRanges(model)) assert.ok(f.startLine < f.endLine && f.endLine < lineCount);
  for (let offset = 0; offset <= text.length; offset += step) {
    const h = hoverAt({ analysis, stages, uri: 'file:///p.md' }, offset);
    if (h) assert.ok(within(h.span, text.length));
    for (const c of completionsAt(analysis, stages, offset)) assert.ok(within(c.span, text.length));
  }
}

describe('editor features', () => {
  it('never throw and keep every span inside the document (generated plans)', () => {
    fc.assert(
      fc.property(planLike, (text) => {
        exercise(text, 3);
      }),
      { numRuns: 150 },
    );
  });

  it('fix-all and fill-all edit only what changed, and a second run changes nothing', () => {
    fc.assert(
      fc.property(planLike, (text) => {
        const fixed = fixAll(text, {});
        assert.equal(applyEdits(text, fixed.edits), fixed.text);
        if (fixed.fixedPoint) assert.deepEqual(fixAll(fixed.text, {}).edits, []);
        const filled = fillAll(text, {});
        assert.equal(applyEdits(text, filled.edits), filled.text);
        for (const e of filled.edits) assert.match(text.slice(e.span.start, e.span.end), /^_+$/, 'fills replace blanks only');
      }),
      { numRuns: 100 },
    );
  });

  it('diffEdits turns one text into the other with edits inside changed numbers', () => {
    fc.assert(
      fc.property(planLike, fc.integer({ min: 0, max: 9 }), (text, digit) => {
        const after = text.replace(/\d/g, (d) => String((Number(d) + digit) % 10));
        const edits = diffEdits(text, after);
        assert.equal(applyEdits(text, edits), after);
        for (const e of edits) assert.match(text.slice(e.span.start, e.span.end), /^[\d.,]*$/);
      }),
      { numRuns: 200 },
    );
  });

  const samples = [join(ROOT, 'samples'), resolve(ROOT, '..', 'shared', 'seeds'), FIXTURES]
    .filter((d) => existsSync(d))
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.md')).map((f) => join(d, f)));
  for (const path of samples) {
    it(`never throw on ${path.replace(ROOT + '/', '').replace(/^.*\/shared\//, 'shared/')}`, () => {
      exercise(readFileSync(path, 'utf8'), 7);
    });
  }

  it('hovers a score total that cannot fit its items with the check, its inputs and its fixes', () => {
    const text = readFileSync(join(ROOT, 'samples', 'planted-errors.md'), 'utf8');
    const { analysis, stages } = stagesOf(text);
    const at = text.indexOf('28/60');
    const h = hoverAt({ analysis, stages, uri: 'file:///p.md' }, at + 2);
    assert.deepEqual(h?.span, { start: at, end: at + 5 });
    const lines = h!.markdown.split('\n');
    assert.equal(lines[0], '**28/60** (score-total)');
    assert.equal(lines[2], 'Score total 28/60 cannot fit its 5 items scored out of 10: 5 items × 10 = 50, or 2 group averages × 10 = 20.');
    assert.equal(lines[lines.length - 1], 'Fixes: Change the total to /50; Change the total to /20.');
    assert.ok(lines.includes('Inputs:'), h!.markdown);
  });

  it('match globs like the settings describe', () => {
    assert.ok(matchesGlob('/work/app/docs/plan.md', 'docs/*.md'));
    assert.ok(matchesGlob('docs/scaling/plan.md', '**/scaling/*.md'));
    assert.ok(matchesGlob('/a/b/SCALING-2025.md', 'SCALING-*.md'));
    assert.ok(matchesGlob('/a/plans/q1.markdown', 'plans/*.{md,markdown}'));
    assert.ok(!matchesGlob('/a/docs/sub/plan.md', 'docs/*.md'));
    assert.ok(!matchesGlob('/a/README.md', '/docs/**'));
    assert.ok(matchesGlob('/docs/x/y.md', '/docs/**'));
    assert.equal(globToRegExp('a[!b]c?.md').test('axcd.md'), true);
  });
});
