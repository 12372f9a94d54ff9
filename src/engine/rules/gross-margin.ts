import type { Expr } from '../formula';
import type { Block, Claim, PlanModel } from '../model';
import type { Reading, Relation } from '../relation';
import { roleOf } from '../roles';
import { writesArithmetic } from '../economics';
import { defineRule } from '../rule';

/**
 * A margin must match the figures beside it: in a table row, (price − cost) / price or profit
 * / revenue from the row's own columns; in a block, (revenue − a cost) / revenue, (revenue −
 * all costs) / revenue or profit / revenue. Gross margin may count only some costs, so any of
 * these readings agrees; a markup over cost is accepted too.
 */
export default defineRule({
  meta: {
    id: 'gross-margin',
    description: 'A margin must equal (revenue − cost) / revenue, or profit / revenue, from the figures stated beside it.',
    severity: 'error',
    fixable: false,
    category: 'arithmetic',
  },
  relations(model) {
    const out: Relation[] = [];
    for (const block of model.blocks) {
      if (block.kind === 'table') out.push(...inTable(block));
      else out.push(...inBlock(block, model));
    }
    return out;
  },
});

const claim = (c: Claim): Expr => ({ op: 'claim', claim: c });
const pct = (e: Expr): Expr => ({ op: 'scale', a: e, factor: 100, why: '100%' });

const SERVING = /\b(?:infrastructure|infra|hosting|servers?|cloud|cogs|cost of (?:goods|revenue|sales)|direct)\b/i;

/**
 * Readings of a margin, the preferred first (the one a message names and a blank margin is
 * filled with): a gross margin over the serving cost, then over each cost, then over all costs,
 * then profit / revenue; a net or profit margin over profit first. A markup over cost last.
 */
function margins(revenue: Claim[], costs: Claim[], profits: Claim[], label: string): Reading[] {
  const readings: Reading[] = [];
  const net = /\b(?:net|profit|operating|ebitda)\b/i.test(label);
  const ordered = [...costs.filter((c) => SERVING.test(c.row.label)), ...costs.filter((c) => !SERVING.test(c.row.label))];
  for (const r of revenue) {
    const overProfit = profits.map((p): Reading => ({ expr: pct({ op: 'div', a: claim(p), b: claim(r) }), name: 'read as profit / revenue' }));
    const overAll: Reading[] = costs.length >= 2 ? [{ expr: pct({ op: 'div', a: { op: 'sub', a: claim(r), b: { op: 'add', terms: costs.map(claim) } }, b: claim(r) }), name: 'read as (revenue − all costs) / revenue' }] : [];
    const overOne = ordered.map((c): Reading => ({ expr: pct({ op: 'div', a: { op: 'sub', a: claim(r), b: claim(c) }, b: claim(r) }), name: 'read as (revenue − cost) / revenue' }));
    if (net) readings.push(...overProfit, ...overAll, ...overOne);
    else readings.push(...overOne, ...overAll, ...overProfit);
    for (const c of costs) readings.push({ expr: pct({ op: 'div', a: { op: 'sub', a: claim(r), b: claim(c) }, b: claim(c) }), name: 'read as a markup over cost' });
  }
  return readings;
}

/** A single figure (or a blank, which the others may fill). */
function usable(c: Claim | undefined): c is Claim {
  return c !== undefined && c.q.high === undefined && !c.q.bound && !c.q.open;
}

function inTable(block: Block): Relation[] {
  const out: Relation[] = [];
  const cols = (block.columns ?? []).map((c) => ({ index: c.index, role: roleOf(c.header), header: c.header }));
  const marginCols = cols.filter((c) => c.role === 'margin');
  if (marginCols.length === 0) return out;
  const revenueCols = cols.filter((c) => c.role === 'revenue' || c.role === 'price' || c.role === 'take');
  const costCols = cols.filter((c) => c.role === 'cost');
  const profitCols = cols.filter((c) => c.role === 'profit');
  if (revenueCols.length === 0 || costCols.length + profitCols.length === 0) return out;
  for (const row of block.rows) {
    const get = (i: number): Claim | undefined => {
      const cell = row.cells?.[i];
      return cell && cell.claims.length === 1 ? cell.claims[0] : undefined;
    };
    for (const m of marginCols) {
      const target = get(m.index);
      if (!usable(target) || target.unit.dim !== 'percent') continue;
      const rev = revenueCols.map((c) => get(c.index)).filter(usable).filter((c) => c.unit.dim === 'money' && (c.q.blank || c.q.low !== 0));
      const costs = costCols.map((c) => get(c.index)).filter(usable).filter((c) => c.unit.dim === 'money');
      const profits = profitCols.map((c) => get(c.index)).filter(usable).filter((c) => c.unit.dim === 'money');
      if (rev.length === 0 || costs.length + profits.length === 0) continue;
      const readings = margins(rev, costs, profits, m.header);
      if (readings.length === 0) continue;
      out.push({ rule: 'gross-margin', target, label: m.header.replace(/[*_`]/g, '').trim() || 'Margin', readings });
    }
  }
  return out;
}

function inBlock(block: Block, model: PlanModel): Relation[] {
  const out: Relation[] = [];
  const revenue: Claim[] = [];
  const costs: Claim[] = [];
  const profits: Claim[] = [];
  const marginRows: Claim[] = [];
  for (const row of block.rows) {
    if (row.program || !row.label) continue;
    const c = row.values[0];
    if (!usable(c) || writesArithmetic(row, model.text)) continue;
    const role = roleOf(row.label);
    if (role === 'margin' && c.unit.dim === 'percent') marginRows.push(c);
    else if (c.unit.dim !== 'money' || c.unit.perEntity) continue;
    else if (role === 'revenue' || role === 'take') revenue.push(c);
    else if (role === 'cost') costs.push(c);
    else if (role === 'profit') profits.push(c);
  }
  if (marginRows.length === 0 || revenue.length === 0 || revenue.length > 2) return out;
  // Figures of different periods are not one margin.
  const per = revenue[0]!.unit.per;
  const same = (c: Claim): boolean => !per || !c.unit.per || c.unit.per === per;
  for (const m of marginRows) {
    const readings = margins(revenue, costs.filter(same), profits.filter(same), m.row.label);
    if (readings.length > 0) out.push({ rule: 'gross-margin', target: m, label: m.row.label.replace(/[*_`]/g, '').trim(), readings });
  }
  void model;
  return out;
}
