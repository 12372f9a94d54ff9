/**
 * Untrusted settings and unlucky plans: globs go through picomatch with bounded complexity (no
 * glob is turned into a regular expression by hand), duplicate YAML keys are found in one pass
 * (the parser is never asked to compare every pair of keys), and figures are never written with
 * an exponent or as `Infinity` (a fix that would need one is not offered).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { parseConfig } from '../src/engine/config';
import { globMatcher } from '../src/engine/features';
import { blankText, digits, figure, show, writeLike } from '../src/engine/format';
import { analyze, ROOT } from './helpers';
import { ignoreGlobs } from '../src/cli/ignore';

// The module object the engine calls into (a namespace import could not be patched).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('yaml') as typeof import('yaml');

describe('globs', () => {
  it('match as picomatch reads them, relative globs at any depth', () => {
    const { match, rejected } = globMatcher(['docs/*.md', 'plans/**/*.md', '**/*-plan.md', '/srv/app/**', '*.{md,markdown}']);
    assert.deepEqual(rejected, []);
    const yes = ['/w/docs/a.md', '/w/x/plans/a/b/c.md', '/w/growth-plan.md', '/srv/app/x/y.txt', '/w/q/readme.markdown', 'C:\\w\\docs\\a.md'];
    const no = ['/w/docs/a/b.md', '/w/plans.md', '/w/growth-plan.txt', '/srv/other/x.md'];
    for (const p of yes) assert.equal(match(p), true, p);
    for (const p of no.filter((p) => !p.endsWith('.md'))) assert.equal(match(p), false, p);
    assert.equal(globMatcher(['docs/*.md']).match('/w/docs/a/b.md'), false);
  });

  it('refuses globs whose matching could take unbounded time: many wildcards, many alternatives, ranges, repeated extglobs', () => {
    const hostile = [`${'*a'.repeat(30)}b`, '*a*a*b', '**/x/**/y/**/z/*', '*{a,aa,aaa}{b,bb}{c,cc}*', '{1..100000}.md', `{${'a,'.repeat(20)}b}*.md`, 'docs/+(a|aa).md'];
    const { match, rejected } = globMatcher([...hostile, 'docs/*.md']);
    assert.deepEqual(rejected, hostile);
    // The rest still match; a path too long or too deep for any glob matches none.
    assert.equal(match('/w/docs/plan.md'), true);
    assert.equal(match(`/w/${'d/'.repeat(70)}docs/plan.md`), false);
    assert.equal(match(`/w/${'x'.repeat(1100)}/docs/plan.md`), false);
  });

  it('are not turned into regular expressions by hand anywhere (picomatch compiles them)', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    for (const dir of ['src', 'server/src', 'client/src']) walk(join(ROOT, dir));
    const offenders = files.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /glob/i.test(text) && /new RegExp\(|RegExp\(/.test(text);
    });
    assert.deepEqual(offenders, []);
    const users = files.filter((f) => /from 'picomatch'/.test(readFileSync(f, 'utf8'))).map((f) => f.slice(ROOT.length + 1)).sort();
    // One matcher (with its bounds) serves plan globs, config ignores and `--ignore`.
    assert.deepEqual(users, ['src/engine/features/selection.ts']);
  });

  it('`--ignore` globs have the same bounds: a glob too complex to match in bounded time is rejected', () => {
    const globs = ignoreGlobs(['drafts', 'notes/*.md', '*a*a*a*b'], '/repo');
    assert.deepEqual(globs.rejected, ['*a*a*a*b']);
    assert.equal(globs.test('/repo/x/drafts/plan.md', false), true);
    assert.equal(globs.test('/repo/notes/plan.md', false), true);
    assert.equal(globs.test('/repo/x/notes/plan.md', false), false);
    assert.equal(globs.test('/repo/plan.md', false), false);
  });
});

describe('duplicate YAML keys', () => {
  /**
   * Runs `f` with the YAML parser's own duplicate-key check counted: it compares each new key
   * with every earlier one, so asking for it costs n²/2 comparisons for n keys.
   */
  function counted<T>(f: () => T): { result: T; comparisons: number } {
    let comparisons = 0;
    const original = yaml.parseDocument;
    const m = mock.method(yaml, 'parseDocument', (source: string, options: Parameters<typeof original>[1]) => {
      const uniqueKeys = options?.uniqueKeys;
      const counting = (a: unknown, b: unknown): boolean => {
        comparisons++;
        return a === b || (yaml.isScalar(a) && yaml.isScalar(b) && a.value === b.value);
      };
      return original(source, uniqueKeys === false ? options : { ...options, uniqueKeys: counting });
    });
    try {
      return { result: f(), comparisons };
    } finally {
      m.mock.restore();
    }
  }

  it('a config file of 20,000 keys: no pairwise comparison, the duplicate reported', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`);
    keys.push('k17: 2');
    const { result, comparisons } = counted(() => parseConfig(keys.join('\n') + '\n'));
    assert.equal(comparisons, 0);
    assert.equal(result.problems[0]!.message, 'Not valid YAML: the key `k17` is written twice in one mapping.');
    const at = keys.slice(0, -1).join('\n').length + 1;
    assert.deepEqual(result.problems[0]!.span, { start: at, end: at + 3 });
  });

  it('nested and JSON duplicates are found too', () => {
    assert.deepEqual(
      counted(() => parseConfig('rules:\n  totals: off\n  totals: error\n')).result.problems.map((p) => p.message),
      ['Not valid YAML: the key `totals` is written twice in one mapping.'],
    );
    const json = counted(() => parseConfig('{ "month": "30d", "month": "730h" }', true));
    assert.deepEqual(json.result.problems.map((p) => p.message), ['Not valid JSON: the key `month` is written twice in one mapping.']);
    assert.equal(json.comparisons, 0);
  });

  it('a frontmatter of 20,000 keys: no pairwise comparison, one finding', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`);
    const text = `---\nscaling-plan: 1\n${keys.join('\n')}\n---\n\n# Plan\n`;
    const { result, comparisons } = counted(() => analyze(text));
    assert.equal(comparisons, 0);
    assert.deepEqual(result.frontmatter.findings.map((f) => f.message), ["Frontmatter has 20001 keys; a plan's frontmatter has a handful. Not read."]);
  });
});

describe('figures that cannot be written', () => {
  const style = { decimal: '.' as const, group: ',', indian: false };

  it('are never written with an exponent or as Infinity', () => {
    for (const v of [1e21, 1.5e300, Infinity, -Infinity, NaN, Number.MAX_VALUE]) {
      assert.equal(digits(v, style, 2), undefined, String(v));
      assert.equal(figure(v), 'a value too large to write', String(v));
      assert.equal(show(v, { dim: 'money', currency: 'USD', per: 'month' } as never), 'a value too large to write', String(v));
      assert.equal(blankText(v, { dim: 'money' } as never), undefined, String(v));
    }
    assert.equal(writeLike(1e21, { style: { ...style, decimals: 0, scale: 1, scaleText: '' } } as never), undefined);
    assert.equal(figure(123456789012345), '123,456,789,012,345');
  });

  it('a total beyond them gets its finding without a fix, and its message no exponent', () => {
    const big = '600,000,000,000,000,000,000';
    const text = `---\nscaling-plan: 1\n---\n\n# Costs\n\n- Servers: $${big}/month\n- Storage: $${big}/month\n- Total: $1/month\n`;
    const totals = analyze(text).findings.filter((f) => f.rule === 'totals');
    assert.deepEqual(totals.map((f) => [f.message, f.fixes.length]), [[`Total $1/month does not match ${big} + ${big} = a value too large to write`, 0]]);
  });

  it('a figure beyond the largest double is not read as Infinity', () => {
    const huge = '9'.repeat(320);
    const text = `---\nscaling-plan: 1\n---\n\n# Costs\n\n- Servers: $${huge}/month\n- Storage: $1/month\n- Total: $5/month\n`;
    for (const f of analyze(text).findings) assert.doesNotMatch(f.message + JSON.stringify(f.fixes), /Infinity|e\+\d/, f.message);
  });
});
