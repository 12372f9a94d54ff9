/**
 * Mutation test: every number the checks read in the correct sample is altered, one at a time,
 * by 5% to 50% up or down; the checker must notice at least 95% of the alterations.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyze, formatNumber, type Quantity, type Span } from '../src/engine';
import { sample } from './helpers';

const FACTORS = [0.05, -0.1, 0.2, -0.35, 0.5, -0.05, 0.1, -0.2, 0.35, -0.5, 0.07, -0.15, 0.25, -0.4, 0.45, -0.08];

interface Target {
  span: Span;
  value: number;
  decimals: number;
  write: (v: number) => string;
  percent: boolean;
}

/** Every number a derivation reads or claims: its target and the inputs behind its related locations. */
function checkedNumbers(text: string): Target[] {
  const a = analyze(text);
  const byStart = new Map<number, Quantity>();
  for (const line of a.model!.doc.lines) for (const q of line.quantities) byStart.set(q.span.start, q);
  const targets = new Map<number, Target>();
  const add = (span: Span): void => {
    const q = byStart.get(span.start);
    if (q && q.span.end === span.end) {
      if (q.blank || q.value === 0 || !Number.isFinite(q.value)) return;
      targets.set(q.numberSpan.start, {
        span: q.numberSpan,
        value: Math.abs(q.value) / q.format.scale,
        decimals: q.format.decimals,
        write: (v) => formatNumber(v * q.format.scale, { ...q.format, minus: '' }),
        percent: q.kind === 'percent',
      });
      return;
    }
    // Frontmatter assumptions: a bare YAML number.
    const raw = text.slice(span.start, span.end);
    if (/^\d+(\.\d+)?$/.test(raw) && Number(raw) !== 0) {
      const decimals = raw.includes('.') ? raw.length - raw.indexOf('.') - 1 : 0;
      targets.set(span.start, { span, value: Number(raw), decimals, write: (v) => v.toFixed(decimals), percent: false });
    }
  };
  for (const d of a.derivations) {
    add(d.target.span);
    for (const r of d.related) add(r.span);
  }
  return [...targets.values()].sort((x, y) => x.span.start - y.span.start);
}

function mutate(t: Target, factor: number): string {
  let f = factor;
  if (t.percent && t.value <= 100 && t.value * (1 + f) > 100) f = -Math.abs(f);
  const original = t.write(t.value);
  let text = t.write(t.value * (1 + f));
  if (text === original) {
    const step = Math.pow(10, -t.decimals) * Math.sign(f);
    text = t.write(t.value + step);
  }
  return text;
}

it('catches at least 95% of single-number mutations of the correct sample', () => {
  const text = sample('correct-plan.md');
  assert.deepEqual(analyze(text).findings, [], 'the correct sample must start clean');
  const targets = checkedNumbers(text);
  assert.ok(targets.length >= 60, `only ${targets.length} checked numbers`);
  const missed: string[] = [];
  targets.forEach((t, i) => {
    const replacement = mutate(t, FACTORS[i % FACTORS.length]!);
    const mutated = text.slice(0, t.span.start) + replacement + text.slice(t.span.end);
    const caught = analyze(mutated).findings.some((f) => f.severity === 'error' || f.severity === 'warning');
    if (!caught) {
      const line = text.slice(0, t.span.start).split('\n').length;
      missed.push(`line ${line}: ${text.slice(t.span.start, t.span.end)} → ${replacement}`);
    }
  });
  const caught = targets.length - missed.length;
  const rate = (100 * caught) / targets.length;
  console.log(`mutation: caught ${caught} of ${targets.length} alterations (${rate.toFixed(1)}%)`);
  if (missed.length) console.log(`mutation: missed ${missed.join('; ')}`);
  assert.ok(rate >= 95, `caught ${rate.toFixed(1)}%, below 95%`);
});

it('catches a share raised so far that the shares before the last already pass 100%', () => {
  const text = sample('correct-plan.md');
  const mutated = text.replace('- Content and SEO: 38%', '- Content and SEO: 57%');
  assert.notEqual(mutated, text);
  const found = analyze(mutated).findings.map((f) => [f.rule, f.severity, f.message]);
  assert.deepEqual(found, [['shares', 'error', 'Shares add up to 119% (57% + 27% + 21% + 14%), more than the 100% they make up']]);
});
