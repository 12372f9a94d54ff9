import { column, conceptOf } from '../concepts';
import type { Item } from '../model';
import { show } from '../quantity';
import { defineRule, input, type Derivation } from '../rule';
import type { Finding, Quantity } from '../types';

const ID = 'shares';

const SHARE_TITLE = /\b(?:mix|split|allocation|allocate|breakdown|distribution|channels?|sources?|shares?|composition|weights?|weighting|portfolio|budget split|use of funds)\b/i;

/** Items that each state one percentage and nothing else. */
function shareItems(items: Item[]): { item: Item; q: Quantity }[] | undefined {
  const out: { item: Item; q: Quantity }[] = [];
  for (const item of items) {
    if (item.values.length !== 1) return undefined;
    const q = item.values[0]!;
    if (q.kind !== 'percent' || q.high !== undefined || q.bound || q.open) return undefined;
    out.push({ item, q });
  }
  return out;
}

/** Shares that should make 100% (channel mix, budget split) must. */
export default defineRule({
  meta: {
    id: ID,
    description: 'Shares that make up a whole (a channel mix, a budget split) must add up to 100%, or to their stated total.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    const out: Derivation[] = [];
    for (const group of model.groups) {
      if (!SHARE_TITLE.test(group.titleText)) continue;
      const totalIdx = group.items.findIndex((i) => conceptOf(i.key) === 'total');
      const parts = shareItems(totalIdx >= 0 ? group.items.slice(0, totalIdx) : group.items);
      if (!parts || parts.length < 2 || parts.some((p) => p.q.blank)) continue;
      const sum = parts.reduce((s, p) => s + p.q.value, 0);
      const terms = parts.map((p) => `${show(p.q.value)}%`).join(' + ');
      if (totalIdx >= 0) {
        const t = group.items[totalIdx]!.values[0];
        if (!t || t.kind !== 'percent' || group.items[totalIdx]!.values.length !== 1) continue;
        out.push({
          rule: ID,
          target: t,
          label: 'Total share',
          expected: [sum],
          formula: terms,
          display: (v) => `${show(v, 2)}%`,
          related: parts.map((p) => input(p.q, p.item.label)),
          fixVerb: 'Change to',
        });
      }
    }
    return out;
  },
  check(model) {
    const out: Finding[] = [];
    for (const group of model.groups) {
      if (!SHARE_TITLE.test(group.titleText)) continue;
      if (group.items.some((i) => conceptOf(i.key) === 'total')) continue;
      const parts = shareItems(group.items);
      if (!parts || parts.length < 2 || parts.some((p) => p.q.blank)) continue;
      out.push(...hundred(parts.map((p) => ({ q: p.q, label: p.item.label }))));
    }
    for (const table of model.tables) {
      const col = column(table, /\bshare\b|\bmix\b|allocation|\bsplit\b|% of|percent of|\bweight/);
      if (!col) continue;
      const parts: { q: Quantity; label: string }[] = [];
      let ok = true;
      for (const row of table.rows) {
        if (/^\W*total\b/i.test(row.cells[0]?.text ?? '')) continue;
        const cell = row.cells[col.index];
        const q = cell && cell.values.length === 1 ? cell.values[0]! : undefined;
        if (!q || q.kind !== 'percent' || q.blank || q.high !== undefined || q.bound) {
          ok = false;
          break;
        }
        parts.push({ q, label: row.cells[0]?.text.trim() ?? 'row' });
      }
      if (ok && parts.length >= 2) out.push(...hundred(parts));
    }
    return out;
  },
});

/** A finding on the last share when the shares do not make 100%, within their rounding. */
function hundred(parts: { q: Quantity; label: string }[]): Finding[] {
  const sum = parts.reduce((s, p) => s + p.q.value, 0);
  const slack = parts.reduce((s, p) => s + p.q.precision / 2, 0);
  if (Math.abs(sum - 100) <= slack + 1e-9) return [];
  const last = parts[parts.length - 1]!;
  const fixed = last.q.value + (100 - sum);
  const fixes =
    fixed >= 0
      ? [{ title: `Set ${last.label} to ${show(fixed, last.q.format.decimals)}% so the shares make 100%`, edits: [{ span: last.q.numberSpan, newText: fixed.toFixed(last.q.format.decimals) }] }]
      : [];
  return [
    {
      rule: ID,
      severity: 'error',
      message: `Shares add up to ${show(sum, 2)}%, not 100%: ${parts.map((p) => `${show(p.q.value)}%`).join(' + ')} = ${show(sum, 2)}%`,
      span: last.q.span,
      fixes,
      related: parts.slice(0, -1).map((p) => input(p.q, p.label)),
      data: { expected: fixed },
    },
  ];
}
