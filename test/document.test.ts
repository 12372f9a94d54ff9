import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
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
