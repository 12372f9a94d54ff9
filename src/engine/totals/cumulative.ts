/**
 * Totals of a running-total column (`Cumulative`, `Coût cumulé`, `Acumulado`): the total row
 * of such a column is its last running figure, not the sum of the column. Where the rows name
 * their months (`Month 1`, `Mois 2-12`) beside a monthly rate, it is also the sum of each rate
 * times its months.
 */
import type { Expr } from '../formula';
import { isTotalLabel, normalizeLabel } from '../vocabulary';
import type { Claim, PlanModel, Row } from '../model';
import type { Reading, Relation } from '../relation';

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

export function cumulativeTotals(model: PlanModel): Relation[] {
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
      }
    }
  }
  return out;
}
