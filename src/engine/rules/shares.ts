import type { Expr } from '../formula';
import { isTotalRow } from '../items';
import type { Block, Claim, Row } from '../model';
import { checkRelation, type Reading, type Relation } from '../relation';
import { defineRule, type RuleContext } from '../rule';
import { hasWord, normalizeLabel, WordList } from '../vocabulary';

/**
 * Shares of a whole: in a table whose total row says 100%, each row's percentage is its
 * amount over the total amount (`$230 | 45%` over `$500 | 100%`), and the percentages add up to
 * 100% (each may be rounded: n rows drift by up to n/2 of their last digit). Only declared
 * partitions are checked: a column of percentages without a 100% total may hold rates,
 * thresholds or growth.
 */
export default defineRule({
  meta: {
    id: 'shares',
    description: 'Shares of a whole (a table whose total row says 100%) must match their amounts and add up to 100%.',
    severity: 'error',
    fixable: false,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    for (const block of model.blocks) if (block.kind === 'table') out.push(...inTable(block, ctx));
    return out;
  },
});

const SHARE_HEADER = new WordList(['%', 'share', 'percent', 'percentage', 'portion', 'of total', 'split', 'mix', 'allocation', 'distribution', 'ratio', 'breakdown', 'porcentaje', 'participación', 'porcentagem', 'participação', 'part', 'pourcentage', 'anteil', 'prozent', 'quota', 'percentuale', 'udział', 'pay', 'oran', 'yüzde', 'доля', 'процент', 'persentase', 'porsi', 'tỷ lệ', 'tỉ lệ', '比率', '割合', '占比', '比例', '비율', '비중']);

function single(row: Row, col: number): Claim | undefined {
  const c = row.cells?.[col];
  if (!c || c.claims.length !== 1) return undefined;
  const claim = c.claims[0]!;
  if (claim.q.blank || claim.q.high !== undefined || claim.q.bound || claim.q.open) return undefined;
  return claim;
}

function inTable(block: Block, ctx: RuleContext): Relation[] {
  const out: Relation[] = [];
  const rows = block.rows;
  const columns = block.columns ?? [];
  const totalIdx = rows.findIndex((r) => isTotalRow(r));
  if (totalIdx < 0) return out;
  const total = rows[totalIdx]!;
  const parts = rows.slice(0, totalIdx).filter((r) => !isTotalRow(r));
  if (parts.length < 2) return out;
  for (const col of columns) {
    const t = single(total, col.index);
    if (!t || t.unit.dim !== 'percent' || Math.abs(t.q.low - 100) > 1e-9) continue;
    // A column of shares: headed like one, every part a percentage.
    const shares = parts.map((r) => single(r, col.index));
    if (shares.some((s) => s && s.unit.dim !== 'percent')) continue;
    if (!hasWord(normalizeLabel(col.header), SHARE_HEADER) && !/%/.test(col.header) && col.header.trim() !== '') continue;
    const present = shares.filter((s): s is Claim => s !== undefined);
    if (present.length < 2) continue;
    // The percentages add up to 100%, give or take their rounding.
    const decimals = Math.max(...present.map((s) => s.q.style.decimals));
    const slack = (present.length * Math.pow(10, -decimals)) / 2;
    const sum: Expr = { op: 'add', terms: present.map((s) => ({ op: 'claim', claim: s })) };
    const sumRelation: Relation = { rule: 'shares', target: t, label: 'Shares total', readings: [{ expr: sum, name: 'read as the shares above, each rounded' }], slack: Math.min(slack, 2.5) };
    // Each share is its amount over the total amount, in a column of amounts with a total.
    const perRow: Relation[] = [];
    for (const amountCol of columns) {
      if (amountCol.index === col.index) continue;
      const ta = single(total, amountCol.index);
      if (!ta || (ta.unit.dim !== 'money' && ta.unit.dim !== 'count' && ta.unit.dim !== 'number') || ta.q.low <= 0) continue;
      parts.forEach((r, k) => {
        const share = shares[k];
        const amount = single(r, amountCol.index);
        if (!share || !amount || amount.unit.dim !== ta.unit.dim) return;
        const readings: Reading[] = [{ expr: { op: 'scale', a: { op: 'div', a: { op: 'claim', claim: amount }, b: { op: 'claim', claim: ta } }, factor: 100, why: '100%' } }];
        perRow.push({ rule: 'shares', target: share, label: `Share of ${r.label.replace(/[*_`]/g, '').trim() || 'the row'}`, readings });
      });
      break;
    }
    out.push(...perRow);
    // A share that does not match its amount explains a sum off 100%: the sum is checked only
    // when every share matches.
    if (perRow.every((rel) => checkRelation(rel, ctx.options).holds)) out.push(sumRelation);
  }
  return out;
}
