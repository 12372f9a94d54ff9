import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../src/engine';
import { parseDocument, type ParsedDocument } from '../src/engine/document';
import { resetParseCaches } from '../src/engine/document';
import { ROOT, SEEDS, hasSeeds } from './helpers';

/** What a parse says of each line, without object identity. */
function reading(doc: ParsedDocument): string[] {
  return doc.lines.map((l) =>
    [l.kind, l.plan, l.level, l.lang ?? '', l.row ?? '', (l.cells ?? []).map((c) => `${c.span.start}-${c.span.end}:${c.text}`).join('|'), l.quantities.map((q) => q.raw).join(';')].join(' '),
  );
}

const documents: [string, string][] = [
  ...readdirSync(join(ROOT, 'samples')).map((f): [string, string] => [f, readFileSync(join(ROOT, 'samples', f), 'utf8')]),
  ...(hasSeeds ? readdirSync(SEEDS).filter((f) => f.endsWith('.md')).map((f): [string, string] => [f, readFileSync(join(SEEDS, f), 'utf8')]) : []),
  ['html and indented code across blank lines', '- a\n\n    indented after a list\n\n<!--\n$5/month\n\nstill a comment: $6/month\n-->\n\n    code: $7\n\n| a | b |\n|---|---|\n| $1 | $2 |\n'],
];

describe('parsing blocks in batches', () => {
  for (const [name, text] of documents) {
    it(`reads ${name} as parsing each block alone does`, () => {
      resetParseCaches(false);
      const alone = reading(parseDocument(text));
      resetParseCaches(true);
      const batched = reading(parseDocument(text));
      assert.deepEqual(batched, alone);
    });
  }
});

describe('analysis after an edit, given the previous analysis', () => {
  const base = readFileSync(join(ROOT, 'samples', 'planted-errors.md'), 'utf8');
  const pieces = ['', 'x', '1', '$5', '\n', '\n\n', '```\n', '| a |\n', '- Total: $9/month\n', '🎉é', '99.9%', '# H\n', '---\n'];
  it('equals a fresh analysis of the new text, for edits anywhere', () => {
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(40), fc.constantFrom(...pieces), fc.nat(3), (at, removeLen, insert, times) => {
        let previous = analyze(base);
        let text = base;
        for (let k = 0; k <= times; k++) {
          const start = Math.min(text.length, (at * (k + 1)) % (text.length + 1));
          const next = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + (k === 0 ? removeLen : 0)));
          // The unchanged blocks' readings come from the previous version, not from the cache.
          resetParseCaches();
          const incremental = analyze(next, {}, previous);
          const fresh = analyze(next);
          assert.deepEqual(reading(incremental.model!.doc), reading(fresh.model!.doc));
          assert.deepEqual(JSON.parse(JSON.stringify(incremental.findings)), JSON.parse(JSON.stringify(fresh.findings)));
          assert.deepEqual(
            incremental.model!.doc.lines.map((l) => l.quantities.map((q) => [q.span.start, q.span.end, q.numberSpan.start, q.raw])),
            fresh.model!.doc.lines.map((l) => l.quantities.map((q) => [q.span.start, q.span.end, q.numberSpan.start, q.raw])),
          );
          previous = incremental;
          text = next;
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
