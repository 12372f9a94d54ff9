/**
 * The new-plan template: every section a scaling plan must have, with blanks (`___`) where the
 * founder's own figures go. "New Plan from Template" inserts it as a snippet whose tab stops
 * are the blanks, so Tab walks from one to the next.
 */

/**
 * `{{product}}` is the product name (the first tab stop, mirrored), `{{12}}` a value to
 * replace (a tab stop with that default: frontmatter must stay valid YAML), `___` a blank.
 */
export const PLAN_TEMPLATE = `---
scaling-plan: 1
product: {{product}}
currency: USD
month: 30d
assumptions:
  arpu: {{10}}
  growth: {{15%}}
  start-users: {{100}}
---

# {{product}} Scaling Plan

What the product does, for whom, and where it stands today: ___

## Growth Projection Model

The growth rate and today's users are in the frontmatter (\`growth\`, \`start-users\`); each stage
below is a range of users and the months we expect to spend in it.

\`\`\`
Stage 1: Launch (0-100 users)
- Timeline: Months 1-___

Stage 2: Early Traction (100-1,000 users)
- Timeline: Months ___-___

Stage 3: Growth (1,000-10,000 users)
- Timeline: Months ___-___

Stage 4: Scale (10,000+ users)
- Timeline: Months ___+
\`\`\`

## Infrastructure Roadmap

### Stage 1: Launch
- Architecture: ___
- Budget: $___/month
- Milestone: ___ by 100 users

### Stage 2: Early Traction
- Architecture: ___
- Budget: $___/month
- Milestone: ___ by 1,000 users

### Stage 3: Growth
- Architecture: ___
- Budget: $___/month
- Milestone: ___ by 10,000 users

### Stage 4: Scale
- Architecture: ___
- Budget: $___/month

## Cost Projection per Stage

\`\`\`
100 users:
- Hosting: $___/month
- Database: $___/month
- Other services: $___/month
- Total: $___/month
- Cost per user: $___/month

1,000 users:
- Hosting: $___/month
- Database: $___/month
- Other services: $___/month
- Total: $___/month
- Cost per user: $___/month

10,000 users:
- Hosting: $___/month
- Database: $___/month
- Other services: $___/month
- Total: $___/month
- Cost per user: $___/month
\`\`\`

## Unit Economics and Break-Even

\`\`\`
1,000 users:
- Revenue: $___/month
- Infrastructure: $___/month
- Team: $___/month
- Gross margin: ___%
- Profit: $___/month
\`\`\`

Break-even at ___ users (Month ___).

## Architecture Evolution

- Stage 1: ___
- Stage 2: ___
- Stage 3: ___
- Stage 4: ___

## Team Scaling Plan

| Stage | Team size | Hires | Monthly cost |
|-------|-----------|-------|--------------|
| Stage 1 | ___ | ___ | $___ |
| Stage 2 | ___ | ___ | $___ |
| Stage 3 | ___ | ___ | $___ |
| Stage 4 | ___ | ___ | $___ |

## SLAs

- Stage 1 uptime: ___%
- Stage 2 uptime: ___%
- Stage 3 uptime: ___%
- Stage 4 uptime: ___%

## Operational Playbooks

- Database at capacity: ___
- Traffic spike: ___
- Outage: ___
- Security incident: ___

## Risk Assessment

| Risk | Likelihood | Impact | Mitigation |
|------|------------|--------|------------|
| ___ | ___ | ___ | ___ |
| ___ | ___ | ___ | ___ |
| ___ | ___ | ___ | ___ |

## Success Metrics per Stage

- Stage 1: ___
- Stage 2: ___
- Stage 3: ___
- Stage 4: ___
`;

/** The template as plain text, blanks and all, for a product. */
export function planText(product = 'Product'): string {
  return PLAN_TEMPLATE.replace(/\{\{([^}]*)\}\}/g, (_, name: string) => (name === 'product' ? product : name));
}

/**
 * The template as a VS Code snippet: the product name is tab stop 1 (mirrored everywhere it
 * appears), then each value and each blank a tab stop of its own, in document order.
 */
export function planSnippet(product = 'Product'): string {
  let stop = 1;
  return PLAN_TEMPLATE.split(/(\{\{[^}]*\}\}|_{3,})/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeSnippet(part);
      const name = part.startsWith('{{') ? part.slice(2, -2) : part;
      if (name === 'product') return `\${1:${escapeSnippet(product)}}`;
      return `\${${++stop}:${escapeSnippet(name)}}`;
    })
    .join('');
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
