/**
 * Suppression comments in the engine (src/engine/suppress.ts): each form, rule lists, unknown
 * ids, unused comments, and comments that are not HTML blocks. The fixture's findings (without
 * comments): explicit-arithmetic on lines 9, 11 and 13 (1-based), totals on line 19, and the
 * missing-section information on the title.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { positionAt, type Analysis, type Finding } from '../src/engine';
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
