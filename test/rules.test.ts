/**
 * Data-driven rule cases: a small plan, and the findings it must produce as
 * [rule, claimed text, replacement text of the first fix]. An empty list means: nothing at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, applyEdits, detectPlan, positionAt, tooLargeMessage } from '../src/engine';

type Expect = [rule: string, claimed: string, fixedTo: string];

const cases: { name: string; text: string; expect: Expect[]; options?: Parameters<typeof analyze>[1] }[] = [
  // totals
  { name: 'total of a list', text: 'Costs:\n- Hosting: $50/month\n- Database: $30/month\n- Total: $90/month\n', expect: [['totals', '$90/month', '$80']] },
  { name: 'right total', text: 'Costs:\n- Hosting: $50/month\n- Database: $30/month\n- Total: $80/month\n', expect: [] },
  { name: 'total with K suffix', text: 'Budget:\n- Ads: $1.5K/month\n- Events: $2K/month\n- Total: $5K/month\n', expect: [['totals', '$5K/month', '$4K']] },
  { name: 'total of ranges', text: 'Tools:\n- A: $5-10/month\n- B: $20-30/month\n- Total: $25-45/month\n', expect: [['totals', '$25-45/month', '$25|40']] },
  { name: 'mixed periods are not summed', text: 'Costs:\n- Hosting: $50/month\n- Audit: $600/year\n- Total: $100/month\n', expect: [] },
  { name: 'an item with two amounts is not summed', text: 'Costs:\n- Hosting: $50/month or $70/month\n- Database: $30/month\n- Total: $90/month\n', expect: [] },
  { name: 'a total alone after a blank line sums the list above', text: 'Costs:\n- Hosting: $50/month\n- Database: $30/month\n\nTotal: $85/month\n', expect: [['totals', '$85/month', '$80']] },
  {
    name: 'table total row',
    text: '| Item | Cost |\n|---|---|\n| Hosting | $1,200 |\n| Database | $800 |\n| **Total** | $2,100 |\n',
    expect: [['totals', '$2,100', '$2,000']],
  },
  {
    name: 'two identical tables are both checked',
    text: '## A\n\n| Users | Monthly cost | Cost per user |\n|---|---|---|\n| 1,000 | $500 | $0.90 |\n\n## B\n\n| Users | Monthly cost | Cost per user |\n|---|---|---|\n| 1,000 | $500 | $0.90 |\n',
    expect: [['cost-per-user', '$0.90', '$0.50'], ['cost-per-user', '$0.90', '$0.50']],
  },
  { name: 'a subtotal is not summed as a line item', text: 'Monthly costs:\n- Hosting: $300/month\n- Database: $200/month\n- Subtotal infrastructure: $500/month\n- Salaries: $8,000/month\n- Total: $8,500/month\n', expect: [] },
  { name: 'a subtotal is checked against the items above it', text: 'Monthly costs:\n- Hosting: $300/month\n- Database: $200/month\n- Subtotal infrastructure: $600/month\n- Salaries: $8,000/month\n- Total: $8,500/month\n', expect: [['totals', '$600/month', '$500']] },
  { name: 'a total may add a wrong subtotal as stated', text: 'Monthly costs:\n- Hosting: $300/month\n- Database: $200/month\n- Subtotal infrastructure: $600/month\n- Salaries: $8,000/month\n- Total: $8,600/month\n', expect: [['totals', '$600/month', '$500']] },
  { name: 'a total after subtotals, wrong', text: 'Monthly costs:\n- Hosting: $300/month\n- Database: $200/month\n- Sub-total: $500/month\n- Salaries: $8,000/month\n- Contractors: $1,000/month\n- Subtotal people: $9,000/month\n- Total: $9,900/month\n', expect: [['totals', '$9,900/month', '$9,500']] },
  { name: 'a label ending in total is a subtotal', text: 'Monthly costs:\n- Hosting: $300/month\n- Database: $200/month\n- Infrastructure total: $500/month\n- Salaries: $8,000/month\n- Total: $8,500/month\n', expect: [] },
  { name: 'a label ending in total is checked as a subtotal', text: 'Monthly costs:\n- Hosting: $300/month\n- Database: $200/month\n- Infrastructure total: $600/month\n', expect: [['totals', '$600/month', '$500']] },
  { name: 'a running subtotal is accepted', text: 'Costs:\n- Hosting: $300/month\n- Database: $200/month\n- Subtotal: $500/month\n- Email: $40/month\n- Search: $60/month\n- Subtotal: $600/month\n- Total: $600/month\n', expect: [] },
  { name: 'a subtotal before its items is left alone, and so is the total', text: 'Costs:\n- Subtotal infrastructure: $500/month\n- Hosting: $300/month\n- Database: $200/month\n- Total: $1,000/month\n', expect: [] },
  {
    name: 'table subtotal rows',
    text: '| Item | Cost |\n|---|---|\n| Hosting | $300 |\n| Database | $200 |\n| Subtotal | $550 |\n| Salaries | $8,000 |\n| **Total** | $8,500 |\n',
    expect: [['totals', '$550', '$500']],
  },
  { name: 'an approximate total within 10%', text: 'Costs:\n- Hosting: $2,400/month\n- Database: $1,700/month\n- Total: ~$4,400/month\n', expect: [] },
  { name: 'an approximate total far off', text: 'Costs:\n- Hosting: $2,400/month\n- Database: $1,700/month\n- Total: ~$9,000/month\n', expect: [['totals', '$9,000/month', '$4,100']] },
  { name: 'an approximate total stated with about', text: 'Costs:\n- Hosting: $2,400/month\n- Database: $1,700/month\n- Total: about $3,500/month\n', expect: [['totals', '$3,500/month', '$4,100']] },
  { name: 'approximate items widen the tolerance of the total', text: 'Costs:\n- Hosting: ~$2,400/month\n- Database: $1,700/month\n- Total: $4,400/month\n', expect: [] },
  { name: 'approximate items, total far off', text: 'Costs:\n- Hosting: ~$2,400/month\n- Database: $1,700/month\n- Total: $6,000/month\n', expect: [['totals', '$6,000/month', '$4,100']] },
  { name: 'approximate total with a wider tolerance', text: 'Costs:\n- Hosting: $2,400/month\n- Database: $1,700/month\n- Total: ~$5,000/month\n', options: { approxTolerance: 0.25 }, expect: [] },
  {
    name: 'approximate table cells',
    text: '| Item | Cost |\n|---|---|\n| Hosting | ~$1,200 |\n| Database | $800 |\n| **Total** | $2,150 |\n\n| Item | Cost |\n|---|---|\n| Hosting | $1,200 |\n| Database | $800 |\n| **Total** | ~$2,600 |\n',
    expect: [['totals', '$2,600', '$2,000']],
  },
  { name: 'approximate total of ranges', text: 'Tools:\n- A: ~$5-10/month\n- B: $20-30/month\n- Total: ~$25-60/month\n', expect: [['totals', '$25-60/month', '$25|40']] },
  { name: 'nested items are not summed with their parents', text: 'Costs:\n- Infra: $80/month\n  - Hosting: $50/month\n  - Database: $30/month\n- Team: $900/month\n- Total: $980/month\n', expect: [] },
  // downtime
  { name: 'downtime per month', text: 'SLA:\n- Uptime: 99.9% (38 minutes downtime/month)\n', expect: [['downtime', '38 minutes', '43']] },
  { name: 'trailing zeros are not significant', text: 'SLA:\n- Uptime: 99.9% (40 minutes downtime/month)\n', expect: [] },
  { name: 'downtime 730h month accepted by default', text: 'SLA:\n- Uptime: 99.9% (43.8 minutes downtime/month)\n', expect: [] },
  {
    name: 'downtime 30-day month when chosen explicitly',
    text: '---\nscaling-plan: 1\nmonth: 30d\n---\n\n- Uptime: 99.9% (43.8 minutes downtime/month)\n',
    expect: [['downtime', '43.8 minutes', '43.2']],
  },
  { name: 'downtime per year', text: '99.99% uptime = 52.6 minutes of downtime per year\n', expect: [] },
  { name: 'downtime per year, wrong', text: '99.99% uptime = 5.26 minutes of downtime per year\n', expect: [['downtime', '5.26 minutes', '52.56']] },
  { name: 'downtime in a table', text: '| Stage | Uptime | Downtime/month |\n|---|---|---|\n| 1 | 99.5% | 3.6 hours |\n| 2 | 99.9% | 50 minutes |\n', expect: [['downtime', '50 minutes', '43']] },
  { name: 'a response time is not downtime', text: '- Uptime: 99.9%\n- Response time: <200ms\n', expect: [] },
  // unit economics
  {
    name: 'cost per user and change',
    text: '```\n100 users:\n- Total: $120/month\n- Cost per user: $1.20/month\n\n500 users:\n- Total: $380/month\n- Cost per user: $0.86/month (-20%)\n```\n',
    expect: [['cost-per-user', '$0.86/month', '$0.76'], ['cost-change', '-20%', '-28']],
  },
  {
    name: 'revenue from ARPU with the alternative fix',
    text: 'Assuming $10/month ARPU:\n\n2,500 users:\n- Revenue: $37,500/month\n',
    expect: [['revenue', '$37,500/month', '$25,000']],
  },
  {
    name: 'revenue from conversion and price',
    text: 'Revenue assumes 5% Pro @ $18.99.\n\n1,000 users:\n- Revenue: $949.50/month\n',
    expect: [],
  },
  {
    name: 'an ARPU stated further down does not reach back over a conversion and price',
    text: 'Revenue assumes 5% Pro @ $20.\n\n1,000 users:\n- Revenue: $1,000/month\n\n## Reseller seats\n\nAssuming $12/month ARPU for reseller seats.\n\n500 users:\n- Revenue: $6,600/month\n',
    expect: [['revenue', '$6,600/month', '$6,000']],
  },
  {
    name: 'of two revenue assumptions stated before, the nearer is in force',
    text: 'Assuming $12/month ARPU.\n\n500 users:\n- Revenue: $6,000/month\n\nFrom here on, revenue assumes 5% Pro @ $20.\n\n1,000 users:\n- Revenue: $1,200/month\n',
    expect: [['revenue', '$1,200/month', '$1,000']],
  },
  {
    name: 'gross margin and profit',
    text: '**500 users:**\n- Revenue: $5,000/month\n- Infrastructure: $380/month\n- Team: $15,000/month\n- Gross margin: 55%\n- Profit: -$10,250/month\n',
    expect: [['gross-margin', '55%', '92'], ['profit', '-$10,250/month', '-$10,380']],
  },
  {
    name: 'a subtotal is not a cost of its own in a profit',
    text: '**500 users:**\n- Revenue: $5,000/month\n- Hosting: $300/month\n- Database: $200/month\n- Subtotal infrastructure: $500/month\n- Team: $2,000/month\n- Profit: $2,500/month\n',
    expect: [],
  },
  {
    name: 'a subtotal with nothing above it to add up is a cost in a profit',
    text: '**500 users:**\n- Revenue: $5,000/month\n- Subtotal infrastructure: $500/month\n- Team: $2,000/month\n- Profit: $2,500/month\n',
    expect: [],
  },
  {
    name: 'a profit that turns positive keeps the currency after the sign',
    text: '**500 users:**\n- Revenue: $5,000/month\n- Infrastructure: $380/month\n- Profit: -$4,620/month\n',
    expect: [['profit', '-$4,620/month', '$4,620']],
  },
  {
    name: 'economics in a table',
    text: '| Users | Revenue | Cost | Margin |\n|---|---|---|---|\n| 1,000 | $10,000 | $1,500 | 85% |\n| 5,000 | $50,000 | $6,000 | 80% |\n',
    expect: [['gross-margin', '80%', '88']],
  },
  // explicit arithmetic and multiples
  { name: 'a × b = c', text: 'Pro revenue: 500 × $18.99 = $9,495\n', expect: [] },
  { name: 'a × b = c, wrong', text: 'Pro revenue: 500 × $18.99 = $9,945\n', expect: [['explicit-arithmetic', '$9,945', '$9,495']] },
  { name: 'a + b = c with periods', text: 'Monthly: $40/month + $95/month = $145/month\n', expect: [['explicit-arithmetic', '$145/month', '$135']] },
  { name: 'percent of an amount', text: 'Net after fees: $1,000 × 70% = $700\n', expect: [] },
  { name: 'ranges are not arithmetic', text: 'Team: 3-5 engineers, 2-3 designers\n', expect: [] },
  { name: 'Nx cheaper', text: 'Self-hosting at $200/month is 8x cheaper than $1,200/month managed.\n', expect: [['multiplier', '8x', '6']] },
  { name: 'Nx without two figures is left alone', text: '- Performance Gain: 3-5x read capacity\n- Impact: 2x development speed\n', expect: [] },
  // cross references
  {
    name: 'same figure stated twice',
    text: '## Costs\n\n```\nInfrastructure costs:\n\n2,500 users:\n- Hosting: $600/month\n- Database: $800/month\n- Total: $1,400/month\n```\n\n## Break-even\n\n```\n2,500 users:\n- Revenue: $25,000/month\n- Infrastructure: $1,500/month\n```\n',
    expect: [['cross-reference', '$1,500/month', '$1,400']],
  },
  {
    name: 'a team block is not the infrastructure cost at its users',
    text: '## Infrastructure and team\n\nTeam at 2,500 users:\n- 3 engineers: $27,000/month\n- 1 designer: $8,000/month\n- Total: $35,000/month\n\n## Break-even\n\n```\n2,500 users:\n- Revenue: $50,000/month\n- Infrastructure: $1,400/month\n```\n',
    expect: [],
  },
  {
    name: 'scenarios are not cross references',
    text: '## Conservative scenario\n\n**1,000 users:**\n- Revenue: $8,000/month\n\n## Aggressive scenario\n\n**1,000 users:**\n- Revenue: $12,000/month\n',
    expect: [],
  },
  // scores and shares
  { name: 'score sheet that fits', text: '```\nA:\n- x: 7/10\n- y: 8/10\n\nB:\n- z: 6/10\n\nTotal: 21/30\n```\n', expect: [] },
  { name: 'score sheet filled wrong', text: '```\n- x: 7/10\n- y: 8/10\n- z: 6/10\nTotal: 20/30\n```\n', expect: [['score-total', '20/30', '21']] },
  { name: 'channel mix', text: 'Channel mix:\n- Organic: 50%\n- Paid: 30%\n- Partners: 10%\n', expect: [['shares', '10%', '20']] },
  { name: 'rounded thirds make 100%', text: 'Budget split:\n- Product: 33%\n- Sales: 33%\n- Ops: 33%\n', expect: [] },
  { name: 'percentages that are not shares', text: 'Targets:\n- Activation: 60%\n- Retention: 40%\n- NPS promoters: 30%\n', expect: [] },
  { name: 'conversion rates by channel are not shares', text: 'Trial-to-paid conversion by channel:\n- SEO: 6%\n- Referrals: 11%\n- Paid ads: 3%\n', expect: [] },
  { name: 'growth by traffic source is not shares', text: 'Month-over-month growth by traffic source:\n- Organic: 12%\n- Partnerships: 8%\n', expect: [] },
  { name: 'the top channels leave the rest out', text: 'Top channels (the rest is a long tail):\n- SEO: 40%\n- Ads: 30%\n', expect: [] },
  { name: 'market share by region is not a whole', text: 'Market share by region:\n- North America: 12%\n- Europe: 8%\n', expect: [] },
  { name: 'sources that do not make 100% are left alone', text: 'Traffic sources:\n- Organic: 50%\n- Paid: 30%\n', expect: [] },
  { name: 'sources with a total of their own are left alone', text: 'Traffic sources:\n- Organic: 60%\n- Paid: 40%\n- Total: 90%\n', expect: [] },
  { name: 'the share of users who use each feature is not a whole', text: 'Share of users who use each feature:\n- Invoices: 80%\n- Reports: 60%\n- Exports: 25%\n', expect: [] },
  { name: 'percent of signups is a whole', text: 'Signups by channel (% of signups):\n- Organic: 50%\n- Paid: 30%\n- Partners: 10%\n', expect: [['shares', '10%', '20']] },
  { name: 'shares before the last already above 100%', text: 'Channel mix:\n- Content: 57%\n- Referrals: 27%\n- Partnerships: 21%\n- Paid social: 14%\n', expect: [['shares', '14%', '']] },
  { name: 'shares that the last one takes above 100%', text: 'Channel mix:\n- Content: 50%\n- Referrals: 30%\n- Partnerships: 30%\n', expect: [['shares', '30%', '20']] },
  { name: 'a stated 100% total under shares above it', text: 'Budget allocation:\n- Product: 60%\n- Sales: 35%\n- Ops: 15%\n- Total: 100%\n', expect: [['shares', '100%', '']] },
  {
    name: 'a conversion column is not a share column',
    text: '| Channel | Conversion (% of trials) |\n|---|---|\n| SEO | 6% |\n| Referrals | 11% |\n',
    expect: [],
  },
  // what is not a plan number
  { name: 'code with a language is ignored', text: '```ts\nconst total = 50 + 30; // Total: $90/month\n```\n\n```sql\n-- Uptime: 99.9% (40 minutes downtime/month)\n```\n', expect: [] },
  { name: 'numbers in headings and links are not totals', text: '# Total: $100/month\n\nSee [Total: $5](link).\n', expect: [] },
  // positions
  {
    name: 'non-ASCII before a number and CRLF line endings',
    text: 'Coûts 🎉:\r\n- Hébergement 🚀: $50/month\r\n- Base de données: $30/month\r\n- Total: $90/month\r\n',
    expect: [['totals', '$90/month', '$80']],
  },
];

describe('rule cases', () => {
  for (const c of cases) {
    it(c.name, () => {
      const a = analyze(c.text, c.options);
      const got = a.findings
        .filter((f) => f.rule !== 'blanks')
        .map((f): Expect => [f.rule, c.text.slice(f.span.start, f.span.end), f.fixes[0]?.edits.map((e) => e.newText).join('|') ?? '']);
      assert.deepEqual(got, c.expect);
      for (const f of a.findings) {
        if (f.fixes.length === 0) continue;
        const fixed = applyEdits(c.text, f.fixes[0]!.edits);
        assert.equal(analyze(fixed, c.options).findings.some((g) => g.rule === f.rule && g.span.start === f.span.start), false, `${f.rule} survives its fix`);
      }
    });
  }

  it('reports UTF-16 positions after non-ASCII text', () => {
    const text = 'Coûts 🎉:\r\n- Hébergement 🚀: $50/month\r\n- Base de données: $30/month\r\n- Total: $90/month\r\n';
    const a = analyze(text);
    const f = a.findings[0]!;
    assert.deepEqual(positionAt(a.model!.doc.lineStarts, f.span.start), { line: 3, character: 9 });
    const line1 = analyze('🎉 Total check: 2 × $5 = $11\n');
    assert.deepEqual(positionAt(line1.model!.doc.lineStarts, line1.findings[0]!.span.start), { line: 0, character: 25 });
  });

  it('offers both fixes when the revenue or the ARPU may be wrong', () => {
    const text = 'Assuming $10/month ARPU:\n\n2,500 users:\n- Revenue: $37,500/month\n';
    const f = analyze(text).findings[0]!;
    assert.deepEqual(f.fixes.map((x) => x.title), ['Set revenue to $25,000/month', 'Set ARPU to $15/month']);
    assert.equal(applyEdits(text, f.fixes[1]!.edits), text.replace('$10/month ARPU', '$15/month ARPU'));
  });

  it('offers the price (or the conversion) as a fix when revenue rests on conversion × price, if it gives the revenue back', () => {
    const text = 'Revenue assumes 5% Pro @ $20 per month.\n\n**2,000 users:**\n- Revenue: $2,500/month\n- Hosting: $300/month\n';
    const f = analyze(text).findings.find((x) => x.rule === 'revenue')!;
    assert.deepEqual(f.fixes.map((x) => x.title), ['Set revenue to $2,000/month', 'Set price to $25/month']);
    const fixed = applyEdits(text, f.fixes[1]!.edits);
    assert.equal(fixed, text.replace('@ $20', '@ $25'));
    assert.deepEqual(analyze(fixed).findings.filter((x) => x.rule === 'revenue'), []);
    // 2,500 / (2,000 × $20) = 6.25%: a whole percent cannot give it back, so no conversion fix.
    const conversion = analyze('Revenue assumes 5% Pro @ $20 per month.\n\n**2,000 users:**\n- Revenue: $2,400/month\n').findings[0]!;
    assert.deepEqual(conversion.fixes.map((x) => x.title), ['Set revenue to $2,000/month', 'Set conversion to 6%', 'Set price to $24/month']);
  });

  it('does not analyse documents above the size limit', () => {
    const a = analyze('x'.repeat(100), { maxSize: 50 });
    assert.deepEqual(a.findings.map((f) => [f.rule, f.severity, f.message]), [['too-large', 'information', 'Not analysed: the document is 100 B, above the 50 B size limit.']]);
    assert.equal(a.model, undefined);
  });

  it('states the size and the limit in KB below 0.1 MB and in B below 1 KB, with a further digit when one would show them equal', () => {
    const message = (length: number, limit: number): string => analyze('x'.repeat(length), { maxSize: limit }).findings[0]!.message;
    assert.equal(message(3174, 2048), 'Not analysed: the document is 3.1 KB, above the 2.0 KB size limit.');
    assert.equal(message(150_000, 2048), 'Not analysed: the document is 0.1 MB, above the 2.0 KB size limit.');
    assert.equal(tooLargeMessage(20 * 1048576, 2 * 1048576), 'Not analysed: the document is 20.0 MB, above the 2.0 MB size limit.');
    assert.equal(tooLargeMessage(2_100_000, 2 * 1048576), 'Not analysed: the document is 2.003 MB, above the 2.000 MB size limit.');
    assert.equal(tooLargeMessage(2_110_000, 2 * 1048576), 'Not analysed: the document is 2.01 MB, above the 2.00 MB size limit.');
  });
});

describe('totals with subtotals and approximate figures', () => {
  // text, [message, fix title, the fixed line]
  const cases: [string, [string, string, string][]][] = [
    [
      'Monthly costs:\n- Hosting: $300/month\n- Database: $200/month\n- Sub-total: $500/month\n- Salaries: $8,000/month\n- Contractors: $1,000/month\n- Subtotal people: $9,000/month\n- Total: $9,900/month\n',
      [['Total $9,900/month does not match (300 + 200) + (8,000 + 1,000) = $9,500/month', 'Set total to $9,500/month', '- Total: $9,500/month']],
    ],
    [
      'Monthly costs:\n- Hosting: $300/month\n- Database: $200/month\n- Subtotal infrastructure: $600/month\n- Salaries: $8,000/month\n- Total: $8,600/month\n',
      [['Subtotal infrastructure $600/month does not match 300 + 200 = $500/month', 'Set subtotal to $500/month', '- Subtotal infrastructure: $500/month']],
    ],
    [
      '| Item | Cost |\n|---|---|\n| Hosting | $300 |\n| Database | $200 |\n| Subtotal | $550 |\n| Salaries | $8,000 |\n| **Total** | $8,500 |\n',
      [['Subtotal Cost $550 does not match 300 + 200 = $500', 'Set subtotal to $500', '| Subtotal | $500 |']],
    ],
    [
      'Costs:\n- Hosting: $2,400/month\n- Database: $1,700/month\n- Total: ~$9,000/month\n',
      [['Total $9,000/month does not match 2,400 + 1,700 = $4,100/month', 'Set total to $4,100/month', '- Total: ~$4,100/month']],
    ],
    [
      'Costs:\n- Hosting: ~$2,400/month\n- Database: $1,700/month\n- Total: $6,000/month\n',
      [['Total $6,000/month does not match ~2,400 + 1,700 = $4,100/month', 'Set total to $4,100/month', '- Total: $4,100/month']],
    ],
  ];
  for (const [text, expected] of cases) {
    it(text.split('\n').at(-2)!, () => {
      const got = analyze(text).findings.map((f) => {
        const fixed = applyEdits(text, f.fixes[0]!.edits).split('\n');
        const before = text.split('\n');
        return [f.message, f.fixes[0]!.title, fixed.find((l, i) => l !== before[i]) ?? ''];
      });
      assert.deepEqual(got, expected);
    });
  }
});

describe('shares above 100%', () => {
  it('says the sum when the shares before the last already make more than 100%, with no fix', () => {
    const text = 'Acquisition channel mix:\n- Content and SEO: 57%\n- Referrals: 27%\n- Partnerships: 21%\n- Paid social: 14%\n';
    const f = analyze(text).findings;
    assert.deepEqual(
      f.map((x) => [x.rule, x.severity, x.message, text.slice(x.span.start, x.span.end), x.fixes.length, x.related.map((r) => text.slice(r.span.start, r.span.end))]),
      [['shares', 'error', 'Shares add up to 119% (57% + 27% + 21% + 14%), more than the 100% they make up', '14%', 0, ['57%', '27%', '21%']]],
    );
  });
  it('says the sum on a stated total that disagrees, with no fix', () => {
    const text = 'Budget allocation:\n- Product: 60%\n- Sales: 35%\n- Ops: 15%\n- Total: 100%\n';
    assert.deepEqual(analyze(text).findings.map((x) => [x.message, x.fixes.length]), [['Shares add up to 110% (60% + 35% + 15%), more than the 100% they make up', 0]]);
  });
  it('reads shares that make 100% under a title that may or may not be a whole', () => {
    const text = 'Traffic sources:\n- Organic: 55%\n- Paid: 30%\n- Referral: 15%\n';
    const a = analyze(text);
    assert.deepEqual(a.findings, []);
    assert.deepEqual(a.derivations.filter((d) => d.rule === 'shares').map((d) => d.target.raw), ['15%']);
  });
});

describe('explicit arithmetic with parentheses', () => {
  const cases: [string, string[]][] = [
    ['Margin: (100 - 40) / 100 = 60%\n', []],
    ['Margin: (100 - 40) / 100 = 50%\n', ['Result 50% does not match (100 − 40) / 100 = 60%']],
    ['(500 × $10 = $5,500)\n', ['Result $5,500 does not match 500 × $10 = $5,000']],
    ['Check: ($100 + $50) × 2 = $300\n', []],
    ['Check: $100 + $50 × 2 = $300\n', ['Result $300 does not match $100 + $50 × 2 = $200']],
    ['Check: 2 × (3 + 4 = 14\n', []],
  ];
  for (const [text, messages] of cases) {
    it(text.trim(), () => assert.deepEqual(analyze(text).findings.map((f) => f.message), messages));
  }
});

describe('plan detection', () => {
  const detect = (text: string): boolean => detectPlan(analyze(text).model!).isPlan;
  it('knows a plan by its frontmatter, even when the YAML is broken', () => {
    assert.equal(detect('---\nscaling-plan: 1\n---\n# Notes\n'), true);
    assert.equal(detect('---\nscaling-plan: 1\nassumptions: [arpu: 12\n---\n# Plan\n'), true);
  });
  it('knows a plan by its stages', () => {
    assert.equal(detect('## Stage 1: Seed (0-100 users)\n\n## Stage 2: Growth (100-1,000 users)\n'), true);
  });
  it('leaves other markdown alone', () => {
    assert.equal(detect('# Scaling Plan tools\n\nA fix keeps `$6,100/month` in the form `$X/month`.\n'), false);
    assert.equal(detect('# Changelog\n\n- Fixed the 99.9% uptime badge\n- Pricing now $12/month\n'), false);
  });
});
