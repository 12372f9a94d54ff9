/**
 * Totals of a running-total column (`Cumulative`, `Coût cumulé`, `Acumulado`): the total row
 * of such a column is its last running figure, not the sum of the column. Where the rows name
 * their months (`Month 1`, `Mois 2-12`) beside a monthly rate, it is also the sum of each rate
 * times its months.
 */
import type { Expr } from '../formula';
import { isTotalLabel, normalizeLabel } from '../vocabulary';
import type { Block, Claim, PlanModel, Row } from '../model';
import { checkRelation, type Reading, type Relation } from '../relation';
import type { EngineOptions } from '../types';

const CUMULATIVE = /\b(?:cumulative|cumulated|cumul|cumulé|cumulée|cumulés|running|acumulado|acumulada|acumulados|kumuliert|kumulativ|cumulativo|cumulato|skumulowany|kümülatif|birikimli|накопленн\p{L}*|нарастающ\p{L}*|kumulatif|lũy kế)\b|累計|累计|누적/iu;

/** Months a row's label names: `Month 1` → 1, `Mois 2-12` → 11. */
const MONTHS = /^(?:months?|mois|mes|meses|mês|monat|monate|mese|mesi|miesiąc|miesiące|ay|bulan|tháng|месяц|месяцы)\s+(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?$/i;

function cellText(row: Row, col: number): string {
  return (row.cells?.[col]?.text ?? '').replace(/[*_`]/g, '').trim();
}

function monthsOf(row: Row): number | undefined {
  const m = MONTHS.exec(cellText(row, 0));
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return to >= from ? to - from + 1 : undefined;
}

/** The one figure of money in a cell. */
function moneyIn(row: Row, col: number): Claim | undefined {
  const cs = row.cells?.[col]?.claims ?? [];
  if (cs.length !== 1) return undefined;
  const c = cs[0]!;
  if (c.unit.dim !== 'money' || c.q.high !== undefined || c.q.blank || c.q.open || c.q.bound) return undefined;
  return c;
}

export function cumulativeTotals(model: PlanModel, options: EngineOptions): Relation[] {
  const out: Relation[] = [];
  for (const block of model.blocks) {
    if (block.kind !== 'table' || !block.columns) continue;
    const cols = block.columns.filter((c) => c.index > 0 && CUMULATIVE.test(normalizeLabel(c.header)));
    if (cols.length === 0) continue;
    const rows = block.rows;
    // A monthly rate column: its header or its figures say per month.
    const rateCol = block.columns.find((c) => c.index > 0 && !CUMULATIVE.test(normalizeLabel(c.header)) && rows.some((r) => moneyIn(r, c.index)) && rows.every((r) => {
      const m = moneyIn(r, c.index);
      return !m || m.unit.per === 'month';
    }));
    for (const col of cols) {
      for (let i = 1; i < rows.length; i++) {
        const t = rows[i]!;
        if (!isTotalLabel(cellText(t, 0))) continue;
        const target = moneyIn(t, col.index);
        if (!target || target.q.approx) continue;
        const above = rows.slice(0, i);
        if (above.some((r) => isTotalLabel(cellText(r, 0)))) break;
        const last = [...above].reverse().find((r) => moneyIn(r, col.index));
        const lastClaim = last && moneyIn(last, col.index);
        if (!lastClaim || lastClaim.unit.currency !== target.unit.currency) continue;
        const readings: Reading[] = [{ expr: { op: 'claim', claim: lastClaim }, name: 'read as the last running total of the column' }];
        if (rateCol) {
          const terms: Expr[] = [];
          for (const r of above) {
            const rate = moneyIn(r, rateCol.index);
            const n = monthsOf(r);
            if (!rate || n === undefined || rate.unit.currency !== target.unit.currency) break;
            terms.push(n === 1 ? { op: 'claim', claim: rate } : { op: 'scale', a: { op: 'claim', claim: rate }, factor: n, why: `${n} months` });
          }
          if (terms.length === above.length && terms.length >= 2) readings.unshift({ expr: { op: 'add', terms }, name: 'read as each row’s monthly cost times its months' });
        }
        const rel: Relation = { rule: 'totals', target, label: `${cellText(t, 0).slice(0, 40)} ${col.header.replace(/[*_`]/g, '').trim()}`.trim(), readings };
        if (readings.length === 1) rel.fixable = true;
        out.push(rel);
        const saving = savingAfter(model, block, i, col.index, rel, options);
        if (saving) out.push(saving);
      }
    }
  }
  return out;
}

/** A row that states what one option saves over another: `Savings`, `Économie`, `Ahorro`. */
const SAVING = /^(?:total\s+)?(?:savings?|saved|difference|économies?|economie|différence|ahorros?|diferencia|economia|diferença|einsparung|ersparnis|differenz|risparmio|differenza|oszczędność|różnica|tasarruf|fark|экономия|разница|penghematan|selisih|tiết kiệm|chênh lệch)\b/iu;

/**
 * The row just below a running total that states what this table saves over the table just
 * above it (`| Économie | - | -585,60 € |` under `| TOTAL | - | 1 653,72 € |`, the table above
 * totalling 2 239,32 €): when it is the difference of the two totals as stated and this
 * table's total is not what its rows give, it is the difference with what its rows give.
 */
function savingAfter(model: PlanModel, block: Block, i: number, col: number, total: Relation, options: EngineOptions): Relation | undefined {
  const row = block.rows[i + 1];
  if (!row || !SAVING.test(cellText(row, 0))) return undefined;
  const target = moneyIn(row, col);
  if (!target || target.q.approx || target.unit.currency !== total.target.unit.currency) return undefined;
  // The table just above, with the same columns and its own total in this column.
  const tables = model.blocks.filter((b) => b.kind === 'table' && b.end < block.start);
  const prev = tables[tables.length - 1];
  if (!prev?.columns || !block.columns || prev.columns.map((c) => c.key).join('|') !== block.columns.map((c) => c.key).join('|')) return undefined;
  const totals = prev.rows.filter((r) => isTotalLabel(cellText(r, 0)) && moneyIn(r, col));
  if (totals.length !== 1) return undefined;
  const other = moneyIn(totals[0]!, col)!;
  const own: Expr = { op: 'claim', claim: total.target };
  const theirs: Expr = { op: 'claim', claim: other };
  const stated: Relation = { rule: 'totals', target, label: '', readings: [{ expr: { op: 'sub', a: own, b: theirs } }, { expr: { op: 'sub', a: theirs, b: own } }] };
  // The row is the difference of the totals as written, and this table's total is wrong.
  if (!checkRelation(stated, options).holds || checkRelation(total, options).holds) return undefined;
  const readings: Reading[] = [];
  for (const r of total.readings) {
    readings.push({ expr: { op: 'sub', a: r.expr, b: theirs }, name: 'read as this table’s total from its rows, less the total above' });
    readings.push({ expr: { op: 'sub', a: theirs, b: r.expr }, name: 'read as the total above, less this table’s total from its rows' });
  }
  return { rule: 'totals', target, label: cellText(row, 0).slice(0, 40), readings };
}
