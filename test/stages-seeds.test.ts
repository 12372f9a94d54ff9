/**
 * The stage rules on the reference plans in ../shared/seeds: what they report as written, and
 * that a gap or an overlap opened in one of their lists is found where it was opened.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, positionAt, rules, stageModel, type Finding } from '../src/engine';
import { seed, seedsSkip } from './helpers';

const STAGES = new Set(rules.filter((r) => r.meta.category === 'stages').map((r) => r.meta.id));
const OWN = new Set([...STAGES, 'missing-section']);

/** [rule, severity, 0-based line, claimed text, message, [related line, related text][]] */
type Row = [string, string, number, string, string, [number, string][]];

function rows(text: string, findings: Finding[]): Row[] {
  const starts = analyze(text).model!.doc.lineStarts;
  const line = (o: number): number => positionAt(starts, o).line;
  return findings.map((f) => [f.rule, f.severity, line(f.span.start), text.slice(f.span.start, f.span.end), f.message, f.related.map((r) => [line(r.span.start), text.slice(r.span.start, r.span.end)])]);
}

function own(text: string): Finding[] {
  return analyze(text).findings.filter((f) => OWN.has(f.rule));
}

/** Replaces the one occurrence of `from` (it must occur exactly once). */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `${JSON.stringify(from)} occurs once`);
  return text.replace(from, to);
}

describe('stage rules on ../shared/seeds', { skip: seedsSkip }, () => {
  it('000: only notes that support, SLA and metrics call Stage 4 "2,500+ users"', () => {
    const text = seed('000_7c0a2102dead1249.md');
    const note = 'Stage 4 is 2,500+ users here but 2,500–10,000 users on line 60; from 10,000 users the plan is in Stage 5';
    const related: [number, string][] = [
      [59, '2,500-10,000 users'],
      [66, '10,000+ users'],
    ];
    assert.deepEqual(rows(text, own(text)), [
      ['stage-consistency', 'information', 405, '2,500+ users', note, related],
      ['stage-consistency', 'information', 464, '2,500+ users', note, related],
      ['stage-consistency', 'information', 562, '2,500+ users', note, related],
    ]);
  });

  it('000: sees its nine lists and the five stages across sections', () => {
    const sm = stageModel(analyze(seed('000_7c0a2102dead1249.md')).model!);
    assert.deepEqual(
      sm.sequences.map((s) => [s.title, s.entries.length]),
      [
        ['1. Growth Stage Planning', 5],
        ['2. Technical Infrastructure Evolution', 4],
        ['3. Database Scaling Strategy', 3],
        ['5. Team Scaling Plan', 3],
        ['5. Team Scaling Plan', 4],
        ['6. Operational Scalability', 4],
        ['7. Performance & Reliability SLAs', 4],
        ['9. Success Metrics by Stage', 4],
        ['Next 3 Months (100 → 300 users)', 4],
      ],
    );
    assert.deepEqual(
      sm.stages.filter((s) => s.primary).map((s) => [s.label, s.low, s.high ?? '+', s.mentions.length]),
      [
        ['Stage 1: Foundation', 0, 100, 5],
        ['Stage 2: Early Traction', 100, 500, 5],
        ['Stage 3: Growth', 500, 2500, 5],
        ['Stage 4: Scale', 2500, 10000, 5],
        ['Stage 5: Enterprise', 10000, '+', 1],
      ],
    );
  });

  it('001: no finding; its phase and month timelines follow each other', () => {
    const text = seed('001_3461db778a046460.md');
    assert.deepEqual(rows(text, own(text)), []);
    const sm = stageModel(analyze(text).model!);
    assert.deepEqual(
      sm.sequences.map((s) => s.entries.map((e) => e.timeline!.text)),
      [
        ['0–3 months', '3–9 months', '9–18 months'],
        ['Months 1–3', 'Months 4–6', 'Months 7–9', 'Months 10–12'],
      ],
    );
  });

  it('002 and 004: no stage finding (their later "Phase 1: Foundation" headings state no range)', () => {
    for (const name of ['002_771453326071f4f8.md', '004_412fce2b80bb92e5.md']) {
      const found = analyze(seed(name)).findings.filter((f) => STAGES.has(f.rule));
      assert.deepEqual(found.map((f) => f.message), [], name);
    }
    assert.deepEqual(
      own(seed('002_771453326071f4f8.md')).map((f) => [f.rule, f.severity, f.message]),
      [['missing-section', 'information', 'Missing 2 sections of a scaling plan: architecture evolution, team scaling plan']],
    );
    assert.deepEqual(
      own(seed('004_412fce2b80bb92e5.md')).map((f) => [f.rule, f.severity, f.message]),
      // Its stage headings (`## Stage 2: Growth (10K-50K users)`) are not a growth model.
      [['missing-section', 'information', 'Missing 3 sections of a scaling plan: growth projection model, team scaling plan, risk assessment with mitigations']],
    );
  });

  describe('a gap or an overlap opened in a copy is found where it was opened', () => {
    const cases: { seed: string; name: string; from: string; to: string; rule: string; expect: Row[] }[] = [
      {
        seed: '000_7c0a2102dead1249.md',
        name: '000: a gap in the stage list',
        from: 'Stage 3: Growth (500-2,500 users)',
        to: 'Stage 3: Growth (600-2,500 users)',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 'error', 52, '600-2,500 users', 'Gap between Stage 2 (100–500 users) and Stage 3 (600–2,500 users): 500–600 users belong to no stage', [[45, '100-500 users']]]],
      },
      {
        seed: '000_7c0a2102dead1249.md',
        name: '000: an overlap in the database phases',
        from: '**Phase 2: Read Replicas (500-2,500 users)**',
        to: '**Phase 2: Read Replicas (400-2,500 users)**',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 'error', 195, '400-2,500 users', 'Phase 2 (400–2,500 users) overlaps Phase 1 (100–500 users): 400–500 users are in both', [[178, '100-500 users']]]],
      },
      {
        seed: '001_3461db778a046460.md',
        name: '001: a gap in the phase timelines',
        from: 'Phase 2: Growth Infrastructure (3-9 months)',
        to: 'Phase 2: Growth Infrastructure (5-9 months)',
        rule: 'timeline-sequence',
        expect: [['timeline-sequence', 'warning', 114, '5-9 months', 'Gap between 0–3 months (Phase 1) and 5–9 months (Phase 2): 3–5 months are in no timeline', [[107, '0-3 months']]]],
      },
      {
        seed: '001_3461db778a046460.md',
        name: '001: an overlap in the month plan',
        from: 'Months 7-9: Optimization',
        to: 'Months 5-9: Optimization',
        rule: 'timeline-sequence',
        expect: [['timeline-sequence', 'warning', 523, 'Months 5-9', 'Months 5–9 overlaps Months 4–6', [[517, 'Months 4-6']]]],
      },
      {
        seed: '002_771453326071f4f8.md',
        name: '002: an overlap in the growth phases',
        from: '### Phase 3: Expansion (5000-20000 users)',
        to: '### Phase 3: Expansion (4000-20000 users)',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 'error', 16, '4000-20000 users', 'Phase 3 (4,000–20,000 users) overlaps Phase 2 (1,000–5,000 users): 4,000–5,000 users are in both', [[10, '1000-5000 users']]]],
      },
      {
        seed: '004_412fce2b80bb92e5.md',
        name: '004: a gap in the stage headings',
        from: '## Stage 2: Growth (10K-50K users)',
        to: '## Stage 2: Growth (20K-50K users)',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 'error', 42, '20K-50K users', 'Gap between Stage 1 (1,000–10,000 users) and Stage 2 (20,000–50,000 users): 10,000–20,000 users belong to no stage', [[10, '1K-10K users']]]],
      },
      {
        seed: '004_412fce2b80bb92e5.md',
        name: '004: a gap in the decision tree',
        from: '> 200K users?',
        to: '> 500K users?',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 'error', 285, '500K users', 'Gap between < 200,000 users and > 500,000 users: 200,000–500,000 users belong to no stage', [[284, '200K users']]]],
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const text = edit(seed(c.seed), c.from, c.to);
        assert.deepEqual(rows(text, analyze(text).findings.filter((f) => f.rule === c.rule)), c.expect);
      });
    }
  });
});
