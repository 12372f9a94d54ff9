/**
 * The stage model and the stage rules: the planted sample, small data-driven cases for each rule
 * (what is flagged and what is left alone), what the model extracts, and the projections.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, applyEdits, positionAt, ruleById, rules, stageModel, type Finding } from '../src/engine';
import { buildModel } from '../src/engine/model';
import { defaultOptions } from '../src/engine/types';
import { sample } from './helpers';

const STAGE_RULES = rules.filter((r) => r.meta.category === 'stages').map((r) => r.meta.id);
const OWN = new Set([...STAGE_RULES, 'missing-section']);

/** [rule, severity, line, start character, end character, claimed text, [related line, related text][]] (0-based). */
type Row = [string, string, number, number, number, string, [number, string][]];

function rowsOf(text: string, findings: Finding[]): Row[] {
  const starts = analyze(text).model!.doc.lineStarts;
  return findings.map((f) => {
    const s = positionAt(starts, f.span.start);
    const e = positionAt(starts, f.span.end);
    return [f.rule, f.severity, s.line, s.character, e.character, text.slice(f.span.start, f.span.end), f.related.map((r) => [positionAt(starts, r.span.start).line, text.slice(r.span.start, r.span.end)])];
  });
}

describe('samples/stage-errors.md', () => {
  const text = sample('stage-errors.md');
  const findings = analyze(text).findings;

  const expected: [Row, string][] = [
    [['timeline-sequence', 'warning', 34, 12, 24, 'Months 19-26', [[30, 'Months 6-16']]], 'Gap between Months 6–16 (Stage 2) and Months 19–26 (Stage 3): months 17–18 are in no timeline'],
    [['timeline-sequence', 'warning', 38, 12, 22, 'Months 25+', [[34, 'Months 19-26']]], 'Months 25+ (Stage 4) overlaps Months 19–26 (Stage 3)'],
    [['stage-consistency', 'error', 41, 52, 69, '2,500-8,000 users', [[32, '2,000-8,000 users']]], 'Stage 3 is 2,500–8,000 users here but 2,000–8,000 users on line 33'],
    [['stage-sequence', 'error', 51, 12, 22, '800+ users', [[55, '3,000 → 8,000 users']]], 'Beyond (800+ users) is open-ended but Year Two follows it: only the last stage of a list may be open-ended'],
    [['milestone-stage', 'warning', 68, 19, 30, '5,000 users', [[65, '400-2,000 users']]], 'Milestone at 5,000 users is outside Stage 2 (400–2,000 users), the stage it sits under'],
    [['stage-sequence', 'error', 84, 11, 28, '1,500-8,000 users', [[81, '0-2,000 users']]], 'Phase 2 (1,500–8,000 users) overlaps Phase 1 (0–2,000 users): 1,500–2,000 users are in both'],
    [
      ['stage-budget', 'warning', 116, 9, 21, '$4,000/month', [[73, '$1,000-2,500/month'], [77, '$5,000-12,000/month'], [32, '2,000-8,000 users'], [36, '8,000+ users']]],
      'Modelled cost $4,000/month at 8,000 users is outside both the $1,000-2,500/month budgeted for Stage 3 (2,000–8,000 users) and the $5,000-12,000/month budgeted for Stage 4 (8,000+ users)',
    ],
    [['stage-sequence', 'error', 153, 11, 23, '2,000+ users', [[150, '400-1,500 users']]], 'Gap between Phase 2 (400–1,500 users) and Phase 3 (2,000+ users): 1,500–2,000 users belong to no stage'],
    [['stage-sequence', 'error', 166, 2, 13, '1,000 users', [[165, '2,000 users']]], '< 1,000 users comes after < 2,000 users but is lower: stages must go up the user axis'],
    [
      ['sla-progression', 'warning', 181, 10, 15, '99.8%', [[177, '99.9%']]],
      'Uptime 99.8% for Stage 3 (2,000–8,000 users) is lower than the 99.9% for Stage 2 (400–2,000 users): service levels should not loosen as stages grow',
    ],
    [
      ['sla-progression', 'warning', 186, 18, 23, '400ms', [[182, '300ms']]],
      'Response time <400ms for Stage 4 (8,000+ users) is slower than the <300ms for Stage 3 (2,000–8,000 users): service levels should not loosen as stages grow',
    ],
    [['milestone-stage', 'warning', 192, 43, 54, '3,000 users', [[28, '400-2,000 users']]], 'Milestone at 3,000 users is outside Stage 2 (400–2,000 users), the stage it names'],
  ];

  it('finds every planted stage error on its line and span, with its related locations, and nothing else', () => {
    assert.deepEqual(rowsOf(text, findings), expected.map(([r]) => r));
    assert.deepEqual(findings.map((f) => f.message), expected.map(([, m]) => m));
  });

  it('plants every kind of stage error', () => {
    assert.deepEqual([...new Set(findings.map((f) => f.rule))].sort(), [...STAGE_RULES].sort());
    const kinds = (rule: string): string[] => findings.filter((f) => f.rule === rule).map((f) => String(f.data?.kind)).sort();
    assert.deepEqual(kinds('stage-sequence'), ['gap', 'open', 'order', 'overlap']);
    assert.deepEqual(kinds('timeline-sequence'), ['gap', 'overlap']);
  });

  it('fixes the stage stated with another range by writing the stage list\'s range', () => {
    const f = findings.find((x) => x.rule === 'stage-consistency')!;
    assert.equal(f.fixes[0]!.title, 'Change to 2,000-8,000 users');
    const fixed = applyEdits(text, f.fixes[0]!.edits);
    assert.ok(fixed.includes('in Stage 3 (2,000-8,000 users), once'));
    assert.deepEqual(analyze(fixed).findings.filter((x) => x.rule === 'stage-consistency'), []);
  });

  it('gives the other rules no fix', () => {
    for (const f of findings) if (f.rule !== 'stage-consistency') assert.deepEqual(f.fixes, [], f.rule);
    for (const id of STAGE_RULES) assert.equal(ruleById.get(id)!.meta.fixable, id === 'stage-consistency');
  });
});

describe('the other samples', () => {
  it('correct-plan.md and readiness-worksheet.md get no stage or section finding', () => {
    for (const name of ['correct-plan.md', 'readiness-worksheet.md']) {
      const text = sample(name);
      assert.deepEqual(rowsOf(text, analyze(text).findings.filter((f) => OWN.has(f.rule))), [], name);
    }
  });

  it('planted-errors.md gets no stage finding, only a note of its missing sections', () => {
    const text = sample('planted-errors.md');
    const own = analyze(text).findings.filter((f) => OWN.has(f.rule));
    assert.deepEqual(
      own.map((f) => [f.rule, f.severity, f.message]),
      [['missing-section', 'information', 'Missing 5 sections of a scaling plan: infrastructure roadmap with milestones, architecture evolution, team scaling plan, operational playbooks, risk assessment with mitigations']],
    );
  });
});

/** A small plan and its stage findings as [rule, severity, claimed text]; [] means none. */
type Expect = [rule: string, severity: string, claimed: string];

const cases: { name: string; text: string; expect: Expect[] }[] = [
  // stage-sequence
  {
    name: 'sibling headings with a gap',
    text: '## Phases\n\n### Phase 1: Seed (0-1,000 users)\n\n### Phase 2: Growth (2,000-5,000 users)\n\n### Phase 3: Scale (5,000+ users)\n',
    expect: [['stage-sequence', 'error', '2,000-5,000 users']],
  },
  {
    name: 'whole-number boundaries and shared boundaries tile',
    text: 'Tier 1 (1-99 users):\n- a\n\nTier 2 (100-999 users):\n- b\n\nTier 3 (999-5,000 users):\n- c\n\nTier 4 (5,000+ users):\n- d\n',
    expect: [],
  },
  {
    name: 'a single count in a stage title starts a list without a lower bound',
    text: '**Stage 1 (Current - 100 users):**\n- one server\n\n**Stage 2 (100-500 users):**\n- two servers\n',
    expect: [],
  },
  {
    name: 'a list restarts with its numbering: SLA blocks after a stage list',
    text: '```\nStage 1 (0-100 users):\nStage 2 (100-500 users):\nStage 1 (0-100 users):\n- Uptime: 99%\nStage 2 (100-500 users):\n- Uptime: 99.5%\n```\n',
    expect: [],
  },
  {
    name: 'a table with a Users column',
    text: '| Stage | Users | Budget |\n|---|---|---|\n| Stage 1 | 0-100 | $50-100/month |\n| Stage 2 | 200-1,000 | $100-400/month |\n',
    expect: [['stage-sequence', 'error', '200-1,000']],
  },
  {
    name: 'roadmap arrows tile; a growth chain is not a range',
    text: '# Roadmap (100 → 1K → 10K users)\n\n### Next 3 Months (100 → 300 users)\n\n### Next 6 Months (300 → 500 users)\n\n### Long-term (500+ users)\n',
    expect: [],
  },
  {
    name: 'a decision tree whose last row leaves a gap',
    text: '```\n< 1K users?   → free tier\n< 10K users?  → cache\n> 50K users?  → regions\n```\n',
    expect: [['stage-sequence', 'error', '50K users']],
  },
  {
    name: 'a decision tree that tiles',
    text: '```\n< 1K users?   → free tier\n< 10K users?  → cache\n≥ 10K users?  → regions\n```\n',
    expect: [],
  },
  {
    name: 'range rows between the thresholds of a decision tree are branches of it',
    text: '```\n< 500 users?               → one VM with SQLite\n500-5K users?              → managed Postgres\nBetween 5K and 20K users?  → read replicas\n20,000+ users?             → partition by region\n```\n',
    expect: [],
  },
  {
    name: 'a range row that stops short of the next threshold leaves a gap',
    text: '```\n< 2K users?          → one box\n2,000-8,000 users?   → a second box\n> 12K users?         → a cluster\n```\n',
    expect: [['stage-sequence', 'error', '12K users']],
  },
  {
    name: 'a decision tree with a row that cannot be read is not checked',
    text: '```\n< 1K users?            → hosted Postgres\nroughly 1K-5K users?   → pooler\n> 50K users?           → shards\n```\n',
    expect: [],
  },
  {
    name: 'a decision tree written top-down, with an else row, tiles',
    text: '```\n> 20K users?   → shard the event log\n> 2K users?    → a read replica\nelse           → a single box\n```\n',
    expect: [],
  },
  {
    name: 'a decision tree written top-down can still leave a gap',
    text: '```\n> 20K users?    → shard the event log\n5K-20K users?   → a read replica\n< 2K users?     → a single box\n```\n',
    expect: [['stage-sequence', 'error', '5K-20K users']],
  },
  {
    name: 'rising `<` thresholds closed by an otherwise row tile',
    text: '```\n< 300 users?   → a shared host\n< 3K users?    → a dedicated host\notherwise      → autoscaling\n```\n',
    expect: [],
  },
  {
    name: 'rising `>` thresholds are triggers, not branches, and are not checked',
    text: '```\n> 1K users?    → add a cache\n> 10K users?   → add a queue\n```\n',
    expect: [],
  },
  {
    name: 'seats are not users of a stage list',
    text: '### Pricing for 1-10 seats\n\n### Pricing for 50-100 seats\n',
    expect: [],
  },
  // stage-consistency
  {
    name: 'the same stage with another range in another section',
    text: '```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\nStage 3: Scale (1,000+ users)\n```\n\n**Stage 2 (100-2,000 users):**\n- Costs: $100-300/month\n',
    expect: [['stage-consistency', 'error', '100-2,000 users']],
  },
  {
    name: 'a single count outside the stage',
    text: '```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\n```\n\n**Stage 1 (Current - 300 users):**\n- one server\n',
    expect: [['stage-consistency', 'error', '300 users']],
  },
  {
    name: 'an open end where the stage list closes the stage is a note',
    text: '```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\nStage 3: Scale (1,000+ users)\n```\n\n```\nStage 1 (0-100 users):\n- Uptime: 99%\nStage 2 (100+ users):\n- Uptime: 99.9%\n```\n',
    expect: [['stage-consistency', 'information', '100+ users']],
  },
  {
    name: 'differently named phases with one number are different phases',
    text: '**Phase 1: One primary (0-2,000 users)**\n- a\n\n## Hiring\n\n**Phase 1: Founders (0-500 users)**\n- b\n',
    expect: [],
  },
  {
    name: 'a stage without a range states nothing to compare',
    text: '### Phase 1: Seed (0-1,000 users)\n\n### Phase 2: Growth (1,000+ users)\n\n## Implementation\n\n### Phase 1: Foundation\n\n### Phase 2: Scale\n',
    expect: [],
  },
  {
    name: 'a stage named in a sentence',
    text: '```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\n```\n\nWe add a queue in Stage 2 (200-1,000 users) at the latest.\n',
    expect: [['stage-consistency', 'error', '200-1,000 users']],
  },
  // milestone-stage
  {
    name: 'milestones at the boundaries of their stage are inside it',
    text: '```\nStage 1: Seed (0-500 users)\n- Cache by 500 users\n- Backups at 0 users\nStage 2: Growth (500+ users)\n- Regions by 50K users\n```\n',
    expect: [],
  },
  {
    name: 'a milestone under a stage heading without a range uses the stage list',
    text: '```\nStage 1: Seed (0-500 users)\nStage 2: Growth (500-2,000 users)\n```\n\n### Stage 1 budget\n\n- Read replica by 1,000 users\n',
    expect: [['milestone-stage', 'warning', '1,000 users']],
  },
  {
    name: 'a milestone naming two stages, or none, is left alone',
    text: '```\nStage 1: Seed (0-500 users)\nStage 2: Growth (500-2,000 users)\n```\n\nRisks:\n- Sharding between Stage 1 and Stage 2, by 5,000 users\n- Status page by 9,000 users\n',
    expect: [],
  },
  {
    name: 'a line that names a stage, then moves on to a later milestone, is left alone',
    text: '```\nStage 1: Pilot (0-300 users)\nStage 2: Region (300-3,000 users)\n```\n\nDuring Stage 1 one founder answers every ticket; by 1,200 users a support hire takes over.\n\nIn Stage 1 the database runs on one node, and by 2,000 users on a replicated pair.\n\nStage 1 keeps a daily backup. By 900 users backups run hourly.\n',
    expect: [],
  },
  {
    name: 'a milestone in the clause that names the stage is checked',
    text: '```\nStage 1: Pilot (0-300 users)\nStage 2: Region (300-3,000 users)\n```\n\nStage 1 ends at 1,200 users.\n\nOur Stage 2 milestone: 4,000 users.\n\nRisk: the search index falls behind. Mitigation: a queue in Stage 1, by 700 users.\n',
    expect: [
      ['milestone-stage', 'warning', '1,200 users'],
      ['milestone-stage', 'warning', '4,000 users'],
      ['milestone-stage', 'warning', '700 users'],
    ],
  },
  // stage-budget
  {
    name: 'a cost outside its stage budget',
    text: '```\nStage 1: Seed (0-500 users)\n- Costs: $100-300/month\nStage 2: Growth (500-5,000 users)\n- Costs: $400-1,500/month\n```\n\n```\n1,000 users:\n- Hosting: $300/month\n- Database: $50/month\n- Total: $350/month\n```\n',
    expect: [['stage-budget', 'warning', '$350/month']],
  },
  {
    name: 'a boundary count inside either neighbour\'s budget passes',
    text: '```\nStage 1: Seed (0-500 users)\n- Costs: $100-300/month\nStage 2: Growth (500-5,000 users)\n- Costs: $400-1,500/month\n```\n\n```\n500 users:\n- Hosting: $300/month\n- Database: $150/month\n- Total: $450/month\n```\n',
    expect: [],
  },
  {
    name: 'an approximate budget widens by 10%',
    text: '```\nStage 1: Seed (0-500 users)\n- Costs: ~$100-300/month\nStage 2: Growth (500+ users)\n```\n\n```\n400 users:\n- Hosting: $200/month\n- Database: $125/month\n- Total: $325/month\n```\n',
    expect: [],
  },
  {
    name: 'a yearly budget is compared per month',
    text: '```\nStage 1: Seed (0-500 users)\n- Budget: $1,200-2,400/year\nStage 2: Growth (500+ users)\n```\n\n```\n400 users:\n- Hosting: $250/month\n- Database: $50/month\n- Total: $300/month\n```\n',
    expect: [['stage-budget', 'warning', '$300/month']],
  },
  {
    name: 'the cost of a hire is not a stage budget',
    text: '```\nStage 1: Seed (0-500 users)\nStage 2: Growth (500+ users)\n```\n\n**Phase 1 (0-500 users): First hires**\n```\nHire 1 (Month 3): Engineer\n- Cost: $8,000-12,000/month\n```\n',
    expect: [],
  },
  {
    name: 'a team block is not an infrastructure cost',
    text: '```\nStage 3: Growth (1,000-5,000 users)\n- Budget: $800-2,500/month\nStage 4: Scale (5,000-20,000 users)\n- Budget: $3,000-9,000/month\n```\n\n## Team Scaling Plan\n\nTeam at 10,000 users:\n- 3 engineers: $30,000\n- 1 support lead: $6,000\n- 1 designer: $9,000\n- Total: $45,000/month\n',
    expect: [],
  },
  {
    name: 'a block of roles is a team block whatever its title',
    text: '```\nStage 1: Seed (0-2,000 users)\n- Budget: $200-900/month\nStage 2: Growth (2,000+ users)\n```\n\nAt 1,500 users:\n- 2 engineers: $18,000\n- Customer success manager: $5,000\n- Total: $23,000/month\n',
    expect: [],
  },
  {
    name: 'an infrastructure block in the team section is still compared',
    text: '```\nStage 1: Seed (0-2,000 users)\n- Budget: $200-900/month\nStage 2: Growth (2,000+ users)\n```\n\n## Team and costs\n\nInfrastructure at 1,500 users:\n- Hosting: $700/month\n- Database: $400/month\n- Total: $1,100/month\n',
    expect: [['stage-budget', 'warning', '$1,100/month']],
  },
  {
    name: 'a block of people and infrastructure together is not compared',
    text: '```\nStage 1: Seed (0-2,000 users)\n- Budget: $200-900/month\nStage 2: Growth (2,000+ users)\n```\n\nTeam and infrastructure at 1,500 users:\n- Hosting: $700/month\n- 1 engineer: $9,000/month\n- Total: $9,700/month\n',
    expect: [],
  },
  // sla-progression
  {
    name: 'equal service levels and unreadable ones pass',
    text: '```\nStage 1 (0-100 users):\n- Uptime: 99.9%\n- Support response: Same day\nStage 2 (100-500 users):\n- Uptime: 99.9%\n- Support response: <24 hours\nStage 3 (500+ users):\n- Support response: <4 hours\n```\n',
    expect: [],
  },
  {
    name: 'a later stage compares with the last stage that states the measure',
    text: '```\nStage 1 (0-100 users):\n- Uptime: 99.9%\nStage 2 (100-500 users):\n- Backups: daily\nStage 3 (500+ users):\n- Uptime: 99.5%\n```\n',
    expect: [['sla-progression', 'warning', '99.5%']],
  },
  {
    name: 'a response time is compared in milliseconds',
    text: '```\nStage 1 (0-100 users):\n- Response time: <900ms\nStage 2 (100-500 users):\n- Response time: <1s\n```\n',
    expect: [['sla-progression', 'warning', '1s']],
  },
  {
    name: 'a table of service levels by stage that loosens',
    text: '```\nStage 1: Pilot (0-300 users)\nStage 2: Region (300-3,000 users)\nStage 3: Nation (3,000+ users)\n```\n\n| Stage | Uptime | Response time |\n|---|---|---|\n| Stage 1 | 99.9% | <250ms |\n| Stage 2 | 99.9% | <250ms |\n| Stage 3 | 99.7% | <600ms |\n',
    expect: [
      ['sla-progression', 'warning', '99.7%'],
      ['sla-progression', 'warning', '600ms'],
    ],
  },
  {
    name: 'a table of service levels numbered under a Phase header',
    text: '| Phase | Availability | p95 latency |\n|---|---|---|\n| 1 | 99.5% | 900ms |\n| 2 | 99.9% | 400ms |\n| 3 | 99.95% | 450ms |\n',
    expect: [['sla-progression', 'warning', '450ms']],
  },
  {
    name: 'one-line service levels in a list, response time after the figure',
    text: '```\nStage 1: Pilot (0-300 users)\nStage 2: Region (300-3,000 users)\nStage 3: Nation (3,000+ users)\n```\n\nTargets:\n- Stage 1: 99.5% uptime, <2s response\n- Stage 2: 99.9% uptime, <1s response\n- Stage 3: 99.9% uptime, <1.5s response\n',
    expect: [['sla-progression', 'warning', '1.5s']],
  },
  {
    name: 'one-line service levels in sentences, response time under a bound in words',
    text: '```\nStage 1: Pilot (0-300 users)\nStage 2: Region (300-3,000 users)\nStage 3: Nation (3,000+ users)\n```\n\nStage 1: Uptime 99.9%, response time under 1s.\n\nStage 2: Uptime 99.9%, response time under 1s.\n\nStage 3: Uptime 99.8%, response time under 800ms.\n',
    expect: [['sla-progression', 'warning', '99.8%']],
  },
  {
    name: 'one-line service levels that tighten or stay equal pass',
    text: '- Stage 1: 99.5% uptime, <3s response\n- Stage 2: 99.9% uptime, <3s response\n- Stage 3: 99.95% uptime, <1s response\n\nStage 4: Uptime 99.99%, response time under 1s\n',
    expect: [],
  },
  // timeline-sequence
  {
    name: 'timelines in titles, counted or elapsed, that follow each other',
    text: '```\nPhase 1: Foundation (0-3 months)\nPhase 2: Growth (4-9 months)\nPhase 3: Scale (9-18 months)\n```\n\n```\nMonths 1-3: Hire\nMonths 4-6: Automate\nMonths 6-12: Expand\n```\n',
    expect: [],
  },
  {
    name: 'an open timeline that is not last',
    text: '```\nStage 1: Seed (0-100 users)\n- Timeline: 0-6 months\nStage 2: Growth (100-1,000 users)\n- Timeline: 6+ months\nStage 3: Scale (1,000+ users)\n- Timeline: 12-24 months\n```\n',
    expect: [['timeline-sequence', 'warning', '6+ months']],
  },
  {
    name: 'single months and horizons are not timelines',
    text: '```\nHire 1 (Month 3): Engineer\nHire 2 (Month 2): Designer\n```\n\n### Next 6 Months (100 → 300 users)\n\n### Next 3 Months (300 → 500 users)\n',
    expect: [],
  },
  // missing-section
  {
    name: 'a declared plan with sections missing',
    text: '---\nscaling-plan: 1\n---\n\n# Plan\n\n## Growth Stages\n\n## Costs\n\n## Team\n\n## Risks\n\n## Metrics\n\n## Operations\n',
    expect: [['missing-section', 'information', 'Plan']],
  },
  {
    name: 'notes without headings are not judged as a plan',
    text: '---\nscaling-plan: 1\n---\n\nStage 1: Seed (0-100 users)\nStage 2: Growth (100+ users)\n',
    expect: [],
  },
];

describe('stage rule cases', () => {
  for (const c of cases) {
    it(c.name, () => {
      // Headings in these snippets make some of them look like whole plans with sections
      // missing; that note is only compared where a case is about it.
      const about = new Set([...STAGE_RULES, ...c.expect.map((e) => e[0])]);
      const got = analyze(c.text)
        .findings.filter((f) => about.has(f.rule))
        .map((f): Expect => [f.rule, f.severity, c.text.slice(f.span.start, f.span.end)]);
      assert.deepEqual(got, c.expect);
    });
  }
});

describe('missing-section: the growth projection model', () => {
  const rest = '## Infrastructure Roadmap\n\n## Cost Projection per Stage\n\n## Architecture Evolution\n\n## Team Plan\n\n## Operational Playbooks\n\n## Risks and Mitigations\n\n## Success Metrics\n';
  const missing = (headings: string): unknown => {
    const text = `---\nscaling-plan: 1\n---\n\n# Plan\n\n${headings}\n${rest}`;
    return analyze(text).findings.find((f) => f.rule === 'missing-section')?.data?.missing;
  };
  it('is a heading about growth or the user projection', () => {
    for (const h of ['## Growth Projection', '## Growth Model', '## User Growth', '## Growth Stages', '## 2. Projections', '## Stages of Growth', '## Projected Users']) assert.equal(missing(h), undefined, h);
  });
  it('is not a stage\'s own title, nor a projection of costs', () => {
    assert.deepEqual(missing('## Stages\n\n### Stage 1: Launch (0-100 users)\n\n### Stage 2: Growth (100-1,000 users)\n'), ['growth projection model']);
    assert.deepEqual(missing('## Revenue Projections\n\n## Growth Marketing\n'), ['growth projection model']);
  });
});

describe('sla-progression messages', () => {
  it('names a stage stated without a range by its range in the stage list', () => {
    const text = '```\nStage 1: Pilot (0-300 users)\nStage 2: Region (300-3,000 users)\n```\n\n| Stage | Uptime | Response time |\n|---|---|---|\n| Stage 1 | 99.9% | <250ms |\n| Stage 2 | 99.5% | <250ms |\n\n- Stage 1: 99.9% uptime, <1s response\n- Stage 2: 99.9% uptime, <2s response\n';
    assert.deepEqual(
      rowsOf(text, analyze(text).findings.filter((f) => f.rule === 'sla-progression')),
      [
        ['sla-progression', 'warning', 8, 12, 17, '99.5%', [[7, '99.9%']]],
        ['sla-progression', 'warning', 11, 26, 28, '2s', [[10, '1s']]],
      ],
    );
    assert.deepEqual(analyze(text).findings.filter((f) => f.rule === 'sla-progression').map((f) => f.message), [
      'Uptime 99.5% for Stage 2 (300–3,000 users) is lower than the 99.9% for Stage 1 (0–300 users): service levels should not loosen as stages grow',
      'Response time <2s for Stage 2 (300–3,000 users) is slower than the <1s for Stage 1 (0–300 users): service levels should not loosen as stages grow',
    ]);
  });
});

describe('stage model', () => {
  const entriesOf = (text: string): [string, string, string, string, string][] =>
    stageModel(buildModel(text, defaultOptions)).entries.map((e) => [e.form, e.label, e.users?.text ?? '', e.timeline?.text ?? '', e.container.split(':')[0]!]);

  const extraction: { name: string; text: string; entries: [string, string, string, string, string][] }[] = [
    {
      name: 'headings, bold titles, code titles and decision trees',
      text: [
        '## Stage 2: Early Traction (100-500 users)',
        '',
        '**Stage 1 (Current - 100 users):**',
        '',
        '### Phase 3: Expansion (5000-20000 users)',
        '',
        '### 10K-30K Users (Months 9-12)',
        '',
        '```',
        'Stage 5: Enterprise (10,000+ users) ✓ COMPLETED',
        '< 10K users?  → Add Redis',
        '> 10K users?  → Regions',
        '```',
        '',
        '### Next 3 Months (100 → 300 users)',
        '',
        'Founders (0-100 users):',
        '',
        'Phase 1: Immediate Scaling (0-3 months)',
        '',
        'Months 4-6: Growth',
        '',
        'We hire in Stage 3 (500-2,500 users).',
        '',
        '| Stage | Users |',
        '|---|---|',
        '| Stage 2: Growth | 100-500 |',
      ].join('\n'),
      entries: [
        ['heading', 'Stage 2: Early Traction', '100–500 users', '', 'heading'],
        ['title', 'Stage 1', '100 users', '', 'section'],
        ['heading', 'Phase 3: Expansion', '5,000–20,000 users', '', 'heading'],
        ['heading', '10K-30K Users (Months 9-12)', '10,000–30,000 users', 'Months 9–12', 'heading'],
        ['title', 'Stage 5: Enterprise', '10,000+ users', '', 'block'],
        ['decision', '< 10,000 users', '< 10,000 users', '', 'decision'],
        ['decision', '> 10,000 users', '> 10,000 users', '', 'decision'],
        ['heading', 'Next 3 Months (100 → 300 users)', '100–300 users', '', 'heading'],
        ['title', 'Founders (0-100 users)', '0–100 users', '', 'section'],
        ['line', 'Phase 1: Immediate Scaling', '', '0–3 months', 'section'],
        ['line', 'Months 4-6: Growth', '', 'Months 4–6', 'section'],
        ['reference', 'Stage 3', '500–2,500 users', '', 'ref'],
        ['table', 'Stage 2: Growth', '100–500 users', '', 'table'],
      ],
    },
    {
      name: 'what is not a stage: single counts, seats, chains, horizons, items',
      text: '# Beyond 100 Users\n\n100 users:\n- Total: $120/month\n\n- Users: 0-1,000\n- Growth projection model (100 → 1K → 10K users)\n\n### Short-term (3 months)\n\nSupport team (3-5 people):\n',
      entries: [],
    },
    {
      name: 'the range rows of a decision tree, and not range rows elsewhere',
      text: '```\n> 20K users?   → shard\n2K-20K users?  → replica\n< 2K users?    → one box\n```\n\n```\n0-1K users → one box\n1K-5K users → two boxes\n```\n',
      entries: [
        ['decision', '> 20,000 users', '> 20,000 users', '', 'decision'],
        ['decision', '2,000–20,000 users', '2,000–20,000 users', '', 'decision'],
        ['decision', '< 2,000 users', '< 2,000 users', '', 'decision'],
      ],
    },
  ];

  for (const c of extraction) {
    it(`extracts ${c.name}`, () => assert.deepEqual(entriesOf(c.text), c.entries));
  }

  it('reads a decision tree bottom-up or top-down, and leaves one it cannot read unchecked', () => {
    const shape = (text: string): [boolean, boolean, [number, number | undefined, boolean][]] => {
      const seq = stageModel(buildModel(text, defaultOptions)).sequences[0]!;
      return [!!seq.descending, !!seq.untiled, seq.entries.map((e) => [e.users!.low, e.users!.high, e.users!.open])];
    };
    assert.deepEqual(shape('```\n< 1K users? → a\n1K-4K users? → b\n> 4K users? → c\n```\n'), [false, false, [[0, 1000, false], [1000, 4000, false], [4000, undefined, true]]]);
    assert.deepEqual(shape('```\n> 4K users? → c\n> 1K users? → b\nelse → a\n```\n'), [true, false, [[4000, undefined, true], [1000, 4000, false]]]);
    assert.deepEqual(shape('```\n< 1K users? → a\n> 4K users? → c\nPeak load? → b\n```\n')[1], true);
    assert.deepEqual(shape('```\n> 1K users? → b\n> 4K users? → c\n```\n')[1], true);
  });

  it('is computed once per model', () => {
    const model = buildModel(sample('correct-plan.md'), defaultOptions);
    assert.equal(stageModel(model), stageModel(model));
  });

  it('identifies the stages of the main list across sections, with their mentions', () => {
    const text = sample('correct-plan.md');
    const sm = stageModel(buildModel(text, defaultOptions));
    assert.equal(sm.primary?.entries[0]!.line, 22);
    assert.deepEqual(
      sm.stages.map((s) => [s.key, s.label, s.low, s.high, s.open, s.primary, s.mentions.map((m) => m.line + 1)]),
      [
        ['stage:1', 'Stage 1: Seed', 0, 250, false, true, [23, 42, 132, 151]],
        ['stage:2', 'Stage 2: Traction', 250, 1200, false, true, [27, 47, 133, 155]],
        ['stage:3', 'Stage 3: Growth', 1200, 4800, false, true, [31, 53, 134, 159]],
        ['stage:4', 'Stage 4: Scale', 4800, undefined, true, true, [35, 58, 135, 163]],
      ],
    );
    for (const s of sm.stages) assert.equal(text.slice(s.span.start, s.span.end), text.split('\n')[s.line]!.trim());
  });
});

describe('stage projections', () => {
  it('project each stage of the correct sample from its own figures', () => {
    const text = sample('correct-plan.md');
    const sm = stageModel(buildModel(text, defaultOptions));
    const raw = (f: { raw?: string } | undefined): string | undefined => f?.raw;
    assert.deepEqual(
      sm.projections.map((p) => [
        p.label,
        p.users.text,
        p.timeline?.text,
        raw(p.budget),
        p.at?.users,
        raw(p.at?.cost),
        raw(p.at?.costPerUser),
        raw(p.at?.revenue),
        raw(p.at?.margin),
        raw(p.at?.profit),
        raw(p.at?.team),
        raw(p.uptime),
        p.downtime && Math.round(p.downtime.perMonth * 100) / 100,
        p.reachedMonth,
        p.impliedGrowth && Math.round(p.impliedGrowth * 1000) / 10,
      ]),
      [
        ['Stage 1: Seed', '0–250 users', 'Months 1–4', '$100-200/month', 250, '$144/month', '$0.58/month', '$3,500/month', '95.9%', '$3,356/month', '$0/month', '99.5%', 216, 0, undefined],
        ['Stage 2: Traction', '250–1,200 users', 'Months 5–13', '$400-900/month', 1200, '$516/month', '$0.43/month', '$16,800/month', '96.9%', '$6,884/month', '$9,400/month', '99.9%', 43.2, 5, 19],
        ['Stage 3: Growth', '1,200–4,800 users', 'Months 14–22', '$1,500-3,000/month', 4800, '$1,872/month', '$0.39/month', '$67,200/month', '97.2%', '$26,628/month', '$38,700/month', '99.95%', 21.6, 14, 16.7],
        ['Stage 4: Scale', '4,800+ users', 'Months 23+', '$3,000-8,000/month', undefined, undefined, undefined, undefined, undefined, undefined, undefined, '99.99%', 4.32, 23, undefined],
      ],
    );
    // Every stated figure keeps the span it came from; the lens sits on the stage's own line.
    for (const p of sm.projections) {
      assert.ok(text.slice(p.span.start, p.span.end).startsWith(`Stage ${p.number}:`));
      for (const f of [p.budget, p.uptime, p.at?.cost, p.at?.revenue, p.at?.margin]) if (f) assert.equal(text.slice(f.span!.start, f.span!.end), f.raw);
    }
    assert.deepEqual(
      sm.growth.thresholds.map((t) => [t.stage, t.users, t.month]),
      [
        ['stage:1', 0, 0],
        ['stage:2', 250, 5],
        ['stage:3', 1200, 14],
        ['stage:4', 4800, 23],
      ],
    );
    assert.deepEqual([sm.growth.rate?.value, sm.growth.startUsers?.value], [0.18, 120]);
  });

  it('computes what the plan does not state from its figures and assumptions', () => {
    const text = 'Assuming $20/month ARPU.\n\n```\nStage 1: Seed (0-100 users)\nStage 2: Growth (100-1,000 users)\n- Timeline: 3-6 months\n```\n\n```\n1,000 users:\n- Hosting: $300/month\n- Database: $100/month\n- Total: $400/month\n```\n\nWe grow 25% month over month from 80 users today.\n';
    const sm = stageModel(buildModel(text, defaultOptions));
    const at = sm.projections[1]!.at!;
    assert.deepEqual(
      [at.costPerUser, at.revenue, at.margin, at.profit].map((f) => [f!.source, Math.round(f!.value * 100) / 100, f!.formula]),
      [
        ['computed', 0.4, '$400 / 1,000 users'],
        ['computed', 20000, '1,000 users × $20 ARPU'],
        ['computed', 98, '($20,000 − $400) / $20,000'],
        ['computed', 19600, '$20,000 − $400'],
      ],
    );
    // Stage 1 has no modelled figures: its revenue at its top comes from the ARPU alone.
    assert.deepEqual(sm.projections[0]!.points.map((p) => [p.users, p.revenue?.value, p.cost]), [[100, 2000, undefined]]);
    assert.deepEqual(sm.growth.thresholds.map((t) => [t.users, t.month]), [[0, 0], [100, 1]]);
    assert.deepEqual(sm.growth.implied.map((i) => [i.stage, i.months, Math.round(i.monthlyGrowth * 1000) / 10]), [['stage:2', 3, 115.4]]);
  });

  it('reads the growth rate and the starting users from prose, and nothing else', () => {
    const stages = '```\nStage 1: Seed (0-500 users)\nStage 2: Growth (500+ users)\n```\n\n';
    const read = (prose: string): [number | undefined, number | undefined] => {
      const g = stageModel(buildModel(stages + prose + '\n', defaultOptions)).growth;
      return [g.rate?.value, g.startUsers?.value];
    };
    const cases: [string, number | undefined, number | undefined][] = [
      ['Monthly growth: 12%', 0.12, undefined],
      ['Month-over-month user growth: 9.5%', 0.095, undefined],
      ['Members grow 15% per month.', 0.15, undefined],
      ['Sign-ups keep growing at 8% a month.', 0.08, undefined],
      ['We start from 250 users.', undefined, 250],
      ['Starting at 40 users, we expect 10% monthly growth.', 0.1, 40],
      ['Accounts grow 6% each month, starting from 90 users.', 0.06, 90],
      ['- Current users: 310', undefined, 310],
      // Not a growth rate: a share of users, revenue, a range.
      ['20% of users upgrade each month.', undefined, undefined],
      ['Monthly growth: 20% of the active accounts.', undefined, undefined],
      ['Revenue grows 20% per month.', undefined, undefined],
      ['Users grow 10-20% per month.', undefined, undefined],
      // Not the plan\'s start: a stage, a price, a span, a blank.
      ['Stage 2 starting at 500 users adds a replica.', undefined, undefined],
      ['The team plan starting at 20 users costs $99/month.', undefined, undefined],
      ['We start from 250 users to 900 users.', undefined, undefined],
      ['The cache pays off starting at 400 users.', undefined, undefined],
      ['- Current users: ___', undefined, undefined],
    ];
    for (const [prose, rate, start] of cases) assert.deepEqual(read(prose), [rate, start], prose);
  });

  it('takes a team block\'s total as the team cost at its users, not as the modelled cost', () => {
    const text =
      'Assuming $30/month ARPU.\n\n```\nStage 1: Seed (0-1,000 users)\nStage 2: Growth (1,000-5,000 users)\n```\n\n```\nInfrastructure costs:\n\n4,000 users:\n- Hosting: $900/month\n- Database: $500/month\n- Total: $1,400/month\n```\n\n## Team Scaling Plan\n\nTeam at 4,000 users:\n- 2 engineers: $20,000\n- 1 support lead: $6,000\n- Total: $26,000/month (3 people)\n';
    const at = stageModel(buildModel(text, defaultOptions)).projections[1]!.at!;
    const show = (f: { source: string; value: number; raw?: string; formula?: string } | undefined): unknown[] | undefined => f && [f.source, f.value, f.raw ?? f.formula];
    assert.deepEqual(
      [at.users, show(at.cost), show(at.team), show(at.teamSize), show(at.profit)],
      [4000, ['stated', 1400, '$1,400/month'], ['stated', 26000, '$26,000/month'], ['stated', 3, '3'], ['computed', 92600, '$120,000 − $1,400 − $26,000']],
    );
  });

  it('gives each stage the downtime its uptime allows, under the plan\'s month', () => {
    const text = '---\nscaling-plan: 1\nmonth: 730h\n---\n\n```\nStage 1 (0-100 users):\n- Uptime: 99.9%\nStage 2 (100+ users):\n- Uptime: 99.99%\n```\n';
    const sm = stageModel(buildModel(text, { ...defaultOptions }));
    assert.deepEqual(
      sm.projections.map((p) => [p.downtime!.uptime, p.downtime!.month, Math.round(p.downtime!.perMonth * 100) / 100, Math.round(p.downtime!.perDay * 1000) / 1000]),
      [
        [99.9, '730h', 43.8, 1.44],
        [99.99, '730h', 4.38, 0.144],
      ],
    );
  });
});
