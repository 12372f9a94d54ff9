/**
 * The samples in samples/: the correct plans have no findings; the planted samples have their
 * planted errors found on their lines and spans, with their formulas, and nothing else; fix-all
 * writes the computed values and touches no other line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { positionAt, rules, type Finding } from '../src/engine';
import { analyze, fixAll, problems, rows, sample } from './helpers';

const ARITHMETIC = new Set(rules.filter((r) => r.meta.category === 'arithmetic').map((r) => r.meta.id));
const STAGES = new Set(rules.filter((r) => r.meta.category === 'stages').map((r) => r.meta.id));

type Row = [rule: string, line: number, start: number, end: number, claimed: string];

/** Findings with their severity and message: [rule, line, start, end, claimed, severity, message]. */
function described(text: string, findings: readonly Finding[]): [...Row, string, string][] {
  return rows(text, findings).map((r, i) => [...r, findings[i]!.severity, findings[i]!.message]);
}

/** Related locations as [0-based line, text]. */
function related(text: string, f: Finding): [number, string][] {
  const starts = analyze(text).model!.outline.lineStarts;
  return f.related.map((r) => [positionAt(starts, r.span.start).line, text.slice(r.span.start, r.span.end)]);
}

describe('samples/correct-plan.md', () => {
  const text = sample('correct-plan.md');

  it('has no findings at all', () => {
    assert.deepEqual(rows(text, analyze(text).findings), []);
  });

  it('is checked by the arithmetic rules, and every relation holds', () => {
    const a = analyze(text);
    const checked = new Set(a.outcomes.map((o) => o.relation.rule));
    assert.deepEqual(
      [...checked].sort(),
      ['cost-change', 'cost-per-user', 'downtime', 'explicit-arithmetic', 'gross-margin', 'multiplier', 'profit', 'revenue', 'score-total', 'totals'],
    );
    assert.deepEqual(a.outcomes.filter((o) => !o.holds).map((o) => o.relation.target.line + 1), []);
    assert.equal(a.outcomes.length, 26);
  });

  it('fix-all changes nothing', () => {
    assert.equal(fixAll(text).text, text);
  });
});

describe('samples/readiness-worksheet.md', () => {
  const text = sample('readiness-worksheet.md');

  it('is filled in, adds up, and has no findings', () => {
    const a = analyze(text);
    assert.deepEqual(rows(text, a.findings), []);
    assert.deepEqual([...new Set(a.outcomes.map((o) => o.relation.rule))].sort(), ['explicit-arithmetic', 'score-total', 'totals']);
    assert.ok(a.outcomes.every((o) => o.holds));
    assert.equal(fixAll(text).text, text);
  });
});

describe('samples/planted-errors.md', () => {
  const text = sample('planted-errors.md');
  const findings = analyze(text).findings;
  const arithmetic = findings.filter((f) => ARITHMETIC.has(f.rule));

  // [rule, 0-based line, start, end, claimed text, severity, message]
  const expected: [...Row, string, string][] = [
    ['totals', 31, 9, 19, '$141/month', 'error', 'Total $141/month does not match 72 + 48 + 11 = $131/month'],
    ['cost-per-user', 38, 17, 28, '$0.36/month', 'error', 'Cost per user $0.36/month does not match 485 / 1,500 = $0.323/month (read as the total over the users)'],
    ['cost-change', 45, 30, 34, '-35%', 'error', 'Change -35% does not match (0.28 − 0.36) / 0.36 = −22.2% (from $0.36/month at 1,500 users)'],
    ['totals', 53, 26, 32, '$1,688', 'error', 'Total Monthly cost $1,688 does not match 910 + 640 + 118 = $1,668/month'],
    ['totals', 59, 9, 22, '$60-140/month', 'error', 'Total $60-140/month does not match 20 + 30 + 10 … 40 + 90 + 20 = $60/month–$150/month'],
    ['revenue', 71, 11, 23, '$2,600/month', 'error', 'Revenue $2,600/month does not match 1,500 × 6% × 24 = $2,160/month (read as 1,500 users × the conversion and price stated on line 12)'],
    ['gross-margin', 81, 16, 19, '64%', 'error', 'Gross margin 64% does not match (8,640 − 1,740) / 8,640 × 100% = 79.9% (read as (revenue − cost) / revenue)'],
    ['profit', 82, 10, 23, '-$7,900/month', 'error', 'Profit -$7,900/month does not match 8,640 − (1,740 + 16,000) = −$9,100/month (read as income − every cost listed)'],
    ['explicit-arithmetic', 84, 30, 36, '$2,260', 'error', 'Result $2,260 does not match 90 × 24 = $2,160'],
    ['multiplier', 86, 32, 34, '9x', 'error', 'Multiple 9x does not match 270 / 45 = 6x'],
    ['downtime', 92, 41, 51, '52 minutes', 'error', 'Downtime per month for 99.9% uptime 52 minutes does not match (100% − 99.9%) × 43,200 minutes (30 days) = 43.2 minutes (read as a 30-day month)'],
    ['downtime', 93, 44, 53, '6.5 hours', 'error', 'Downtime per year for 99.95% uptime 6.5 hours does not match (100% − 99.95%) × 525,600 minutes = 4.38 hours (read as a 365-day year)'],
    ['score-total', 119, 17, 22, '28/60', 'error', 'Total readiness 28/60 cannot fit its 5 items scored out of 10: 5 items × 10 = 50, or 2 group averages × 10 = 20.'],
    ['score-total', 127, 9, 14, '25/30', 'error', 'Score total 25/30 does not match 8 + 9 + 6 = 23'],
    ['revenue', 136, 11, 24, '$10,600/month', 'error', 'Revenue $10,600/month does not match 800 × 12 = $9,600/month (read as 800 users × the ARPU stated on line 133)'],
    ['explicit-arithmetic', 138, 61, 65, '$320', 'error', 'Result $320 does not match 150 + 90 + 60 = $300'],
  ];

  it('finds the planted errors on their lines and spans, with their formulas, and nothing else', () => {
    assert.deepEqual(described(text, arithmetic), expected);
    // Besides the arithmetic, only the note of its missing sections.
    assert.deepEqual(
      described(text, findings.filter((f) => !ARITHMETIC.has(f.rule))),
      [['missing-section', 5, 2, 47, 'Quillstack Scaling Plan (with planted errors)', 'information', 'Missing 5 sections of a scaling plan: infrastructure roadmap with milestones, architecture evolution, team scaling plan, operational playbooks, risk assessment with mitigations']],
    );
  });

  it('points each finding at the inputs of its formula', () => {
    const at = (rule: string, line: number): Finding => arithmetic.find((f) => f.rule === rule && rows(text, [f])[0]![1] === line)!;
    assert.deepEqual(related(text, at('totals', 31)), [[28, '$72/month'], [29, '$48/month'], [30, '$11/month']]);
    assert.deepEqual(related(text, at('cost-change', 45)), [[38, '$0.36/month'], [45, '$0.28/month']]);
    assert.deepEqual(related(text, at('profit', 82)), [[78, '$8,640/month'], [79, '$1,740/month'], [80, '$16,000/month']]);
    assert.deepEqual(related(text, at('revenue', 136)), [[135, '800 users'], [132, '$12/month']]);
    assert.deepEqual(related(text, at('downtime', 92)), [[92, '99.9%']]);
  });

  it('offers a fix where the reading is certain, titled with the value in the plan’s format', () => {
    assert.deepEqual(
      arithmetic.map((f) => [f.rule, f.fixes.map((x) => x.title)]),
      [
        ['totals', ['Change to $131/month']],
        ['cost-per-user', []],
        ['cost-change', ['Change to -22%']],
        ['totals', ['Change to $1,668']],
        ['totals', ['Change to $60-150/month']],
        ['revenue', ['Set revenue to $2,160/month']],
        ['gross-margin', []],
        ['profit', []],
        ['explicit-arithmetic', ['Change to $2,160']],
        ['multiplier', ['Change to 6x']],
        // 43.2 (30 days) and 43.8 minutes (730 hours) are 43 and 44 at whole minutes: no fix.
        ['downtime', []],
        // 4.38 (365 days) and 4.383 hours (365.25 days) are both 4.4.
        ['downtime', ['Set downtime to 4.4 hours']],
        ['score-total', []],
        ['score-total', []],
        ['revenue', ['Set revenue to $9,600/month']],
        ['explicit-arithmetic', ['Change to $300']],
      ],
    );
  });

  it('offers a fix for the cost per user, whose two readings (the total, the sum of the costs) agree on $0.32', { todo: 'cost-per-user offers no fix when it has two readings, even when both give the same value' }, () => {
    const f = arithmetic.find((x) => x.rule === 'cost-per-user')!;
    assert.deepEqual(f.fixes.map((x) => x.title), ['Change to $0.32/month']);
  });

  it('finds the revenue that disagrees with 6% Pro @ $24 (1,500 users × 6% × $24 = $2,160)', () => {
    const found = arithmetic.filter((f) => f.rule === 'revenue').map((f) => rows(text, [f])[0]!);
    assert.deepEqual(found[0], ['revenue', 71, 11, 23, '$2,600/month']);
  });

  it('finds the infrastructure cost at 6,000 users that disagrees with the cost model ($1,740 against $1,668)', { todo: 'cross-reference compares restatements within one section only' }, () => {
    const found = arithmetic.filter((f) => f.rule === 'cross-reference').map((f) => rows(text, [f])[0]!);
    assert.deepEqual(found, [['cross-reference', 79, 18, 30, '$1,740/month']]);
  });

  it('finds the channel mix that adds up to 95%', { todo: 'shares are read in tables with a 100% total row only, not in a list titled as a mix' }, () => {
    const found = arithmetic.filter((f) => f.rule === 'shares').map((f) => rows(text, [f])[0]!);
    assert.deepEqual(found, [['shares', 103, 10, 13, '10%']]);
  });

  it('fix-all writes the computed values on the planted lines and changes no other line', () => {
    const { text: fixed, rounds } = fixAll(text);
    assert.equal(rounds, 1);
    const replaced = text
      .replace('- Total: $141/month', '- Total: $131/month')
      .replace('- Cost per user: $0.28/month (-35%)', '- Cost per user: $0.28/month (-22%)')
      .replace('| **Total**           | **$1,688**   |', '| **Total**           | **$1,668**   |')
      .replace('- Total: $60-140/month', '- Total: $60-150/month')
      .replace('- Revenue: $2,600/month', '- Revenue: $2,160/month')
      .replace('90 × $24 = $2,260.', '90 × $24 = $2,160.')
      .replace('is 9x cheaper', 'is 6x cheaper')
      .replace('- Revenue: $10,600/month', '- Revenue: $9,600/month')
      .replace('$150 + $90 + $60 = $320.', '$150 + $90 + $60 = $300.')
      .replace('(6.5 hours downtime/year)', '(4.4 hours downtime/year)');
    assert.equal(fixed, replaced);
    // What is left has no certain fix: the checker says so and leaves the figures alone.
    assert.deepEqual(
      rows(fixed, problems(fixed)).map((r) => [r[0], r[1]]),
      [
        ['cost-per-user', 38],
        // Computed from the planted revenue at 1,500 users: wrong once it is fixed, with no certain fix.
        ['gross-margin', 74],
        ['profit', 75],
        ['gross-margin', 81],
        ['profit', 82],
        ['downtime', 92],
        ['score-total', 119],
        ['score-total', 127],
      ],
    );
    assert.equal(fixAll(fixed).text, fixed);
  });
});

describe('samples/stage-errors.md', () => {
  const text = sample('stage-errors.md');
  const findings = analyze(text).findings;
  const own = findings.filter((f) => STAGES.has(f.rule));

  // Planted stage errors the engine finds: [rule, line, start, end, claimed, severity, message], related.
  const found: [[...Row, string, string], [number, string][]][] = [
    [['milestone-stage', 68, 19, 30, '5,000 users', 'warning', 'Milestone at 5,000 users is listed under Stage 2 (400-2,000 users) but falls outside it'], [[65, '400-2,000 users']]],
    [['stage-sequence', 84, 11, 28, '1,500-8,000 users', 'error', 'Phase 2 (1,500-8,000 users) overlaps Phase 1 (0-2,000 users): 1,500–2,000 users are in both'], [[81, '0-2,000 users']]],
    [
      ['sla-progression', 181, 10, 15, '99.8%', 'warning', 'Uptime 99.8% in Stage 3 (2,000-8,000 users) is lower than 99.9% in Stage 2 (400-2,000 users): service levels should not loosen as the plan grows'],
      [[177, '99.9%']],
    ],
  ];

  // Planted stage errors the engine should find too (0-based lines), each with its todo below.
  const planted: Row[] = [
    ['timeline-sequence', 34, 12, 24, 'Months 19-26'],
    ['timeline-sequence', 38, 12, 22, 'Months 25+'],
    ['stage-consistency', 41, 52, 69, '2,500-8,000 users'],
    ['milestone-stage', 68, 19, 30, '5,000 users'],
    ['stage-sequence', 84, 11, 28, '1,500-8,000 users'],
    ['stage-budget', 116, 9, 21, '$4,000/month'],
    ['stage-sequence', 153, 11, 23, '2,000+ users'],
    ['stage-sequence', 166, 2, 13, '1,000 users'],
    ['sla-progression', 181, 10, 15, '99.8%'],
    ['sla-progression', 186, 18, 23, '400ms'],
    ['milestone-stage', 192, 43, 54, '3,000 users'],
  ];

  it('finds the planted stage errors it reads, on their lines and spans, with their messages and related stages', () => {
    const lines = new Set(found.map(([r]) => r[1]));
    const got = own.filter((f) => lines.has(rows(text, [f])[0]![1]));
    assert.deepEqual(described(text, got), found.map(([r]) => r));
    assert.deepEqual(got.map((f) => related(text, f)), found.map(([, rel]) => rel));
    for (const f of got) assert.deepEqual(f.fixes, [], `${f.rule} has no automatic fix`);
  });

  it('reports nothing of error or warning severity off the planted lines', () => {
    const lines = new Set(planted.map((r) => r[1]));
    const off = rows(text, problems(text)).filter((r) => !lines.has(r[1]));
    assert.deepEqual(off, []);
  });

  it('finds every planted stage error', { todo: 'timelines stated as items, ranges in sentences, budgets stated in another section, decision trees, response times under a Service Levels heading and milestones in a line that names the stage are not read' }, () => {
    assert.deepEqual(rows(text, own), planted);
  });

  it('the arithmetic of the sample adds up, and fix-all changes nothing (stage findings have no fix)', () => {
    assert.deepEqual(findings.filter((f) => ARITHMETIC.has(f.rule)), []);
    const a = analyze(text);
    assert.ok(a.outcomes.length >= 18, `only ${a.outcomes.length} relations checked`);
    assert.ok(a.outcomes.every((o) => o.holds));
    assert.equal(fixAll(text).text, text);
  });
});
