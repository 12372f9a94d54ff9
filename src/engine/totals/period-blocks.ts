/**
 * Totals over periods written one block each: `**Month 1-2:**` with `- $10,000/month marketing
 * budget`, `**Month 3-6:**` with `- $5,000/month marketing budget`, … then a summary list
 * (`**Year 1 Summary:**`) with `- Total marketing: $52,000`. A total of the summary is the sum,
 * over the periods, of the period's monthly figure of the same name times its months.
 */
import type { Expr } from '../formula';
import { amountOf, isTotalRow } from '../items';
import type { Block, Claim, PlanModel, Row } from '../model';
import type { Reading, Relation } from '../relation';
import { normalizeLabel, TOTAL_WORDS, wordsOf } from '../vocabulary';
import { productAmount } from './products';

/** A period label: `Month 3`, `Months 1-3`, `Mois 2-12`, `Mes 4–6`. */
const PERIOD = /^(?:months?|mois|mes|meses|mês|monat|monate|mese|mesi|miesiąc|miesiące|miesiące|ay|bulan|tháng|месяц|месяцы)\s+(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?$/i;

/** A summary list's title. */
const SUMMARY = /\b(?:summary|totals?|recap|overview|résumé|bilan|resumen|resumo|zusammenfassung|gesamt|riepilogo|podsumowanie|özet|итог|итоги|ringkasan)\b/i;

const GENERIC = new Set(['the', 'of', 'and', 'for', 'all', 'year', 'annual', 'yearly']);

interface Period {
  from: number;
  to: number;
  rows: Row[];
}

function periodOf(row: Row): { from: number; to: number } | undefined {
  const m = PERIOD.exec(row.label.replace(/[*_`]/g, '').trim());
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return to >= from && from >= 1 ? { from, to } : undefined;
}

function words(text: string): string[] {
  return wordsOf(normalizeLabel(text)).filter((w) => !/^\d/.test(w) && !GENERIC.has(w) && !TOTAL_WORDS.includes(w));
}

/** The line of a period that states the figure named `name`: its label names it, or its words do. */
function lineFor(period: Period, name: string[]): Row | undefined {
  const hits = period.rows.filter((r) => {
    if (r.values.length === 0) return false;
    const w = r.label ? words(r.label) : words(r.content.replace(/[\d.,$€£¥₹%]+/g, ' '));
    return name.every((n) => w.includes(n));
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** A month's figure of a line: one amount of money per month. */
function monthlyOf(row: Row, text: string): { expr: Expr; claim: Claim } | undefined {
  const a = productAmount(row.values, text, row.contentStart, row.contentStart + row.content.length) ?? amountOf(row, text);
  const c = a?.claims[0];
  if (!a || !c || a.options.length !== 1 || a.optional) return undefined;
  if (c.unit.dim !== 'money' || c.unit.per !== 'month' || c.unit.perEntity || c.q.high !== undefined || c.q.blank || c.q.open || c.q.bound || c.q.approx) return undefined;
  return { expr: a.options[0]!, claim: c };
}

/**
 * The periods written just above a summary list, in its section: each a line naming the period
 * (a block of its own), then a list. Undefined unless they follow each other from month 1.
 */
function periodsAbove(model: PlanModel, at: number, summary: Block): Period[] | undefined {
  const blocks = model.blocks;
  const out: Period[] = [];
  let k = at - 1;
  // The summary's own title line.
  if (k >= 0 && blocks[k]!.start === summary.titleLine && blocks[k]!.end === summary.titleLine) k--;
  while (k >= 1) {
    const list = blocks[k]!;
    const head = blocks[k - 1]!;
    if (list.kind !== 'list' || list.section !== summary.section || head.section !== summary.section) break;
    if (head.rows.length !== 1) break;
    const p = periodOf(head.rows[0]!);
    if (!p) break;
    const top = Math.min(...list.rows.map((r) => r.depth));
    out.unshift({ ...p, rows: list.rows.filter((r) => r.depth === top) });
    k -= 2;
  }
  if (out.length < 2 || out[0]!.from !== 1) return undefined;
  for (let i = 1; i < out.length; i++) if (out[i]!.from !== out[i - 1]!.to + 1) return undefined;
  return out;
}

export function periodBlockTotals(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  const blocks = model.blocks;
  for (let b = 0; b < blocks.length; b++) {
    const summary = blocks[b]!;
    if (summary.kind !== 'list' || !summary.title || !SUMMARY.test(summary.title)) continue;
    const totals = summary.rows.filter((r) => isTotalRow(r) && r.values.length > 0);
    if (totals.length === 0) continue;
    const periods = periodsAbove(model, b, summary);
    if (!periods) continue;
    for (const row of totals) {
      const a = amountOf(row, model.text);
      if (!a || a.options.length !== 1 || a.options[0]!.op !== 'claim' || a.derived) continue;
      const target = a.claims[0]!;
      if (target.unit.dim !== 'money' || (target.unit.per && target.unit.per !== 'year') || target.q.high !== undefined || target.q.blank || target.q.open) continue;
      // What the total's parentheses say it is (`Total revenue (platform keeps)`), then its name.
      const label = normalizeLabel(row.label);
      const names = [...[...label.matchAll(/\(([^)]*)\)/g)].map((m) => words(m[1]!)), words(label.replace(/\([^)]*\)/g, ' '))].filter((n) => n.length > 0);
      const readings: Reading[] = [];
      for (const name of names) {
        const terms: Expr[] = [];
        for (const p of periods) {
          const line = lineFor(p, name);
          const m = line && monthlyOf(line, model.text);
          if (!m || m.claim.unit.currency !== target.unit.currency) break;
          const months = p.to - p.from + 1;
          terms.push(months === 1 ? m.expr : { op: 'scale', a: m.expr, factor: months, why: `${months} months` });
        }
        if (terms.length !== periods.length) continue;
        readings.push({ expr: { op: 'add', terms }, name: `read as each period’s monthly ${name.join(' ')} times its months` });
      }
      if (readings.length === 0) continue;
      const rel: Relation = { rule: 'totals', target, label: row.label.replace(/[*_`]/g, '').trim().slice(0, 40), readings };
      if (readings.length === 1) rel.fixable = true;
      out.push(rel);
    }
  }
  return out;
}
