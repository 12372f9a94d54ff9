/**
 * Plan detection without parsing (`mayBePlan`, `selectBeforeAnalysis`): it may only rule out
 * documents the full detection would also rule out, never a plan.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { planOfSize } from '../bench/generate';
import { analyze, detectPlan } from '../src/engine';
import { mayBePlan } from '../src/engine/detect';
import { selectBeforeAnalysis } from '../src/engine/features';
import { hasSeeds, ROOT, SEEDS } from './helpers';

function files(dir: string): [string, string][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f): [string, string] => [f, readFileSync(join(dir, f), 'utf8')]);
}

const corpus: [string, string][] = [
  ...files(join(ROOT, 'samples')),
  ...files(join(ROOT, 'test', 'fixtures', 'cli')),
  ...files(join(ROOT, 'test', 'fixtures', 'server')),
  ...(hasSeeds ? files(SEEDS) : []),
  ['README.md', readFileSync(join(ROOT, 'README.md'), 'utf8')],
  ['a generated plan', planOfSize(60 * 1024)],
];

const isPlan = (text: string): boolean => detectPlan(analyze(text, { maxSize: Infinity }).model!).isPlan;

describe('detection before analysis', () => {
  it('never rules out a document the full detection takes for a plan', () => {
    let plans = 0;
    for (const [name, text] of corpus) {
      if (!isPlan(text)) continue;
      plans++;
      assert.equal(mayBePlan(text), true, name);
    }
    assert.ok(plans >= 8, `${plans} plans in the corpus`);
  });

  it('never rules out a plan among random documents made of plan lines', () => {
    const pieces = [
      '## Stage 2: Growth (500-2,000 users)', 'Stage 1 (0-500 users):', '**Phase 3: Scale (10K+ users)**', '| Stage | Users | Cost |', '| 1 | 0-100 users | $50/month |',
      '- Hosting: $120/month', '- Total: $300/month', 'Uptime: 99.9% (43 minutes/month)', 'availability 99.5%', '# Scaling Plan', '## Growth roadmap', 'Score: 7/10',
      'Total: ___/50', 'Some prose about the product.', '```', '```sql', 'SELECT 1;', '<div>', '> quoted 100-500 users', '', '---', 'scaling-plan: 1', '    indented $5/month', 'a'.repeat(2100),
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }), (lines) => {
        const text = lines.join('\n');
        if (isPlan(text)) assert.equal(mayBePlan(text), true, text);
      }),
      { numRuns: 1500, seed: 5 },
    );
  });

  it('rules out markdown with nothing of a plan in it', () => {
    assert.equal(mayBePlan('# Changelog\n\n## 2.1.0\n\n- Faster start-up.\n- Fixed a crash on empty config files.\n'), false);
    assert.equal(mayBePlan('# Widget\n\nInstall it with `npm i widget`. Pricing: $5/month.\n'), false);
    assert.equal(mayBePlan(''), false);
  });

  it('decides what it can before an analysis, and always for a document above the size limit', () => {
    const plan = readFileSync(join(ROOT, 'samples', 'correct-plan.md'), 'utf8');
    const changelog = '# Changelog\n\n- Fixed a crash.\n'.repeat(10);
    assert.deepEqual(selectBeforeAnalysis(changelog, ['/w/CHANGELOG.md'], []), { isPlan: false, reason: 'no plan content' });
    assert.deepEqual(selectBeforeAnalysis(changelog, ['/w/docs/CHANGELOG.md'], ['docs/*.md']), { isPlan: true, reason: 'matches docs/*.md' });
    assert.equal(selectBeforeAnalysis(plan, ['/w/plan.md'], []), undefined, 'a plan is analysed');
    assert.equal(selectBeforeAnalysis(`---\ntitle: Notes\n---\n${changelog}`, ['/w/notes.md'], []), undefined, 'frontmatter is left to the analysis');
    // Above the limit nothing is analysed: frontmatter, globs and the start of the text decide.
    assert.deepEqual(selectBeforeAnalysis(changelog, ['/w/CHANGELOG.md'], [], 100), { isPlan: false, reason: 'no plan content' });
    assert.deepEqual(selectBeforeAnalysis(`---\nscaling-plan: 1\n---\n${changelog}`, ['/w/x.md'], [], 100), { isPlan: true, reason: 'frontmatter' });
    assert.deepEqual(selectBeforeAnalysis(plan.replace(/^---[\s\S]*?---\n/, ''), ['/w/x.md'], [], 4000), { isPlan: true, reason: 'plan content' });
  });
});
