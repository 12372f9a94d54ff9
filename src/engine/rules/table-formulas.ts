import { evaluate, inputs as inputsOf, type Expr } from '../formula';
import { isTotalRow } from '../items';
import type { Block, Claim, Row } from '../model';
import { agrees, type Relation } from '../relation';
import { defineRule, type RuleContext } from '../rule';

/**
 * A table whose rows follow one formula over their columns (`Total = Price × Qty`, `Annual =
 * Monthly × 12`, `CNY = USD × 7`, `Net = Revenue − Cost`, `Share = Part / Whole`) must follow it
 * in every row. A formula is read from the table itself: it holds in at least three rows and
 * fails in one; that one row is reported. Ranges, approximate figures and rows of words are
 * not read, and a table whose rows follow no one formula says nothing.
 */
export default defineRule({
  meta: {
    id: 'table-formulas',
    description: 'A table whose rows follow one formula over their columns (price × quantity, monthly × 12, a conversion rate) must follow it in every row.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    for (const block of model.blocks) if (block.kind === 'table') out.push(...inTable(block, ctx));
    return out;
  },
});

/** The single plain figure of a cell, if it has one. */
function figure(row: Row, col: number): Claim | undefined {
  const cell = row.cells?.[col];
  if (!cell || cell.claims.length !== 1) return undefined;
  const c = cell.claims[0]!;
  const q = c.q;
  if (q.blank || q.high !== undefined || q.open || q.bound || q.approx || q.ordinal || q.unknownUnit) return undefined;
  if (c.unit.dim === 'score' || c.unit.dim === 'ratio') return undefined;
  return c;
}

interface Candidate {
  name: string;
  /** The formula for one row, or undefined when the row lacks an input. */
  build(row: Row): Expr | undefined;
  /** Columns it reads. */
  uses: number[];
}

const MIN_HOLDING = 3;

/**
 * Numeric columns a table may have for its formulas to be read: every formula over three of
 * them is tried, so a table wider than this (no plan's is) says nothing, as a table that
 * follows no formula does.
 */
export const MAX_FORMULA_COLUMNS = 24;

function inTable(block: Block, ctx: RuleContext): Relation[] {
  const out: Relation[] = [];
  const columns = block.columns ?? [];
  const rows = block.rows.filter((r) => !isTotalRow(r));
  if (rows.length < MIN_HOLDING + 1 || columns.length < 2) return out;
  // Numeric columns: most rows hold a plain figure there.
  const numeric = columns.map((c) => c.index).filter((i) => rows.filter((r) => figure(r, i)).length >= MIN_HOLDING);
  if (numeric.length < 2 || numeric.length > MAX_FORMULA_COLUMNS) return out;
  // Each column's dimension, read once (not once per candidate and row).
  const dims = new Map(numeric.map((i) => [i, dimOf(rows, i)]));
  const dimAt = (i: number): Dim => dims.get(i)!;
  const claim = (c: Claim, per = 1): Expr => (per === 1 ? { op: 'claim', claim: c } : { op: 'claim', claim: c, per });
  const asFactor = (c: Claim): Expr => claim(c, c.unit.dim === 'percent' ? 100 : 1);
  for (const t of numeric) {
    const candidates: Candidate[] = [];
    const others = numeric.filter((i) => i !== t);
    const dT = dimAt(t);
    for (const a of others) {
      const dA = dimAt(a);
      for (const b of others) {
        const dB = dimAt(b);
        if (b > a && productFits(dT, dA, dB)) {
          candidates.push({ name: `${header(columns, t)} = ${header(columns, a)} × ${header(columns, b)}`, uses: [a, b], build: (r) => both(r, a, b, (x, y) => ({ op: 'mul', factors: [asFactor(x), asFactor(y)] })) });
        }
        if (b > a && dT === dA && dA === dB && dT !== 'percent') {
          candidates.push({ name: `${header(columns, t)} = ${header(columns, a)} + ${header(columns, b)}`, uses: [a, b], build: (r) => both(r, a, b, (x, y) => ({ op: 'add', terms: [claim(x), claim(y)] })) });
        }
        if (b !== a && dT === dA && dA === dB && dT !== 'percent') {
          candidates.push({ name: `${header(columns, t)} = ${header(columns, a)} − ${header(columns, b)}`, uses: [a, b], build: (r) => both(r, a, b, (x, y) => ({ op: 'sub', a: claim(x), b: claim(y) })) });
        }
        if (b !== a && dT === 'percent' && dA === dB && dA !== 'percent') {
          candidates.push({
            name: `${header(columns, t)} = ${header(columns, a)} / ${header(columns, b)}`,
            uses: [a, b],
            build: (r) => both(r, a, b, (x, y) => ({ op: 'scale', a: { op: 'div', a: claim(x), b: claim(y) }, factor: 100, why: '100%' })),
          });
        }
      }
      // Proportional: t = a × k between amounts of money (a period or a currency changes),
      // with a simple k read from the rows.
      const k = dT === 'money' && dA === 'money' && converts(rows, columns, t, a) ? constantRatio(rows, t, a, ctx) : undefined;
      if (k !== undefined) {
        candidates.push({ name: `${header(columns, t)} = ${header(columns, a)} × ${trim(k)}`, uses: [a], build: (r) => {
          const x = figure(r, a);
          return x ? { op: 'mul', factors: [asFactor(x), { op: 'const', value: k, text: trim(k) }] } : undefined;
        } });
      }
    }
    // Which candidates does the table follow, and which row breaks each?
    const outliers = new Map<Row, { cand: Candidate; expr: Expr }[]>();
    let learned = 0;
    for (const cand of candidates) {
      let holds = 0;
      const fails: { row: Row; expr: Expr }[] = [];
      for (const r of rows) {
        const target = figure(r, t);
        const expr = cand.build(r);
        if (!target || !expr) continue;
        // A figure of another kind than its column's (a percentage among amounts) is not read.
        if (dimOfClaim(target) !== dT || cand.uses.some((u) => dimOfClaim(figure(r, u)!) !== dimAt(u))) continue;
        const holdsIn = (alt: boolean): boolean | undefined => {
          const v = evaluate(expr, { end: 'low', alt, displayed: true });
          if (!v || !Number.isFinite(v.v)) return undefined;
          const stated = alt && target.q.lowAlt !== undefined ? target.q.lowAlt : target.q.low;
          // Rows of zeros say nothing about a formula.
          if (stated === 0 && v.v === 0) return undefined;
          return agrees(target, 'low', v, stated, ctx.options, false);
        };
        const plain = holdsIn(false);
        if (plain === undefined) continue;
        if (plain || holdsIn(true)) holds++;
        // A row about several periods (`1-4`, `Months 7-8`) may state their sum: never the outlier.
        else if (!/\d\s*[-–—]\s*\d/.test(r.label)) {
          fails.push({ row: r, expr });
          // Two rows break it: the table does not follow this formula (the rows below say no more).
          if (fails.length > 1) break;
        }
      }
      if (holds >= MIN_HOLDING && fails.length === 1) {
        learned++;
        const f = fails[0]!;
        const list = outliers.get(f.row) ?? [];
        list.push({ cand, expr: f.expr });
        outliers.set(f.row, list);
      } else if (holds >= MIN_HOLDING && fails.length === 0) {
        learned++;
        for (const r of rows) {
          const list = outliers.get(r);
          const held = { cand, expr: { op: 'const', value: NaN } as Expr };
          if (list) list.push(held);
          else outliers.set(r, [held]);
        }
      }
    }
    if (learned === 0) continue;
    for (const [row, list] of outliers) {
      // A row some learned formula explains is not an outlier.
      if (list.length < learned || list.some((x) => Number.isNaN(evaluate(x.expr, { end: 'low', alt: false })?.v ?? NaN))) continue;
      const target = figure(row, t)!;
      out.push({
        rule: 'table-formulas',
        target,
        label: header(columns, t) || 'Figure',
        readings: list.map((x) => ({ expr: x.expr, name: `read as the other rows do: ${x.cand.name}` })),
        fixable: list.length === 1,
      });
    }
  }
  return oneCellPerRow(out, block, ctx);
}

/**
 * `Saldo = Entrate − Uscite` also reads as `Entrate = Uscite + Saldo`: a row that breaks it
 * breaks each rearrangement, but one cell is wrong. Among relations of one row over the same
 * cells, the one kept is on the column whose Total row does not add up, when exactly one does
 * not (a fix may write it); otherwise on the rightmost column, without a fix.
 */
function oneCellPerRow(out: Relation[], block: Block, ctx: RuleContext): Relation[] {
  if (out.length < 2) return out;
  const cellsOf = (rel: Relation): string => {
    const ids = new Set<number>([rel.target.id]);
    for (const r of rel.readings) for (const c of inputsOf(r.expr)) ids.add(c.id);
    return [...ids].sort((a, b) => a - b).join(',');
  };
  const groups = new Map<string, Relation[]>();
  for (const rel of out) {
    const key = `${rel.target.row.line}|${cellsOf(rel)}`;
    const g = groups.get(key);
    if (g) g.push(rel);
    else groups.set(key, [rel]);
  }
  const totalRow = block.rows.find((r) => isTotalRow(r));
  const parts = block.rows.filter((r) => !isTotalRow(r));
  const totalHolds = (col: number | undefined): boolean | undefined => {
    if (!totalRow || col === undefined) return undefined;
    const total = figure(totalRow, col);
    const items = parts.map((r) => figure(r, col));
    if (!total || items.some((c) => !c)) return undefined;
    const sum = items.reduce((s, c) => s + c!.q.low, 0);
    return agrees(total, 'low', { v: sum, err: 0 }, total.q.low, ctx.options, false);
  };
  const kept: Relation[] = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      kept.push(g[0]!);
      continue;
    }
    const failing = g.filter((rel) => totalHolds(rel.target.column) === false);
    if (failing.length === 1) kept.push(failing[0]!);
    else {
      const right = g.reduce((a, b) => ((b.target.column ?? -1) > (a.target.column ?? -1) ? b : a));
      kept.push({ ...right, fixable: false });
    }
  }
  return kept;
}

function both(r: Row, a: number, b: number, f: (x: Claim, y: Claim) => Expr): Expr | undefined {
  const x = figure(r, a);
  const y = figure(r, b);
  return x && y ? f(x, y) : undefined;
}

/** The ratio t / a that most rows share (read from one row, confirmed by the others). */
function constantRatio(rows: Row[], t: number, a: number, ctx: RuleContext): number | undefined {
  const ratios: number[] = [];
  for (const r of rows) {
    const x = figure(r, a);
    const y = figure(r, t);
    if (!x || !y || x.q.low === 0 || y.q.low === 0) continue;
    if (x.unit.dim === 'percent' || y.unit.dim === 'percent') continue;
    ratios.push(y.q.low / x.q.low);
  }
  if (ratios.length < MIN_HOLDING) return undefined;
  // A ratio of 1 is a copy, not a formula. A ratio that too few rows share is not tried again
  // (rows often share one), and counting stops once enough rows share it.
  const tried = new Set<number>();
  for (const k0 of ratios) {
    const k = nice(k0);
    if (k === undefined || Math.abs(k - 1) < 1e-9 || tried.has(k)) continue;
    tried.add(k);
    let agree = 0;
    for (const r of rows) {
      const x = figure(r, a);
      const y = figure(r, t);
      if (!x || !y || x.q.low === 0) continue;
      if (agrees(y, 'low', { v: x.q.low * k, err: Math.abs(k) * x.q.precision / 2 }, y.q.low, ctx.options, false) && ++agree >= MIN_HOLDING) return k;
    }
  }
  return undefined;
}

/**
 * A ratio read from rounded figures as a simple value (7, 12, 1.3, 0.25, 1/12), or undefined:
 * an odd ratio that a few rows share is a coincidence, not a formula.
 */
function nice(k: number): number | undefined {
  for (const c of [k, 1 / k]) {
    for (const d of [1, 10, 100]) {
      const r = Math.round(c * d) / d;
      if (r !== 0 && Math.abs(r - c) / Math.abs(c) < 0.002 && significantDigits(r) <= 2) return c === k ? r : 1 / r;
    }
  }
  return undefined;
}

function significantDigits(x: number): number {
  const s = String(Math.abs(x)).replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return s.length;
}

type Dim = 'money' | 'count' | 'percent' | 'other';

function dimOfClaim(f: Claim): Dim {
  return f.unit.dim === 'money' ? 'money' : f.unit.dim === 'percent' ? 'percent' : f.unit.dim === 'count' || f.unit.dim === 'number' ? 'count' : 'other';
}

/**
 * Do two money columns hold the same amounts in another currency or period (`USD` and `CNY`,
 * `Monthly` and `Annual`)? Only then is one a fixed multiple of the other.
 */
function converts(rows: Row[], columns: { index: number; header: string; period?: string }[], t: number, a: number): boolean {
  const ct = columns[t];
  const ca = columns[a];
  if (ct?.period && ca?.period && ct.period !== ca.period) return true;
  const cur = (col: number): string | undefined => {
    for (const r of rows) {
      const f = figure(r, col);
      if (f?.unit.currency) return f.unit.currency;
    }
    return undefined;
  };
  const a1 = cur(t);
  const b1 = cur(a);
  return a1 !== undefined && b1 !== undefined && a1 !== b1;
}

/** The dimension most figures of a column have. */
function dimOf(rows: Row[], col: number): Dim {
  const counts = new Map<Dim, number>();
  for (const r of rows) {
    const f = figure(r, col);
    if (!f) continue;
    const d = dimOfClaim(f);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: Dim = 'other';
  let n = 0;
  for (const [d, c] of counts) if (c > n) [best, n] = [d, c];
  return best;
}

/** Can a column of `t` be the product of columns of `a` and `b`? */
function productFits(t: Dim, a: Dim, b: Dim): boolean {
  if (t === 'money') return (a === 'money' && (b === 'count' || b === 'percent')) || (b === 'money' && (a === 'count' || a === 'percent'));
  return false;
}

function trim(k: number): string {
  return String(Math.round(k * 1e6) / 1e6);
}

function header(columns: { index: number; header: string }[], i: number): string {
  return (columns[i]?.header ?? '').replace(/[*_`]/g, '').trim();
}
