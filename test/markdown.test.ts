/**
 * The outline (what each line is: kind, heading level, list depth, list item, quote, table cells;
 * and the code blocks and frontmatter) that `readOutline` reads, partly without a parser and
 * partly with micromark in windows, must be what a whole-document remark-parse reading gives
 * (`remarkOutline`): on the samples, the fixtures, the reference plans and public plans beside
 * the repository when present, and on documents generated from tricky lines with a fixed-seed
 * random generator. Reading a document again after an edit, from the outline of its previous
 * version, must give what reading the new text afresh gives.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { createParse, createRemarkParse, Flag, Kind, readOutline, remarkOutline, type Outline, type Parse } from '../src/engine/markdown';
import { corpusSkip, CORPUS, depth, FULL, fullOnly, hasCorpus, hasSeeds, ROOT, SEEDS, seedsSkip, prng } from './helpers';

const parse = createParse();
const remark = createRemarkParse();
/**
 * remark-parse, the reference. It is asked for frontmatter only when the text opens with `---`
 * (after a BOM, if any): remark-frontmatter finds frontmatter nowhere else, and createRemarkParse
 * parses a text twice (with frontmatter, then without) to find that out.
 */
const reference: Parse = (text, frontmatter) => remark(text, frontmatter && /^\uFEFF?---/.test(text));

const KIND_NAMES = Object.fromEntries(Object.entries(Kind).map(([name, value]) => [value, name])) as Record<number, string>;

/**
 * Each line as a comparable row: number, kind, heading level, list depth, item and quote flags,
 * table cells (as text), and the line's first characters, so that a difference reads as text.
 */
function lineRows(o: Outline): string[] {
  const rows: string[] = [];
  for (let i = 0; i < o.lineStarts.length; i++) {
    const start = o.lineStarts[i]!;
    const end = i + 1 < o.lineStarts.length ? o.lineStarts[i + 1]! : o.text.length;
    const flags = o.flags[i]!;
    const cells = o.cells.get(i);
    const cellText = cells ? ` cells[${pairs(cells).map(([s, e]) => `${s}-${e}:${JSON.stringify(o.text.slice(s, e))}`).join(' ')}]` : '';
    const item = flags & Flag.Item ? ' item' : '';
    const quote = flags & Flag.Quote ? ' quote' : '';
    rows.push(`${i + 1} ${KIND_NAMES[o.kind[i]!]} level=${o.level[i]} depth=${o.depth[i]}${item}${quote}${cellText}  ${JSON.stringify(o.text.slice(start, Math.min(end, start + 40)))}`);
  }
  return rows;
}

function pairs(xs: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < xs.length; k += 2) out.push([xs[k]!, xs[k + 1]!]);
  return out;
}

const codeBlocks = (o: Outline): string[] => [...o.codeBlocks].sort((a, b) => a.start - b.start).map((b) => `${b.start + 1}-${b.end + 1} ${b.fenced ? 'fenced' : 'indented'} lang=${JSON.stringify(b.lang)}`);

/** Asserts that `got` reads `text` line by line as `want` does, then its code blocks and frontmatter. */
function assertSameOutline(got: Outline, want: Outline, what: string): void {
  assert.equal(got.text, want.text);
  assert.deepEqual(got.lineStarts, want.lineStarts, `${what}: line starts`);
  assert.deepEqual(lineRows(got), lineRows(want), `${what}: lines`);
  assert.deepEqual(codeBlocks(got), codeBlocks(want), `${what}: code blocks`);
  assert.deepEqual(got.frontmatter, want.frontmatter, `${what}: frontmatter`);
}

/** `.md` files under `dir`, recursively, sorted. */
function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}


const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

/** Lines near the edges of what the direct reader accepts, and of what micromark decides by context. */
const PIECES = [
  // lists, nested lists, ordered lists, empty and odd items
  '- a: $1', '  - b: $2', '    - c 3', '      - d', '1. x', '2. y', '   3) z', '10. ten', '* star', '+ plus', '- ', '-', '1.', '  1. n', '  2. n', '   - x', '  * y', '\t- tab', '- [ ] task', '1) p', '2) q', '- # hh', '- > quoted item', '-5% text',
  // headings, paragraphs, continuations, indented code
  '# h', '  ## h2', '###### six', '####### seven', 'text 5', ' text', '  cont', '   cont3', '    indented', '     five', 'Total: $5', '**Bold:**', '  # inner',
  // setext underlines and thematic breaks
  '===', '---', '***', '* * *', '- - -', '___',
  // fences, alone and inside list items and quotes
  '```', '~~~', '```js', '~~~ text', '- ```', '- ~~~', '  ```', '1. ```', '> ```', 'x ``` y', '``', '~~', 'a ~~~ b',
  // tables
  '| a | b |', '|---|---|', '|:-|-:|', 'a | b', '| $1 | 2 |', '| x |',
  // quotes, HTML, definitions (footnote definitions have their own test below)
  '> q', '> - a', '> q <x>', '<div>', '   <div>', '- <div>', '1. <p>', '</div>', '<!-- c -->', '<!--', '-->', 'a <b> c', '<4 hours', '- x <4 h', '[x]: http://a',
  // inline code and blank lines
  'text `code` x', '  - `a`', '', '', '', '',
];

/** A document of `n` random pieces, maybe with frontmatter, with LF, CRLF or mixed line endings. */
function generate(rnd: () => number, n: number): string {
  const lines: string[] = [];
  const r = rnd();
  if (r < 0.1) lines.push('---', 'scaling-plan: 1', 'month: 30d', '---');
  else if (r < 0.15) lines.push('---', 'scaling-plan: 1');
  for (let k = 0; k < n; k++) lines.push(pick(rnd, PIECES));
  const ending = rnd();
  if (ending < 0.7) return lines.join('\n') + (rnd() < 0.5 ? '\n' : '');
  if (ending < 0.9) return lines.join('\r\n') + '\r\n';
  return lines.map((l) => l + pick(rnd, ['\n', '\r\n', '\n', '\r\n', '\r'])).join('');
}

/** `text` with a random range replaced by random text: a character, a line, a line break, nothing. */
function edit(rnd: () => number, text: string): string {
  const a = Math.floor(rnd() * (text.length + 1));
  const b = Math.min(text.length, a + Math.floor(rnd() * 12));
  const r = rnd();
  const insert = r < 0.3 ? '' : r < 0.5 ? pick(rnd, ['\n', '\r\n', ' ', '-', '`', '|', '>', '#']) : (rnd() < 0.5 ? '\n' : '') + pick(rnd, PIECES) + (rnd() < 0.5 ? '\n' : '');
  return text.slice(0, a) + insert + text.slice(b);
}

/** `text` with a whole line inserted, removed or replaced, as an editor does. */
function lineEdit(rnd: () => number, text: string): string {
  const lines = text.split('\n');
  const at = Math.floor(rnd() * lines.length);
  const r = rnd();
  if (r < 0.4) lines.splice(at, 0, pick(rnd, PIECES));
  else if (r < 0.7 && lines.length > 1) lines.splice(at, 1);
  else lines[at] = pick(rnd, PIECES);
  return lines.join('\n');
}

describe('outline of real documents equals remark-parse', () => {
  const groups: [string, string[], false | string][] = [
    ['samples', markdownFiles(join(ROOT, 'samples')), false],
    // The fast loop reads every third fixture (all of them in a full run).
    ['test fixtures', markdownFiles(join(ROOT, 'test', 'fixtures')).filter((_, i) => FULL || i % 3 === 0), false],
    ['reference plans', hasSeeds ? markdownFiles(SEEDS).filter((f) => !f.slice(SEEDS.length + 1).includes('/')) : [], seedsSkip],
    ['public plans', hasCorpus ? markdownFiles(join(CORPUS, 'docs')) : [], corpusSkip || fullOnly],
  ];
  for (const [name, files, skip] of groups) {
    it(`${name}: every line, code block and frontmatter`, skip ? { skip } : {}, () => {
      assert.ok(files.length > 0, `${name}: found documents to read`);
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        assertSameOutline(readOutline(text, parse), remarkOutline(text, reference), relative(ROOT, file));
      }
    });
  }
});

describe('outline of generated documents equals remark-parse', () => {
  const SHORT = depth(500, 100);
  it(`on ${SHORT} documents of 1 to 14 tricky lines`, () => {
    const rnd = prng(20240611);
    for (let t = 0; t < SHORT; t++) {
      const text = generate(rnd, 1 + Math.floor(rnd() * 14));
      assertSameOutline(readOutline(text, parse), remarkOutline(text, reference), `document ${t}: ${JSON.stringify(text)}`);
    }
  });

  const LONG = depth(16, 4);
  it(`on ${LONG} documents of 60 to 200 tricky lines (several remark windows and direct runs)`, () => {
    const rnd = prng(7);
    for (let t = 0; t < LONG; t++) {
      const text = generate(rnd, 60 + Math.floor(rnd() * 140));
      assertSameOutline(readOutline(text, parse), remarkOutline(text, reference), `long document ${t}: ${JSON.stringify(text)}`);
    }
  });

  const cases: [string, string][] = [
    ['a fence opened in a list item and closed at the root', '- ```\n  $5/month\n```\n\n- a: $1\n'],
    ['a tilde fence in a list item that never closes', '- ~~~\n- b\n\n# h\n'],
    ['a table after a paragraph, cells with inline pipes', 'Costs:\n| a | b |\n|---|---|\n| `x|y` | $2 |\n'],
    ['a quoted list with a fence', '> - a\n> ```\n> $5\n> ```\n\ntext\n'],
    ['HTML then indented code', '<div>\n\n    code: $7\n\n</div>\n'],
    ['a setext heading under a list', '- a\nb\n===\n'],
    ['an ordered list not numbered 1 after a paragraph', 'text\n2. two\n\n2. two\n'],
    ['CRLF around a table', '| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n\r\n- x\r\n'],
    ['lone CR line endings', '# h\r- a\r  - b\r\rtext\r'],
  ];
  for (const [name, text] of cases) {
    it(name, () => assertSameOutline(readOutline(text, parse), remarkOutline(text, reference), name));
  }
});

describe('footnote definitions', () => {
  // remark-gfm reads footnote definitions (containers that take the indented and lazy lines
  // after them, and that may interrupt a paragraph); the engine's micromark has GFM tables only.
  const cases: [string, string][] = [
    ['a footnote definition alone on its lines', '# Notes\n\n[^1]: Prices as of 2024.\n\n- a: $1\n'],
    ['a footnote definition with a lazy line after it', '[^1]: Prices as of 2024\nHosting: $5/month\n'],
    ['a footnote definition after a list item', '- a: $1\n  - `b`\nTotal: $5\n[^1]: note\n'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      assertSameOutline(readOutline(text, parse), remarkOutline(text, reference), name);
    });
  }
});

describe('frontmatter', () => {
  it('is read from a --- line at the start to the next --- line', () => {
    const text = '---\nscaling-plan: 1\nmonth: 30d\n---\n\n# Plan\n';
    const o = readOutline(text, parse);
    assert.deepEqual(o.frontmatter, { start: 0, end: 3, content: { start: 4, end: 31 } });
    assert.equal(text.slice(o.frontmatter!.content.start, o.frontmatter!.content.end), 'scaling-plan: 1\nmonth: 30d\n');
    assert.deepEqual([...o.kind], [Kind.Frontmatter, Kind.Frontmatter, Kind.Frontmatter, Kind.Frontmatter, Kind.Blank, Kind.Heading, Kind.Blank]);
    assertSameOutline(o, remarkOutline(text, reference), 'frontmatter');
  });

  it('is absent when the opening --- has no closing line: the --- is a thematic break', () => {
    const text = '---\nscaling-plan: 1\n# Plan\n\n- a: $5\n';
    const o = readOutline(text, parse);
    assert.equal(o.frontmatter, undefined);
    assert.deepEqual([...o.kind], [Kind.Break, Kind.Text, Kind.Heading, Kind.Blank, Kind.Text, Kind.Blank]);
    assertSameOutline(o, remarkOutline(text, reference), 'unclosed frontmatter');
  });

  it('is absent when the document does not open with ---', () => {
    const text = '\n---\nscaling-plan: 1\n---\n';
    assert.equal(readOutline(text, parse).frontmatter, undefined);
    assertSameOutline(readOutline(text, parse), remarkOutline(text, reference), 'late frontmatter');
  });

  it('appears when an edit closes it, and goes when an edit opens it again', () => {
    const open = '---\nscaling-plan: 1\n# Plan\n\n- a: $5\n';
    const closed = '---\nscaling-plan: 1\n---\n# Plan\n\n- a: $5\n';
    const a = readOutline(open, parse);
    const b = readOutline(closed, parse, a);
    assert.deepEqual(b.frontmatter, { start: 0, end: 2, content: { start: 4, end: 20 } });
    assertSameOutline(b, readOutline(closed, parse), 'closed by an edit');
    const c = readOutline(open, parse, b);
    assert.equal(c.frontmatter, undefined);
    assertSameOutline(c, a, 'opened again by an edit');
  });
});

describe('a byte order mark', () => {
  it('before a heading and a list: read as remark-parse reads it (the BOM is not text)', () => {
    const text = '\uFEFF# Plan\n\n- a: $5\n';
    const o = readOutline(text, parse);
    assert.equal(o.kind[0], Kind.Heading);
    assertSameOutline(o, remarkOutline(text, reference), 'BOM before a heading');
  });

  it('before frontmatter: the frontmatter is read', () => {
    const text = '\uFEFF---\nscaling-plan: 1\n---\n\n# Plan\n';
    const o = readOutline(text, parse);
    assert.deepEqual(o.frontmatter, { start: 0, end: 2, content: { start: 5, end: 21 } });
    assertSameOutline(o, remarkOutline(text, reference), 'BOM before frontmatter');
  });

  it('inside the text: an ordinary character', () => {
    const text = '# Plan\n\n\uFEFF- a: $5\n';
    assertSameOutline(readOutline(text, parse), remarkOutline(text, reference), 'BOM inside');
  });
});

// Root boundaries (Flag.Root) are left out of the comparison: they record where reading happened
// to start again, which depends on the path reading took. The sessions below check that the
// boundaries an incremental reading keeps stay good to start from, edit after edit.
describe('reading again after an edit equals reading afresh', () => {
  const EDITS = depth(400, 100);
  it(`on ${EDITS} random edits of generated documents`, () => {
    const rnd = prng(99);
    for (let t = 0; t < EDITS; t++) {
      const before = generate(rnd, 2 + Math.floor(rnd() * 16));
      const after = edit(rnd, before);
      const incremental = readOutline(after, parse, readOutline(before, parse));
      assertSameOutline(incremental, readOutline(after, parse), `edit ${t}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
  });

  const SESSIONS = depth(50, 12);
  it(`on ${SESSIONS} edit sessions of 12 edits each, every outline read from the one before`, () => {
    const rnd = prng(4242);
    for (let s = 0; s < SESSIONS; s++) {
      let text = generate(rnd, 4 + Math.floor(rnd() * 30));
      let outline = readOutline(text, parse);
      const history = [text];
      for (let k = 0; k < 12; k++) {
        text = rnd() < 0.5 ? edit(rnd, text) : lineEdit(rnd, text);
        history.push(text);
        outline = readOutline(text, parse, outline);
        assertSameOutline(outline, readOutline(text, parse), `session ${s}, edit ${k}: ${JSON.stringify(history.slice(-2))}`);
      }
      // And the last reading is still remark's.
      assertSameOutline(outline, remarkOutline(text, reference), `session ${s}: remark`);
    }
  });

  it('on line edits of the samples and fixtures', () => {
    const rnd = prng(31337);
    const files = [...markdownFiles(join(ROOT, 'samples')), ...markdownFiles(join(ROOT, 'test', 'fixtures')).slice(0, depth(12, 4))];
    for (const file of files) {
      let text = readFileSync(file, 'utf8');
      let outline = readOutline(text, parse);
      for (let k = 0; k < 8; k++) {
        text = rnd() < 0.7 ? lineEdit(rnd, text) : edit(rnd, text);
        outline = readOutline(text, parse, outline);
        assertSameOutline(outline, readOutline(text, parse), `${relative(ROOT, file)}, edit ${k}`);
      }
      assertSameOutline(outline, remarkOutline(text, reference), `${relative(ROOT, file)} after the edits: remark`);
    }
  });

  it('reads only around the change: a far edit is not parsed again up to the end', () => {
    const body = Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? `## Section ${i}\n\n| a | b |\n|---|---|\n| ${i} | $${i} |\n` : `- item ${i}: $${i}/month\n`)).join('\n');
    let parsed = 0;
    const counting: typeof parse = (t, fm) => {
      parsed += t.length;
      return parse(t, fm);
    };
    const before = readOutline(body, counting);
    const full = parsed;
    assert.ok(full > 1000, `the tables are parsed: ${full} characters`);
    for (const [name, after] of [
      ['a table cell', body.replace('| 150 | $150 |', '| 150 | $155 |')],
      ['a list item', body.replace('- item 151: $151', '- item 151: $152')],
      ['a new table', body.replace('- item 151', '| x | y |\n|---|---|\n\n- item 151')],
    ]) {
      parsed = 0;
      const incremental = readOutline(after!, counting, before);
      assert.ok(parsed < full / 10, `${name}: parsed ${parsed} characters again, of ${full}`);
      assertSameOutline(incremental, readOutline(after!, parse), name!);
    }
  });
});
