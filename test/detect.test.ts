/**
 * Which markdown documents are plans (src/engine/features/selection.ts): `detectPlan` from an
 * analysis (frontmatter, then the evidence of the content), `selectDocument` (frontmatter, then
 * the configured globs, then the content) and `globMatcher` (picomatch, globs matched against
 * the end of a path unless they start with `/`).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { detectPlan, globMatcher, hasPlanFrontmatter, selectDocument } from '../src/engine/features';
import { analyze, depth, hasSeeds, ROOT, SEEDS } from './helpers';

function files(dir: string): [string, string][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f): [string, string] => [f, readFileSync(join(dir, f), 'utf8')]);
}

const detect = (text: string, maxSize?: number): { isPlan: boolean; reason: string } => detectPlan(analyze(text, maxSize === undefined ? {} : { maxSize }));
const withoutFrontmatter = (text: string): string => text.replace(/^---\n[\s\S]*?\n---\n/, '');

describe('detectPlan: frontmatter first', () => {
  it('a `scaling-plan` key in opening frontmatter makes a plan, whatever the content', () => {
    assert.deepEqual(detect('---\nscaling-plan: 1\n---\n# Notes\n\nNothing staged here.\n'), { isPlan: true, reason: 'frontmatter' });
    assert.deepEqual(detect('---\nscaling-plan: true\nproduct: Ledgerly\n---\n'), { isPlan: true, reason: 'frontmatter' });
    // An invalid value still names the document a plan: the schema reports it as a finding.
    const invalid = analyze('---\nscaling-plan: 0\n---\n# x\n');
    assert.deepEqual(detectPlan(invalid), { isPlan: true, reason: 'frontmatter' });
    assert.deepEqual(invalid.findings.map((f) => f.rule), ['frontmatter']);
  });

  it('other tools\' frontmatter, and `---` further down, do not', () => {
    assert.deepEqual(detect('---\ntitle: Release notes\ntags: [a, b]\n---\n# Notes\n'), { isPlan: false, reason: 'no stages, cost blocks or scaling headings' });
    assert.deepEqual(detect('# Notes\n\n---\nscaling-plan: 1\n---\n'), { isPlan: false, reason: 'no stages, cost blocks or scaling headings' });
  });

  it('hasPlanFrontmatter reads the same key from the first 8 KB of the text, without an analysis', () => {
    assert.equal(hasPlanFrontmatter('---\nscaling-plan: 1\n---\n'), true);
    assert.equal(hasPlanFrontmatter('\uFEFF---\r\nproduct: X\r\nscaling-plan: 1\r\n---\r\n'), true);
    assert.equal(hasPlanFrontmatter('---\ntitle: x\n---\nscaling-plan: 1\n'), false, 'after the frontmatter closes');
    assert.equal(hasPlanFrontmatter('# x\n---\nscaling-plan: 1\n---\n'), false, 'not opening the text');
    assert.equal(hasPlanFrontmatter(`---\n${'# comment\n'.repeat(900)}scaling-plan: 1\n---\n`), false, 'beyond the first 8 KB');
  });

  it('a `scaling-plan` key nested under another key is not top-level: detectPlan agrees with hasPlanFrontmatter', () => {
    const text = '---\nmeta:\n  scaling-plan: 1\n---\n# Notes\n';
    assert.equal(hasPlanFrontmatter(text), false);
    assert.equal(detect(text).isPlan, false);
    assert.deepEqual(analyze(text).findings, []);
  });
});

describe('detectPlan: the evidence of the content', () => {
  const NOT = { isPlan: false, reason: 'no stages, cost blocks or scaling headings' };

  it('two stage titles with user ranges', () => {
    assert.deepEqual(detect('Stage 1: Launch (0-100 users)\nStage 2: Growth (100-1,000 users)\n'), { isPlan: true, reason: 'stage ranges' });
    assert.deepEqual(detect('| Stage | Users | Cost |\n|---|---|---|\n| Stage 1 | 0-100 users | $50/month |\n| Stage 2 | 100-1,000 users | $200/month |\n'), { isPlan: true, reason: 'stage ranges' });
    assert.deepEqual(detect('Stage 1: Launch (0-100 users)\n'), NOT, 'one range is not enough');
  });

  it('two stage titles with a cost per period', () => {
    assert.deepEqual(detect('## Stage 1: Launch\n\n- Hosting: $50/month\n\n## Stage 2: Growth\n\n- Hosting: $100/month\n'), { isPlan: true, reason: 'stages with figures' });
    assert.deepEqual(detect('## Stage 1: Launch\n\n## Stage 2: Growth\n'), NOT, 'stage titles without figures');
  });

  it('a scaling heading with one stage and a cost', () => {
    assert.deepEqual(detect('# Scaling plan\n\n## Stage 1: Launch\n\n- Hosting: $50/month\n'), { isPlan: true, reason: 'scaling headings with stages and costs' });
    assert.deepEqual(detect('# Notes\n\n## Stage 1: Launch\n\n- Hosting: $50/month\n'), NOT);
  });

  it('a cost block of three costs per period with an uptime', () => {
    assert.deepEqual(detect('# Costs\n\n- Hosting: $50/month\n- Database: $30/month\n- Email: $10/month\n- Uptime: 99.9%\n'), { isPlan: true, reason: 'cost blocks' });
    assert.deepEqual(detect('# Costs\n\n- Hosting: $50/month\n- Database: $30/month\n- Email: $10/month\n'), NOT, 'costs alone');
    assert.deepEqual(detect('# Costs\n\n- Hosting: $50/month\n- Database: $30/month\n- Uptime: 99.9%\n'), NOT, 'two costs');
  });

  it('a scaling worksheet of four scores', () => {
    const scores = '- Reliability: 7/10\n- Performance: 6/10\n- Support: 5/10\n- Runbooks: 4/10\n';
    assert.deepEqual(detect(`# Scaling plan readiness\n\n${scores}`), { isPlan: true, reason: 'a scaling worksheet with scores' });
    assert.deepEqual(detect(`# Team review\n\n${scores}`), NOT, 'scores under another heading');
    assert.deepEqual(detect('# Scaling plan readiness\n\n- Reliability: 7/10\n- Performance: 6/10\n- Support: 5/10\n'), NOT, 'three scores');
  });

  it('ordinary markdown is not a plan', () => {
    assert.deepEqual(detect(''), NOT);
    assert.deepEqual(detect('# Changelog\n\n## 2.1.0\n\n- Faster start-up.\n- Fixed a crash on empty config files.\n'), NOT);
    assert.deepEqual(detect('# Widget\n\nInstall it with `npm i widget`. Pricing: $5/month.\n'), NOT);
    // Stage ranges inside program code are not the document's own.
    assert.deepEqual(detect('```js\nconst a = "Stage 1: Launch (0-100 users)";\nconst b = "Stage 2: Growth (100-1,000 users)";\n```\n'), NOT);
    assert.deepEqual(detect(readFileSync(join(ROOT, 'README.md'), 'utf8')), NOT);
  });

  it('an unanalysed document (above the size limit) is not decided from its content', () => {
    assert.deepEqual(detect(`# Scaling plan\n\nStage 1: Launch (0-100 users)\nStage 2: Growth (100-1,000 users)\n${'x\n'.repeat(1000)}`, 1024), { isPlan: false, reason: 'not analysed' });
  });

  it('an unanalysed document is a plan by the head of its frontmatter, as hasPlanFrontmatter reads it', () => {
    const big = `---\nproduct: Ledgerly\nscaling-plan: 1\n---\n# Notes\n${'x\n'.repeat(1000)}`;
    assert.equal(analyze(big, { maxSize: 1024 }).model, undefined);
    assert.deepEqual(detect(big, 1024), { isPlan: true, reason: 'frontmatter' });
    assert.deepEqual(detect(`---\nmeta:\n  scaling-plan: 1\n---\n${'x\n'.repeat(1000)}`, 1024), { isPlan: false, reason: 'not analysed' });
  });
});

describe('detectPlan over the samples and fixtures', () => {
  const expected: Record<string, string | false> = {
    'samples/correct-plan.md': 'stage ranges',
    'samples/planted-errors.md': 'stage ranges',
    'samples/readiness-worksheet.md': 'a scaling worksheet with scores',
    'samples/stage-errors.md': 'stage ranges',
    'test/fixtures/cli/blanks.md': 'stage ranges',
    'test/fixtures/cli/broken-frontmatter.md': 'stage ranges',
    'test/fixtures/cli/empty.md': false,
    'test/fixtures/cli/notes.md': false,
    'test/fixtures/cli/right-plan.md': 'stage ranges',
    // Three costs and a total, but no stage, uptime or user range: checked only when named.
    'test/fixtures/cli/unicode.md': false,
    'test/fixtures/cli/wrong-plan.md': 'stage ranges',
  };

  it('each is a plan by its content alone (frontmatter removed), or not a plan at all', () => {
    const got: Record<string, string | false> = {};
    for (const dir of ['samples', 'test/fixtures/cli']) {
      for (const [name, text] of files(join(ROOT, dir))) {
        const d = detect(withoutFrontmatter(text));
        got[`${dir}/${name}`] = d.isPlan ? d.reason : false;
      }
    }
    assert.deepEqual(got, expected);
  });

  it('with its frontmatter, a plan that has one is a plan by its frontmatter', () => {
    for (const [path, reason] of Object.entries(expected)) {
      const text = readFileSync(join(ROOT, path), 'utf8');
      const d = detect(text);
      if (hasPlanFrontmatter(text)) assert.deepEqual(d, { isPlan: true, reason: 'frontmatter' }, path);
      else assert.equal(d.isPlan, reason !== false, path);
    }
  });

  it('every reference plan in ../shared/seeds is a plan', { skip: hasSeeds ? false : `reference plans not found at ${SEEDS}; skipped` }, () => {
    for (const [name, text] of files(SEEDS)) assert.equal(detect(text).isPlan, true, name);
  });

  it('removing the frontmatter of a plan, or adding lines of prose, never changes a content decision into "not a plan"', () => {
    const plans = [...files(join(ROOT, 'samples')), ...files(join(ROOT, 'test', 'fixtures', 'cli'))].map(([, t]) => withoutFrontmatter(t)).filter((t) => detect(t).isPlan);
    const prose = fc.constantFrom('Some prose about the product.', '', '> A quote.', '- A point without figures', '### Notes');
    fc.assert(
      fc.property(fc.constantFrom(...plans), fc.array(prose, { maxLength: 6 }), fc.nat(), (plan, extra, at) => {
        const lines = plan.split('\n');
        // Prose inserted between lines outside code blocks (a fence must not be split).
        const fences = lines.map((l, i) => (/^\s*```/.test(l) ? i : -1)).filter((i) => i >= 0);
        const outside = lines.map((_, i) => i).filter((i) => fences.filter((f) => f < i).length % 2 === 0);
        const k = outside[at % outside.length]!;
        const text = [...lines.slice(0, k), '', ...extra, '', ...lines.slice(k)].join('\n');
        assert.equal(detect(text).isPlan, true, text);
      }),
      { numRuns: depth(60, 15), seed: 7 },
    );
  });
});

describe('globMatcher', () => {
  const matches = (globs: unknown[], path: string): boolean => globMatcher(globs as string[]).match(path);

  it('a relative glob matches the end of a path, at a folder boundary', () => {
    assert.equal(matches(['docs/*.md'], '/work/app/docs/plan.md'), true);
    assert.equal(matches(['docs/*.md'], 'docs/plan.md'), true);
    assert.equal(matches(['docs/*.md'], '/work/app/docs/sub/plan.md'), false, '* stays in one folder');
    assert.equal(matches(['docs/*.md'], '/work/app/mydocs/plan.md'), false, 'not inside a folder name');
    assert.equal(matches(['docs/plans/**/*.md'], '/w/docs/plans/2025/q1/growth.md'), true);
    assert.equal(matches(['docs/plans/**/*.md'], '/w/docs/notes/growth.md'), false);
  });

  it('a glob starting with / matches from the root; ./ is dropped', () => {
    assert.equal(matches(['/docs/**'], '/docs/a/b.md'), true);
    assert.equal(matches(['/docs/**'], '/work/docs/a.md'), false);
    assert.equal(matches(['./plans/*.md'], '/w/plans/a.md'), true);
    assert.equal(matches(['./plans/*.md'], '/w/plans/a.txt'), false);
  });

  it('matches dot-folders, braces and extglobs as picomatch does, and Windows separators', () => {
    assert.equal(matches(['*.plan.md'], '/w/.drafts/a.plan.md'), true);
    assert.equal(matches(['docs/{plan,roadmap}.md'], '/w/docs/roadmap.md'), true);
    assert.equal(matches(['docs/{plan,roadmap}.md'], '/w/docs/other.md'), false);
    assert.equal(matches(['docs/!(draft).md'], '/w/docs/draft.md'), false);
    assert.equal(matches(['docs/!(draft).md'], '/w/docs/final.md'), true);
    assert.equal(matches(['docs/*.md'], 'C:\\work\\docs\\plan.md'), true);
  });

  it('any of several globs will do; none matches nothing', () => {
    assert.equal(matches(['a/*.md', 'b/*.md'], '/w/b/x.md'), true);
    assert.equal(matches([], '/w/b/x.md'), false);
  });

  it('skips what is not a glob, rejects globs that are too long, and reads at most 100', () => {
    assert.deepEqual(globMatcher(['', '   ', 42, null] as unknown as string[]).rejected, []);
    assert.equal(matches(['', '   ', 42, null], '/a.md'), false);
    const long = `${'a'.repeat(501)}/*.md`;
    const r = globMatcher([long, 'docs/*.md']);
    assert.deepEqual(r.rejected, [long]);
    assert.equal(r.match('/w/docs/x.md'), true, 'the other globs still work');
    const many = [...Array.from({ length: 100 }, (_, i) => `x${i}.md`), '*.md'];
    assert.equal(globMatcher(many).match('/w/x99.md'), true);
    assert.equal(globMatcher(many).match('/w/a.md'), false, 'the 101st glob is ignored');
  });
});

describe('selectDocument', () => {
  const plan = readFileSync(join(ROOT, 'samples', 'correct-plan.md'), 'utf8');
  const changelog = '# Changelog\n\n## 2.1.0\n\n- Fixed a crash.\n';
  const { match } = globMatcher(['docs/plans/**/*.md']);

  it('frontmatter first, then the globs, then the content', () => {
    assert.deepEqual(selectDocument(analyze(plan), ['/w/README.md'], match), { isPlan: true, reason: 'frontmatter' });
    assert.deepEqual(selectDocument(analyze(changelog), ['/w/docs/plans/CHANGELOG.md'], match), { isPlan: true, reason: 'matches a glob' });
    assert.deepEqual(selectDocument(analyze(changelog), ['/w/CHANGELOG.md'], match), { isPlan: false, reason: 'no stages, cost blocks or scaling headings' });
    assert.deepEqual(selectDocument(analyze(withoutFrontmatter(plan)), ['/w/plan.md'], match), { isPlan: true, reason: 'stage ranges' });
  });

  it('any of the path\'s forms may match (absolute, or relative to a workspace folder)', () => {
    const relative = globMatcher(['/docs/plans/*.md']).match;
    assert.deepEqual(selectDocument(analyze(changelog), ['/home/me/app/docs/plans/a.md', '/docs/plans/a.md'], relative), { isPlan: true, reason: 'matches a glob' });
    assert.equal(selectDocument(analyze(changelog), ['/home/me/app/docs/plans/a.md'], relative).isPlan, false);
  });

  it('a glob selects a document too large to analyse', () => {
    const big = analyze(changelog.repeat(200), { maxSize: 1024 });
    assert.equal(big.model, undefined);
    assert.deepEqual(selectDocument(big, ['/w/docs/plans/big.md'], match), { isPlan: true, reason: 'matches a glob' });
    assert.deepEqual(selectDocument(big, ['/w/big.md'], match), { isPlan: false, reason: 'not analysed' });
    const framed = analyze(`---\nscaling-plan: 1\n---\n${changelog.repeat(200)}`, { maxSize: 1024 });
    assert.deepEqual(selectDocument(framed, ['/w/big.md'], match), { isPlan: true, reason: 'frontmatter' });
  });
});
