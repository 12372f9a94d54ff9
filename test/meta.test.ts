/**
 * Meta-tests (like typescript-eslint's): the rule registry, the rule files, their metadata, their
 * doc pages and what the engine really reports stay in step.
 *
 * Doc pages are checked against the engine: every ```plan flagged``` example must produce exactly
 * the findings of the ```diagnostic``` block after it (`plan.md:line:col severity message rule`,
 * 1-based, as the CLI prints them), and every ```plan passes``` example must produce none.
 * An example's fence may carry engine options as JSON: ```plan flagged {"month":"730h"}```.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { docsUrl, positionAt, ruleById, rules, type Analysis, type EngineOptions, type Rule } from '../src/engine';
import { analyze, ROOT } from './helpers';

const RULES_DIR = join(ROOT, 'src', 'engine', 'rules');
const DOCS_DIR = join(ROOT, 'docs', 'rules');

/** Findings the engine reports itself, outside the rule registry. */
const ENGINE_IDS = ['frontmatter', 'too-large', 'internal-error', 'disable-comment', 'unused-disable'];

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEVERITIES = ['error', 'warning', 'information', 'hint'];
const CATEGORIES = ['arithmetic', 'stages', 'template', 'document'];

interface Fence {
  info: string;
  body: string;
  /** 1-based line of the opening fence in the doc page. */
  line: number;
}

/** Top-level ``` fences of a markdown page (inner ~~~ fences stay in the body). */
function fences(markdown: string): Fence[] {
  const out: Fence[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j] !== '```') body.push(lines[j++]!);
    out.push({ info: open[1]!.trim(), body: body.length ? body.join('\n') + '\n' : '', line: i + 1 });
    i = j;
  }
  return out;
}

interface Example {
  kind: 'flagged' | 'passes';
  text: string;
  options: Partial<EngineOptions>;
  expected?: string[];
  line: number;
}

function examples(markdown: string): Example[] {
  const fs = fences(markdown);
  const out: Example[] = [];
  fs.forEach((f, i) => {
    const m = /^plan\s+(flagged|passes)\s*(\{.*\})?$/.exec(f.info);
    if (!m) return;
    const ex: Example = { kind: m[1] as Example['kind'], text: f.body, options: m[2] ? (JSON.parse(m[2]) as Partial<EngineOptions>) : {}, line: f.line };
    if (ex.kind === 'flagged') {
      const next = fs[i + 1];
      assert.equal(next?.info, 'diagnostic', `the flagged example at line ${f.line} is followed by a diagnostic block`);
      ex.expected = next!.body.split('\n').filter((l) => l !== '');
    }
    out.push(ex);
  });
  return out;
}

/** Findings as the CLI prints them: `plan.md:line:col severity message rule` (1-based). */
function printed(a: Analysis): string[] {
  const starts = a.model?.outline.lineStarts ?? [0];
  return a.findings.map((f) => {
    const p = positionAt(starts, f.span.start);
    return `plan.md:${p.line + 1}:${p.character + 1} ${f.severity} ${f.message} ${f.rule}`;
  });
}

const docIds = (): string[] =>
  readdirSync(DOCS_DIR)
    .filter((f) => f.endsWith('.md'))
    .map((f) => basename(f, '.md'))
    .sort();

const page = (id: string): string => readFileSync(join(DOCS_DIR, `${id}.md`), 'utf8');

/**
 * Where a doc page and the engine disagree in a way a ```diagnostic``` block cannot settle:
 * the page's example, prose or summary table has to change, or the engine is wrong. Each is a
 * todo with its reason (the test still runs and is reported), keyed `id:line` of the example.
 */
const EXAMPLE_TODO: Record<string, string> = {
  'table-formulas:52': 'table-formulas binds relations for the rows that break a formula the other rows follow, none for a table whose every row follows it: a passing table is read, but no relation shows it',
};

/** Doc pages whose summary table disagrees with the rule's metadata. */
const SUMMARY_TODO: Record<string, string> = {};

/** Doc pages that fail their own check as a document. */
const PAGE_TODO: Record<string, string> = {
};

/** Rules whose fixability no fixture shows. */
const FIXABILITY_TODO: Record<string, string> = {};

/** Every rule id of a finding literal (`rule: '…', severity: …`) anywhere in the engine's sources. */
function emittedIds(): Set<string> {
  const ids = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/\brule:\s*'([^']+)',\s*severity:/g)) ids.add(m[1]!);
    }
  };
  walk(join(ROOT, 'src', 'engine'));
  return ids;
}

/** Plans that exercise the rules: the samples and every flagged example of the doc pages. */
function corpus(): { name: string; text: string; options: Partial<EngineOptions> }[] {
  const out: { name: string; text: string; options: Partial<EngineOptions> }[] = [];
  const samples = join(ROOT, 'samples');
  if (existsSync(samples)) {
    for (const f of readdirSync(samples).filter((x) => x.endsWith('.md'))) out.push({ name: `samples/${f}`, text: readFileSync(join(samples, f), 'utf8'), options: {} });
  }
  for (const id of docIds()) {
    for (const ex of examples(page(id))) if (ex.kind === 'flagged') out.push({ name: `docs/rules/${id}.md:${ex.line}`, text: ex.text, options: ex.options });
  }
  return out;
}

describe('rule registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = rules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids in ${ids.join(', ')}`);
    for (const id of ids) assert.match(id, KEBAB);
    for (const id of ENGINE_IDS) assert.equal(ruleById.has(id), false, `${id} is reserved for the engine`);
    assert.equal(ruleById.size, rules.length);
  });

  it('registers every rule file, and each file defines the rule named like it', () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => basename(f, '.ts'))
      .sort();
    assert.deepEqual(files, rules.map((r) => r.meta.id).sort(), 'files in src/engine/rules and registered rules');
    for (const id of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(RULES_DIR, `${id}.ts`)) as { default?: Rule };
      assert.equal(mod.default?.meta.id, id, `src/engine/rules/${id}.ts exports the rule ${id} by default`);
      assert.equal(mod.default, ruleById.get(id), `the registry holds the rule exported by ${id}.ts`);
    }
  });

  for (const rule of rules) {
    describe(rule.meta.id, () => {
      it('has complete metadata', () => {
        const { meta } = rule;
        assert.equal(typeof meta.description, 'string');
        assert.ok(meta.description.length >= 20, 'a description of one sentence');
        assert.match(meta.description, /^[A-Z`].*\.$/s, 'the description is a sentence');
        assert.ok(SEVERITIES.includes(meta.severity), `severity ${meta.severity}`);
        assert.equal(typeof meta.fixable, 'boolean');
        assert.ok(CATEGORIES.includes(meta.category), `category ${meta.category}`);
        assert.ok(rule.relations || rule.check, 'the rule binds relations or checks something');
      });

      it('has a doc page titled with its id, linked from its findings', () => {
        const path = join(DOCS_DIR, `${rule.meta.id}.md`);
        assert.ok(existsSync(path), `docs/rules/${rule.meta.id}.md exists`);
        assert.equal(page(rule.meta.id).split('\n')[0], `# ${rule.meta.id}`);
        assert.ok(docsUrl(rule.meta.id).endsWith(`/docs/rules/${rule.meta.id}.md`));
      });

      it("has a doc page whose summary matches the rule's metadata", { todo: SUMMARY_TODO[rule.meta.id] ?? false }, () => {
        const text = page(rule.meta.id);
        const row = /^\| Category \| Default severity \| Fixable \|\n\|[-|]+\|\n\| (\S+) \| (\S+) \| (yes|no) \|$/m.exec(text);
        assert.ok(row, 'the page has the Category / Default severity / Fixable table');
        assert.deepEqual([row[1], row[2], row[3] === 'yes'], [rule.meta.category, rule.meta.severity, rule.meta.fixable]);
        for (const section of ['## What it checks', '## Formula', '## Precision', '## Example: flagged', '## Example: passes', '## Fix', '## Configuration']) {
          assert.ok(text.includes(`\n${section}\n`), `the page has a "${section}" section`);
        }
        assert.ok(text.includes(`"${rule.meta.id}": "off"`) || text.includes(`"${rule.meta.id}":"off"`), 'the page shows how to turn the rule off');
      });
    });
  }
});

describe('doc pages', () => {
  it('belong to a rule of the registry or to a finding of the engine', () => {
    const known = new Set([...rules.map((r) => r.meta.id), ...ENGINE_IDS]);
    for (const id of docIds()) assert.ok(known.has(id), `docs/rules/${id}.md documents no rule`);
    for (const id of ENGINE_IDS) {
      assert.ok(docIds().includes(id), `docs/rules/${id}.md exists`);
      assert.equal(page(id).split('\n')[0], `# ${id}`);
    }
  });

  it('exist for every rule id the engine can report', () => {
    const emitted = emittedIds();
    for (const id of ENGINE_IDS) assert.ok(emitted.has(id), `the engine still reports ${id}`);
    for (const id of emitted) assert.ok(docIds().includes(id), `the engine reports \`${id}\` but docs/rules/${id}.md is missing`);
  });

  for (const id of docIds()) {
    describe(id, () => {
      const exs = examples(page(id));

      it('shows a flagged and a passing example', { skip: id === 'too-large' || id === 'internal-error' ? 'no small document produces it' : false }, () => {
        assert.ok(exs.some((e) => e.kind === 'flagged'));
        assert.ok(exs.some((e) => e.kind === 'passes'));
      });

      for (const ex of exs) {
        it(`${ex.kind} example at line ${ex.line} ${ex.kind === 'flagged' ? 'produces exactly its diagnostics' : 'produces no finding'}`, { todo: EXAMPLE_TODO[`${id}:${ex.line}`] ?? false }, () => {
          const a = analyze(ex.text, ex.options);
          if (ex.kind === 'flagged') {
            assert.deepEqual(printed(a), ex.expected);
            assert.ok(a.findings.some((f) => f.rule === id), `the example shows a ${id} finding`);
          } else {
            assert.deepEqual(printed(a), []);
            // The passing example is really checked by the rule, not merely ignored by it.
            const rule = ruleById.get(id);
            if (rule?.relations && rule.meta.category === 'arithmetic') {
              assert.ok(a.relations.some((r) => r.rule === id && !r.target.q.blank), `${id} checks the passing example`);
            }
          }
        });
      }

      it('reports no problem when the page itself is checked as a document', { todo: PAGE_TODO[id] ?? false }, () => {
        const problems = analyze(page(id)).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        assert.deepEqual(problems.map((f) => `${f.rule}: ${f.message}`), []);
      });
    });
  }

  it('quote the messages of the engine-level findings', () => {
    const tooLarge = analyze('x'.repeat(3 * 1024 * 1024)).findings;
    assert.equal(tooLarge.length, 1);
    assert.ok(page('too-large').includes(`plan.md:1:1 information ${tooLarge[0]!.message} too-large`));
    const small = analyze('x'.repeat(3174), { maxSize: 2048 }).findings;
    assert.ok(page('too-large').includes(`plan.md:1:1 information ${small[0]!.message} too-large`));
    const engine = readFileSync(join(ROOT, 'src', 'engine', 'engine.ts'), 'utf8');
    const template = /`Rule \$\{rule\.meta\.id\} (failed on this document and was skipped): /.exec(engine);
    assert.ok(template, 'engine.ts still words internal errors this way');
    assert.ok(page('internal-error').includes(template[1]!));
  });
});

describe('fixability', () => {
  const findings = corpus().flatMap((c) => analyze(c.text, c.options).findings.map((f) => ({ ...f, source: c.name })));

  for (const rule of rules) {
    if (rule.meta.fixable) {
      it(`${rule.meta.id} (fixable) produces a fix on at least one fixture`, { todo: FIXABILITY_TODO[rule.meta.id] ?? false }, () => {
        const fixed = findings.filter((f) => f.rule === rule.meta.id && f.fixes.some((x) => x.edits.length > 0));
        assert.ok(fixed.length > 0, `no fixture shows a fix of ${rule.meta.id}`);
      });
    } else {
      it(`${rule.meta.id} (not fixable) never offers a fix`, { todo: FIXABILITY_TODO[rule.meta.id] ?? false }, () => {
        const own = findings.filter((f) => f.rule === rule.meta.id);
        assert.ok(own.length > 0, `no fixture shows a ${rule.meta.id} finding`);
        assert.deepEqual(own.filter((f) => f.fixes.length > 0).map((f) => f.source), []);
      });
    }
  }

  it('engine-level findings offer no fix', () => {
    for (const f of findings.filter((x) => ENGINE_IDS.includes(x.rule))) assert.deepEqual(f.fixes, []);
  });
});
