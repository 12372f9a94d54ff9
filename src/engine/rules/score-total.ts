import type { Expr } from '../formula';
import { isTotalRow } from '../items';
import type { Block, Claim, PlanModel, Row } from '../model';
import type { Reading, Relation } from '../relation';
import { defineRule } from '../rule';
import type { Finding } from '../types';
import { hasWord, normalizeLabel, WordList } from '../vocabulary';

/**
 * Score totals must fit their items. A score sheet (`- Stability: ___/10` items, then
 * `OVERALL: ___/50`): the total's scale must be the items' scales added up (N × 10) or the
 * groups' averages added up; filled scores must add up the same way. A scorecard table with a
 * Weight column: its total row is the weighted sum of each column (Σ weight × score), or the
 * plain sum of a column of weighted scores.
 */
export default defineRule({
  meta: {
    id: 'score-total',
    description: 'A score total must fit its items (N × 10, or group averages), and a weighted total must be Σ weight × score.',
    severity: 'error',
    fixable: false,
    category: 'arithmetic',
  },
  relations(model) {
    const out: Relation[] = [];
    for (const block of model.blocks) if (block.kind === 'table') out.push(...weighted(block));
    for (const sheet of sheets(model)) out.push(...filledSums(sheet));
    return out;
  },
  check(model, ctx) {
    const out: Finding[] = [];
    for (const sheet of sheets(model)) {
      const f = capacity(sheet, model, ctx.style.decimal);
      if (f) out.push(f);
    }
    return out;
  },
});

const WEIGHT_WORDS = new WordList(['weight', 'weighting', 'weights', 'peso', 'ponderación', 'ponderação', 'poids', 'pondération', 'gewicht', 'gewichtung', 'waga', 'ağırlık', 'вес', 'bobot', 'trọng số', '重み', '权重', '가중치']);

function one(row: Row, col: number): Claim | undefined {
  const cell = row.cells?.[col];
  if (!cell || cell.claims.length !== 1) return undefined;
  const c = cell.claims[0]!;
  return c.q.blank || c.q.open || c.q.bound || c.q.high !== undefined ? undefined : c;
}

/** A scorecard table: a weight column summing to a whole, and a total row. */
function weighted(block: Block): Relation[] {
  const out: Relation[] = [];
  const columns = block.columns ?? [];
  const wCol = columns.find((c) => hasWord(c.key, WEIGHT_WORDS) && !/\bweighted\b/.test(c.key));
  if (!wCol) return out;
  const totalIdx = block.rows.findIndex((r) => isTotalRow(r) || /\b(?:weighted|overall|total)\b/i.test(r.label));
  if (totalIdx < 2) return out;
  const total = block.rows[totalIdx]!;
  const items = block.rows.slice(0, totalIdx);
  const weights = items.map((r) => one(r, wCol.index));
  if (weights.some((w) => !w)) return out;
  const ws = weights as Claim[];
  const pct = ws.every((w) => w.unit.dim === 'percent');
  const sum = ws.reduce((s, w) => s + w.q.low, 0);
  // The weights make a whole: 100% (or 1).
  if (pct ? Math.abs(sum - 100) > 0.6 : Math.abs(sum - 1) > 0.006) return out;
  const weight = (w: Claim): Expr => ({ op: 'claim', claim: w, per: pct ? 100 : 1 });
  for (const col of columns) {
    if (col.index === wCol.index) continue;
    const target = one(total, col.index);
    if (!target || target.unit.dim === 'money') continue;
    const values = items.map((r) => one(r, col.index));
    if (values.some((v) => !v || v.unit.dim !== target.unit.dim && !(v.unit.dim === 'number' || target.unit.dim === 'number'))) continue;
    const vs = values as Claim[];
    const readings: Reading[] = [
      { expr: { op: 'add', terms: vs.map((v, k) => ({ op: 'mul', factors: [weight(ws[k]!), { op: 'claim', claim: v }] })) }, name: 'read as Σ weight × score' },
    ];
    if (/\bweighted\b|\bpond|\bgewicht|\bağırlıklı/.test(col.key)) readings.unshift({ expr: { op: 'add', terms: vs.map((v) => ({ op: 'claim', claim: v })) }, name: 'read as the sum of the weighted scores' });
    out.push({ rule: 'score-total', target, label: `${total.label.replace(/[*_`]/g, '').trim()} ${col.header.replace(/[*_`]/g, '').trim()}`.trim(), readings });
  }
  return out;
}

interface Sheet {
  items: { claim: Claim; group: number }[];
  total: Claim;
}

const TOTAL_WORD = /\b(?:total|overall|sum|grand|final|combined|average)\b/;
const TOTAL_END = /\b(?:score|readiness|rating)$/;

/** Score sheets: score items (`- Stability: 7/10`) followed by a total line (`OVERALL: ___/50`). */
function sheets(model: PlanModel): Sheet[] {
  const out: Sheet[] = [];
  let items: Sheet['items'] = [];
  let group = 0;
  let lastLine = -1;
  let lastBlock: Block | undefined;
  for (const row of model.rows) {
    if (row.cells || row.program) continue;
    if (row.block && lastBlock && row.block.section !== lastBlock.section && row.block.section.level <= 2) items = [];
    const scores = row.claims.filter((c) => c.unit.dim === 'score' && c.q.denominator !== undefined);
    if (scores.length !== 1) continue;
    const key = row.label ? row.key : normalizeLabel(row.content);
    if (lastLine >= 0 && row.line - lastLine > 1) group++;
    lastLine = row.line;
    lastBlock = row.block;
    const isTotal = items.length >= 2 && (TOTAL_WORD.test(key) || (TOTAL_END.test(key) && !row.item));
    if (isTotal) {
      out.push({ items, total: scores[0]! });
      items = [];
      continue;
    }
    items.push({ claim: scores[0]!, group });
  }
  return out;
}

/** The scales a total of these items may have: the items' added up, or their groups' averages. */
function scales(sheet: Sheet): { den: number; how: string; groups: boolean }[] {
  const dens = sheet.items.map((i) => i.claim.q.denominator!);
  const sum = dens.reduce((s, d) => s + d, 0);
  const same = dens.every((d) => d === dens[0]);
  const groups = [...new Set(sheet.items.map((i) => i.group))];
  const out = [{ den: sum, how: `${sheet.items.length} items${same ? ` × ${dens[0]}` : ''} = ${sum}`, groups: false }];
  if (same && groups.length > 1) out.push({ den: groups.length * dens[0]!, how: `${groups.length} group averages × ${dens[0]} = ${groups.length * dens[0]!}`, groups: true });
  if (same) out.push({ den: dens[0]!, how: `the average of the items, out of ${dens[0]}`, groups: false });
  return out;
}

function capacity(sheet: Sheet, model: PlanModel, decimal: string): Finding | undefined {
  const D = sheet.total.q.denominator;
  if (D === undefined || !Number.isFinite(D)) return undefined;
  if (sheet.items.some((i) => !Number.isFinite(i.claim.q.denominator!))) return undefined;
  // The average of items on one scale is a reading too (`Average: ___/10`, filled as the
  // average): a total on the items' own scale fits. Messages name the sums.
  if (scales(sheet).some((o) => Math.abs(o.den - D) < 1e-9)) return undefined;
  const options = scales(sheet).filter((o) => !o.how.startsWith('the average'));
  void decimal;
  const t = sheet.total;
  const shown = model.text.slice(t.q.span.start, t.q.span.end);
  const row = t.row;
  const label = row.label ? row.label.replace(/[*_`]/g, '').trim() : 'Score total';
  return {
    rule: 'score-total',
    severity: 'error',
    message: `${label} ${shown} cannot fit its ${sheet.items.length} items scored out of ${sheet.items[0]!.claim.q.denominator}: ${options.map((o) => o.how).join(', or ')}.`,
    span: { ...t.q.span },
    fixes: [],
    related: sheet.items.slice(0, 24).map((i) => ({ span: i.claim.q.span, message: model.text.slice(i.claim.q.span.start, i.claim.q.span.end) })),
  };
}

/** Filled scores add up: the total's score is the items' sum (or the groups' averages added up). */
function filledSums(sheet: Sheet): Relation[] {
  const t = sheet.total;
  if (!t.q.blank && sheet.items.some((i) => i.claim.q.blank)) return [];
  const D = t.q.denominator;
  const readings: Reading[] = [];
  for (const o of scales(sheet)) {
    if (D !== undefined && Math.abs(o.den - D) > 1e-9) continue;
    if (o.groups) {
      const groups = [...new Set(sheet.items.map((i) => i.group))];
      readings.push({
        expr: { op: 'add', terms: groups.map((g): Expr => {
          const its = sheet.items.filter((i) => i.group === g);
          return { op: 'div', a: { op: 'add', terms: its.map((i) => ({ op: 'claim', claim: i.claim })) }, b: { op: 'const', value: its.length } };
        }) },
        name: 'read as the groups’ averages added up',
      });
    } else if (o.how.startsWith('the average')) {
      readings.push({ expr: { op: 'div', a: { op: 'add', terms: sheet.items.map((i) => ({ op: 'claim', claim: i.claim })) }, b: { op: 'const', value: sheet.items.length } }, name: 'read as the average' });
    } else readings.push({ expr: { op: 'add', terms: sheet.items.map((i) => ({ op: 'claim', claim: i.claim })) } });
  }
  if (readings.length === 0) return [];
  return [{ rule: 'score-total', target: t, label: 'Score total', readings }];
}
