/**
 * The plan template (src/engine/template.ts) and `scaling-plan init`: every deliverable section,
 * one stage list restated in every section, `___` blanks where the author writes. Analysed by
 * the engine it has no error: its blanks are hints, one per blank. Written to disk by the
 * command, it passes `scaling-plan check`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DELIVERABLES } from '../src/engine/rules/missing-section';
import { planTemplate } from '../src/engine/template';
import { detectPlan } from '../src/engine/features';
import { main } from '../src/cli/main';
import { DEFAULT_PLAN_FILE, runInit } from '../src/cli/init';
import { USAGE as INIT_USAGE } from '../src/cli/init';
import { analyze } from './helpers';

function capture(cwd: string): { io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (s) => void (out += s), stderr: (s) => void (err += s), cwd }, out: () => out, err: () => err };
}

/** The blanks of the template after its frontmatter (the frontmatter's product is not a finding). */
function bodyBlanks(text: string): number {
  return (text.slice(text.indexOf('\n---\n') + 5).match(/_{3,}/g) ?? []).length;
}

const count = (xs: string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
};

describe('plan template', () => {
  const text = planTemplate();

  it('opens with scaling-plan frontmatter and has a section for every deliverable, in order', () => {
    assert.ok(text.startsWith('---\nscaling-plan: 1\nproduct: "________________"\ncurrency: USD\nmonth: 30d\n'));
    const headings = text.split('\n').filter((l) => /^#{1,6} /.test(l));
    for (const d of DELIVERABLES) assert.ok(headings.some((h) => d.heading.test(h)), d.name);
    assert.deepEqual(
      headings.filter((h) => h.startsWith('## ')),
      [
        '## Growth Projection Model',
        '## Infrastructure Roadmap',
        '## Cost Projection per Stage',
        '## Architecture Evolution',
        '## Team Scaling Plan',
        '## Operational Playbooks',
        '## Risk Assessment',
        '## Success Metrics',
      ],
    );
    assert.ok(text.endsWith('```\n'));
  });

  it('is a plan by its frontmatter and by its content', () => {
    assert.deepEqual(detectPlan(analyze(text)), { isPlan: true, reason: 'frontmatter' });
    assert.deepEqual(detectPlan(analyze(text.replace(/^---\n[\s\S]*?\n---\n/, ''))), { isPlan: true, reason: 'stage ranges' });
  });

  it('has no error, and reports each blank as a hint, counted', () => {
    const a = analyze(text);
    assert.deepEqual(a.findings.filter((f) => f.severity === 'error'), []);
    const blanks = a.findings.filter((f) => f.rule === 'blanks');
    assert.equal(blanks.length, bodyBlanks(text));
    assert.equal(blanks.length, 143);
    assert.ok(blanks.every((f) => f.severity === 'hint'));
    assert.deepEqual(blanks.map((f) => f.message).slice(0, 2), ['Blank to fill in (1 of 143)', 'Blank to fill in (2 of 143)']);
    // Each blank finding covers exactly one run of underscores.
    for (const f of blanks) assert.match(text.slice(f.span.start, f.span.end), /^_{3,}$/);
    assert.equal(a.blanks.length, 143);
  });

  it('gets no finding but its blanks', () => {
    const a = analyze(text);
    assert.deepEqual(count(a.findings.map((f) => `${f.rule}/${f.severity}`)), { 'blanks/hint': 143 });
  });

  it('no rule compares a blank: with every figure of its body blanked, or half its blanks filled, no finding covers or names a blank', () => {
    const body = text.indexOf('\n---\n') + 5;
    const blanked = text.slice(0, body) + text.slice(body).replace(/\d[\d,]*(?:\.\d+)?/g, '___');
    assert.deepEqual(analyze(blanked).findings.filter((f) => f.rule !== 'blanks').map((f) => `${f.rule}: ${f.message}`), []);
    for (const off of [0, 1]) {
      let k = 0;
      const half = text.replace(/_{3,}/g, (m) => (k++ % 2 === off ? String(100 * ((k % 7) + 1)) : m));
      const named = analyze(half).findings.filter((f) => f.rule !== 'blanks' && (/_{3}/.test(half.slice(f.span.start, f.span.end)) || /_{3}/.test(f.message)));
      assert.deepEqual(named.map((f) => `${f.rule}: ${f.message}`), [], `every other blank from ${off}`);
    }
  });

  it('is a staged plan: one stage list, restated with the same ranges in every section', () => {
    const sm = analyze(text).stages();
    assert.deepEqual(
      sm.primary?.entries.map((e) => [e.label, e.users?.low, e.users?.high, e.users?.open]),
      [
        ['Stage 1: Launch', 0, 100, false],
        ['Stage 2: Traction', 100, 1000, false],
        ['Stage 3: Growth', 1000, 10000, false],
        ['Stage 4: Scale', 10000, undefined, true],
      ],
    );
    // Growth model, roadmap, architecture, team table, service levels, success metrics.
    assert.equal(sm.sequences.length, 6);
    for (const seq of sm.sequences) {
      assert.equal(seq.alternatives, false);
      assert.deepEqual(
        seq.entries.map((e) => [e.number, e.users?.low, e.users?.high]),
        [
          [1, 0, 100],
          [2, 100, 1000],
          [3, 1000, 10000],
          [4, 10000, undefined],
        ],
        seq.container,
      );
    }
    assert.deepEqual(sm.entries.filter((e) => e.inconsistent), []);
  });

  it('its projection has a row per stage and no figure yet', () => {
    const p = analyze(text).projection();
    assert.deepEqual(
      p.rows.map((r) => [r.kind, r.label, r.users]),
      [
        ['stage', 'Stage 1: Launch', { low: 0, high: 100, open: false }],
        ['stage', 'Stage 2: Traction', { low: 100, high: 1000, open: false }],
        ['stage', 'Stage 3: Growth', { low: 1000, high: 10000, open: false }],
        ['stage', 'Stage 4: Scale', { low: 10000, open: true }],
      ],
    );
    for (const r of p.rows) for (const k of ['budget', 'cost', 'costPerUser', 'revenue', 'margin', 'profit', 'uptime', 'downtime'] as const) assert.equal(r[k], undefined, `${r.label} ${k}`);
    assert.equal(p.growth, undefined, 'no growth rate stated yet');
  });

  it('its commented assumptions, once uncommented, are valid frontmatter the engine reads', () => {
    const filled = text.replace(/^# (assumptions:|  \S)/gm, '$1');
    assert.ok(filled.includes('\nassumptions:\n  arpu: 12 '));
    const a = analyze(filled);
    assert.deepEqual(a.findings.filter((f) => f.rule === 'frontmatter').map((f) => f.message), []);
    assert.deepEqual(
      Object.fromEntries(Object.entries(a.frontmatter.assumptions).map(([k, v]) => [k, v.value])),
      { arpu: 12, conversion: 0.05, price: 18.99, growth: 0.15, startUsers: 100 },
    );
  });

  it('names the product in the title and the frontmatter, safely', () => {
    const named = planTemplate({ product: 'Acme "Pro": v2\nbeta' });
    assert.ok(named.includes('\nproduct: "Acme \\"Pro\\": v2 beta"\n'));
    assert.ok(named.includes('\n# Acme "Pro": v2 beta Scaling Plan\n'));
    const a = analyze(named);
    assert.deepEqual(a.findings.filter((f) => f.rule === 'frontmatter'), []);
    assert.equal(a.frontmatter.product, 'Acme "Pro": v2 beta');
    // A name of blanks only is no name.
    assert.equal(planTemplate({ product: ' \n ' }), planTemplate());
  });
});

describe('scaling-plan init (command)', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-plan-init-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`writes ${DEFAULT_PLAN_FILE} by default, and the plan passes check without an error`, async () => {
    const cap = capture(dir);
    assert.equal(await runInit([], cap.io), 0);
    assert.equal(cap.out(), '');
    assert.equal(cap.err(), `Wrote ${DEFAULT_PLAN_FILE}: fill in the blanks (___), then run 'scaling-plan check ${DEFAULT_PLAN_FILE}'.\n`);
    assert.equal(readFileSync(join(dir, DEFAULT_PLAN_FILE), 'utf8'), planTemplate());

    const check = capture(dir);
    assert.equal(await main(['check', DEFAULT_PLAN_FILE], check.io), 0);
    const lines = check.out().trimEnd().split('\n');
    const hints = lines.filter((l) => / hint Blank to fill in \(\d+ of 143\) blanks$/.test(l));
    assert.equal(hints.length, 143);
    for (const line of lines) assert.match(line, /^scaling-plan\.md:\d+:\d+ (hint|warning) /);
    const quiet = capture(dir);
    assert.equal(await main(['check', '--quiet', DEFAULT_PLAN_FILE], quiet.io), 0);
    assert.deepEqual([quiet.out(), quiet.err()], ['', '0 errors in 1 file\n']);
  });

  it('the written plan checks with its blanks only', async () => {
    const check = capture(dir);
    writeFileSync(join(dir, 'fresh.md'), planTemplate());
    assert.equal(await main(['check', 'fresh.md'], check.io), 0);
    assert.equal(check.err(), '0 errors, 0 warnings, 0 information, 143 hints in 1 file\n');
  });

  it('never overwrites a file unless told to', async () => {
    const file = join(dir, 'mine.md');
    writeFileSync(file, 'my notes\n');
    const cap = capture(dir);
    assert.equal(await runInit(['mine.md'], cap.io), 2);
    assert.equal(cap.err(), 'mine.md: already exists; not overwritten (use --force to replace it)\n');
    assert.equal(readFileSync(file, 'utf8'), 'my notes\n');
    const forced = capture(dir);
    assert.equal(await runInit(['mine.md', '--force', '--product', 'Ledgerly'], forced.io), 0);
    assert.equal(forced.err(), "Wrote mine.md: fill in the blanks (___), then run 'scaling-plan check mine.md'.\n");
    assert.equal(readFileSync(file, 'utf8'), planTemplate({ product: 'Ledgerly' }));
  });

  it('prints the plan for -', async () => {
    const cap = capture(dir);
    assert.equal(await runInit(['-', '--product=Ledgerly'], cap.io), 0);
    assert.equal(cap.out(), planTemplate({ product: 'Ledgerly' }));
    assert.equal(cap.err(), '');
    assert.equal(existsSync(join(dir, '-')), false);
  });

  it('writes to an absolute path', async () => {
    const target = join(dir, 'absolute.md');
    assert.equal(await runInit([target], capture('/').io), 0);
    assert.equal(readFileSync(target, 'utf8'), planTemplate());
  });

  const errors: { args: string[]; err: string }[] = [
    { args: ['--bogus'], err: "scaling-plan: unknown option '--bogus'\n\n" + INIT_USAGE },
    { args: ['a.md', 'b.md'], err: "scaling-plan: init takes one file\n\n" + INIT_USAGE },
    { args: ['--product'], err: "scaling-plan: --product needs a name\n\n" + INIT_USAGE },
    { args: ['--product=  '], err: "scaling-plan: --product needs a name\n\n" + INIT_USAGE },
    { args: ['no-such-folder/plan.md'], err: 'no-such-folder/plan.md: no such file or folder\n' },
  ];
  for (const e of errors) {
    it(`exits 2 for ${e.args.join(' ')}`, async () => {
      const cap = capture(dir);
      assert.equal(await runInit(e.args, cap.io), 2);
      assert.equal(cap.err(), e.err);
      assert.equal(cap.out(), '');
    });
  }

  it('is wired into scaling-plan, with help', async () => {
    const help = capture(dir);
    assert.equal(await main(['init', '--help'], help.io), 0);
    assert.match(help.out(), /^Usage: scaling-plan init \[FILE\]/);
    const cap = capture(dir);
    assert.equal(await main(['init', 'wired.md'], cap.io), 0);
    assert.equal(readFileSync(join(dir, 'wired.md'), 'utf8'), planTemplate());
  });
});
