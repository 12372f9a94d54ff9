/**
 * Analysis grows linearly with the document: shapes that used to take quadratic time (each
 * total reading every row above it, each failing figure every other one) are analysed at n and
 * at 4n copies, and each gives exactly the findings it should. Nothing here is timed (the
 * timings are `npm run bench -- scaling`); a shape gone quadratic again shows as a test that
 * takes minutes instead of a second.
 *
 * The searches that are bounded are pinned by what they report just inside and just outside
 * their bound: the readings of a total over every item above it (MAX_TOTALS_ABOVE totals
 * above), the blocks a total opening its own block reads one line of (MAX_BLOCKS_ABOVE), and
 * the numeric columns of a table whose formulas are read (MAX_FORMULA_COLUMNS).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlanService, type EngineOptions, type Finding } from '../src/engine';
import { Flag, MAX_NESTING } from '../src/engine/markdown';
import { MAX_FORMULA_COLUMNS } from '../src/engine/rules/table-formulas';
import { MAX_BLOCKS_ABOVE, MAX_TOTALS_ABOVE } from '../src/engine/rules/totals';
import { depth, FULL } from './helpers';

/** Copies of each shape: n and 4n (the fast loop reads n = 100 only). */
const N = depth(200, 100);

function findings(text: string, options: Partial<EngineOptions> = {}): Finding[] {
  return createPlanService().analyze(text, { maxSize: 1e9, ...options }).findings;
}

/** Findings of a rule, by line (1-based). */
function linesOf(text: string, rule: string, options: Partial<EngineOptions> = {}): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === '\n') starts.push(k + 1);
  const line = (offset: number): number => {
    let a = 0;
    let b = starts.length;
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if (starts[m]! <= offset) a = m;
      else b = m;
    }
    return a + 1;
  };
  return findings(text, options)
    .filter((f) => f.rule === rule)
    .map((f) => line(f.span.start));
}

/** A shape, and the number of findings (of every rule) a document of n copies has. */
const SHAPES: { name: string; text: (n: number) => string; count: (n: number) => number; options?: Partial<EngineOptions> }[] = [
  { name: 'Total lines, one after another', text: (n) => 'Total: $5\n'.repeat(n), count: () => 0 },
  { name: 'Total lines with the totals rule off', text: (n) => 'Total: $5\n'.repeat(n), count: () => 0, options: { rules: { totals: 'off' } } },
  { name: 'Total lines in a fenced block', text: (n) => '```\n' + 'Total: $5\n'.repeat(n) + '```\n', count: () => 0 },
  // Each total after the first adds the total above and its item: $2, not $1.
  { name: 'an item and a total, repeated', text: (n) => 'A: $1\nTotal: $1\n'.repeat(n), count: (n) => n - 1 },
  { name: 'a list of an item and a total, repeated', text: (n) => '- A: $1\n- Total: $1\n'.repeat(n), count: (n) => n - 1 },
  { name: 'a table of an item and a total, repeated', text: (n) => '| Item | Cost |\n|---|---|\n' + '| A | $1 |\n| Total | $1 |\n'.repeat(n), count: (n) => n - 1 },
  { name: 'table rows that are all totals', text: (n) => '| Item | Cost |\n|---|---|\n' + '| Total | $5 |\n'.repeat(n), count: () => 0 },
  // Running subtotals, each the one above and its item: all hold; the last total is wrong.
  { name: 'running subtotals', text: (n) => Array.from({ length: n }, (_, k) => `- A: $1\n- Subtotal: $${k + 1}\n`).join('') + `- Total: $${n + 5}\n`, count: () => 1 },
  // One long list under one total (the items that sum others are looked for once each).
  { name: 'a long list under one total', text: (n) => '- A: $1\n- B: $1\n' + '- C: $2\n'.repeat(n) + `- Total: $${2 * n + 2}\n`, count: () => 0 },
  { name: 'tables each followed by a Total line', text: (n) => '| Item | Cost |\n|---|---|\n| A | $1 |\n| B | $2 |\n\nTotal: $3\n\n'.repeat(n), count: () => MAX_BLOCKS_ABOVE - 1 },
];

describe('analysis of n and 4n copies gives the findings it should (linear work)', () => {
  for (const shape of SHAPES) {
    it(shape.name, () => {
      // The fast loop reads n copies only; a full run reads n and 4n.
      for (const n of FULL ? [N, 4 * N] : [N]) {
        const got = findings(shape.text(n), shape.options);
        assert.equal(got.length, shape.count(n), `${shape.name}, ${n} copies: ${got.slice(0, 3).map((f) => f.message).join(' | ')}`);
      }
    });
  }
});

describe('bounded searches: just inside and just outside the bound', () => {
  it(`a total is read over every item above it with at most ${MAX_TOTALS_ABOVE} totals above`, () => {
    // Groups of two items and their subtotal, then a tax and the grand total: only "every item
    // above" (or "the totals above") reads the grand total right.
    const plan = (groups: number): string => '- A: $1\n- B: $1\n- Subtotal: $2\n'.repeat(groups) + `- Tax: $1\n- Total: $${2 * groups + 1}\n`;
    const last = (groups: number): number => 3 * groups + 2;
    assert.deepEqual(linesOf(plan(MAX_TOTALS_ABOVE), 'totals'), []);
    assert.deepEqual(linesOf(plan(MAX_TOTALS_ABOVE + 1), 'totals'), [last(MAX_TOTALS_ABOVE + 1)]);
  });

  it(`a total opening its block reads one line of each of at most ${MAX_BLOCKS_ABOVE} blocks above`, () => {
    // A wrong total over `Cost` lines, one per paragraph: found while the blocks are within the bound.
    const plan = (blocks: number): string => '## Costs\n\n' + 'Cost: $5\n\n'.repeat(blocks) + `Total: $${5 * blocks + 1}\n`;
    const totalLine = (blocks: number): number => 3 + 2 * blocks;
    assert.deepEqual(linesOf(plan(MAX_BLOCKS_ABOVE), 'totals'), [totalLine(MAX_BLOCKS_ABOVE)]);
    assert.deepEqual(linesOf(plan(MAX_BLOCKS_ABOVE + 1), 'totals'), []);
    // And right: no finding.
    assert.deepEqual(linesOf('## Costs\n\n' + 'Cost: $5\n\n'.repeat(MAX_BLOCKS_ABOVE) + `Total: $${5 * MAX_BLOCKS_ABOVE}\n`, 'totals'), []);
  });

  it(`the formulas of a table are read with at most ${MAX_FORMULA_COLUMNS} numeric columns`, () => {
    // Annual = Monthly × 12 in every row but the fourth; the other columns are counts that
    // follow no formula.
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    const table = (columns: number): string => {
      const fillers = columns - 2;
      const head = `| Item | Monthly | Annual |${Array.from({ length: fillers }, (_, j) => ` F${j} |`).join('')}\n`;
      const rule = `|${'---|'.repeat(columns + 1)}\n`;
      const rows = Array.from({ length: 6 }, (_, r) => {
        const monthly = 10 * (r + 2);
        const annual = r === 3 ? 12 * monthly + 70 : 12 * monthly;
        return `| Line ${'ABCDEF'[r]} | $${monthly} | $${annual} |${Array.from({ length: fillers }, () => ` ${100003 + (next() % 900000)} |`).join('')}\n`;
      });
      return head + rule + rows.join('');
    };
    // The fourth row is reported once (each column is read from the other; one cell is wrong).
    const fourthRow = 6;
    assert.deepEqual(linesOf(table(MAX_FORMULA_COLUMNS), 'table-formulas'), [fourthRow]);
    assert.deepEqual(linesOf(table(MAX_FORMULA_COLUMNS + 1), 'table-formulas'), []);
  });
});

describe('sums among many items', () => {
  it('an item that sums others among more than 8 figures is left out, as among few', () => {
    // Ten powers of two, then an item that restates two of them (512 + 256): the total leaves it out.
    const items = Array.from({ length: 10 }, (_, k) => `- Part ${k + 1}: $${2 ** k}\n`).join('');
    const plan = (total: number): string => `${items}- Restated: $768\n- Total: $${total}\n`;
    assert.deepEqual(linesOf(plan(1023), 'totals'), []);
    assert.deepEqual(linesOf(plan(1030), 'totals'), [12]);
  });
});

describe('lists and quotes nested deep', () => {
  const wrongTotal = '\n\n## Costs\n\n- Hosting: $40\n- Mail: $10\n- Total: $60\n';
  it(`reads lines nested more than ${MAX_NESTING} deep as text, says so once, and checks the rest`, () => {
    for (const prefix of ['- ', '> - ', '1. ', '>']) {
      const text = `${prefix.repeat(4 * N * 5)}Total: $5${wrongTotal}`;
      const all = findings(text);
      assert.deepEqual(
        all.filter((f) => f.rule === 'too-large').map((f) => [f.span.start, f.message]),
        [[0, `Lists or quotes nested more than ${MAX_NESTING} levels deep are read as plain text (from line 1).`]],
        prefix,
      );
      assert.deepEqual(linesOf(text, 'totals'), [7], prefix);
    }
  });
  it(`gives lines nested ${MAX_NESTING} deep to the parser as list items`, () => {
    const text = `${'- '.repeat(MAX_NESTING)}Total: $5${wrongTotal}`;
    assert.deepEqual(findings(text).filter((f) => f.rule === 'too-large'), []);
    const outline = createPlanService().analyze(text).model!.outline;
    assert.equal(outline.flags[0]! & (Flag.Item | Flag.TooDeep), Flag.Item);
    assert.deepEqual(linesOf(text, 'totals'), [7]);
  });
});
