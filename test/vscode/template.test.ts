/**
 * The new-plan snippet (client/src/template.ts): the engine's plan template (what
 * `scaling-plan init` writes) with the product name as tab stop 1 and every blank a tab stop.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planSnippet } from '../../client/src/template';
import { createPlanService, planTemplate } from '../../src/engine';
import { detectPlan } from '../../src/engine/features';

/** A mirror with a transform: `${1/regex/format/flags}` (no `/` or `}` inside, as planSnippet writes them). */
const TRANSFORM = /\$\{(\d+)\/([^/]*)\/([^/]*)\/([a-z]*)\}/g;

/**
 * What the snippet holds when every tab stop keeps its placeholder and the user has tabbed
 * through (VS Code applies a mirror's transform then): a transform's format is read as VS Code
 * reads it, `\x` for a literal x and `$n` for a group.
 */
function expand(snippet: string): string {
  const values = new Map<string, string>();
  for (const m of snippet.matchAll(/\$\{(\d+):((?:[^}\\]|\\.)*)\}/g)) if (!values.has(m[1]!)) values.set(m[1]!, m[2]!.replace(/\\([\\$}])/g, '$1'));
  const parts = snippet.split(TRANSFORM);
  let out = '';
  for (let i = 0; i < parts.length; i += 5) {
    out += parts[i]!.replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1').replace(/\\([\\$}])/g, '$1');
    if (i + 4 >= parts.length) break;
    const [stop, regex, format, flags] = parts.slice(i + 1, i + 5) as [string, string, string, string];
    const replacement = format.replace(/\\(.)|\$(\d+)|\$/g, (m, escaped: string | undefined, group: string | undefined) => (escaped !== undefined ? escaped.replace('$', '$$$$') : group !== undefined ? m : '$$'));
    out += (values.get(stop) ?? '').replace(new RegExp(regex, flags), replacement);
  }
  return out;
}

/** The snippet without its tab stops and mirrors: the text it inserts as written. */
const withoutStops = (snippet: string): string => snippet.replace(TRANSFORM, '').replace(/\$\{\d+:(?:[^}\\]|\\.)*\}/g, '');

const analyze = (text: string) => createPlanService().analyze(text);

describe('new-plan snippet', () => {
  test('expands to exactly what `scaling-plan init --product` writes', () => {
    assert.equal(expand(planSnippet('Ledgerly')), planTemplate({ product: 'Ledgerly' }));
    assert.equal(expand(planSnippet()), planTemplate({ product: 'Product' }));
  });

  test('the product is tab stop 1, mirrored; then one tab stop per blank, in document order', () => {
    const snippet = planSnippet('Ledgerly');
    const mirrors = snippet.match(/\$\{1:Ledgerly\}/g)?.length ?? 0;
    const escaped = [...snippet.matchAll(TRANSFORM)].map((m) => m[1]);
    assert.equal(mirrors + escaped.length, planTemplate({ product: 'Ledgerly' }).split('Ledgerly').length - 1);
    assert.equal(mirrors, 2, 'title and the first paragraph');
    assert.deepEqual(escaped, ['1'], 'the frontmatter: a mirror of tab stop 1, YAML-escaped');
    assert.match(snippet, /^---\nscaling-plan: 1\nproduct: "\$\{1\/[^}]*\}"\n/);
    const stops = [...snippet.matchAll(/\$\{(\d+):/g)].map((m) => Number(m[1])).filter((n) => n !== 1);
    assert.deepEqual(stops, stops.map((_, i) => i + 2), 'tab stops numbered 2, 3, 4, … in document order');
    assert.equal(stops.length, planTemplate({ product: 'Ledgerly' }).match(/_{3,}/g)!.length);
    // Each stop holds its blank as the placeholder.
    for (const m of snippet.matchAll(/\$\{(\d+):([^}]*)\}/g)) if (m[1] !== '1') assert.match(m[2]!, /^_{3,}$/);
  });

  test('literal $, } and \\ are escaped, in the template and in the product name', () => {
    const snippet = planSnippet('Cash$}\\Co');
    assert.doesNotMatch(withoutStops(snippet), /(?<!\\)\$/);
    assert.ok(snippet.includes('# ${1:Cash\\$\\}\\\\Co} Scaling Plan'));
    assert.equal(expand(planSnippet('Cash$}Co')), planTemplate({ product: 'Cash$}Co' }));
    assert.equal(expand(planSnippet('Ledgerly')).includes('$___/month'), true);
  });

  test('a product name with " or \\ gives the frontmatter init writes (YAML-escaped)', () => {
    for (const product of ['Acme "Pro"', 'Cash$}\\Co', 'a\\"b\\\\"c', '"', '\\']) {
      const text = expand(planSnippet(product));
      assert.equal(text, planTemplate({ product }), product);
      assert.deepEqual(analyze(text).findings.filter((f) => f.rule === 'frontmatter').map((f) => f.message), [], product);
    }
  });

  test('what it inserts is a plan with no error, its blanks hints', () => {
    const text = expand(planSnippet('Ledgerly'));
    const a = analyze(text);
    assert.deepEqual(detectPlan(a), { isPlan: true, reason: 'frontmatter' });
    assert.deepEqual(a.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`), []);
    const blanks = a.findings.filter((f) => f.rule === 'blanks');
    assert.equal(blanks.length, text.match(/_{3,}/g)!.length, 'the product is named: every blank is in the body');
    assert.ok(blanks.every((f) => f.severity === 'hint'));
  });

  test('what it inserts has no finding but its blanks', () => {
    const a = analyze(expand(planSnippet('Ledgerly')));
    assert.deepEqual(a.findings.filter((f) => f.rule !== 'blanks').map((f) => `${f.rule}: ${f.message}`), []);
  });
});
