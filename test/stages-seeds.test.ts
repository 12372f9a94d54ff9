/**
 * Stages and projections of the reference plans in ../shared/seeds (skipped when absent): the
 * stage lists each plan has, the projection table's figures per stage (each checked by reading
 * the plan), no stage finding as written, and a gap or an overlap opened in a copy found where it
 * was opened.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { positionAt, rules, type Analysis, type Cell, type Finding, type ProjectionRow } from '../src/engine';
import { analyze, rows, seed, seedsSkip } from './helpers';

const STAGES = new Set(rules.filter((r) => r.meta.category === 'stages').map((r) => r.meta.id));

const SEED_000 = '000_7c0a2102dead1249.md';
const SEED_001 = '001_3461db778a046460.md';
const SEED_002 = '002_771453326071f4f8.md';
const SEED_004 = '004_412fce2b80bb92e5.md';

/** A cell as text: its value (rounded to 2 decimals), and its formula or the stated text it comes from. */
function show(c: Cell | undefined, text: string): string | undefined {
  if (!c) return undefined;
  const r = (v: number): number => Math.round(v * 100) / 100;
  const value = c.high === undefined ? `${r(c.low)}` : `${r(c.low)}–${r(c.high)}`;
  return c.stated ? `${value} stated ${c.sources.map((s) => text.slice(s.start, s.end)).join(', ')}` : `${value} = ${c.formula}`;
}

type StageLine = [label: string, line: number, users: string, budget?: string, cost?: string, costPerUser?: string, revenue?: string, margin?: string, profit?: string, uptime?: string, downtime?: string];

function stageLines(a: Analysis): StageLine[] {
  const users = (u: ProjectionRow['users']): string => (!u ? '' : u.open ? `${u.low}+` : `${u.low}–${u.high}`);
  return a
    .projection()
    .rows.filter((r) => r.kind === 'stage')
    .map((r): StageLine => {
      const out: StageLine = [r.label, r.line + 1, users(r.users)];
      // The margin by its value: its formula is checked on its own below.
      const cells = [r.budget, r.cost, r.costPerUser, r.revenue, r.margin, r.profit, r.uptime, r.downtime].map((c) => (c && c === r.margin ? show({ ...c, stated: false, formula: '…' }, a.text) : show(c, a.text)));
      // Trailing empty cells are left off, so that a row reads like the plan states it.
      while (cells.length && cells[cells.length - 1] === undefined) cells.pop();
      return [...out, ...cells] as StageLine;
    });
}

function stageFindings(text: string): Finding[] {
  return analyze(text).findings.filter((f) => STAGES.has(f.rule));
}

/** Replaces the one occurrence of `from` (it must occur exactly once). */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `${JSON.stringify(from)} occurs once`);
  return text.replace(from, to);
}

describe('stages of ../shared/seeds', { skip: seedsSkip }, () => {
  it('000: eight lists of stages; the main one is the five stages of "Define Your Stages"', () => {
    const a = analyze(seed(SEED_000));
    const sm = a.stages();
    assert.deepEqual(
      sm.sequences.map((s) => [s.container.split(':')[0], s.entries.length, s.entries[0]!.line + 1, s.alternatives]),
      [
        ['code', 5, 39, false],
        ['titles', 4, 79, false],
        ['titles', 3, 179, false],
        ['titles', 3, 309, false],
        ['code', 4, 386, false],
        ['code', 4, 447, false],
        ['code', 4, 542, false],
        ['h', 4, 573, false],
      ],
    );
    assert.deepEqual(
      sm.primary!.entries.map((e) => [e.label, e.users!.low, e.users!.high ?? '+']),
      [
        ['Stage 1: Foundation', 0, 100],
        ['Stage 2: Early Traction', 100, 500],
        ['Stage 3: Growth', 500, 2500],
        ['Stage 4: Scale', 2500, 10000],
        ['Stage 5: Enterprise', 10000, '+'],
      ],
    );
    // What the stages' own lines state: the budgets under the infrastructure stages, the SLA uptimes.
    const stated = (line: number): [string | undefined, string | undefined] => {
      const e = sm.entries.find((x) => x.line + 1 === line)!;
      const t = (c: { q: { span: { start: number; end: number } } } | undefined): string | undefined => c && a.text.slice(c.q.span.start, c.q.span.end);
      return [t(e.budget), t(e.uptime)];
    };
    assert.deepEqual([79, 96, 121, 148].map(stated), [
      ['$50-150/month', undefined],
      ['$200-500/month', undefined],
      ['$1,000-3,000/month', undefined],
      ['$5,000-15,000/month', '99.9%'],
    ]);
    assert.deepEqual([447, 453, 459, 465].map((l) => stated(l)[1]), ['99%', '99.5%', '99.9%', '99.95%']);
  });

  it('000: projects each stage from its cost model, the $10 ARPU, its budget and its SLA', () => {
    const a = analyze(seed(SEED_000));
    assert.deepEqual(stageLines(a), [
      [
        'Stage 1: Foundation', 39, '0–100',
        '50–150 stated $50-150/month',
        '120 = 50 + 30 + 10 + 30',
        '1.2 = (50 + 30 + 10 + 30) / 100',
        '1000 = 100 × 10',
        '88 = …',
        '880 = 100 × 10 − (120 + 0)',
        '99 stated 99%',
        '432 = (100% − 99%) × 43,200 minutes (30 days)',
      ],
      [
        'Stage 2: Early Traction', 46, '100–500',
        '200–500 stated $200-500/month',
        '380 = 150 + 100 + 30 + 100',
        '0.76 = (150 + 100 + 30 + 100) / 500',
        '5000 = 500 × 10',
        '92.4 = …',
        '-10380 = 500 × 10 − (380 + 15,000)',
        '99.5 stated 99.5%',
        '216 = (100% − 99.5%) × 43,200 minutes (30 days)',
      ],
      [
        'Stage 3: Growth', 53, '500–2500',
        '1000–3000 stated $1,000-3,000/month',
        '1400 = 600 + 400 + 100 + 300',
        '0.56 = (600 + 400 + 100 + 300) / 2,500',
        // The stated $37,500 is the seed's error: the projection computes users × ARPU.
        '25000 = 2,500 × 10',
        '94.4 = …',
        '-6400 = 2,500 × 10 − (1,400 + 30,000)',
        '99.9 stated 99.9%',
        '43.2 = (100% − 99.9%) × 43,200 minutes (30 days)',
      ],
      [
        'Stage 4: Scale', 60, '2500–10000',
        '5000–15000 stated $5,000-15,000/month',
        '4600 = 2,000 + 1,500 + 300 + 800',
        '0.46 = (2,000 + 1,500 + 300 + 800) / 10,000',
        '100000 = 10,000 × 10',
        '95.4 = …',
        '35400 = 10,000 × 10 − (4,600 + 60,000)',
        '99.95 stated 99.95%',
        '21.6 = (100% − 99.95%) × 43,200 minutes (30 days)',
      ],
      ['Stage 5: Enterprise', 67, '10000+'],
    ]);
    const stage = a.projection().rows.filter((r) => r.kind === 'stage');
    // Each stage's cost comes from the cost model at the top of its range, its economics from the break-even block.
    assert.deepEqual(
      stage.map((r) => [r.modelled?.label, r.modelled && r.modelled.line + 1, r.economics?.label, r.economics && r.economics.line + 1]),
      [
        ['100 users', 237, '100 users', 276],
        ['500 users', 245, '500 users', 283],
        ['2,500 users', 253, '2,500 users', 290],
        ['10,000 users', 261, '10,000 users', 297],
        [undefined, undefined, undefined, undefined],
      ],
    );
    // The budget per user across the stage: the low budget over the most users, the high over the fewest.
    assert.deepEqual(stage.map((r) => show(r.budgetPerUser, a.text)), ['0.5–1.5 = 50 / 100 … 150 / 100', '0.4–5 = 200 / 500 … 500 / 100', '0.4–6 = 1,000 / 2,500 … 3,000 / 500', '0.5–6 = 5,000 / 10,000 … 15,000 / 2,500', undefined]);
    assert.equal(a.projection().growth, undefined);
  });

  it('000: a stage’s margin divides by its revenue, written in parentheses', () => {
    const a = analyze(seed(SEED_000));
    const stage = a.projection().rows.filter((r) => r.kind === 'stage' && r.margin);
    assert.deepEqual(
      stage.map((r) => r.margin!.formula),
      ['(100 × 10 − 120) / (100 × 10) × 100%', '(500 × 10 − 380) / (500 × 10) × 100%', '(2,500 × 10 − 1,400) / (2,500 × 10) × 100%', '(10,000 × 10 − 4,600) / (10,000 × 10) × 100%'],
    );
  });

  it('000: the block rows of the break-even analysis add the team to the infrastructure', () => {
    const a = analyze(seed(SEED_000));
    const blocks = a.projection().rows.filter((r) => r.kind === 'block' && r.line + 1 > 270);
    assert.deepEqual(
      blocks.map((r) => [r.label, r.line + 1, show(r.cost, a.text), show(r.revenue, a.text), show(r.profit, a.text)]),
      [
        ['100 users', 276, '120 = 120 + 0', '1000 = 100 × 10', '880 = 100 × 10 − (120 + 0)'],
        ['500 users', 283, '15380 = 380 + 15,000', '5000 = 500 × 10', '-10380 = 500 × 10 − (380 + 15,000)'],
        ['2,500 users', 290, '31400 = 1,400 + 30,000', '25000 = 2,500 × 10', '-6400 = 2,500 × 10 − (1,400 + 30,000)'],
        ['10,000 users', 297, '64600 = 4,600 + 60,000', '100000 = 10,000 × 10', '35400 = 10,000 × 10 − (4,600 + 60,000)'],
      ],
    );
  });

  it('001: one list of phases with timelines that follow each other, and no stage finding', () => {
    const text = seed(SEED_001);
    const a = analyze(text);
    const sm = a.stages();
    assert.deepEqual(
      sm.sequences.map((s) => s.entries.map((e) => [e.label, text.slice(e.timeline!.span.start, e.timeline!.span.end), e.timeline!.low, e.timeline!.high, e.timeline!.style])),
      [
        [
          ['Phase 1: Immediate Scaling', '0-3 months', 0, 3, 'elapsed'],
          ['Phase 2: Growth Infrastructure', '3-9 months', 3, 9, 'elapsed'],
          ['Phase 3: Enterprise Scale', '9-18 months', 9, 18, 'elapsed'],
        ],
      ],
    );
    // Phases without user ranges: no main list, no projection.
    assert.equal(sm.primary, undefined);
    assert.deepEqual(a.projection().rows, []);
    assert.deepEqual(stageFindings(text), []);
  });

  it('002: four growth phases project their ranges only; the later phase headings state no range', () => {
    const a = analyze(seed(SEED_002));
    assert.deepEqual(stageLines(a), [
      ['Phase 1: Initial Scale', 5, '0–1000'],
      ['Phase 2: Growth', 11, '1000–5000'],
      ['Phase 3: Expansion', 17, '5000–20000'],
      ['Phase 4: Enterprise', 23, '20000+'],
    ]);
    assert.deepEqual(
      a.stages().sequences.map((s) => s.entries.map((e) => [e.number, e.users !== undefined])),
      [
        [[1, true], [2, true], [3, true], [4, true]],
        [[1, false], [2, false], [3, false], [4, false]],
      ],
    );
    assert.deepEqual(stageFindings(a.text), []);
  });

  it('004: four stage headings with their Cost lines as budgets, and the budget per user', () => {
    const a = analyze(seed(SEED_004));
    assert.deepEqual(stageLines(a), [
      ['Stage 1: Early Traction', 11, '1000–10000', '0–20 stated $0-20/month'],
      ['Stage 2: Growth', 43, '10000–50000', '20–60 stated $20-60/month'],
      ['Stage 3: Scale', 90, '50000–200000', '100–300 stated $100-300/month'],
      ['Stage 4: Enterprise', 137, '200000–1000000', '500–2000 stated $500-2000/month'],
    ]);
    assert.deepEqual(
      a.projection().rows.map((r) => show(r.budgetPerUser, a.text)),
      ['0–0.02 = 0 / 10K … 20 / 1K', '0–0.01 = 20 / 50K … 60 / 10K', '0–0.01 = 100 / 200K … 300 / 50K', '0–0.01 = 500 / 1M … 2000 / 200K'],
    );
    assert.deepEqual(stageFindings(a.text), []);
  });

  it('000, 002 and 004: no stage finding as written', () => {
    for (const name of [SEED_000, SEED_002, SEED_004]) assert.deepEqual(rows(seed(name), stageFindings(seed(name))), [], name);
  });

  describe('a gap or an overlap opened in a copy is found where it was opened', () => {
    type Expect = [rule: string, line: number, start: number, end: number, claimed: string, message: string, related: [number, string][]];
    const cases: { seed: string; name: string; from: string; to: string; rule: string; expect: Expect[] }[] = [
      {
        seed: SEED_000,
        name: '000: a gap in the stage list',
        from: 'Stage 3: Growth (500-2,500 users)',
        to: 'Stage 3: Growth (600-2,500 users)',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 52, 17, 32, '600-2,500 users', 'Gap between Stage 2: Early Traction (100-500 users) and Stage 3: Growth (600-2,500 users): 500–600 users belong to no stage', [[45, '100-500 users']]]],
      },
      {
        seed: SEED_000,
        name: '000: the other statements of that stage now disagree with the stage list',
        from: 'Stage 3: Growth (500-2,500 users)',
        to: 'Stage 3: Growth (600-2,500 users)',
        rule: 'stage-consistency',
        expect: [120, 398, 458, 555].map((line): Expect => ['stage-consistency', line, line === 120 ? 11 : 9, line === 120 ? 26 : 24, '500-2,500 users', 'Stage 3 is 500-2,500 users here but 600-2,500 users on line 53', [[52, '600-2,500 users']]]),
      },
      {
        seed: SEED_000,
        name: '000: an overlap in the database phases',
        from: '**Phase 2: Read Replicas (500-2,500 users)**',
        to: '**Phase 2: Read Replicas (400-2,500 users)**',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 195, 26, 41, '400-2,500 users', 'Phase 2: Read Replicas (400-2,500 users) overlaps Phase 1: Vertical Scaling (100-500 users): 400–500 users are in both', [[178, '100-500 users']]]],
      },
      {
        seed: SEED_001,
        name: '001: a gap in the phase timelines',
        from: 'Phase 2: Growth Infrastructure (3-9 months)',
        to: 'Phase 2: Growth Infrastructure (5-9 months)',
        rule: 'timeline-sequence',
        expect: [['timeline-sequence', 114, 32, 42, '5-9 months', 'Gap between Phase 1: Immediate Scaling (0-3 months) and Phase 2: Growth Infrastructure (5-9 months): month 3–5 is in no timeline', [[107, '0-3 months']]]],
      },
      {
        seed: SEED_001,
        name: '001: an overlap in the phase timelines',
        from: 'Phase 3: Enterprise Scale (9-18 months)',
        to: 'Phase 3: Enterprise Scale (7-18 months)',
        rule: 'timeline-sequence',
        expect: [['timeline-sequence', 121, 27, 38, '7-18 months', 'Phase 3: Enterprise Scale (7-18 months) starts before Phase 2: Growth Infrastructure (3-9 months) ends: timelines must follow each other', [[114, '3-9 months']]]],
      },
      {
        seed: SEED_002,
        name: '002: an overlap in the growth phases',
        from: '### Phase 3: Expansion (5000-20000 users)',
        to: '### Phase 3: Expansion (4000-20000 users)',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 16, 24, 40, '4000-20000 users', 'Phase 3: Expansion (4000-20000 users) overlaps Phase 2: Growth (1000-5000 users): 4,000–5,000 users are in both', [[10, '1000-5000 users']]]],
      },
      {
        seed: SEED_004,
        name: '004: a gap in the stage headings',
        from: '## Stage 2: Growth (10K-50K users)',
        to: '## Stage 2: Growth (20K-50K users)',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 42, 20, 33, '20K-50K users', 'Gap between Stage 1: Early Traction (1K-10K users) and Stage 2: Growth (20K-50K users): 10,000–20,000 users belong to no stage', [[10, '1K-10K users']]]],
      },
      {
        seed: SEED_004,
        name: '004: an open-ended stage that is not last',
        from: '## Stage 3: Scale (50K-200K users)',
        to: '## Stage 3: Scale (50K+ users)',
        rule: 'stage-sequence',
        expect: [['stage-sequence', 89, 19, 29, '50K+ users', 'Stage 3: Scale (50K+ users) is open-ended but Stage 4: Enterprise follows it: only the last stage of a list may be open-ended', [[136, '200K-1M users']]]],
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const text = edit(seed(c.seed), c.from, c.to);
        const a = analyze(text);
        const starts = a.model!.outline.lineStarts;
        const found = a.findings.filter((f) => f.rule === c.rule);
        const got = rows(text, found).map((r, i): Expect => [...r, found[i]!.message, found[i]!.related.map((x): [number, string] => [positionAt(starts, x.span.start).line, text.slice(x.span.start, x.span.end)])]);
        assert.deepEqual(got, c.expect);
        // The seed as written has none of these.
        assert.deepEqual(analyze(seed(c.seed)).findings.filter((f) => f.rule === c.rule), []);
      });
    }
  });
});
