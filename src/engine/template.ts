/**
 * The text of a new scaling plan: every deliverable section (growth projection model,
 * infrastructure roadmap with milestones, cost projection per stage, architecture evolution,
 * team scaling plan, operational playbooks, risk assessment, success metrics), with `___`
 * blanks where the author must write. Stage ranges are filled with a common 100 → 1K → 10K
 * shape to edit. Pure: `scaling-plan init` writes it, the editor's "new plan" command inserts it.
 */

export interface TemplateOptions {
  /** Product name; a blank when not given. */
  product?: string;
}

const BLANK = '________________';

interface StageSpec {
  number: number;
  name: string;
  low: string;
  high?: string;
}

const STAGES: StageSpec[] = [
  { number: 1, name: 'Launch', low: '0', high: '100' },
  { number: 2, name: 'Traction', low: '100', high: '1,000' },
  { number: 3, name: 'Growth', low: '1,000', high: '10,000' },
  { number: 4, name: 'Scale', low: '10,000' },
];

function range(s: StageSpec): string {
  return s.high ? `${s.low}-${s.high} users` : `${s.low}+ users`;
}

/** The users a cost block is modelled at: the top of each closed stage. */
const MODEL_POINTS = STAGES.filter((s) => s.high).map((s) => s.high!);

/** A product name that cannot break the YAML frontmatter or the heading. */
function safeName(product: string | undefined): string | undefined {
  const name = product?.replace(/[\r\n]+/g, ' ').trim();
  return name ? name : undefined;
}

/** The new plan's markdown. */
export function planTemplate(options: TemplateOptions = {}): string {
  const product = safeName(options.product);
  const yamlName = product ? JSON.stringify(product) : `"${BLANK}"`;
  const title = product ?? BLANK;
  const out: string[] = [];
  const push = (...lines: string[]): void => void out.push(...lines);

  push(
    '---',
    'scaling-plan: 1',
    `product: ${yamlName}`,
    'currency: USD',
    'month: 30d',
    '# Uncomment and fill in what the checks should use:',
    '# assumptions:',
    '#   arpu: 12           # $ per user per month, over all users',
    '#   conversion: 5%     # share of users who pay',
    '#   price: 18.99       # $ per paying user per month',
    '#   growth: 15%        # month-over-month user growth',
    '#   start-users: 100   # users today',
    '---',
    '',
    `# ${title} Scaling Plan`,
    '',
    `What ${product ?? 'the product'} does, for whom, and where it stands today: ${BLANK}`,
    '',
  );

  push('## Growth Projection Model', '', 'We expect ___% month-over-month growth from ___ users today.', '', '```');
  STAGES.forEach((s, i) => {
    if (i > 0) push('');
    push(`Stage ${s.number}: ${s.name} (${range(s)})`, `- Focus: ${BLANK}`, `- Timeline: Months ___${s.high ? '-___' : '+'}`);
  });
  push('```', '');

  push('## Infrastructure Roadmap', '');
  for (const s of STAGES) {
    push(
      `### Stage ${s.number}: ${s.name} (${range(s)})`,
      '',
      `- Infrastructure: ${BLANK}`,
      `- Milestone: ${BLANK} by ___ users`,
      `- Milestone: ${BLANK} by ___ users`,
      '- Budget: $___-___/month',
      '',
    );
  }

  push('## Cost Projection per Stage', '', '```', 'Infrastructure costs by stage:', '');
  MODEL_POINTS.forEach((users, i) => {
    if (i > 0) push('');
    push(
      `${users} users:`,
      '- Hosting: $___/month',
      '- Database: $___/month',
      '- CDN and storage: $___/month',
      '- Monitoring and tools: $___/month',
      '- Total: $___/month',
      '- Cost per user: $___/month',
    );
  });
  push('```', '');

  push('### Unit Economics and Break-Even', '', 'Revenue assumes ___% of users pay $___ per month.', '');
  for (const users of MODEL_POINTS) {
    push(
      `**${users} users:**`,
      '- Revenue: $___/month',
      '- Infrastructure: $___/month',
      '- Team: $___/month',
      '- Gross margin: ___%',
      '- Profit: $___/month',
      '',
    );
  }

  push('## Architecture Evolution', '');
  for (const s of STAGES) push(`- Stage ${s.number} (${range(s)}): ${BLANK}`);
  push('', `Biggest bottleneck expected, and when: ${BLANK}`, '');

  push('## Team Scaling Plan', '', '| Stage | Users | Team size | Roles to hire | Team cost |', '|---|---|---|---|---|');
  for (const s of STAGES) push(`| Stage ${s.number} | ${s.high ? `${s.low}-${s.high}` : `${s.low}+`} | ___ | ${BLANK} | $___/month |`);
  push('');

  push(
    '## Operational Playbooks',
    '',
    `- Deployment and rollback: ${BLANK}`,
    `- Incident response and on-call: ${BLANK}`,
    `- Backups and disaster recovery: ${BLANK}`,
    `- Customer support and escalation: ${BLANK}`,
    '',
    '### Service Levels',
    '',
    '```',
  );
  STAGES.forEach((s, i) => {
    if (i > 0) push('');
    push(`Stage ${s.number} (${range(s)}):`, '- Uptime: ___% (___ minutes downtime/month)', '- Response time: <___ms', '- Support response: <___ hours');
  });
  push('```', '');

  push('## Risk Assessment', '', '| Risk | Probability | Impact | Mitigation |', '|---|---|---|---|');
  for (let i = 0; i < 3; i++) push(`| ${BLANK} | ___ | ___ | ${BLANK} |`);
  push('');

  push('## Success Metrics', '', '```');
  STAGES.forEach((s, i) => {
    if (i > 0) push('');
    push(`Stage ${s.number} (${range(s)}):`, `- North-star metric: ${BLANK}`, '- Activation: ___%', '- Monthly retention: ___%', '- NPS: ___');
  });
  push('```', '');

  return out.join('\n');
}
