/**
 * The injection grammar (syntaxes/scaling-plan.injection.tmLanguage.json) tokenized the way VS
 * Code does it: vscode-textmate and vscode-oniguruma from the code-server install, with the
 * built-in markdown grammar, its embedded languages and the other markdown injections (math).
 * Skipped when the code-server cache is absent, unless CI is set.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { codeServerDir, FIXTURES, ROOT } from './env';

const INJECTION = 'markdown.scaling-plan.injection';
const vscodeDir = codeServerDir() && join(codeServerDir()!, 'lib', 'vscode');
const skip = !vscodeDir && !process.env.CI ? 'the code-server cache is missing (bash scripts/setup-code-server.sh)' : false;

interface Token {
  text: string;
  scopes: string[];
}

/** Every line of the fixture as tokens with their scope stacks. */
async function tokenize(text: string): Promise<Token[][]> {
  const dir = vscodeDir!;
  const req = (m: string) => require(join(dir, 'node_modules', m)); // eslint-disable-line @typescript-eslint/no-require-imports
  const tm = req('vscode-textmate');
  const onig = req('vscode-oniguruma');
  const wasm = readFileSync(join(dir, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

  // What VS Code reads from the extensions' manifests: grammar files and injections.
  const paths = new Map<string, string>();
  const injections = new Map<string, string[]>();
  const manifests: [string, { contributes?: { grammars?: { scopeName: string; path: string; injectTo?: string[] }[] } }][] = [];
  const builtin = join(dir, 'extensions');
  for (const ext of readdirSync(builtin)) {
    const file = join(builtin, ext, 'package.json');
    if (existsSync(file)) manifests.push([join(builtin, ext), JSON.parse(readFileSync(file, 'utf8'))]);
  }
  manifests.push([ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))]);
  for (const [base, manifest] of manifests) {
    for (const g of manifest.contributes?.grammars ?? []) {
      paths.set(g.scopeName, join(base, g.path));
      for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
    }
  }
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope: string) => {
      const path = paths.get(scope);
      return path ? tm.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    getInjections: (scope: string) => injections.get(scope),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  let stack = tm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

describe('injection grammar', { skip }, () => {
  let lines: Token[][];
  const source = readFileSync(join(FIXTURES, 'grammar.md'), 'utf8');
  before(async () => {
    lines = await tokenize(source);
  });

  /** The scope our grammar gives `needle` on the first line containing `context`, or undefined. */
  function ours(context: string, needle: string): string | undefined {
    const i = source.split('\n').findIndex((l) => l.includes(context));
    assert.ok(i >= 0, `no line contains ${context}`);
    const tokens = lines[i]!;
    const line = tokens.map((t) => t.text).join('');
    const at = line.indexOf(needle);
    assert.ok(at >= 0, `${needle} is not on line ${i + 1}`);
    let pos = 0;
    for (const t of tokens) {
      if (at >= pos && at < pos + t.text.length) {
        const scope = t.scopes.filter((s) => s.endsWith('.scaling-plan') && !s.startsWith('meta.')).pop();
        if (scope) assert.equal(t.text, needle, `the ${scope} token on line ${i + 1} is "${t.text}", not "${needle}"`);
        return scope;
      }
      pos += t.text.length;
    }
    return undefined;
  }

  const cases: [string, string, string, string | undefined][] = [
    ['a user range in a heading', 'Early Traction', '100-500 users', 'entity.name.type.users.scaling-plan'],
    ['money with a period in prose', 'Revenue reaches', '$5,000/month', 'constant.numeric.money.scaling-plan'],
    ['a user count in prose', 'Revenue reaches', '500 users', 'entity.name.type.users.scaling-plan'],
    ['a percentage in prose', 'Revenue reaches', '92.4%', 'constant.numeric.percentage.scaling-plan'],
    ['a blank in prose', 'Revenue reaches', '___', 'keyword.other.blank.scaling-plan'],
    ['money at the start of a paragraph', 'buys the second region', '$2,500/month', 'constant.numeric.money.scaling-plan'],
    ['an approximate money range in a list', 'Infrastructure:', '~$150-600/month', 'constant.numeric.money.scaling-plan'],
    ['a signed percentage in parentheses', 'Infrastructure:', '-37%', 'constant.numeric.percentage.scaling-plan'],
    ['a money blank', 'Break-even', '$___/month', 'keyword.other.blank.scaling-plan'],
    ['a percentage blank', 'Break-even', '___%', 'keyword.other.blank.scaling-plan'],
    ['an open user range in an unlabelled fence', 'Stage 3: Growth', '10,000+ users', 'entity.name.type.users.scaling-plan'],
    ['money with a suffix in an unlabelled fence', '- Total:', '$1.2K/month', 'constant.numeric.money.scaling-plan'],
    ['an uptime in an unlabelled fence', '- Uptime', '99.95%', 'constant.numeric.percentage.scaling-plan'],
    ['a score blank in an unlabelled fence', '- Score', '___/10', 'keyword.other.blank.scaling-plan'],
    ['money in a table cell', '| Hosting', '$812', 'constant.numeric.money.scaling-plan'],
    ['a blank in a table cell', '| Support', '$_____', 'keyword.other.blank.scaling-plan'],
    ['a user range in a table header', 'Line item at', '200K-1M users', 'entity.name.type.users.scaling-plan'],
    ['nothing inside a block tagged with a language', 'const price', '$5,000', undefined],
    ['nothing inside a block tagged with a language (percent)', 'const price', '20%', undefined],
    ['nothing inside inline code', 'Inline code', '$9,999', undefined],
    ['nothing inside inline code (percent)', 'Inline code', '75%', undefined],
    ['no blank inside underscore emphasis', 'Inline code', '___bold', undefined],
    ['nothing in the frontmatter', 'arpu:', '12', undefined],
    ['nothing in an indented code block', 'indented code block', '$4,000', undefined],
  ];
  for (const [name, context, needle, scope] of cases) {
    test(name, () => assert.equal(ours(context, needle), scope));
  }

  test('the unlabelled fence keeps the markdown code-block scope, and labelled blocks keep theirs', () => {
    const i = source.split('\n').findIndex((l) => l.includes('- Uptime'));
    assert.ok(lines[i]!.every((t) => t.scopes.includes('markup.fenced_code.block.markdown')));
    const j = source.split('\n').findIndex((l) => l.includes('const price'));
    assert.ok(lines[j]!.some((t) => t.scopes.some((s) => s.startsWith('source.ts') || s.startsWith('meta.embedded.block.typescript'))));
  });

  test('markdown structure around the figures is intact: headings, lists, tables', () => {
    const find = (context: string) => lines[source.split('\n').findIndex((l) => l.includes(context))]!;
    assert.ok(find('Early Traction').some((t) => t.scopes.includes('markup.heading.markdown')));
    assert.ok(find('Infrastructure:').some((t) => t.scopes.some((s) => s.startsWith('markup.list.unnumbered'))));
    assert.ok(find('| Hosting').some((t) => t.scopes.includes('markup.table.markdown')));
    assert.ok(find('Revenue reaches').every((t) => t.scopes.includes('meta.paragraph.markdown')));
    assert.ok(find('buys the second region').every((t) => t.scopes.includes('meta.paragraph.markdown')), 'a paragraph starting with a figure is still a paragraph');
  });

  test(`${INJECTION} is contributed to markdown by the manifest`, () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const g = manifest.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === INJECTION);
    assert.deepEqual(g?.injectTo, ['text.html.markdown']);
  });
});
