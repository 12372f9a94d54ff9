import { arpuAssumptions, conversionAssumptions } from '../economics';
import type { Claim } from '../model';
import type { Expr } from '../formula';
import type { Relation } from '../relation';
import { defineRule } from '../rule';

/**
 * Revenue stated for a number of users must equal users × ARPU, from the ARPU the plan states
 * before it in the same section (`Assuming $10/month ARPU`) or at its top. Only blocks about one
 * number of users (`2,500 users:`) are read, never a block about one user or about options.
 */
export default defineRule({
  meta: {
    id: 'revenue',
    description: 'Revenue stated for a number of users must equal users × ARPU, or users × conversion × price, from the stated assumptions.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    // Each assumption gives revenue per user: an ARPU, or a conversion times a price.
    type Stated = { line: number; perUser: (users: Claim) => Expr; name: string };
    const arpus: Stated[] = [];
    const where = (line: number): string => (line < 0 ? 'in the frontmatter' : `stated on line ${line + 1}`);
    const arpu = (claim: Claim, line: number): Stated => ({ line, perUser: (u) => ({ op: 'mul', factors: [{ op: 'claim', claim: u }, { op: 'claim', claim }] }), name: `the ARPU ${where(line)}` });
    const conv = (conversion: Claim, price: Claim, line: number): Stated => ({
      line,
      perUser: (u) => ({ op: 'mul', factors: [{ op: 'claim', claim: u }, { op: 'claim', claim: conversion, per: 100 }, { op: 'claim', claim: price }] }),
      name: `the conversion and price ${where(line)}`,
    });
    // The frontmatter's assumptions hold from the start, below any stated in the text.
    if (ctx.assumptions.conversion && ctx.assumptions.price) arpus.push(conv(ctx.assumptions.conversion, ctx.assumptions.price, -1));
    if (ctx.assumptions.arpu) arpus.push(arpu(ctx.assumptions.arpu, -1));
    const stated = [...arpuAssumptions(model).map((a) => arpu(a.claim, a.line)), ...conversionAssumptions(model).map((a) => conv(a.conversion, a.price, a.line))];
    arpus.push(...stated.sort((x, y) => x.line - y.line));
    if (arpus.length === 0) return out;
    for (const block of model.blocks) {
      if (block.kind === 'table') continue;
      const e = ctx.econ(block);
      if (!e.users || !e.revenue || e.perUser) continue;
      const r = e.revenue;
      if (r.q.high !== undefined || r.unit.per === 'year' || r.unit.per === 'day' || r.unit.per === 'week') continue;
      // The ARPU in force: stated before the block, in its section or above every heading.
      const inForce = arpus.filter((a) => a.line < 0 || (a.line < block.start && (model.sectionAt[a.line] === block.section || model.sectionAt[a.line]!.line === undefined || isAncestor(model.sectionAt[a.line]!, block.section))));
      const a = inForce[inForce.length - 1];
      if (!a) continue;
      out.push({
        rule: 'revenue',
        target: r,
        label: 'Revenue',
        readings: [{ expr: a.perUser(e.users), name: `read as ${model.text.slice(e.users.q.span.start, e.users.q.span.end)} × ${a.name}` }],
        fixable: true,
        fixVerb: 'Set revenue to',
      });
    }
    return out;
  },
});

function isAncestor(a: { index: number }, s: { parent?: { index: number; parent?: unknown } }): boolean {
  for (let p = s.parent as { index: number; parent?: unknown } | undefined; p; p = p.parent as typeof p) if (p.index === a.index) return true;
  return false;
}
