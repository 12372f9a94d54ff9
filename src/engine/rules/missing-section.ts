import { defineRule } from '../rule';
import { stageModel } from '../stages';
import type { Finding, Span } from '../types';

const ID = 'missing-section';

/**
 * A heading about the growth model or the user projection (`Growth Projection`, `Growth Model`,
 * `User Growth`, `Growth Stages`, `Projections`); not a stage's own title (`### Stage 1:
 * Launch`, `## Stage 2: Growth (10K-50K users)`) nor a projection of something else (`Cost
 * Projection per Stage`). Written for a heading's text, with or without its `#` marks.
 */
const GROWTH_HEADING = new RegExp(
  [
    String.raw`^(?![#\s\d.)*_-]*(?:stage|phase|tier|level)\s+\d)(?=.*?(?:`,
    [
      String.raw`\b(?:users?|customers?|members?|subscribers?|audience|mau|dau)\s+(?:base\s+)?(?:growth|projections?|forecasts?)\b`,
      String.raw`\bgrowth\s+(?:projections?|models?|modell?ing|stages?|phases?|plan|planning|forecasts?|trajectory|path|curve|assumptions?|targets?|rates?|timeline|outlook|scenarios?|milestones?)\b`,
      String.raw`\bprojected\s+(?:users?|growth)\b`,
      String.raw`\bstages?\s+of\s+growth\b`,
      String.raw`\b(?:users?|growth)\s*(?:&|and)\s*(?:\w+\s+)?projections?\b`,
      String.raw`^[#\s\d.)*_-]*(?:growth|projections?)[\s*_:]*$`,
    ].join('|'),
    '))',
  ].join(''),
  'i',
);

/** The deliverable sections of a scaling plan and the heading words that stand for each. */
export const DELIVERABLES: { name: string; heading: RegExp }[] = [
  { name: 'growth projection model', heading: GROWTH_HEADING },
  { name: 'infrastructure roadmap with milestones', heading: /\broadmap\b|\bmilestones?\b|\binfrastructure\b/i },
  { name: 'cost projection per stage', heading: /\bcosts?\b|\bbudgets?\b|\bunit economics\b|\bbreak[- ]?even\b|\bspend\b/i },
  { name: 'architecture evolution', heading: /\barchitecture\b|\btechnical (?:evolution|infrastructure|scaling|design)\b|\btech(?:nology)? stack\b|\bsystem design\b/i },
  { name: 'team scaling plan', heading: /\bteams?\b|\bhiring\b|\bhires?\b|\borgani[sz]ation(?:al)?\b|\bheadcount\b|\bstaffing\b|\btalent\b/i },
  { name: 'operational playbooks', heading: /\bplaybooks?\b|\brunbooks?\b|\boperations?\b|\boperational\b|\bincidents?\b|\bemergency\b|\bprocedures?\b/i },
  { name: 'risk assessment with mitigations', heading: /\brisks?\b|\bmitigations?\b/i },
  { name: 'success metrics per stage', heading: /\bmetrics?\b|\bkpis?\b|\bsuccess\b|\bkey (?:performance )?indicators\b/i },
];

/** The deliverable sections a plan must have: what is missing, once, at the top. */
export default defineRule({
  meta: {
    id: ID,
    description: 'A scaling plan should have a section for each deliverable (growth model, roadmap, costs, architecture, team, playbooks, risks, metrics).',
    severity: 'information',
    fixable: false,
    category: 'template',
  },
  check(model) {
    const headings = model.sections.filter((s) => s.heading);
    // Only whole plans: declared in frontmatter or with a stage list, and organised in sections.
    const staged = (stageModel(model).primary?.ranged ?? 0) >= 2;
    if (headings.length < 2 || !(model.frontmatter.isPlan || staged)) return [];
    const missing = DELIVERABLES.filter((d) => !headings.some((s) => d.heading.test(s.title)));
    if (missing.length === 0) return [];
    // On the first heading's text; an empty heading (`# `) gets an empty span where its text would be.
    const first = (headings.find((s) => s.title !== '') ?? headings[0]!).heading!;
    const start = Math.min(first.contentStart, first.start + first.text.length);
    const span: Span = { start, end: Math.max(start, first.start + first.text.replace(/\s+$/, '').length) };
    const names = missing.map((d) => d.name);
    return [
      {
        rule: ID,
        severity: 'information',
        message: `Missing ${missing.length === 1 ? 'a section' : `${missing.length} sections`} of a scaling plan: ${names.join(', ')}`,
        span,
        fixes: [],
        related: [],
        data: { missing: names },
      } satisfies Finding,
    ];
  },
});
