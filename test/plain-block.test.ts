/**
 * Blocks read without remark (prose, list items, ATX headings) must read exactly as remark reads
 * them: every block of the samples, the reference plans and a generated plan, and random blocks
 * made of lines that sit near the edge of what the shortcut accepts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { planOfSize } from '../bench/generate';
import { remarkReading } from '../src/engine/document';
import { plainBlock } from '../src/engine/plain-block';
import { hasSeeds, ROOT, SEEDS } from './helpers';

/** Top-level blocks as the engine splits them: runs of non-blank lines, fences left out. */
function blocks(text: string): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let fence: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      if (run.length) out.push(run.join('\n'));
      run = [];
      continue;
    }
    if (line.trim() === '') {
      if (run.length) out.push(run.join('\n'));
      run = [];
    } else run.push(line);
  }
  if (run.length) out.push(run.join('\n'));
  return out;
}

function agrees(block: string): boolean | undefined {
  const plain = plainBlock(block.split('\n'));
  if (!plain) return undefined;
  assert.deepEqual(
    plain.map((l) => ({ kind: l.kind, level: l.level })),
    remarkReading(block),
    `plain reading differs from remark on:\n${block}`,
  );
  return true;
}

const corpus: [string, string][] = [
  ...readdirSync(join(ROOT, 'samples')).map((f): [string, string] => [`samples/${f}`, readFileSync(join(ROOT, 'samples', f), 'utf8')]),
  ...(hasSeeds ? readdirSync(SEEDS).filter((f) => f.endsWith('.md')).map((f): [string, string] => [f, readFileSync(join(SEEDS, f), 'utf8')]) : []),
  ['a generated 100 KB plan', planOfSize(100 * 1024)],
];

describe('blocks read without remark', () => {
  for (const [name, text] of corpus) {
    it(`read as remark reads them in ${name}`, () => {
      const all = blocks(text);
      const plain = all.filter((b) => agrees(b)).length;
      // The shortcut must also be worth having: most blocks of a plan are plain.
      assert.ok(plain > 0, `no block of ${name} was read without remark`);
    });
  }

  it('takes the common shapes and leaves the rest to remark', () => {
    assert.ok(agrees('## Stage 2: Growth (500-2,000 users)\nCosts stay under $2K/month.'));
    assert.ok(agrees('- **Hosting:** $120/month\n- Database: $80/month\n    - replicas: 2\n1. first\n10) tenth'));
    assert.ok(agrees('Revenue grew -5% and 1.5x\n-5% churn\n+20% signups\n#hashtag\n#'));
    for (const unsafe of ['| a | b |', 'a\n===', 'a\n  ---', '- ---', '* * *', '> quote', '- > quote', '- # heading', '<div>', 'x <br> y', '- ```', '~~~', '    code', '# H\n    code', '-', '1.', '-     code', 'a\tb', '[^1]: note']) {
      assert.equal(plainBlock(unsafe.split('\n')), undefined, unsafe);
    }
  });

  it('agree with remark on random blocks of edge-case lines', () => {
    const pieces = [
      '# H', '## Stage 1 (0-100 users)', '###### six', '####### seven', '#', '#hashtag', '  # indented h', '   ### three', '    # four', '- # h', '  -  # h',
      'text', 'Total: $1,200/month', '**Bold:** $5', '__under__', '*emph* text', 'Total = $5', '-5% change', '+20%', '--', '- -', '-- x',
      '- item', '* star', '+ plus', '  - nested', '    - deeper', '      six spaces', '     five', '1. one', '10. ten', '1) paren', '2024. year', '1.5x faster',
      '- [ ] task', '- [x] done', '-', '1.', '-     five after marker', '- ***', '---', '***', '___', '===', '- - -', 'a  ', 'a\\',
      '> quote', '- > q', '| a | b |', 'a | b', '<div>', '<!-- c -->', '< 10K users? → Redis', '<5s', '```', '~~~', '- ```', '~~strike~~',
      '[x]: https://example.com', '[^1]: note', '\ttab', '-\ttab item', 'é 🎉 $5', '99.9% uptime (43.2 minutes/month)',
    ];
    let plain = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), (lines) => {
        if (agrees(lines.join('\n'))) plain++;
      }),
      { numRuns: 3000, seed: 11 },
    );
    assert.ok(plain > 100, `only ${plain} random blocks were read without remark`);
  });
});
