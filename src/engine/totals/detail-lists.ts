/**
 * A figure and the list that details it: a row `| Variable costs | $3,435 |` (or a line
 * `- Variable costs: $3,435`), then, just below, a list titled `Detailed variable costs:` whose
 * items are its parts (`- Payments: … = $2,625`, `- Video: … = $810`, `- Bandwidth: ~$50`). The
 * figure must equal the sum of the items.
 */
import type { Expr } from '../formula';
import { amountOf, isTotalRow } from '../items';
import type { Claim, PlanModel, Row } from '../model';
import type { Relation } from '../relation';
import { normalizeLabel, wordsOf } from '../vocabulary';
import { productAmount } from './products';

/** Words that title a list as the detail of something. */
const DETAIL = new Set([
  'detailed', 'detail', 'details', 'breakdown', 'itemized', 'itemised', 'itemization', 'components', 'composition',
  'desglose', 'detalle', 'detallado', 'detalhado', 'detalhamento', 'détail', 'détaillé', 'détaillés', 'détaillées', 'ventilation',
  'aufschlüsselung', 'aufstellung', 'einzelheiten', 'dettaglio', 'dettagliato', 'szczegóły', 'szczegółowe', 'detay', 'detaylı', 'ayrıntılı',
  'детализация', 'подробно', 'rincian', 'perincian', 'chi', 'tiết', '明细', '内訳', '세부', '상세',
]);

/** Words that say nothing about which figure a list details. */
const GENERIC = new Set([
  'cost', 'costs', 'coût', 'coûts', 'costo', 'costos', 'custo', 'custos', 'kosten', 'koszty', 'maliyet', 'maliyetler', 'biaya', 'chi', 'phí', 'расходы', 'затраты',
  'spend', 'spending', 'expense', 'expenses', 'monthly', 'month', 'annual', 'yearly', 'per', 'the', 'of', 'and', 'for', 'with', 'des', 'les', 'del', 'los', 'las', 'der', 'die', 'das', 'und',
  'mensuel', 'mensuels', 'mensuelle', 'mensual', 'mensuales', 'mensal', 'mensais', 'monatlich', 'monatliche', 'mensile', 'aylık', 'miesięczne', 'bulanan',
]);

const PARTIAL = /\b(?:main|major|top|key|largest|biggest|examples?|e\.g|including|such as|selected|some|partial|principales?|principaux|wichtigsten|beispiele?|esempi|örnek|примеры|contoh|ví dụ)\b/i;

function keyWords(text: string): string[] {
  return wordsOf(normalizeLabel(text)).filter((w) => w.length > 2 && !GENERIC.has(w));
}

/** The one figure of money a row states for what its label names. */
function figureOf(row: Row): Claim | undefined {
  if (row.cells) {
    const money = row.cells.flatMap((c) => (c.span.start === row.labelSpan?.start ? [] : c.claims.filter((x) => x.unit.dim === 'money')));
    if (money.length !== 1 || row.cells.some((c) => c.claims.length > 0 && c.claims.some((x) => x.unit.dim !== 'money') && c.span.start !== row.labelSpan?.start)) return undefined;
    return money[0];
  }
  const money = row.values.filter((c) => c.unit.dim === 'money' && !c.q.ordinal);
  return money.length === 1 ? money[0] : undefined;
}

/** `approxTolerance`: how far a `~` item may be from its value (a fraction of it). */
export function detailListTotals(model: PlanModel, approxTolerance: number): Relation[] {
  const out: Relation[] = [];
  const blocks = model.blocks;
  for (let b = 1; b < blocks.length; b++) {
    const list = blocks[b]!;
    if (list.kind !== 'list' || !list.title) continue;
    const titleWords = keyWords(list.title);
    if (!titleWords.some((w) => DETAIL.has(w))) continue;
    // A list of some of the parts (`main items`, `e.g.`) does not add up to the whole.
    if (PARTIAL.test(list.title)) continue;
    const key = titleWords.filter((w) => !DETAIL.has(w));
    if (key.length === 0) continue;
    // The block just above, in the same section, with only the list's title between.
    if (list.titleLine === undefined) continue;
    let k = b - 1;
    // The title line may be a block of its own.
    if (blocks[k]!.start === list.titleLine && blocks[k]!.end === list.titleLine && k > 0) k--;
    const above = blocks[k]!;
    if (above.section !== list.section || above.end >= list.titleLine) continue;
    let figures = false;
    for (let l = above.end + 1; l < list.titleLine && !figures; l++) figures = (model.rowAt[l]?.values.length ?? 0) > 0;
    if (figures) continue;
    const named = above.rows.filter((r) => r.label && !isTotalRow(r) && key.every((w) => keyWords(r.label).includes(w)));
    if (named.length !== 1) continue;
    const row = named[0]!;
    const target = figureOf(row);
    if (!target || target.q.high !== undefined || target.q.blank || target.q.open || target.unit.perEntity) continue;
    // The items: the list's top-level lines, each one amount of the same money.
    const top = Math.min(...list.rows.map((r) => r.depth));
    const items = list.rows.filter((r) => r.depth === top);
    if (items.length < 2) continue;
    const terms: Expr[] = [];
    let slack = 0;
    let approx = false;
    let ok = true;
    for (const it of items) {
      const a = productAmount(it.values, model.text, it.contentStart, it.contentStart + it.content.length) ?? amountOf(it, model.text);
      const c = a?.claims[0];
      if (!a || !c || a.options.length !== 1 || a.optional || c.unit.dim !== 'money' || c.unit.currency !== target.unit.currency || c.unit.perEntity || c.q.high !== undefined || c.q.blank || c.q.open || c.q.bound) {
        ok = false;
        break;
      }
      if (c.unit.per && target.unit.per && c.unit.per !== target.unit.per) {
        ok = false;
        break;
      }
      if (c.q.approx) {
        approx = true;
        slack += Math.abs(c.q.low) * approxTolerance;
      }
      terms.push(a.options[0]!);
    }
    if (!ok) continue;
    const rel: Relation = { rule: 'totals', target, label: row.label.replace(/[*_`]/g, '').trim().slice(0, 40) || 'Total', readings: [{ expr: { op: 'add', terms }, name: `read as the sum of the list “${list.title}”` }] };
    if (approx) rel.slack = slack;
    else rel.fixable = true;
    out.push(rel);
  }
  return out;
}
