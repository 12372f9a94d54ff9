import { evaluate, type Expr } from '../formula';
import { usersInTitle } from '../economics';
import type { Block, Claim, PlanModel, Row, Section } from '../model';
import { agrees, type Relation } from '../relation';
import { roleOf } from '../roles';
import { defineRule, type RuleContext } from '../rule';
import { normalizeLabel, WordList, wordsOf } from '../vocabulary';

/**
 * Figures built from per-unit figures the plan states:
 *
 * - a card processor's fee written with its rate (`Card fees: ~$0.90/user (2.9% + $0.30 per
 *   transaction)`) equals rate × the one price the section states, plus the fixed part;
 * - a processor's fee for a month (`Card fees: $40-160/month`) beside a count of paying users
 *   and a revenue equals revenue × rate + users × the fixed part, the rate being the one the
 *   plan states (`2.9% + $0.30 per transaction`);
 * - a usage cost (`4 exports + 1 import per user` then `Cost: $12/month`) equals users × the
 *   sum of each count × its unit price stated above, when a sibling scenario of the same shape
 *   agrees with that reading;
 * - a profit for a number of customers equals customers × the per-customer net the plan
 *   states − a fixed cost the plan states, the model being pinned by at least three rows of a
 *   table that follow it;
 * - the revenue, costs and margin of a scenario that lists its customers by tier (`300 Team
 *   users`) equal Σ customers × the tier's price (and cost) from a table of tiers, when the
 *   scenario's stated profit bears that reading out.
 */
export default defineRule({
  meta: {
    id: 'unit-economics',
    description: 'A fee, usage cost or profit built from per-unit figures must equal those figures applied to the plan’s price, users and fixed costs.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    return [...feesWithRate(model), ...feeTables(model, ctx), ...feesOfBlock(model), ...usageCosts(model, ctx), ...profitModels(model, ctx), ...customerMixes(model, ctx)];
  },
});

const claimE = (c: Claim, per?: number): Expr => (per === undefined ? { op: 'claim', claim: c } : { op: 'claim', claim: c, per });

const single = (c: Claim | undefined): c is Claim => c !== undefined && !c.q.blank && c.q.high === undefined && !c.q.open && !c.q.bound && !c.q.ordinal;

/** Card and payment processors, and what a fee line calls itself. */
const PROCESSOR = /\b(?:stripe|paypal|braintree|paddle|adyen|square|razorpay|mollie|lemon ?squeezy|(?:payment|card|credit card|transaction|merchant)s? (?:process\w*|fees?|charges?)|processing fees?|zahlungsgebühr\w*|transaktionsgebühr\w*|frais (?:de paiement|bancaires|stripe)|comisi[oó]n(?:es)? de pago|taxas? de pagamento|commissioni di pagamento)\b/i;

/** A fee formula `2.9% + $0.30`: a percentage, a plus, an amount of the same line. */
interface Rate {
  pct: Claim;
  fixed: Claim;
}

function rateIn(row: Row, text: string): Rate | undefined {
  const cs = row.claims;
  for (let i = 0; i + 1 < cs.length; i++) {
    const p = cs[i]!;
    const f = cs[i + 1]!;
    if (p.unit.dim !== 'percent' || f.unit.dim !== 'money' || !single(p) || !single(f)) continue;
    if (!/^\s*\+\s*$/.test(text.slice(p.q.span.end, f.q.span.start))) continue;
    if (p.q.low <= 0 || p.q.low >= 20 || f.q.low < 0 || f.q.low >= 5) continue;
    if (f.unit.perEntity && f.unit.perEntity !== 'transaction') continue;
    return { pct: p, fixed: f };
  }
  return undefined;
}

/** Words a heading that states a price names: a user, plan, tier or subscription. */
const PRICED = new WordList(['user', 'users', 'plan', 'tier', 'subscription', 'subscriber', 'customer', 'member', 'seat', 'license', 'licence', 'price', 'pricing', 'premium', 'pro', 'basic', 'starter', 'business', 'team', 'usuario', 'plano', 'assinatura', 'abonnement', 'abo', 'tarif', 'nutzer', 'utilisateur', 'piano', 'abbonamento', 'utente']);

/**
 * The price of the section a row is in: the one amount of the nearest heading that states
 * amounts, when that heading names a plan, tier or user and the amount is a monthly price.
 */
function sectionPrice(model: PlanModel, line: number): Claim | undefined {
  for (let s: Section | undefined = model.sectionAt[line]; s && s.line !== undefined; s = s.parent) {
    const heading = model.rowAt[s.line];
    if (!heading) continue;
    const money = heading.claims.filter((c) => c.unit.dim === 'money');
    if (money.length === 0) continue;
    if (money.length !== 1 || heading.claims.length !== 1) return undefined;
    const p = money[0]!;
    if (!single(p) || p.q.approx || p.q.low <= 0) return undefined;
    if (p.unit.per !== 'month' || (p.unit.perEntity && !['user', 'seat', 'customer', 'member', 'subscriber', 'account'].includes(p.unit.perEntity))) return undefined;
    const words = normalizeLabel(s.title.replace(/\([^)]*\)/g, ' '));
    const role = roleOf(words);
    if (role === 'cost' || role === 'revenue' || role === 'profit' || role === 'loss' || role === 'margin' || role === 'take') return undefined;
    if (!PRICED.findIn(words, wordsOf(words))) return undefined;
    return p;
  }
  return undefined;
}

const FEE_ENTITIES = new Set(['user', 'customer', 'subscriber', 'subscription', 'seat', 'member', 'account', 'transaction', 'payment', 'order']);

/** The one fee rate the plan states (every rate it writes is the same), if any. */
function planRate(model: PlanModel): Rate | undefined {
  let first: Rate | undefined;
  for (const row of model.rows) {
    if (row.program) continue;
    const r = rateIn(row, model.text);
    if (!r) continue;
    if (!first) first = r;
    else if (r.pct.q.low !== first.pct.q.low || r.fixed.q.low !== first.fixed.q.low || r.fixed.unit.currency !== first.fixed.unit.currency) return undefined;
  }
  return first;
}

/** Labels of a price: `Price`, `Plan price`, `Average subscription`, `ARPU`. */
const PRICE_LABEL = /\b(?:(?:average|avg\.?|typical|mean)\s+(?:subscription|plan|order|ticket|basket|sale)(?:\s+(?:price|value))?|subscription price|arpu)\b/i;

/** The one price a block states (`- Price: $19/month`, `| Plan Price | $14.99 |`). */
function blockPrice(block: Block): Claim | undefined {
  const found: Claim[] = [];
  for (const row of block.rows) {
    if (!row.label || (roleOf(row.label) !== 'price' && !PRICE_LABEL.test(row.label))) continue;
    const money = row.values.filter((c) => c.unit.dim === 'money');
    if (money.length !== 1) return undefined;
    const p = money[0]!;
    if (!single(p) || p.q.approx || p.q.low <= 0) return undefined;
    found.push(p);
  }
  return found.length === 1 ? found[0] : undefined;
}

/** `~$0.59 per subscription`: words after a fee that make it a fee for one payment. */
const PER_PAYMENT = /^\s*(?:per|each|a|\/)\s*(?:paying\s+)?(?:user|customer|subscriber|subscription|transaction|payment|order|sale|seat|member|charge)s?\b/i;

const PER_UNIT_TITLE = /\bper (?:user|customer|seat|member|subscriber|subscription|transaction|order|sale|unit)\b|\bunit economics\b|\bpor (?:usuario|cliente)\b|\bpro (?:nutzer|kunde)\b|\bpar (?:utilisateur|client)\b/i;

/**
 * A fee for one payment: `Card fees: ~$0.90/user (2.9% + $0.30 per transaction)` under
 * `Team plan ($29/month)`, `Stripe fees: 2.9% + $0.30 = ~$0.59 per subscription` beside
 * `Average subscription: $9.99/month`, `| Stripe fee (2.9% + $0.30) | -$0.73 |` in a table per
 * customer with a `Plan price` row. The rate is the line's own, or the one the plan states.
 */
function feesWithRate(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  let docRate: Rate | null | undefined = null;
  for (const row of model.rows) {
    if (row.program || !row.label || !PROCESSOR.test(row.label) || !row.block) continue;
    const own = rateIn(row, model.text);
    if (!own && docRate === null) docRate = planRate(model);
    const rate = own ?? docRate ?? undefined;
    if (!rate) continue;
    const table = row.block.kind === 'table';
    const money = row.claims.filter((c) => c.unit.dim === 'money' && c !== rate.fixed);
    let fee: Claim | undefined;
    if (table) {
      // The amount of the row: its one figure outside the cell that writes the rate.
      fee = money.length === 1 && own && money[0]!.column !== own.pct.column ? money[0] : money.length === 1 && !own ? money[0] : undefined;
    } else if (own) {
      const before = row.values[0];
      const after = row.claims[row.claims.indexOf(own.fixed) + 1];
      if (before && before !== own.pct && before.q.span.start < own.pct.q.span.start) fee = before;
      // `2.9% + $0.30 = ~$0.59 per subscription`: the result after the rate.
      else if (after && /^\s*=\s*[~≈]?\s*$/.test(model.text.slice(own.fixed.q.span.end, after.q.span.start))) fee = after;
    } else if (row.values.length === 1) {
      fee = row.values[0];
    }
    if (!single(fee) || fee.unit.dim !== 'money' || (own && money.length > 2)) continue;
    // A fee for one payment: per user, per subscription or per transaction (or in a table or
    // list about one customer), monthly or unstated.
    const perUnit =
      (fee.unit.perEntity !== undefined && FEE_ENTITIES.has(fee.unit.perEntity)) ||
      (!fee.unit.perEntity && (PER_PAYMENT.test(model.text.slice(fee.q.span.end, fee.q.span.end + 40)) || row.block.titles.slice(0, 1).some((t) => PER_UNIT_TITLE.test(t))));
    if (!perUnit || (fee.unit.per && fee.unit.per !== 'month')) continue;
    const inBlock = blockPrice(row.block);
    const inHeading = sectionPrice(model, row.line);
    if (inBlock && inHeading && inBlock.q.low !== inHeading.q.low) continue;
    const price = inBlock ?? inHeading;
    if (!price || price.unit.currency !== fee.unit.currency || rate.fixed.unit.currency !== fee.unit.currency) continue;
    // A price for a year (or another period) is not what one monthly payment is charged on.
    if (price.unit.per ? price.unit.per !== 'month' : fee.unit.per !== undefined && price !== inHeading) continue;
    const charged: Expr = { op: 'add', terms: [{ op: 'mul', factors: [claimE(price), claimE(rate.pct, 100)] }, claimE(rate.fixed)] };
    const where = own ? 'the rate on the line' : `the rate of line ${rate.pct.line + 1}`;
    out.push({
      rule: 'unit-economics',
      target: fee,
      label: row.label.replace(/[*_`]/g, '').replace(/\s*\([^)]*\)\s*$/, '').trim(),
      readings: [{ expr: fee.q.low < 0 ? { op: 'neg', a: charged } : charged, name: `read as ${where} applied to the price of line ${price.line + 1}` }],
      // A fee is part of subtotals written from it: changing it alone would not mend them.
      fixable: false,
    });
  }
  return out;
}

const FEE_HEADER = /\bfees?\b|\bcharges?\b|\bcommission\b|\bgebühr(?:en)?\b|\bfrais\b|\btaxas?\b|\bcomisi[oó]n\b/i;
const AMOUNT_HEADER = /\b(?:amount|price|payment|charge|cart(?: total)?|order(?: value)?|ticket|transaction|subscription|plan|sale|betrag|preis|montant|prix|precio|importe|valor|preço)\b/i;

/**
 * A table of fees by amount (`| Payment | Stripe fee | Net |`): each fee = amount × rate + the
 * fixed part, the rate written in the cell (`$1.03 (2.9% + $0.30)`) or the one the plan states.
 * A row is reported only where two other rows agree.
 */
function feeTables(model: PlanModel, ctx: RuleContext): Relation[] {
  const out: Relation[] = [];
  let docRate: Rate | null | undefined = null;
  for (const block of model.blocks) {
    if (block.kind !== 'table' || !block.columns || block.rows.length < 3) continue;
    const feeCols = block.columns.filter((c) => FEE_HEADER.test(c.header) && !/%|percent|effective|net\b/i.test(c.header));
    if (feeCols.length !== 1) continue;
    const feeCol = feeCols[0]!.index;
    const amountCols = block.columns.filter((c) => c.index !== feeCol && AMOUNT_HEADER.test(c.header) && !FEE_HEADER.test(c.header) && !/\b(?:net|receive|keep|after|payout|%)/i.test(c.header));
    if (amountCols.length !== 1) continue;
    const amountCol = amountCols[0]!.index;
    const cands: { rel: Relation; holds: boolean }[] = [];
    for (const row of block.rows) {
      const amount = cellFigure(row, amountCol);
      const cell = row.cells?.[feeCol];
      if (!amount || amount.unit.dim !== 'money' || amount.q.low <= 0 || !cell || cell.claims.length === 0) continue;
      const fee = cell.claims[0]!;
      if (!single(fee) || fee.unit.dim !== 'money' || fee.unit.currency !== amount.unit.currency) continue;
      let rate: Rate | undefined;
      const [p, f] = [cell.claims[1], cell.claims[2]];
      if (p && f && cell.claims.length === 3 && p.unit.dim === 'percent' && f.unit.dim === 'money' && single(p) && single(f) && /^\s*\+\s*$/.test(model.text.slice(p.q.span.end, f.q.span.start))) rate = { pct: p, fixed: f };
      else if (cell.claims.length === 1) {
        if (docRate === null) docRate = planRate(model);
        rate = docRate;
      }
      if (!rate || rate.fixed.unit.currency !== fee.unit.currency) continue;
      const charged: Expr = { op: 'add', terms: [{ op: 'mul', factors: [claimE(amount), claimE(rate.pct, 100)] }, claimE(rate.fixed)] };
      const expr: Expr = fee.q.low < 0 ? { op: 'neg', a: charged } : charged;
      const v = evaluate(expr, { end: 'low', alt: false });
      const holds = v !== undefined && agrees(fee, 'low', v, fee.q.low, ctx.options, false);
      const where = rate.pct.line === row.line ? 'the rate in the cell' : `the rate of line ${rate.pct.line + 1}`;
      cands.push({ rel: { rule: 'unit-economics', target: fee, label: block.columns[feeCol]!.header.replace(/[*_`]/g, '').trim() || 'Fee', readings: [{ expr, name: `read as ${where} applied to the amount of the row, as the other rows are` }], fixable: false }, holds });
    }
    if (cands.filter((c) => c.holds).length < 2) continue;
    for (const c of cands) if (c.holds || cands.filter((o) => o !== c && o.holds).length >= 2) out.push(c.rel);
  }
  return out;
}

const PAID_USERS = /\b(?:paid|paying|subscribers?|customers?|abonnenten|zahlende|payants|pagantes|clientes)\b/i;
const USER_NOUNS = new Set(['user', 'customer', 'subscriber', 'member', 'account', 'seat']);

/**
 * `Card fees: $40-160/month` in a block that states a count of paying users and a revenue:
 * revenue × rate + users × the fixed part, with the one rate the plan states.
 */
function feesOfBlock(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  const r0 = planRate(model);
  if (!r0) return out;
  for (const block of model.blocks) {
    if (block.kind === 'table' || block.kind === 'code') continue;
    const fees = block.rows.filter((r) => r.label && PROCESSOR.test(r.label) && !rateIn(r, model.text));
    if (fees.length !== 1) continue;
    const feeRow = fees[0]!;
    const money = feeRow.values.filter((c) => c.unit.dim === 'money');
    if (money.length !== 1 || feeRow.values.length !== 1) continue;
    const fee = money[0]!;
    if (fee.q.blank || fee.q.open || fee.q.bound || fee.unit.perEntity || (fee.unit.per && fee.unit.per !== 'month') || fee.unit.currency !== r0.fixed.unit.currency) continue;
    const users = paidUsers(block);
    const revenue = blockRevenue(block, fee);
    if (!users || !revenue) continue;
    // A range of fees goes with ranges of users and revenue, end to end.
    const ranged = (c: Claim): boolean => c.q.high !== undefined;
    if (ranged(fee) !== ranged(users) || ranged(fee) !== ranged(revenue)) continue;
    out.push({
      rule: 'unit-economics',
      target: fee,
      label: feeRow.label.replace(/[*_`]/g, '').trim(),
      readings: [{ expr: { op: 'add', terms: [{ op: 'mul', factors: [claimE(revenue), claimE(r0.pct, 100)] }, { op: 'mul', factors: [claimE(users), claimE(r0.fixed)] }] }, name: `read as revenue × the rate of line ${r0.pct.line + 1}, plus its fixed part per paying user` }],
      fixable: false,
    });
  }
  return out;
}

/** The one count of paying users a block states (`200-800 paying customers`). */
function paidUsers(block: Block): Claim | undefined {
  const found: Claim[] = [];
  for (const row of block.rows) {
    for (const c of row.claims) {
      if (c.unit.dim !== 'count' || !c.unit.noun || !USER_NOUNS.has(c.unit.noun) || c.q.blank || c.q.open || c.q.bound || c.q.approx) continue;
      if (!PAID_USERS.test(row.content)) continue;
      found.push(c);
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/** The one revenue of a block, for the fee's period. */
function blockRevenue(block: Block, fee: Claim): Claim | undefined {
  const found: Claim[] = [];
  for (const row of block.rows) {
    if (!row.label || roleOf(row.label) !== 'revenue') continue;
    const money = row.values.filter((c) => c.unit.dim === 'money');
    if (money.length !== 1 || row.values.length !== 1) return undefined;
    const r = money[0]!;
    if (r.q.blank || r.q.open || r.q.bound || r.q.approx || r.unit.perEntity || r.unit.currency !== fee.unit.currency) return undefined;
    if ((r.unit.per ?? 'month') !== (fee.unit.per ?? 'month')) return undefined;
    found.push(r);
  }
  return found.length === 1 ? found[0] : undefined;
}

/** `4 exports + 1 import per user`: counts of named actions per user. */
interface Mix {
  row: Row;
  parts: { count: Claim; noun: string }[];
}

const PER_USER_TAIL = /^\s*(?:per|each|a|\/)\s*(?:active\s+|paying\s+)?(?:user|customer|member|seat|subscriber|account)s?\b/i;

function mixIn(row: Row, text: string): Mix | undefined {
  const cs = row.claims;
  if (cs.length < 2 || row.values.length !== cs.length) return undefined;
  const parts: Mix['parts'] = [];
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if ((c.unit.dim !== 'number' && c.unit.dim !== 'count') || !single(c) || c.q.approx || c.q.low < 0) return undefined;
    const end = i + 1 < cs.length ? cs[i + 1]!.q.span.start : row.contentStart + row.content.length;
    const after = text.slice(c.q.span.end, end);
    const m = /^\s+((?!(?:per|each)\b)[\p{L}][\p{L}'-]*(?:\s(?!(?:per|each|a)\b)[\p{L}][\p{L}'-]*)?)\s*/u.exec(after);
    if (!m) return undefined;
    const rest = after.slice(m[0].length);
    if (i + 1 < cs.length) {
      if (!/^\+\s*$/.test(rest)) return undefined;
    } else if (!PER_USER_TAIL.test(rest)) {
      return undefined;
    }
    const noun = singular(m[1]!.toLowerCase());
    parts.push({ count: c, noun });
  }
  if (new Set(parts.map((p) => p.noun)).size !== parts.length) return undefined;
  return { row, parts };
}

function singular(w: string): string {
  return w
    .split(/\s+/)
    .map((x, i, all) => (i === all.length - 1 ? x.replace(/ies$/, 'y').replace(/(?:ches|shes|sses|xes)$/, (s) => s.slice(0, -2)).replace(/([^s])s$/, '$1') : x))
    .join(' ');
}

/**
 * The unit price of each action: a labelled line above with one amount and no period. Read
 * once, top down: `upTo(line)` gives the prices stated before a line (calls in line order).
 */
function unitPrices(model: PlanModel): { upTo(line: number): Map<string, Claim | null> } {
  const prices = new Map<string, Claim | null>();
  let k = 0;
  return {
    upTo(line: number) {
      for (; k < model.rows.length && model.rows[k]!.line < line; k++) {
        const row = model.rows[k]!;
        if (row.program || !row.label || row.cells) continue;
        const money = row.values.filter((c) => c.unit.dim === 'money');
        if (money.length !== 1) continue;
        const p = money[0]!;
        if (!single(p) || p.q.approx || p.unit.per || p.q.low <= 0) continue;
        const key = singular(normalizeLabel(row.label));
        const had = prices.get(key);
        if (had === undefined) prices.set(key, p);
        else if (had !== null && had.q.low !== p.q.low) prices.set(key, null);
      }
      return prices;
    },
  };
}

/** The number of users the nearest heading above names. */
function usersAbove(model: PlanModel, block: Block): Claim | undefined {
  for (let s: Section | undefined = model.sectionAt[block.start]; s; s = s.parent) {
    if (s.line === undefined) continue;
    const heading = model.rowAt[s.line];
    const u = usersInTitle(heading);
    if (u) return u;
    if (heading && heading.claims.some((c) => c.unit.dim === 'count')) return undefined;
  }
  return undefined;
}

/**
 * Usage scenarios: `N a + M b per user` then `Cost: $X/month`. The cost is users × Σ count ×
 * unit price; reported only where another scenario of the same section agrees with it.
 */
function usageCosts(model: PlanModel, ctx: RuleContext): Relation[] {
  type Cand = { rel: Relation; section: Section; key: string; holds: boolean };
  const cands: Cand[] = [];
  const stated = unitPrices(model);
  for (const block of model.blocks) {
    if (block.kind === 'table') continue;
    for (let i = 0; i + 1 < block.rows.length; i++) {
      const mix = mixIn(block.rows[i]!, model.text);
      if (!mix) continue;
      const costRow = block.rows[i + 1]!;
      if (!costRow.label || roleOf(costRow.label) !== 'cost') continue;
      const cost = costRow.values[0];
      if (!single(cost) || cost.unit.dim !== 'money' || costRow.values.length !== 1 || (cost.unit.per && cost.unit.per !== 'month')) continue;
      const prices = stated.upTo(mix.row.line);
      const terms: Expr[] = [];
      for (const part of mix.parts) {
        const p = prices.get(part.noun);
        if (!p || p.unit.currency !== cost.unit.currency) break;
        terms.push({ op: 'mul', factors: [claimE(part.count), claimE(p)] });
      }
      if (terms.length !== mix.parts.length) continue;
      let expr: Expr = { op: 'add', terms };
      let name = 'read as the counts per user × their unit prices';
      if (cost.unit.perEntity !== 'user') {
        if (cost.unit.perEntity) continue;
        const users = usersAbove(model, block);
        if (!users) continue;
        expr = { op: 'mul', factors: [claimE(users), expr] };
        name = `read as ${model.text.slice(users.q.span.start, users.q.span.end)} × the counts per user × their unit prices`;
      }
      const rel: Relation = { rule: 'unit-economics', target: cost, label: costRow.label.replace(/[*_`]/g, '').trim(), readings: [{ expr, name }], fixable: true };
      const v = evaluate(expr, { end: 'low', alt: false });
      const holds = v !== undefined && agrees(cost, 'low', v, cost.q.low, ctx.options, false);
      cands.push({ rel, section: block.section, key: mix.parts.map((p) => p.noun).join('+') + '|' + name, holds });
    }
  }
  // A reading that no sibling scenario bears out is not certain enough to report.
  const near = (a: Section, b: Section): boolean => a === b || (a.parent !== undefined && a.parent === b.parent);
  return cands.filter((c) => cands.some((o) => o !== c && o.holds && near(o.section, c.section) && o.key === c.key)).map((c) => c.rel);
}

const COUNT_HEADER = /\b(?:customers?|users?|subscribers?|clients?|members?|seats?|accounts?|clientes?|usuari[oa]s?|usuários?|utilisateurs?|nutzer|kunden|utenti|abonnenten)\b/i;
const NET_WORDS = /\b(?:net|profit|contribution|margin|netto|neto|lucro|bénéfice|gewinn|utile)\b/i;

/** The figure of a table cell, when it holds exactly one plain one. */
function cellFigure(row: Row, col: number): Claim | undefined {
  const cell = row.cells?.[col];
  if (!cell || cell.claims.length !== 1) return undefined;
  const c = cell.claims[0]!;
  return single(c) && !c.q.approx ? c : undefined;
}

interface ProfitTable {
  block: Block;
  count: number;
  profit: number;
}

/** Tables with a column of customers and a column of (monthly) profit. */
function profitTables(model: PlanModel): ProfitTable[] {
  const out: ProfitTable[] = [];
  for (const block of model.blocks) {
    if (block.kind !== 'table' || !block.columns) continue;
    const counts = block.columns.filter((c) => COUNT_HEADER.test(c.header) && !/[$€£¥₹%]/.test(c.header) && roleOf(c.header) !== 'revenue' && roleOf(c.header) !== 'cost');
    const profits = block.columns.filter((c) => roleOf(c.header) === 'profit' && c.period !== 'year' && c.period !== 'day' && c.period !== 'week' && c.period !== 'quarter' && !COUNT_HEADER.test(c.header));
    if (counts.length !== 1 || profits.length !== 1) continue;
    out.push({ block, count: counts[0]!.index, profit: profits[0]!.index });
  }
  return out;
}

/**
 * Profit for a number of customers: customers × the net per customer the plan states − a
 * fixed cost it states (a total). A model is read only where a table follows it in at least
 * three rows and breaks it in none; a row of another table is checked against the models only
 * when it is within a few percent of one of them (a row far from every model is about
 * something else). Break-even rows (a profit of 0) are a convention, never checked.
 */
function profitModels(model: PlanModel, ctx: RuleContext): Relation[] {
  const out: Relation[] = [];
  const tables = profitTables(model);
  if (tables.length < 2) return out;
  // The one net per customer the plan states.
  const nets: Claim[] = [];
  for (const row of model.rows) {
    if (!row.label || roleOf(row.label) !== 'per-user' || !NET_WORDS.test(row.label)) continue;
    for (const c of row.values) if (c.unit.dim === 'money' && single(c) && !c.q.approx && c.q.low > 0) nets.push(c);
  }
  if (nets.length === 0 || nets.some((n) => n.q.low !== nets[0]!.q.low || n.unit.currency !== nets[0]!.unit.currency)) return out;
  const net = nets[0]!;
  // Fixed costs: totals the plan states, one per value.
  const fixed = new Map<number, Claim>();
  for (const row of model.rows) {
    if (!row.label || !/\b(?:total|fixed|fijos?|fixos?|fixes|fixkosten|fissi)\b/i.test(row.label)) continue;
    for (const c of row.values) if (c.unit.dim === 'money' && single(c) && !c.q.approx && c.q.low > 0 && !c.unit.perEntity && c.unit.currency === net.unit.currency && !fixed.has(c.q.low)) fixed.set(c.q.low, c);
  }
  // A plan with this many totals is not a small unit-economics model: not read.
  if (fixed.size > 32) return out;
  const pairs = (t: ProfitTable): { row: Row; n: Claim; p: Claim }[] =>
    t.block.rows.flatMap((row) => {
      const n = cellFigure(row, t.count);
      const p = cellFigure(row, t.profit);
      if (!n || !p || (n.unit.dim !== 'count' && n.unit.dim !== 'number') || p.unit.dim !== 'money' || p.unit.currency !== net.unit.currency || p.q.low === 0 || n.q.low <= 0) return [];
      return [{ row, n, p }];
    });
  const exprOf = (n: Claim, f: Claim): Expr => ({ op: 'sub', a: { op: 'mul', factors: [claimE(n), claimE(net)] }, b: claimE(f) });
  const value = (e: Expr): number | undefined => evaluate(e, { end: 'low', alt: false })?.v;
  const holds = (p: Claim, e: Expr): boolean => {
    const v = evaluate(e, { end: 'low', alt: false });
    return v !== undefined && agrees(p, 'low', v, p.q.low, ctx.options, false);
  };
  // Models a table pins: every row follows it, at least three of them.
  const pinned: { fixed: Claim; table: ProfitTable }[] = [];
  for (const f of fixed.values()) {
    for (const t of tables) {
      const ps = pairs(t);
      if (ps.length >= 3 && ps.every(({ n, p }) => holds(p, exprOf(n, f)))) {
        pinned.push({ fixed: f, table: t });
        break;
      }
    }
  }
  if (pinned.length === 0) return out;
  for (const t of tables) {
    if (pinned.some((m) => m.table === t)) continue;
    for (const { n, p } of pairs(t)) {
      // The models this row is about: within 5% of the stated profit.
      const near = pinned.filter((m) => {
        const v = value(exprOf(n, m.fixed));
        return v !== undefined && v !== 0 && Math.abs(v - p.q.low) <= 0.05 * Math.abs(v);
      });
      if (near.length === 0) continue;
      out.push({
        rule: 'unit-economics',
        target: p,
        label: (t.block.columns![t.profit]!.header || 'Profit').replace(/[*_`]/g, '').trim(),
        readings: near.map((m) => ({ expr: exprOf(n, m.fixed), name: `read as customers × the net per customer of line ${net.line + 1} − the fixed costs of line ${m.fixed.line + 1}, as the table of line ${m.table.block.start + 1} does` })),
        fixable: near.length === 1,
      });
    }
  }
  return out;
}

/** A tier's price and cost per customer, from a table of tiers. */
interface Tier {
  price?: Claim;
  cost?: Claim;
}

const tierKey = (label: string): string => normalizeLabel(label).replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();

/** Tiers from tables with a row per tier and a price (or revenue) column and a cost column. */
function tiersOf(model: PlanModel): Map<string, Tier | null> {
  const tiers = new Map<string, Tier | null>();
  for (const block of model.blocks) {
    if (block.kind !== 'table' || !block.columns) continue;
    const priceCols = block.columns.filter((c) => c.index > 0 && (roleOf(c.header) === 'price' || roleOf(c.header) === 'revenue'));
    const costCols = block.columns.filter((c) => c.index > 0 && roleOf(c.header) === 'cost');
    if (priceCols.length !== 1 || costCols.length !== 1) continue;
    for (const row of block.rows) {
      const first = row.cells?.[0];
      if (!first || first.claims.length > 0 || !row.label) continue;
      const key = tierKey(row.label);
      const price = cellFigure(row, priceCols[0]!.index);
      const cost = cellFigure(row, costCols[0]!.index);
      if (!price || !cost || price.unit.dim !== 'money' || cost.unit.dim !== 'money' || price.unit.perEntity || cost.unit.perEntity) continue;
      if ((price.unit.per && price.unit.per !== 'month') || (cost.unit.per && cost.unit.per !== 'month') || price.unit.currency !== cost.unit.currency) continue;
      // A footnote marker beside a figure (`$990*`) says it is not what its column is.
      if (/\*\s*$/.test(row.cells![priceCols[0]!.index]!.text.replace(/\*\*/g, ''))) continue;
      const had = tiers.get(key);
      if (had === undefined) tiers.set(key, { price, cost });
      else if (had !== null && (had.price?.q.low !== price.q.low || had.cost?.q.low !== cost.q.low)) tiers.set(key, null);
    }
  }
  return tiers;
}

const TIER_COUNT = /^[~≈]?\s*\d[\d,.\s]*\s+(.+?)\s+(?:users?|customers?|subscribers?|accounts?|members?|seats?|usuarios|clientes|nutzer|kunden|utilisateurs|clients)$/i;

/**
 * A scenario that lists customers by tier (`- 300 Team users: …`), followed in its section by
 * its revenue, costs, profit and margin. Revenue = Σ customers × tier price, costs = Σ customers
 * × tier cost (× 12 for a year), margin = (revenue − costs) / revenue; bound only when the
 * scenario's stated profit equals revenue − costs read that way.
 */
function customerMixes(model: PlanModel, ctx: RuleContext): Relation[] {
  const out: Relation[] = [];
  let tiers: Map<string, Tier | null> | undefined;
  for (const block of model.blocks) {
    if (block.kind !== 'list') continue;
    const mix: { n: Claim; tier: Tier }[] = [];
    let unknown = false;
    for (const row of block.rows) {
      // `- 300 Team users: +$7,100/month profit`, or the count alone (`- 300 Team users`).
      const m = TIER_COUNT.exec(row.label || (row.values.length === 1 ? row.content.replace(/[*_`]/g, '').trim() : ''));
      if (!m) continue;
      const n = row.claims[0];
      // The count opens the line (`300 Team users: …`, `**300** Team users`).
      if (!single(n) || n.q.approx || n.q.span.start > row.contentStart + 4) {
        unknown = true;
        continue;
      }
      tiers ??= tiersOf(model);
      const tier = tiers.get(tierKey(m[1]!));
      if (!tier?.price || !tier.cost) unknown = true;
      else mix.push({ n, tier });
    }
    if (unknown || mix.length < 2) continue;
    const currency = mix[0]!.tier.price!.unit.currency;
    if (mix.some((x) => x.tier.price!.unit.currency !== currency)) continue;
    // The projection: the next list in the same section with a revenue, a cost and a profit.
    let next: Block | undefined;
    for (let k = block.id + 1; k < model.blocks.length && model.blocks[k]!.section === block.section; k++) {
      if (model.blocks[k]!.kind === 'list') {
        next = model.blocks[k];
        break;
      }
    }
    if (!next) continue;
    const figures = { revenue: [] as Claim[], cost: [] as Claim[], profit: [] as Claim[], margin: [] as Claim[] };
    for (const row of next.rows) {
      if (!row.label || row.values.length !== 1) continue;
      const role = roleOf(row.label);
      const c = row.values[0]!;
      if (!single(c)) continue;
      if (role === 'margin' && c.unit.dim === 'percent') figures.margin.push(c);
      else if (c.unit.dim === 'money' && !c.unit.perEntity && c.unit.currency === currency && (role === 'revenue' || role === 'cost' || role === 'profit')) figures[role].push(c);
    }
    if (figures.revenue.length !== 1 || figures.cost.length !== 1 || figures.profit.length !== 1 || figures.margin.length > 1) continue;
    const revenue = figures.revenue[0]!;
    const cost = figures.cost[0]!;
    const profit = figures.profit[0]!;
    const per = revenue.unit.per;
    if (per !== cost.unit.per || per !== profit.unit.per || (per !== 'month' && per !== 'year')) continue;
    const months = (e: Expr): Expr => (per === 'year' ? { op: 'scale', a: e, factor: 12, why: '12' } : e);
    // A free tier brings no revenue: it is left out of the sum (and kept in the costs).
    const paying = mix.filter((x) => x.tier.price!.q.low !== 0);
    if (paying.length === 0) continue;
    const R = months({ op: 'add', terms: paying.map((x) => ({ op: 'mul', factors: [claimE(x.n), claimE(x.tier.price!)] })) });
    const C = months({ op: 'add', terms: mix.map((x) => ({ op: 'mul', factors: [claimE(x.n), claimE(x.tier.cost!)] })) });
    const P: Expr = { op: 'sub', a: R, b: C };
    const v = evaluate(P, { end: 'low', alt: false });
    if (!v || !agrees(profit, 'low', v, profit.q.low, ctx.options, false)) continue;
    const why = 'read as the customers listed above × their tier’s';
    out.push({ rule: 'unit-economics', target: revenue, label: revenue.row.label.replace(/[*_`]/g, '').trim(), readings: [{ expr: R, name: `${why} price, as the stated profit is` }], fixable: true });
    out.push({ rule: 'unit-economics', target: cost, label: cost.row.label.replace(/[*_`]/g, '').trim(), readings: [{ expr: C, name: `${why} cost, as the stated profit is` }], fixable: true });
    const margin = figures.margin[0];
    if (margin) out.push({ rule: 'unit-economics', target: margin, label: margin.row.label.replace(/[*_`]/g, '').trim(), readings: [{ expr: { op: 'scale', a: { op: 'div', a: claimE(profit), b: R }, factor: 100, why: '100%' }, name: 'read as profit / revenue, the revenue from the customers listed above' }] });
  }
  return out;
}
