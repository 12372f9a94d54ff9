/**
 * The new-plan snippet (client/src/template.ts): the engine's plan template (what
 * `scaling-plan init` writes) with the product name as tab stop 1 and every blank a tab stop.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planSnippet } from '../../client/src/template';
import { analyze, detectPlan } from '../../src/engine';
import { planTemplate } from '../../src/engine/template';

/** What the snippet inserts when every tab stop keeps its placeholder. */
function expand(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\([\\$}])/g, '$1');
}

describe('new-plan snippet', () => {
  test('expands to exactly what `scaling-plan init --product` writes', () => {
    assert.equal(expand(planSnippet('Ledgerly')), planTemplate({ product: 'Ledgerly' }));
  });

  test('the product is tab stop 1, mirrored; then one tab stop per blank, in document order', () => {
    const snippet = planSnippet('Ledgerly');
    const mirrors = snippet.match(/\$\{1:Ledgerly\}/g)?.length ?? 0;
    assert.equal(mirrors, planTemplate({ product: 'Ledgerly' }).split('Ledgerly').length - 1);
    assert.ok(mirrors >= 2, 'frontmatter and title at least');
    const stops = [...snippet.matchAll(/\$\{(\d+):/g)].map((m) => Number(m[1])).filter((n) => n !== 1);
    assert.deepEqual(stops, stops.map((_, i) => i + 2), 'tab stops numbered 2, 3, 4, … in document order');
    assert.equal(stops.length, planTemplate({ product: 'Ledgerly' }).match(/_{3,}/g)!.length);
  });

  test('literal $, } and \\ are escaped, in the template and in the product name', () => {
    const snippet = planSnippet('Cash$}\\Co');
    assert.doesNotMatch(snippet.replace(/\$\{\d+:(?:[^}\\]|\\.)*\}/g, ''), /(?<!\\)\$/);
    assert.equal(expand(planSnippet('Ledgerly')).includes('$___/month'), true);
  });

  test('what it inserts is a plan whose only findings are blanks and, at most, the missing assumptions', () => {
    const a = analyze(expand(planSnippet('Ledgerly')));
    assert.ok(a.model && detectPlan(a.model).isPlan);
    const others = a.findings.filter((f) => f.rule !== 'blanks');
    assert.deepEqual(others.map((f) => `${f.rule}: ${f.message}`), []);
    assert.ok(a.findings.length > 40);
  });
});
