/**
 * `scaling-plan init`: the template has every deliverable section and blanks where the author
 * writes; written to disk, it passes `scaling-plan check` with blank and information findings only.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze, stageModel } from '../src/engine';
import { DELIVERABLES } from '../src/engine/rules/missing-section';
import { planTemplate } from '../src/engine/template';
import { main } from '../src/cli/main';
import { DEFAULT_PLAN_FILE, runInit } from '../src/cli/init';

function capture(cwd: string): { io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (s) => void (out += s), stderr: (s) => void (err += s), cwd }, out: () => out, err: () => err };
}

describe('plan template', () => {
  const text = planTemplate();

  it('has a section for every deliverable', () => {
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
  });

  it('gets only blank findings, one per blank', () => {
    const findings = analyze(text).findings;
    assert.deepEqual([...new Set(findings.map((f) => `${f.rule}/${f.severity}`))], ['blanks/information']);
    assert.equal(findings.length, (text.slice(text.indexOf('\n---\n') + 5).match(/_{3,}/g) ?? []).length);
    assert.ok(findings.length > 100);
  });

  it('is a staged plan: one stage list, the same stages in every section', () => {
    const sm = stageModel(analyze(text).model!);
    assert.deepEqual(
      sm.stages.map((s) => [s.label, s.low, s.high, s.open, s.mentions.length]),
      [
        ['Stage 1: Launch', 0, 100, false, 6],
        ['Stage 2: Traction', 100, 1000, false, 6],
        ['Stage 3: Growth', 1000, 10000, false, 6],
        ['Stage 4: Scale', 10000, undefined, true, 6],
      ],
    );
  });

  it('names the product in the title and the frontmatter, safely', () => {
    const named = planTemplate({ product: 'Acme "Pro": v2\nbeta' });
    assert.ok(named.includes('\nproduct: "Acme \\"Pro\\": v2 beta"\n'));
    assert.ok(named.includes('\n# Acme "Pro": v2 beta Scaling Plan\n'));
    const a = analyze(named);
    assert.deepEqual(a.findings.filter((f) => f.rule !== 'blanks').map((f) => f.message), []);
    assert.equal(a.model!.frontmatter.product, 'Acme "Pro": v2 beta');
  });
});

describe('scaling-plan init (command)', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-plan-init-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`writes ${DEFAULT_PLAN_FILE} by default, and the plan passes check with information findings only`, async () => {
    const cap = capture(dir);
    assert.equal(await runInit([], cap.io), 0);
    assert.equal(cap.out(), '');
    assert.equal(cap.err(), `Wrote ${DEFAULT_PLAN_FILE}: fill in the blanks (___), then run 'scaling-plan check ${DEFAULT_PLAN_FILE}'.\n`);
    assert.equal(readFileSync(join(dir, DEFAULT_PLAN_FILE), 'utf8'), planTemplate());

    const check = capture(dir);
    assert.equal(await main(['check', DEFAULT_PLAN_FILE], check.io), 0);
    const lines = check.out().trimEnd().split('\n');
    assert.ok(lines.length > 100);
    for (const line of lines) assert.match(line, /^scaling-plan\.md:\d+:\d+ information Blank to fill in \(\d+ of \d+\) blanks$/);
  });

  it('never overwrites a file unless told to', async () => {
    const file = join(dir, 'mine.md');
    writeFileSync(file, 'my notes\n');
    const cap = capture(dir);
    assert.equal(await runInit(['mine.md'], cap.io), 2);
    assert.equal(cap.err(), 'mine.md: already exists; not overwritten (use --force to replace it)\n');
    assert.equal(readFileSync(file, 'utf8'), 'my notes\n');
    assert.equal(await runInit(['mine.md', '--force', '--product', 'Ledgerly'], capture(dir).io), 0);
    assert.ok(readFileSync(file, 'utf8').includes('\n# Ledgerly Scaling Plan\n'));
  });

  it('prints the plan for -', async () => {
    const cap = capture(dir);
    assert.equal(await runInit(['-', '--product=Ledgerly'], cap.io), 0);
    assert.equal(cap.out(), planTemplate({ product: 'Ledgerly' }));
    assert.equal(existsSync(join(dir, '-')), false);
  });

  const errors: { args: string[]; err: string }[] = [
    { args: ['--bogus'], err: "scaling-plan: unknown option '--bogus'\nRun 'scaling-plan init --help' for usage.\n" },
    { args: ['a.md', 'b.md'], err: "scaling-plan: init takes one file\nRun 'scaling-plan init --help' for usage.\n" },
    { args: ['--product'], err: "scaling-plan: --product needs a name\nRun 'scaling-plan init --help' for usage.\n" },
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
    assert.ok(existsSync(join(dir, 'wired.md')));
  });
});
