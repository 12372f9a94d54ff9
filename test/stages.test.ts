/**
 * Stages: what the stage model reads (titles, headings, Users columns, and what is not a
 * stage), the stage rules on small plans written for them (sequence, consistency, timeline,
 * milestone, budget, SLA: what is flagged, exactly, and what passes), and the projection table
 * per stage with each cell's formula.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, positionAt, ruleById, rules, type Analysis, type Cell, type Claim } from '../src/engine';
import { analyze, fixAll, rows, sample } from './helpers';

const STAGE_RULES = rules.filter((r) => r.meta.category === 'stages').map((r) => r.meta.id);
const STAGES = new Set(STAGE_RULES);

/** [rule, severity, line, start, end, claimed, message, related: [line, text][]] (0-based lines, UTF-16 characters). */
type Got = [string, string, number, number, number, string, string, [number, string][]];

function stageFindings(text: string): Got[] {
  const a = analyze(text);
  const starts = a.model!.outline.lineStarts;
  const found = a.findings.filter((f) => STAGES.has(f.rule));
  return rows(text, found).map((r, i) => {
    const f = found[i]!;
    return [r[0], f.severity, r[1], r[2], r[3], r[4], f.message, f.related.map((x): [number, string] => [positionAt(starts, x.span.start).line, text.slice(x.span.start, x.span.end)])];
  });
}

function span(text: string, c: { span: { start: number; end: number } } | undefined): string | undefined {
  return c && text.slice(c.span.start, c.span.end);
}

function claimText(text: string, c: Claim | undefined): string | undefined {
  return c && text.slice(c.q.span.start, c.q.span.end);
}

describe('the stage model', () => {
  const text = [
    '## Stage 2: Early Traction (100-500 users)', // 0
    '',
    '**Stage 1 (Current - 100 users):**', // 2
    '',
    '### Phase 3: Expansion (5000-20000 users)', // 4
    '',
    '### 10K-30K Users (Months 9-12)', // 6
    '',
    '```',
    'Stage 5: Enterprise (10,000+ users) ✓ COMPLETED', // 9
    '```',
    '',
    '### Next 3 Months (100 → 300 users)', // 12
    '',
    'Founders (0-100 users):', // 14
    '',
    'Phase 1: Immediate Scaling (0-3 months)', // 16
    '',
    'We hire in Stage 3 (500-2,500 users).', // 18
    '',
    '### Year 2 (2,000-5,000 users)', // 20
    '',
    '| Stage | Users |', // 22
    '|---|---|',
    '| Stage 2: Growth | 100-500 |', // 24
    '| Stage 3: Scale | 500+ |', // 25
    '',
    '### Pricing for 1-10 seats', // 27
    '',
    '# Beyond 100 Users', // 29
    '',
    '- Users: 0-1,000', // 31
    '',
  ].join('\n');

  it('reads stages from headings, bold and code titles, stage lines and Users columns', () => {
    const sm = analyze(text).stages();
    assert.deepEqual(
      sm.entries.map((e) => [e.line, e.label, e.word, e.number, span(text, e.users), span(text, e.timeline), e.container.split(':')[0]]),
      [
        [0, 'Stage 2: Early Traction', 'Stage', 2, '100-500 users', undefined, 'h'],
        // A single count is a stage's top, not a range: the stage has no range here.
        [2, 'Stage 1', 'Stage', 1, undefined, undefined, 'titles'],
        [4, 'Phase 3: Expansion', 'Phase', 3, '5000-20000 users', undefined, 'h'],
        // A heading of users without a stage word is a stage too, with its timeline.
        [6, '10K-30K Users', undefined, undefined, '10K-30K Users', 'Months 9-12', 'h'],
        [9, 'Stage 5: Enterprise', 'Stage', 5, '10,000+ users', undefined, 'code'],
        [12, 'Next 3 Months', undefined, undefined, '100 → 300 users', undefined, 'h'],
        [16, 'Phase 1: Immediate Scaling', 'Phase', 1, undefined, '0-3 months', 'titles'],
        [24, 'Stage 2: Growth', 'Stage', 2, '100-500', undefined, 'table'],
        [25, 'Stage 3: Scale', 'Stage', 3, '500+', undefined, 'table'],
      ],
    );
    assert.deepEqual(
      sm.entries.map((e) => e.users && [e.users.low, e.users.high, e.users.open]),
      [[100, 500, false], undefined, [5000, 20000, false], [10000, 30000, false], [10000, undefined, true], [100, 300, false], undefined, [100, 500, false], [500, undefined, true]],
    );
    assert.deepEqual(sm.entries.map((e) => e.timeline && [e.timeline.low, e.timeline.high, e.timeline.style]).filter(Boolean), [
      [9, 12, 'index'],
      [0, 3, 'elapsed'],
    ]);
  });

  it('does not read a label without a stage word, a title led by a time, seats, a single count or a list item of users as a stage', () => {
    const lines = new Set(analyze(text).stages().entries.map((e) => e.line));
    for (const line of [14, 20, 27, 29, 31]) assert.equal(lines.has(line), false, text.split('\n')[line]);
  });

  it('groups entries into lists by where they stand, and takes the longest numbered list as the main one', () => {
    const sm = analyze(text).stages();
    assert.deepEqual(
      sm.sequences.map((s) => [s.container.split(':')[0], s.entries.map((e) => e.line)]),
      [
        ['h', [0]],
        ['titles', [2]],
        ['h', [4, 6, 12]],
        ['code', [9]],
        ['titles', [16]],
        ['table', [24, 25]],
      ],
    );
    assert.deepEqual(sm.primary?.entries.map((e) => e.line), [24, 25]);
  });

  it('reads what a stage’s own lines state: its budget range, its uptime, its response times promised as service levels', () => {
    const plan = '```\nStage 1 (0-500 users):\n- Budget: $100-300/month\n- Uptime SLA: 99.5%\n- Response time SLA: <800ms\n- Team: 2 people\n\nStage 2 (500+ users):\n- Costs: $400-1,500/month\n- Availability: 99.9%\n- Response time: <400ms\n```\n';
    const sm = analyze(plan).stages();
    assert.deepEqual(
      sm.entries.map((e) => [e.label, e.scope.start, e.scope.end, claimText(plan, e.budget), claimText(plan, e.uptime), e.response.map((r) => [r.key, claimText(plan, r.claim)])]),
      [
        ['Stage 1', 1, 7, '$100-300/month', '99.5%', [['response time sla', '800ms']]],
        // A response time that is not promised (no SLA, target or service level) is not a service level.
        ['Stage 2', 7, 13, '$400-1,500/month', '99.9%', []],
      ],
    );
  });

  it('marks a later statement of a stage with another range, and tells options from sequences', () => {
    const plan = '```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\n```\n\n**Stage 2 (100-2,000 users):**\n- two servers\n\n## Scenario options\n\n```\nStage 1: Lean (0-1,000 users)\nStage 2: Lean (5,000+ users)\n```\n';
    const sm = analyze(plan).stages();
    assert.deepEqual(
      sm.entries.slice(0, 3).map((e) => [e.line, !!e.inconsistent]),
      [
        [1, false],
        [2, false],
        [5, true],
      ],
    );
    assert.deepEqual(sm.sequences.map((s) => [s.entries.map((e) => e.line), s.alternatives]), [
      [[1, 2], false],
      [[5], false],
      [[11, 12], true],
    ]);
  });

  it('reads the correct sample’s four stages, and their restatements across sections', () => {
    const t = sample('correct-plan.md');
    const sm = analyze(t).stages();
    assert.deepEqual(sm.primary!.entries.map((e) => [e.line + 1, e.label, span(t, e.users)]), [
      [23, 'Stage 1: Seed', '0-250 users'],
      [27, 'Stage 2: Traction', '250-1,200 users'],
      [31, 'Stage 3: Growth', '1,200-4,800 users'],
      [35, 'Stage 4: Scale', '4,800+ users'],
    ]);
    // Budget headings, architecture lines and SLA blocks name the same four stages.
    const byNumber = (n: number): number[] => sm.entries.filter((e) => e.number === n).map((e) => e.line + 1);
    assert.deepEqual([1, 2, 3, 4].map(byNumber), [
      [23, 42, 132, 151],
      [27, 47, 133, 155],
      [31, 53, 134, 159],
      [35, 58, 135, 163],
    ]);
    assert.ok(sm.entries.every((e) => !e.inconsistent));
  });
});

describe('stage rules: what is flagged', () => {
  const cases: { name: string; text: string; expect: Got[] }[] = [
    {
      name: 'stage-sequence: a gap between sibling headings',
      text: '## Rollout\n\n### Phase 1: Pilote à Genève (0-800 users)\n\n### Phase 2: Suisse romande (1,200-6,000 users)\n\n### Phase 3: Europe (6,000+ users)\n',
      expect: [['stage-sequence', 'error', 4, 29, 46, '1,200-6,000 users', 'Gap between Phase 1: Pilote à Genève (0-800 users) and Phase 2: Suisse romande (1,200-6,000 users): 800–1,200 users belong to no stage', [[2, '0-800 users']]]],
    },
    {
      name: 'stage-sequence: an overlap in a code block',
      text: '```\nÉtape 1: Lancement (0-300 users)\nÉtape 2: Croissance (250-2,000 users)\nÉtape 3: Échelle (2,000+ users)\n```\n',
      expect: [['stage-sequence', 'error', 2, 21, 36, '250-2,000 users', 'Étape 2: Croissance (250-2,000 users) overlaps Étape 1: Lancement (0-300 users): 250–300 users are in both', [[1, '0-300 users']]]],
    },
    {
      name: 'stage-sequence: an open-ended stage that is not last, in a list of bold items',
      text: '- **Stage 1 — Café pilot (0-150 users)**\n- **Stage 2 — Quartier (150+ users)**\n- **Stage 3 — Ville (900-4,000 users)**\n',
      expect: [['stage-sequence', 'error', 1, 24, 34, '150+ users', 'Stage 2 — Quartier (150+ users) is open-ended but Stage 3 — Ville follows it: only the last stage of a list may be open-ended', [[2, '900-4,000 users']]]],
    },
    {
      name: 'stage-sequence: a gap, then a stage lower than the one before it',
      text: '```\nStage 1: Seed (0-100 users)\nStage 2: Growth (1,000-5,000 users)\nStage 3: Scale (100-1,000 users)\n```\n',
      expect: [
        ['stage-sequence', 'error', 2, 17, 34, '1,000-5,000 users', 'Gap between Stage 1: Seed (0-100 users) and Stage 2: Growth (1,000-5,000 users): 100–1,000 users belong to no stage', [[1, '0-100 users']]],
        ['stage-sequence', 'error', 3, 16, 31, '100-1,000 users', 'Stage 3: Scale (100-1,000 users) comes after Stage 2: Growth (1,000-5,000 users) but is lower: stages must go up the user axis', [[2, '1,000-5,000 users']]],
      ],
    },
    {
      name: 'stage-sequence: a gap between the rows of a Users column',
      text: '| Stage | Users | Budget |\n|---|---|---|\n| Stage 1 | 0-100 | $50-100/month |\n| Stage 2 | 200-1,000 | $100-400/month |\n',
      expect: [['stage-sequence', 'error', 3, 12, 21, '200-1,000', 'Gap between Stage 1 (0-100) and Stage 2 (200-1,000): 100–200 users belong to no stage', [[2, '0-100']]]],
    },
    {
      name: 'stage-consistency: a stage restated with another range',
      text: '```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\nStage 3: Scale (1,000+ users)\n```\n\n**Stage 2 — Wachstum 🚀 (100-2,000 users):**\n- Two app servers\n',
      expect: [['stage-consistency', 'error', 6, 25, 40, '100-2,000 users', 'Stage 2 is 100-2,000 users here but 100-1,000 users on line 3', [[2, '100-1,000 users']]]],
    },
    {
      name: 'timeline-sequence: months skipped between elapsed timelines',
      text: '```\nPhase 1: Fondations (0-3 months)\nPhase 2: Croissance (5-9 months)\nPhase 3: Échelle (9-18 months)\n```\n',
      expect: [['timeline-sequence', 'warning', 2, 21, 31, '5-9 months', 'Gap between Phase 1: Fondations (0-3 months) and Phase 2: Croissance (5-9 months): month 3–5 is in no timeline', [[1, '0-3 months']]]],
    },
    {
      name: 'timeline-sequence: counted months that overlap',
      text: '```\nPhase 1: Setup (Months 1-4)\nPhase 2: Build (Months 3-6)\nPhase 3: Grow (Months 7+)\n```\n',
      expect: [['timeline-sequence', 'warning', 2, 16, 26, 'Months 3-6', 'Phase 2: Build (Months 3-6) starts before Phase 1: Setup (Months 1-4) ends: timelines must follow each other', [[1, 'Months 1-4']]]],
    },
    {
      name: 'milestone-stage: a milestone beyond the stage it is listed under',
      text: '```\nStage 1: Seed (0-500 users)\n- Cache by 400 users\nStage 2: Growth (500-2,000 users)\n- Réplica de lecture 📚 by 3,000 users\n```\n',
      expect: [['milestone-stage', 'warning', 4, 27, 38, '3,000 users', 'Milestone at 3,000 users is listed under Stage 2: Growth (500-2,000 users) but falls outside it', [[3, '500-2,000 users']]]],
    },
    {
      name: 'stage-budget: a modelled cost below its stage’s budget',
      text: '```\nStage 1: Seed (0-500 users)\n- Costs: $100-300/month\nStage 2: Growth (500-5,000 users)\n- Costs: $400-1,500/month\n```\n\n```\n1,000 users:\n- Hosting: $300/month\n- Database: $50/month\n- Total: $350/month\n```\n',
      expect: [['stage-budget', 'warning', 11, 9, 19, '$350/month', 'Total $350/month at 1,000 users is outside the budget of Stage 2: Growth (500-5,000 users): $400-1,500/month', [[4, '$400-1,500/month']]]],
    },
    {
      name: 'stage-budget: an infrastructure block is compared even under a team heading',
      text: '```\nStage 1: Launch (0-500 users)\n- Budget: $100-300/month\nStage 2: Growth (500-5,000 users)\n- Budget: $400-1,500/month\n```\n\n## Team and tools\n\nHosting at 2,000 users — Zürich 🏔️:\n- App servers: $1,500/month\n- Database: $700/month\n- Total: $2,200/month\n',
      expect: [['stage-budget', 'warning', 12, 9, 21, '$2,200/month', 'Total $2,200/month at 2,000 users is outside the budget of Stage 2: Growth (500-5,000 users): $400-1,500/month', [[4, '$400-1,500/month']]]],
    },
    {
      name: 'stage-budget: a budget stated in another statement of the stage',
      text: '```\nStage 1: Launch (0-500 users)\nStage 2: Growth (500-5,000 users)\n```\n\n**Stage 2 (500-5,000 users):**\n- Budget: $400-1,500/month\n\n```\nInfrastructure costs:\n\n2,000 users:\n- Hosting: $1,200/month\n- Database: $600/month\n- Total: $1,800/month\n```\n',
      expect: [['stage-budget', 'warning', 14, 9, 21, '$1,800/month', 'Total $1,800/month at 2,000 users is outside the budget of Stage 2: Growth (500-5,000 users): $400-1,500/month', [[6, '$400-1,500/month']]]],
    },
    {
      name: 'stage-budget: a yearly budget compared per month',
      text: '```\nStage 1: Seed (0-500 users)\n- Budget: $2,400-3,600/year\nStage 2: Growth (500+ users)\n```\n\n```\n400 users — Köln:\n- Hosting: $100/month\n- Database: $50/month\n- Total: $150/month\n```\n',
      expect: [['stage-budget', 'warning', 10, 9, 19, '$150/month', 'Total $150/month at 400 users is outside the budget of Stage 1: Seed (0-500 users): $2,400-3,600/year', [[2, '$2,400-3,600/year']]]],
    },
    {
      name: 'stage-budget: a cost beyond an approximate budget widened by 10%',
      text: '```\nStage 1: Seed (0-500 users)\n- Costs: ~$100-300/month\nStage 2: Growth (500+ users)\n```\n\n```\n400 users:\n- Hosting: $200/month\n- Database: $140/month\n- Total: $340/month\n```\n',
      expect: [['stage-budget', 'warning', 10, 9, 19, '$340/month', 'Total $340/month at 400 users is outside the budget of Stage 1: Seed (0-500 users): $100-300/month', [[2, '$100-300/month']]]],
    },
    {
      name: 'sla-progression: a later uptime lower than the last stage that states one',
      text: '```\nStage 1 (0-100 users):\n- Uptime: 99.9%\nStage 2 (100-500 users):\n- Backups: daily\nStage 3 (500+ users):\n- Uptime: 99.5%\n```\n',
      expect: [['sla-progression', 'warning', 6, 10, 15, '99.5%', 'Uptime 99.5% in Stage 3 (500+ users) is lower than 99.9% in Stage 1 (0-100 users): service levels should not loosen as the plan grows', [[2, '99.9%']]]],
    },
    {
      name: 'sla-progression: a promised response time that gets slower',
      text: '```\nStage 1 (0-100 users):\n- Uptime SLA: 99.9%\n- Response time SLA: <800ms\nStage 2 (100-500 users):\n- Uptime SLA: 99.95%\n- Response time SLA: <1s\n```\n',
      expect: [['sla-progression', 'warning', 6, 22, 24, '1s', 'Response time 1s in Stage 2 (100-500 users) is slower than 800ms in Stage 1 (0-100 users)', [[3, '800ms']]]],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(stageFindings(c.text), c.expect);
      // No stage rule rewrites a figure: fix-all leaves the plan as it is.
      assert.equal(fixAll(c.text).text, c.text);
    });
  }

  it('covers every stage rule', () => {
    const covered = new Set(cases.flatMap((c) => c.expect.map((e) => e[0])));
    assert.deepEqual(STAGE_RULES.filter((id) => !covered.has(id)), []);
    for (const id of STAGE_RULES) assert.equal(ruleById.get(id)!.meta.category, 'stages');
  });
});

describe('stage rules: what passes', () => {
  const cases: { name: string; text: string }[] = [
    { name: 'whole-number boundaries and shared boundaries tile', text: 'Tier 1 (1-99 users):\n- a\n\nTier 2 (100-999 users):\n- b\n\nTier 3 (999-5,000 users):\n- c\n\nTier 4 (5,000+ users):\n- d\n' },
    { name: 'a list written from the top down is not a list going up', text: '```\nStage 3: Scale (10,000+ users)\nStage 2: Growth (1,000-10,000 users)\nStage 1: Seed (0-1,000 users)\n```\n' },
    { name: 'options and scenarios are not a sequence', text: '## Scenario options\n\n```\nStage 1: Lean (0-1,000 users)\nStage 2: Lean (5,000+ users)\n```\n' },
    { name: 'a list restarts with its numbering', text: '```\nStage 1 (0-100 users):\nStage 2 (100-500 users):\nStage 1 (0-100 users):\n- Uptime: 99%\nStage 2 (100-500 users):\n- Uptime: 99.5%\n```\n' },
    { name: 'an open-ended restatement of a stage contains it', text: '```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\nStage 3: Scale (1,000+ users)\n```\n\n**Stage 3 (1,000-20,000 users):**\n- Costs: $100-300/month\n' },
    { name: 'timelines that follow each other, counted or elapsed', text: '```\nPhase 1: Foundation (0-3 months)\nPhase 2: Growth (4-9 months)\nPhase 3: Scale (9-18 months)\n```\n\n```\nPhase 1: Hire (Months 1-3)\nPhase 2: Automate (Months 4-6)\nPhase 3: Expand (Months 6-12)\n```\n' },
    { name: 'milestones at the boundaries of their stage are inside it', text: '```\nStage 1: Seed (0-500 users)\n- Cache by 500 users\n- Backups by 0 users\nStage 2: Growth (500+ users)\n- Regions by 50K users\n```\n' },
    { name: 'a milestone left blank is never compared with its stage', text: '```\nStage 1: Seed (0-500 users)\n- Milestone: Cache by ___ users\n- Milestone: ___ by ___ users\nStage 2: Growth (500+ users)\n- Milestone: Regions by ___K users\n```\n' },
    { name: 'a count on a shared boundary fits either neighbour’s budget', text: '```\nStage 1: Seed (0-500 users)\n- Costs: $100-300/month\nStage 2: Growth (500-5,000 users)\n- Costs: $400-1,500/month\n```\n\n```\n500 users:\n- Hosting: $300/month\n- Database: $150/month\n- Total: $450/month\n```\n' },
    { name: 'a count on a boundary shared with a stage that has no budget may belong to that stage', text: '```\nStage 1: Launch (0-500 users)\n- Budget: $100-300/month\nStage 2: Growth (500-5,000 users)\n- Budget: $400-1,500/month\nStage 3: Scale (5,000+ users)\n```\n\n```\nInfrastructure costs:\n\n5,000 users:\n- Hosting: $1,900/month\n- Database: $800/month\n- Total: $2,700/month\n```\n' },
    { name: 'a team block is not an infrastructure cost', text: '```\nStage 1: Launch (0-500 users)\n- Budget: $100-300/month\nStage 2: Growth (500-5,000 users)\n- Budget: $400-1,500/month\n```\n\n## Team Scaling Plan\n\nTeam at 2,000 users:\n- 3 engineers: $30,000/month\n- 1 support lead: $6,000/month\n- Total: $36,000/month\n' },
    { name: 'a block whose every cost is a role is about people', text: '```\nStage 1: Launch (0-500 users)\n- Budget: $100-300/month\nStage 2: Growth (500-5,000 users)\n- Budget: $400-1,500/month\n```\n\n**2,000 users:**\n- 2 engineers: $24,000/month\n- Designer (part-time): $4,000/month\n- Support agents: $5,000/month\n- Total: $33,000/month\n' },
    { name: 'a yearly budget covers a monthly cost of a twelfth of it', text: '```\nStage 1: Seed (0-500 users)\n- Budget: $1,200-2,400/year\nStage 2: Growth (500+ users)\n```\n\n```\n400 users:\n- Hosting: $100/month\n- Database: $50/month\n- Total: $150/month\n```\n' },
    { name: 'an approximate budget is widened by the approximation tolerance', text: '```\nStage 1: Seed (0-500 users)\n- Costs: ~$100-300/month\nStage 2: Growth (500+ users)\n```\n\n```\n400 users:\n- Hosting: $200/month\n- Database: $125/month\n- Total: $325/month\n```\n' },
    { name: 'service levels that tighten or stay, and ones that cannot be read', text: '```\nStage 1 (0-100 users):\n- Uptime: 99.9%\n- Support response: Same day\nStage 2 (100-500 users):\n- Uptime: 99.9%\n- Support response: <24 hours\nStage 3 (500+ users):\n- Uptime: 99.95%\n```\n' },
    { name: 'the correct sample', text: sample('correct-plan.md') },
    { name: 'the readiness worksheet', text: sample('readiness-worksheet.md') },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(stageFindings(c.text), []));
});

describe('stage rules: what the engine should read and does not yet', () => {
  it('timeline-sequence reads a timeline stated as an item under the stage', { todo: 'stage timelines are read from title lines only, not from `- Timeline: Months 7-12` items' }, () => {
    const text = '```\nStage 1: Launch (0-200 users)\n- Timeline: Months 1-4\nStage 2: Traction (200-1,500 users)\n- Timeline: Months 7-12\n```\n';
    assert.deepEqual(stageFindings(text).map((g) => g.slice(0, 6)), [['timeline-sequence', 'warning', 4, 12, 23, 'Months 7-12']]);
  });

  it('stage-consistency reads a stage with its range in a sentence', { todo: 'only title-like lines are stage entries: `We add a queue in Stage 2 (300-1,500 users)` is not read' }, () => {
    const text = '```\nStage 1: Launch (0-200 users)\nStage 2: Traction (200-1,500 users)\n```\n\nWe add a queue in Stage 2 (300-1,500 users), once jobs pile up.\n';
    assert.deepEqual(stageFindings(text).map((g) => g.slice(0, 6)), [['stage-consistency', 'error', 5, 27, 42, '300-1,500 users']]);
  });

  it('phases numbered per topic, with other names, are other phases', () => {
    const text = '## Database\n\n**Phase 1 (0-2,000 users): One primary**\n- pooling\n\n**Phase 2 (2,000+ users): Replicas**\n- replicas\n\n## Hiring\n\n**Phase 1 (0-500 users): Founders**\n- founders\n\n**Phase 2 (500+ users): First hires**\n- hires\n';
    assert.deepEqual(stageFindings(text), []);
  });

  it('stage-sequence reads a decision tree on users', { todo: 'bounded counts (`< 2K users?`, `> 12K users?`) are not read as stages: decision trees are not checked' }, () => {
    const text = '```\n< 2K users?          → one app server\n2,000-8,000 users?   → a second server and a replica\n> 12K users?         → a cluster\n```\n';
    assert.deepEqual(stageFindings(text).map((g) => g.slice(0, 6)), [['stage-sequence', 'error', 3, 2, 11, '12K users']]);
  });

  it('milestone-stage checks a milestone in the clause that names the stage', { todo: 'only milestones listed under a stage are checked, not `Stage 1 ends at 600 users`' }, () => {
    const text = '```\nStage 1: Launch (0-200 users)\nStage 2: Traction (200-1,500 users)\n```\n\nStage 1 ends at 600 users.\n';
    assert.deepEqual(stageFindings(text).map((g) => g.slice(0, 6)), [['milestone-stage', 'warning', 5, 16, 25, '600 users']]);
  });

  it('sla-progression reads response times under a Service Levels heading', { todo: 'response times count as promised only with SLA/SLO/target on their line or block title, not their section heading' }, () => {
    const text = '## Service Levels\n\n```\nStage 1 (0-500 users):\n- Uptime: 99.9%\n- Response time: <500ms\n\nStage 2 (500-5,000 users):\n- Uptime: 99.9%\n- Response time: <1s\n```\n';
    assert.deepEqual(stageFindings(text).map((g) => g.slice(0, 6)), [['sla-progression', 'warning', 9, 18, 20, '1s']]);
  });

  it('sla-progression reads a table of service levels by stage', { todo: 'rows of a table without a Users column are not stage entries, so `| Stage 2 | 99.5% | <800ms |` is not compared' }, () => {
    const text = '```\nStage 1: Launch (0-500 users)\nStage 2: Traction (500-5,000 users)\n```\n\n| Stage | Uptime | Response time |\n|---|---|---|\n| Stage 1 | 99.9% | <300ms |\n| Stage 2 | 99.5% | <800ms |\n';
    assert.deepEqual(stageFindings(text).map((g) => g.slice(0, 3)), [
      ['sla-progression', 'warning', 8],
      ['sla-progression', 'warning', 8],
    ]);
  });
});

/** A cell as text: its value (rounded to 2 decimals), and its formula or the stated text it comes from. */
function show(c: Cell | undefined, text: string): string | undefined {
  if (!c) return undefined;
  const r = (v: number): number => Math.round(v * 100) / 100;
  const value = c.high === undefined ? `${r(c.low)}` : `${r(c.low)}–${r(c.high)}`;
  return c.stated ? `${value} stated ${c.sources.map((s) => text.slice(s.start, s.end)).join(', ')}` : `${value} = ${c.formula}`;
}

/** Every computed cell's formula evaluates to its value; a stated cell has no formula and one source. */
function checkCells(a: Analysis): void {
  for (const row of a.projection().rows) {
    for (const c of [row.budget, row.cost, row.costPerUser, row.budgetPerUser, row.revenue, row.margin, row.profit, row.uptime, row.downtime]) {
      if (!c) continue;
      if (c.stated) {
        assert.equal(c.expr, undefined);
        assert.equal(c.sources.length, 1);
        continue;
      }
      assert.ok(c.expr && c.formula, `${row.label}: a computed cell without its formula`);
      const v = evaluate(c.expr, { end: 'low', alt: false });
      assert.ok(v && Math.abs(v.v - c.low) < 1e-9, `${row.label}: ${c.formula} evaluates to ${v?.v}, not ${c.low}`);
    }
  }
}

describe('the projection table', () => {
  it('projects each stage of the correct sample from its own figures, each cell with its formula', () => {
    const text = sample('correct-plan.md');
    const a = analyze(text);
    const stages = a.projection().rows.filter((r) => r.kind === 'stage');
    assert.deepEqual(
      stages.map((r) => [r.label, r.line + 1, r.users, r.entry]),
      [
        ['Stage 1: Seed', 23, { low: 0, high: 250, open: false }, 0],
        ['Stage 2: Traction', 27, { low: 250, high: 1200, open: false }, 1],
        ['Stage 3: Growth', 31, { low: 1200, high: 4800, open: false }, 2],
        ['Stage 4: Scale', 35, { low: 4800, open: true }, 3],
      ],
    );
    const cells = (k: 'budget' | 'cost' | 'costPerUser' | 'budgetPerUser' | 'revenue' | 'profit' | 'uptime' | 'downtime'): (string | undefined)[] => stages.map((r) => show(r[k], text));
    assert.deepEqual(cells('budget'), ['100–200 stated $100-200/month', '400–900 stated $400-900/month', '1500–3000 stated $1,500-3,000/month', '3000–8000 stated $3,000-8,000/month']);
    assert.deepEqual(cells('cost'), ['144 = 63 + 41 + 17 + 23', '516 = 214 + 167 + 58 + 77', '1872 = 812 + 596 + 187 + 277', undefined]);
    assert.deepEqual(cells('costPerUser'), ['0.58 = (63 + 41 + 17 + 23) / 250', '0.43 = (214 + 167 + 58 + 77) / 1,200', '0.39 = (812 + 596 + 187 + 277) / 4,800', undefined]);
    assert.deepEqual(cells('budgetPerUser'), ['0.4–0.8 = 100 / 250 … 200 / 250', '0.33–3.6 = 400 / 1,200 … 900 / 250', '0.31–2.5 = 1,500 / 4,800 … 3,000 / 1,200', undefined]);
    assert.deepEqual(cells('revenue'), ['3500 = 250 × 14', '16800 = 1,200 × 14', '67200 = 4,800 × 14', undefined]);
    assert.deepEqual(
      stages.map((r) => r.margin && Math.round(r.margin.low * 10) / 10),
      [95.9, 96.9, 97.2, undefined],
    );
    assert.deepEqual(cells('profit'), ['3356 = 250 × 14 − (144 + 0)', '6884 = 1,200 × 14 − (516 + 9,400)', '26628 = 4,800 × 14 − (1,872 + 38,700)', undefined]);
    assert.deepEqual(cells('uptime'), ['99.5 stated 99.5%', '99.9 stated 99.9%', '99.95 stated 99.95%', '99.99 stated 99.99%']);
    assert.deepEqual(cells('downtime'), ['216 = (100% − 99.5%) × 43,200 minutes (30 days)', '43.2 = (100% − 99.9%) × 43,200 minutes (30 days)', '21.6 = (100% − 99.95%) × 43,200 minutes (30 days)', '4.32 = (100% − 99.99%) × 43,200 minutes (30 days)']);
    assert.deepEqual(
      stages.map((r) => [r.modelled && [r.modelled.label, r.modelled.line + 1], r.economics && [r.economics.label, r.economics.line + 1]]),
      [
        [['250 users', 68], ['250 users', 109]],
        [['1,200 users', 76], ['1,200 users', 116]],
        [['4,800 users', 84], ['4,800 users', 123]],
        [undefined, undefined],
      ],
    );
    // Every stated cell points at the figure the plan states.
    assert.deepEqual(stages.map((r) => r.uptime!.sources.map((s) => text.slice(s.start, s.end))), [['99.5%'], ['99.9%'], ['99.95%'], ['99.99%']]);
    checkCells(a);
  });

  it('has a row for each block about a number of users, with its cost, and its economics where it states revenue', () => {
    const text = sample('correct-plan.md');
    const a = analyze(text);
    const blocks = a.projection().rows.filter((r) => r.kind === 'block');
    assert.deepEqual(
      blocks.map((r) => [r.label, r.line + 1, show(r.cost, text), show(r.revenue, text), show(r.profit, text)]),
      [
        ['250 users', 68, '144 = 63 + 41 + 17 + 23', undefined, undefined],
        ['1,200 users', 76, '516 = 214 + 167 + 58 + 77', undefined, undefined],
        ['4,800 users', 84, '1872 = 812 + 596 + 187 + 277', undefined, undefined],
        ['250 users', 109, '144 = 144 + 0', '3500 = 250 × 14', '3356 = 250 × 14 − (144 + 0)'],
        ['1,200 users', 116, '9916 = 516 + 9,400', '16800 = 1,200 × 14', '6884 = 1,200 × 14 − (516 + 9,400)'],
        ['4,800 users', 123, '40572 = 1,872 + 38,700', '67200 = 4,800 × 14', '26628 = 4,800 × 14 − (1,872 + 38,700)'],
      ],
    );
  });

  it('reads the growth model: the month each stage is reached at 18% a month from 120 users', () => {
    const g = analyze(sample('correct-plan.md')).projection().growth!;
    assert.deepEqual([g.rate, g.startUsers, g.line + 1], [0.18, 120, 18]);
    // 120 × 1.18^5 = 274.5 ≥ 250; 120 × 1.18^14 = 1,218 ≥ 1,200; 120 × 1.18^23 = 5,402 ≥ 4,800.
    assert.deepEqual(g.thresholds, [
      { users: 250, month: 5, label: 'Stage 2: Traction' },
      { users: 1200, month: 14, label: 'Stage 3: Growth' },
      { users: 4800, month: 23, label: 'Stage 4: Scale' },
    ]);
  });

  it('reads the growth rate and the starting users from prose', () => {
    const text = '```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\n```\n\n```\n1,000 users:\n- Hosting: $300/month\n- Database: $100/month\n- Total: $400/month\n```\n\nWe grow 25% month over month from 80 users today.\n';
    const a = analyze(text);
    const p = a.projection();
    assert.deepEqual([p.growth!.rate, p.growth!.startUsers, p.growth!.line], [0.25, 80, 12]);
    // 80 × 1.25 = 100: Stage 2 is reached in month 1.
    assert.deepEqual(p.growth!.thresholds, [{ users: 100, month: 1, label: 'Stage 2: Growth' }]);
    const stage2 = p.rows.find((r) => r.kind === 'stage' && r.entry === 1)!;
    assert.deepEqual([show(stage2.cost, text), show(stage2.costPerUser, text)], ['400 = 300 + 100', '0.4 = (300 + 100) / 1,000']);
    checkCells(a);
  });

  it('gives each stage the downtime its uptime allows, under the plan’s month', () => {
    const body = '```\nStage 1 (0-100 users):\n- Uptime: 99.9%\nStage 2 (100+ users):\n- Uptime: 99.99%\n```\n';
    const downtimes = (text: string): (string | undefined)[] => analyze(text).projection().rows.map((r) => show(r.downtime, text));
    assert.deepEqual(downtimes(body), ['43.2 = (100% − 99.9%) × 43,200 minutes (30 days)', '4.32 = (100% − 99.99%) × 43,200 minutes (30 days)']);
    const hours = `---\nscaling-plan: 1\nmonth: 730h\n---\n\n${body}`;
    assert.deepEqual(downtimes(hours), ['43.8 = (100% − 99.9%) × 43,800 minutes (730 hours)', '4.38 = (100% − 99.99%) × 43,800 minutes (730 hours)']);
  });

  it('writes a margin’s formula with the revenue it divides by in parentheses', () => {
    const text = sample('correct-plan.md');
    const stage1 = analyze(text).projection().rows[0]!;
    assert.equal(stage1.margin!.formula, '(250 × 14 − 144) / (250 × 14) × 100%');
  });
});
