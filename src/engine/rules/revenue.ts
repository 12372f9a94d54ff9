import { arpuAssumptions, conversionAssumptions } from '../economics';
import type { Block, Claim, PlanModel } from '../model';
import { evaluate, type Expr } from '../formula';
import { agrees, type Relation } from '../relation';
import { defineRule, type RuleContext } from '../rule';

/**
 * Revenue stated for a number of users must equal users × ARPU, from the ARPU the plan states
 * before it in the same section (`Assuming $10/month ARPU`) or at its top. Only blocks about one
 * number of users (`2,500 users:`) are read, never a block about one user or about options.
 * A sentence or list item naming a number of customers and an MRR or ARR (`1,200 customers →
 * $432K ARR`) is read too, against an ARPU on the same line, or against the one ARPU the plan
 * states when another such line agrees with it.
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
    out.push(...recurringFor(model, ctx));
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

/** Words after an amount that make it recurring revenue, and its period. */
const RECURRING_AFTER = /^\s*(?:\*\*|__)?\s*(?:(arr|annual recurring revenue|annual revenue|annual run[- ]rate|run[- ]rate|per year|a year|\/year)|(mrr|monthly recurring revenue|monthly revenue|per month|a month|\/month))\b/i;
/** Words after (or before) an amount that make it an ARPU. */
const ARPU_AFTER = /^\s*(?:\*\*|__)?\s*(?:arpu|arpc|arpa|average revenue per (?:user|customer|account)|per (?:paying )?(?:user|customer|account|subscriber))\b/i;
const ARPU_BEFORE = /\b(?:arpu|arpc|arpa)\s*(?:of|:|=|is)?\s*(?:\*\*|__)?\s*[~≈]?\s*$/i;
const CUSTOMER_NOUNS = new Set(['user', 'customer', 'subscriber', 'account', 'member', 'seat']);
const ARPU_LABEL = /\b(?:arpu|arpc|arpa|average revenue per (?:user|customer|account))\b/i;

const plain = (c: Claim): boolean => !c.q.blank && c.q.high === undefined && !c.q.open && !c.q.bound && !c.q.ordinal;

/** The monthly ARPU the plan states, when every statement of it gives one value. */
function planArpu(model: PlanModel): Claim | undefined {
  const found: Claim[] = arpuAssumptions(model).map((a) => a.claim);
  for (const row of model.rows) {
    if (row.program || row.cells || !row.label || !ARPU_LABEL.test(row.label)) continue;
    const money = row.values.filter((c) => c.unit.dim === 'money');
    const last = money[money.length - 1];
    // `Weighted ARPC = ($39 × 0.55) + … = $77.50/month`: the result; `Annual ARPC` is not monthly.
    if (last && plain(last) && last.unit.per === 'month' && !/\b(?:annual|yearly|year)\b/i.test(row.label)) found.push(last);
  }
  const monthly = found.filter((c) => plain(c) && (c.unit.per === 'month' || c.unit.per === undefined) && c.unit.dim === 'money');
  if (monthly.length === 0 || monthly.some((c) => c.q.low !== monthly[0]!.q.low || c.unit.currency !== monthly[0]!.unit.currency)) return undefined;
  return monthly[0];
}

/**
 * `10,000 customers; at $77.50/month ARPC that is $9.3M ARR`, `Conservative: 210 customers →
 * $195.3K ARR`: customers × ARPU (× 12 for a year). Each list item is read alone, a paragraph
 * as a whole.
 */
function recurringFor(model: PlanModel, ctx: RuleContext): Relation[] {
  const out: Relation[] = [];
  let docArpu: Claim | null | undefined = null;
  const pending: { rel: Relation; holds: boolean }[] = [];
  const units: Claim[][] = [];
  const unitsOf = (b: Block): void => {
    if (b.kind === 'table' || b.kind === 'code') return;
    if (b.kind === 'text') units.push(b.rows.flatMap((r) => r.claims));
    else for (const r of b.rows) units.push(r.claims);
  };
  for (const b of model.blocks) unitsOf(b);
  const text = model.text;
  for (const claims of units) {
    const counts = claims.filter((c) => c.unit.dim === 'count' && c.unit.noun !== undefined && CUSTOMER_NOUNS.has(c.unit.noun));
    const money = claims.filter((c) => c.unit.dim === 'money');
    if (counts.length !== 1 || money.length === 0 || money.length > 2) continue;
    const n = counts[0]!;
    if (!plain(n) || n.q.approx || n.q.low <= 0) continue;
    // New, added or lost customers are not the customers the revenue is for.
    const lead = text.slice(Math.max(0, n.q.span.start - 16), n.q.span.start);
    if (/(?:\b(?:new|additional|added|extra|more|churned|lost|net)\s*|\+\s*)$/i.test(lead) || /^\s*(?:new|additional|added|churned|lost)\b/i.test(text.slice(n.q.span.end, n.q.span.end + 12)) || /^[+]|\b(?:new|additional|added|extra|churned|lost)\b/i.test(text.slice(n.q.span.start, n.q.span.end))) continue;
    // Users may include those who do not pay: only paying customers take the plan's ARPU.
    const paying = n.unit.noun !== 'user' || /\b(?:paying|paid)\s*$/i.test(lead);
    let target: Claim | undefined;
    let yearly = false;
    let arpu: Claim | undefined;
    let other = false;
    for (const m of money) {
      const after = text.slice(m.q.span.end, m.q.span.end + 40);
      const before = text.slice(Math.max(0, m.q.span.start - 12), m.q.span.start);
      const rec = RECURRING_AFTER.exec(after);
      if (ARPU_AFTER.test(after) || ARPU_BEFORE.test(before)) {
        if (arpu) other = true;
        arpu = m;
      } else if (rec && (rec[1] || rec[2])) {
        if (target) other = true;
        target = m;
        yearly = rec[1] !== undefined || m.unit.per === 'year';
        if (rec[2] && m.unit.per === 'year') other = true;
      } else other = true;
    }
    if (other || !target || !plain(target) || target.unit.perEntity || target.q.span.start < n.q.span.start) continue;
    if (arpu && (!plain(arpu) || (arpu.unit.per && arpu.unit.per !== 'month') || arpu.unit.currency !== target.unit.currency)) continue;
    const own = arpu !== undefined;
    if (!arpu && !paying) continue;
    if (!arpu) {
      if (docArpu === null) docArpu = planArpu(model);
      arpu = docArpu;
    }
    if (!arpu || arpu.unit.currency !== target.unit.currency) continue;
    const product: Expr = { op: 'mul', factors: [{ op: 'claim', claim: n }, { op: 'claim', claim: arpu }] };
    const expr: Expr = yearly ? { op: 'scale', a: product, factor: 12, why: '12' } : product;
    const rel: Relation = {
      rule: 'revenue',
      target,
      label: yearly ? 'ARR' : 'MRR',
      readings: [{ expr, name: `read as ${text.slice(n.q.span.start, n.q.span.end)} × the ARPU ${own ? 'beside it' : `stated on line ${arpu.line + 1}`}${yearly ? ' × 12 months' : ''}` }],
      fixable: true,
      fixVerb: 'Set revenue to',
    };
    const v = evaluate(expr, { end: 'low', alt: false });
    // A figure written in whole millions (`$93M`) cannot hold 9.3M faithfully: no fix then.
    rel.fixable = v !== undefined && Math.abs(v.v - Math.round(v.v / target.q.precision) * target.q.precision) <= 0.005 * Math.abs(v.v);
    if (own) out.push(rel);
    else pending.push({ rel, holds: v !== undefined && agrees(target, 'low', v, target.q.low, ctx.options, false) });
  }
  // Against the plan's ARPU, a line is read only where another line agrees with that ARPU.
  for (const p of pending) if (pending.some((o) => o !== p && o.holds)) out.push(p.rel);
  return out;
}
