import { defineRule } from '../rule';
import type { Finding, Span } from '../types';

/**
 * A heading about the growth model or the user projection (`Growth Projection`, `Growth Model`,
 * `User Growth`), not a stage's own title nor a projection of something else.
 */
const GROWTH_HEADING = /^(?![#\s\d.)*_-]*(?:stage|phase|tier|level)\s+\d)(?=.*?(?:\b(?:users?|customers?|members?|subscribers?|audience|mau|dau)\s+(?:base\s+)?(?:growth|projections?|forecasts?)\b|\bgrowth\s+(?:projections?|models?|modell?ing|stages?|phases?|plan|planning|forecasts?|trajectory|path|curve|assumptions?|targets?|rates?|timeline|outlook|scenarios?|milestones?)\b|\bprojected\s+(?:users?|growth)\b|\bstages?\s+of\s+growth\b|\b(?:users?|growth)\s*(?:&|and)\s*(?:\w+\s+)?projections?\b|^[#\s\d.)*_-]*(?:growth|projections?)[\s*_:]*$))/i;

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

/** The deliverable sections a plan must have: what is missing, once, on the first heading. */
export default defineRule({
  meta: {
    id: 'missing-section',
    description: 'A scaling plan should have a section for each deliverable (growth model, roadmap, costs, architecture, team, playbooks, risks, metrics).',
    severity: 'information',
    fixable: false,
    category: 'template',
  },
  check(model, ctx) {
    const headings = model.sections.filter((s) => s.line !== undefined);
    // Only whole plans: declared in frontmatter or with a list of stages, in sections.
    const staged = (ctx.stages().primary?.entries.filter((e) => e.users).length ?? 0) >= 2;
    if (headings.length < 2 || !(ctx.declared || staged)) return [];
    const missing = DELIVERABLES.filter((d) => !headings.some((s) => d.heading.test(s.title)));
    if (missing.length === 0) return [];
    const first = headings.find((s) => s.title !== '') ?? headings[0]!;
    const row = model.rowAt[first.line!];
    const start = row ? row.contentStart : model.outline.lineStarts[first.line!]!;
    const span: Span = { start, end: row ? row.contentStart + row.content.replace(/\s+$/, '').length : start };
    const names = missing.map((d) => d.name);
    return [{ rule: 'missing-section', severity: 'information', message: `Missing ${missing.length === 1 ? 'a section' : `${missing.length} sections`} of a scaling plan: ${names.join(', ')}`, span, fixes: [], related: [] } satisfies Finding];
  },
});
