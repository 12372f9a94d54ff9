/**
 * Suppression comments in the engine (src/engine/suppress.ts): each form, rule lists, unknown
 * ids, unused comments, and comments that are not HTML blocks. The fixture's findings (without
 * comments): explicit-arithmetic on lines 9, 11 and 13 (1-based), totals on line 19, and the
 * missing-section information on the title.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlanService, positionAt, type Analysis, type Finding } from '../src/engine';
import { applyEdits, ignoreEdit } from '../src/engine/features';
import { readDirectives } from '../src/engine/suppress';
import { analyze, fixture } from './helpers';

const PLAN = fixture('suppress/plan.md');

/** `line rule` (1-based) of each finding. */
function at(a: Analysis, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${positionAt(a.model!.outline.lineStarts, f.span.start).line + 1} ${f.rule}`);
}

/** The plan with `comment` inserted as a line above 1-based `line` (of the original plan). */
function withLines(inserts: [line: number, comment: string][]): string {
  const lines = PLAN.split('\n');
  for (const [line, comment] of [...inserts].sort((x, y) => y[0] - x[0])) lines.splice(line - 1, 0, comment);
  return lines.join('\n');
}

describe('suppression comments', () => {
  it('the fixture has its findings without comments', () => {
    const a = analyze(PLAN);
    assert.deepEqual(at(a, a.findings), ['5 missing-section', '9 explicit-arithmetic', '11 explicit-arithmetic', '13 explicit-arithmetic', '19 totals']);
    assert.deepEqual(a.suppressed, []);
  });

  it('disable-next-line silences the named rule on the next line only', () => {
    const a = analyze(withLines([[11, '<!-- scaling-plan-disable-next-line explicit-arithmetic -->']]));
    assert.deepEqual(at(a, a.findings), ['5 missing-section', '9 explicit-arithmetic', '14 explicit-arithmetic', '20 totals']);
    assert.deepEqual(at(a, a.suppressed), ['12 explicit-arithmetic']);
  });

  it('disable-next-line for another rule silences nothing', () => {
    const a = analyze(withLines([[11, '<!-- scaling-plan-disable-next-line totals -->']]));
    assert.equal(a.suppressed.length, 0);
    assert.deepEqual(at(a, a.findings), ['5 missing-section', '9 explicit-arithmetic', '12 explicit-arithmetic', '14 explicit-arithmetic', '20 totals']);
  });

  it('disable-next-line without a rule list silences every rule', () => {
    const a = analyze(withLines([[5, '<!-- scaling-plan-disable-next-line -->']]));
    assert.deepEqual(at(a, a.suppressed), ['6 missing-section']);
  });

  it('disable … enable silences the rule between the two comments', () => {
    const a = analyze(withLines([
      [9, '<!-- scaling-plan-disable explicit-arithmetic -->'],
      [13, '<!-- scaling-plan-enable explicit-arithmetic -->'],
    ]));
    assert.deepEqual(at(a, a.suppressed), ['10 explicit-arithmetic', '12 explicit-arithmetic']);
    assert.deepEqual(at(a, a.findings), ['5 missing-section', '15 explicit-arithmetic', '21 totals']);
  });

  it('disable without enable runs to the end; several ids separated by commas or spaces', () => {
    for (const list of ['totals, explicit-arithmetic', 'totals explicit-arithmetic', 'totals,explicit-arithmetic']) {
      const a = analyze(withLines([[11, `<!-- scaling-plan-disable ${list} -->`]]));
      assert.deepEqual(at(a, a.suppressed), ['12 explicit-arithmetic', '14 explicit-arithmetic', '20 totals'], list);
    }
  });

  it('disable (all rules) then enable of one rule keeps that rule reported', () => {
    const a = analyze(withLines([
      [7, '<!-- scaling-plan-disable -->'],
      [11, '<!-- scaling-plan-enable explicit-arithmetic -->'],
    ]));
    assert.deepEqual(at(a, a.suppressed), ['10 explicit-arithmetic', '21 totals']);
    assert.deepEqual(at(a, a.findings), ['5 missing-section', '13 explicit-arithmetic', '15 explicit-arithmetic']);
  });

  it('disable-file silences everywhere, before and after the comment; with a list only those rules', () => {
    const all = analyze(withLines([[15, '<!-- scaling-plan-disable-file -->']]));
    assert.deepEqual(all.findings, []);
    assert.equal(all.suppressed.length, 5);
    const one = analyze(withLines([[15, '<!-- scaling-plan-disable-file explicit-arithmetic -->']]));
    assert.deepEqual(at(one, one.findings), ['5 missing-section', '20 totals']);
  });

  it('a reason after -- is not a rule id', () => {
    const a = analyze(withLines([[11, '<!-- scaling-plan-disable-next-line explicit-arithmetic -- the invoice rounds it -->']]));
    assert.deepEqual(at(a, a.suppressed), ['12 explicit-arithmetic']);
    assert.deepEqual(a.findings.filter((f) => f.rule === 'disable-comment'), []);
  });

  it('an unknown rule id is reported on the id, and silences nothing', () => {
    const text = withLines([[11, '<!-- scaling-plan-disable-next-line explicit-arithmetc -->']]);
    const a = analyze(text);
    const bad = a.findings.filter((f) => f.rule === 'disable-comment');
    assert.equal(bad.length, 1);
    assert.equal(bad[0]!.message, 'Unknown rule `explicit-arithmetc` in scaling-plan-disable-next-line: it silences nothing.');
    assert.equal(bad[0]!.severity, 'warning');
    assert.equal(text.slice(bad[0]!.span.start, bad[0]!.span.end), 'explicit-arithmetc');
    assert.equal(a.suppressed.length, 0);
  });

  it('the engine’s own findings may be silenced by id: lists nested too deep', () => {
    const deep = `${'>'.repeat(120)} deep quote\n`;
    const shown = analyze(deep);
    assert.deepEqual(shown.findings.map((f) => f.rule), ['too-large']);
    const silenced = analyze(`<!-- scaling-plan-disable-file too-large -->\n${deep}`);
    assert.deepEqual(silenced.findings, []);
    assert.deepEqual(silenced.suppressed.map((f) => f.rule), ['too-large']);
  });

  it('the engine’s own findings take the severity configured for their id, or none when off', () => {
    const deep = `${'>'.repeat(120)} deep quote\n`;
    assert.deepEqual(analyze(deep, { rules: { 'too-large': 'warning' } }).findings.map((f) => [f.rule, f.severity]), [['too-large', 'warning']]);
    assert.deepEqual(analyze(deep, { rules: { 'too-large': 'off' } }).findings, []);
    assert.deepEqual(analyze('# Plan\n\nText.\n', { maxSize: 4, rules: { 'too-large': 'error' } }).findings.map((f) => [f.rule, f.severity]), [['too-large', 'error']]);
    const badFrontmatter = '---\nscaling-plan: 1\ntolerance: 0.5\n---\n# Plan\n';
    assert.deepEqual(analyze(badFrontmatter).findings.map((f) => [f.rule, f.severity]), [['frontmatter', 'error']]);
    assert.deepEqual(analyze(badFrontmatter, { rules: { frontmatter: 'warning' } }).findings.map((f) => [f.rule, f.severity]), [['frontmatter', 'warning']]);
  });

  it('comments in code blocks or inline in a paragraph are text, not directives', () => {
    const fenced = analyze(withLines([[11, '```\n<!-- scaling-plan-disable-file -->\n```\n']]));
    assert.equal(fenced.suppressed.length, 0);
    const inline = analyze(PLAN.replace('Backups:', 'Backups <!-- scaling-plan-disable-file -->:'));
    assert.equal(inline.suppressed.length, 0);
  });

  it('a comment over several lines, indented in a list item, or with CRLF line ends is read', () => {
    const multi = analyze(withLines([[11, '<!--\n  scaling-plan-disable-next-line\n  explicit-arithmetic\n-->']]));
    assert.deepEqual(at(multi, multi.suppressed), ['15 explicit-arithmetic']);
    const crlf = analyze(withLines([[11, '<!-- scaling-plan-disable-next-line explicit-arithmetic -->']]).replace(/\n/g, '\r\n'));
    assert.deepEqual(at(crlf, crlf.suppressed), ['12 explicit-arithmetic']);
    const list = '- Stage 1: 0-100 users\n\n  <!-- scaling-plan-disable-next-line totals -->\n  Total: $5\n';
    assert.deepEqual(readDirectives(analyze(list).model!.outline).map((d) => [d.kind, d.rules.map((r) => r.id), d.line, d.endLine]), [['disable-next-line', ['totals'], 2, 2]]);
  });

  describe('reportUnusedDisables', () => {
    it('flags a comment that silences nothing, and each listed id that silences nothing', () => {
      const text = withLines([
        [11, '<!-- scaling-plan-disable-next-line totals explicit-arithmetic -->'],
        [13, '<!-- scaling-plan-disable-next-line -->'],
      ]);
      const a = analyze(text, { reportUnusedDisables: true });
      const unused = a.findings.filter((f) => f.rule === 'unused-disable');
      assert.deepEqual(
        unused.map((f) => [f.message, f.severity, text.slice(f.span.start, f.span.end)]),
        [['scaling-plan-disable-next-line totals silences no finding.', 'warning', 'totals']],
      );
      // Without the option nothing is said about it.
      assert.deepEqual(analyze(text).findings.filter((f) => f.rule === 'unused-disable'), []);
      const empty = withLines([[3, ''], [7, '<!-- scaling-plan-disable-next-line -->']]);
      const b = analyze(empty, { reportUnusedDisables: true });
      assert.deepEqual(b.findings.filter((f) => f.rule === 'unused-disable').map((f) => [f.message, empty.slice(f.span.start, f.span.end)]), [
        ['scaling-plan-disable-next-line silences no finding.', '<!-- scaling-plan-disable-next-line -->'],
      ]);
    });

    it('a disable … enable range that silences nothing is flagged; the enable is not', () => {
      const text = withLines([
        [15, '<!-- scaling-plan-disable explicit-arithmetic -->'],
        [17, '<!-- scaling-plan-enable explicit-arithmetic -->'],
      ]);
      const a = analyze(text, { reportUnusedDisables: true, rules: { 'unused-disable': 'error' } });
      assert.deepEqual(a.findings.filter((f) => f.rule === 'unused-disable').map((f) => [f.message, f.severity]), [['scaling-plan-disable explicit-arithmetic silences no finding.', 'error']]);
    });
  });

  it('a suppressed finding is not fixed by fix-all (the engine no longer reports it)', () => {
    const a = analyze(withLines([[9, '<!-- scaling-plan-disable-next-line explicit-arithmetic -->']]));
    assert.ok(a.suppressed.every((f) => !a.findings.includes(f)));
    assert.ok(a.suppressed[0]!.fixes.length > 0, 'the silenced finding had a fix');
  });
});

describe('ignoreEdit (the "Ignore this finding" quick fix)', () => {
  const edit = (text: string, rule: string, nth = 0): { title: string; text: string; after: Analysis } | undefined => {
    const service = createPlanService();
    const a = service.analyze(text);
    const f = a.findings.filter((x) => x.rule === rule)[nth]!;
    const e = ignoreEdit(service, a, f, {});
    if (!e) return undefined;
    const fixed = applyEdits(text, e.edits);
    return { title: e.title, text: fixed, after: analyze(fixed) };
  };

  it('inserts disable-next-line with the rule id above the line; the finding is silenced and nothing else changes', () => {
    const r = edit(PLAN, 'explicit-arithmetic', 1)!;
    assert.equal(r.title, 'Ignore this finding on this line');
    assert.equal(r.text, withLines([[11, '<!-- scaling-plan-disable-next-line explicit-arithmetic -->']]));
    assert.deepEqual(at(r.after, r.after.findings), ['5 missing-section', '9 explicit-arithmetic', '14 explicit-arithmetic', '20 totals']);
    assert.deepEqual(at(r.after, r.after.suppressed), ['12 explicit-arithmetic']);
  });

  it('keeps the line\'s indentation, its block-quote marks and CRLF line ends', () => {
    assert.equal(edit(PLAN.replace('Backups:', '  Backups:'), 'explicit-arithmetic', 1)!.text, PLAN.replace('Backups:', '  Backups:').replace('  Backups:', '  <!-- scaling-plan-disable-next-line explicit-arithmetic -->\n  Backups:'));
    assert.equal(edit(PLAN.replace('Backups:', '> Backups:'), 'explicit-arithmetic', 1)!.text, PLAN.replace('Backups:', '> <!-- scaling-plan-disable-next-line explicit-arithmetic -->\n> Backups:'));
    const crlf = PLAN.replace(/\n/g, '\r\n');
    const r = edit(crlf, 'explicit-arithmetic', 1)!;
    assert.equal(r.text, crlf.replace('Backups:', '<!-- scaling-plan-disable-next-line explicit-arithmetic -->\r\nBackups:'));
    assert.equal(r.after.suppressed.length, 1);
  });

  it('a comment between list items would split the list: the rule is disabled around the list instead', () => {
    const r = edit(PLAN, 'totals')!;
    assert.equal(r.title, 'Ignore totals findings in this list');
    assert.equal(r.text, PLAN.replace('## Spend at 100 users', '<!-- scaling-plan-disable totals -->\n## Spend at 100 users') + '<!-- scaling-plan-enable totals -->\n');
    assert.deepEqual(at(r.after, r.after.suppressed), ['20 totals']);
    assert.deepEqual(at(r.after, r.after.findings), ['5 missing-section', '9 explicit-arithmetic', '11 explicit-arithmetic', '13 explicit-arithmetic']);
  });

  it('a finding in a table or a fenced block is silenced around the block, never inside it', () => {
    const table = '---\nscaling-plan: 1\n---\n\n# Plan\n\n## Spend\n\n| Item | Cost |\n|---|---|\n| Hosting | $50/month |\n| Database | $30/month |\n| **Total** | **$90/month** |\n\nAfter the table.\n';
    const t = edit(table, 'totals')!;
    assert.equal(t.title, 'Ignore totals findings in this table');
    assert.equal(t.text, table.replace('## Spend', '<!-- scaling-plan-disable totals -->\n## Spend').replace('**$90/month** |\n', '**$90/month** |\n<!-- scaling-plan-enable totals -->\n'));
    assert.deepEqual(t.after.suppressed.map((f) => f.rule), ['totals']);
    const fenced = '---\nscaling-plan: 1\n---\n\n# Plan\n\n## Spend\n\n```\n100 users:\n- Hosting: $50/month\n- Database: $30/month\n- Total: $90/month\n```\n';
    const c = edit(fenced, 'totals')!;
    assert.equal(c.title, 'Ignore totals findings in this code block');
    assert.deepEqual(c.after.suppressed.map((f) => f.rule), ['totals']);
    assert.equal(c.text, fenced.replace('```\n100', '<!-- scaling-plan-disable totals -->\n```\n100') + '<!-- scaling-plan-enable totals -->\n');
  });

  it('offers nothing for findings about the comments themselves or the frontmatter', () => {
    const text = withLines([[11, '<!-- scaling-plan-disable-next-line totls -->']]);
    assert.equal(edit(text, 'disable-comment'), undefined);
    assert.equal(edit('---\nscaling-plan: 1\nmonth: 31d\n---\n\n# Plan\n', 'frontmatter'), undefined);
  });
});
