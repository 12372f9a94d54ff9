/**
 * Generates large scaling plans for the benchmarks: every kind of content the engine reads
 * (stage lists, fenced cost blocks, break-even blocks, SLA lines, tables, score sheets, prose,
 * checklists and code), with figures that vary by part so no two blocks are the same text.
 * Deterministic: the same size gives the same document.
 */

function money(n: number): string {
  return '$' + Math.round(n).toLocaleString('en-US');
}

function part(i: number): string {
  const users = 100 * (i + 1);
  const hosting = 40 + (i % 17) * 5;
  const database = 25 + (i % 11) * 4;
  const monitoring = 10 + (i % 7) * 3;
  const total = hosting + database + monitoring;
  const arpu = 9 + (i % 5);
  const revenue = users * arpu;
  const team = 8000 + (i % 9) * 1000;
  const margin = ((revenue - total) / revenue) * 100;
  const profit = revenue - total - team;
  const uptime = ['99.5', '99.9', '99.95', '99.99'][i % 4]!;
  const downtime = { '99.5': '3.6 hours', '99.9': '43.2 minutes', '99.95': '21.6 minutes', '99.99': '4.32 minutes' }[uptime]!;
  const s = i * 4;
  return `## Part ${i + 1}: the ${['north', 'south', 'east', 'west', 'coastal', 'valley'][i % 6]} region

This part of the plan covers region ${i + 1}. The team expects steady growth of ${10 + (i % 15)}% month over
month once onboarding is automated, and it revisits these figures every quarter with the
finance lead. Numbers here are monthly unless stated otherwise.

Stage ${s + 1}: Pilot ${i + 1} (0-${users} users)
Stage ${s + 2}: Adoption ${i + 1} (${users}-${users * 5} users)
Stage ${s + 3}: Expansion ${i + 1} (${users * 5}-${users * 25} users)
Stage ${s + 4}: Maturity ${i + 1} (${users * 25}+ users)

### Costs for region ${i + 1}

\`\`\`
${users.toLocaleString('en-US')} users:
- Hosting: ${money(hosting)}/month
- Database: ${money(database)}/month
- Monitoring: ${money(monitoring)}/month
- Total: ${money(total)}/month
- Cost per user: $${(total / users).toFixed(2)}/month
\`\`\`

Assuming ${money(arpu)}/month ARPU in region ${i + 1}:

**${users.toLocaleString('en-US')} users:**
- Revenue: ${money(revenue)}/month
- Infrastructure: ${money(total)}/month
- Team: ${money(team)}/month (${1 + (i % 4)} people)
- Gross margin: ${margin.toFixed(1)}%
- Profit: ${profit < 0 ? '-' : ''}${money(Math.abs(profit))}/month

Uptime: ${uptime}% (${downtime} downtime/month)

| Line item | Monthly cost |
|-----------|--------------|
| Hosting | ${money(hosting)} |
| Database | ${money(database)} |
| Monitoring | ${money(monitoring)} |
| **Total** | **${money(total)}** |

Moving reports to a queue costs ${money(hosting)}/month against ${money(hosting * 3)}/month for a bigger server, 3x cheaper.

### Operations for region ${i + 1}

- [ ] Runbook for failover drills in region ${i + 1}
- [ ] Paging rota with ${2 + (i % 3)} engineers
- [ ] Post-mortems within ${24 + (i % 3) * 24} hours
- Support response: <${4 + (i % 5)} hours

\`\`\`
Readiness review ${i + 1}:
- Stability: ${5 + (i % 5)}/10
- Onboarding: ${4 + (i % 6)}/10
- Monitoring: ${6 + (i % 4)}/10
- Overall score: ${5 + (i % 5) + 4 + (i % 6) + 6 + (i % 4)}/30
\`\`\`

\`\`\`sql
-- Region ${i + 1} reporting index
CREATE INDEX idx_events_region_${i} ON events(region_id, created_at);
\`\`\`

Risk: the region ${i + 1} database saturates before the replica lands. Mitigation: add the
read replica by ${(users * 3).toLocaleString('en-US')} users and move analytics off the primary.

`;
}

const HEAD = `---
scaling-plan: 1
product: Benchmark Co
assumptions:
  growth: 15%
  start-users: 100
---

# Benchmark Co Scaling Plan

A generated plan for measuring the checker: many regions, each with its stages, costs,
economics, service levels and readiness scores.

`;

/** A plan of at least `lines` lines. */
export function planOfLines(lines: number): string {
  let text = HEAD;
  let count = text.split('\n').length;
  for (let i = 0; count < lines; i++) {
    const p = part(i);
    text += p;
    count += p.split('\n').length - 1;
  }
  return text;
}

/** A plan of about `chars` UTF-16 units (never more). */
export function planOfSize(chars: number): string {
  let text = HEAD;
  for (let i = 0; ; i++) {
    const p = part(i);
    if (text.length + p.length > chars) return text;
    text += p;
  }
}
