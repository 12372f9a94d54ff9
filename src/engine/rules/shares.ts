import { column, conceptOf } from '../concepts';
import type { Item } from '../model';
import { show } from '../quantity';
import { defineRule, input, type Derivation } from '../rule';
import type { Quantity } from '../types';

const ID = 'shares';

const SHARE_TITLE = /\b(?:mix|split|allocation|allocate|breakdown|distribution|channels?|sources?|shares?|composition|weights?|weighting|portfolio|use of funds)\b/i;

/** Items that each state one percentage and nothing else. */
function shareItems(items: Item[]): { q: Quantity; label: string }[] | undefined {
  const out: { q: Quantity; label: string }[] = [];
  for (const item of items) {
    if (item.values.length !== 1) return undefined;
    const q = item.values[0]!;
    if (q.kind !== 'percent' || q.high !== undefined || q.bound || q.open || q.approx) return undefined;
    out.push({ q, label: item.label });
  }
  return out;
}

/**
 * Shares with a stated total: the total is their sum. Without one, they make 100%: the last
 * share is what the others leave, within the rounding of all of them.
 */
function derive(parts: { q: Quantity; label: string }[], total: Quantity | undefined): Derivation | undefined {
  if (parts.length < 2 || parts.some((p) => p.q.blank)) return undefined;
  const sum = parts.reduce((s, p) => s + p.q.value, 0);
  const terms = parts.map((p) => `${show(p.q.value)}%`).join(' + ');
  // Rounded shares may miss 100 by their rounding, but by no more than one unit of the
  // coarsest share (33% + 33% + 33% is fine; 98% is not).
  const unit = Math.max(...parts.map((p) => Math.pow(10, -p.q.format.decimals)));
  const slack = Math.min(unit, parts.length * unit / 2);
  if (total) {
    return {
      rule: ID,
      target: total,
      label: 'Total share',
      expected: [sum],
      formula: () => terms,
      display: (v) => `${show(v, 2)}%`,
      related: parts.map((p) => input(p.q, p.label)),
      fixVerb: 'Change to',
    };
  }
  const last = parts[parts.length - 1]!;
  const others = parts.slice(0, -1);
  const rest = 100 - others.reduce((s, p) => s + p.q.value, 0);
  if (Math.abs(sum - 100) <= slack + 1e-9 || rest < 0) return { ...base(), expected: [last.q.value] };
  return { ...base(), expected: [rest] };
  function base(): Derivation {
    return {
      rule: ID,
      target: last.q,
      label: `Share ${last.label}`,
      expected: [rest],
      formula: () => `100% − (${others.map((p) => `${show(p.q.value)}%`).join(' + ')}), as the shares must make 100%`,
      display: (v) => `${show(v, 2)}%`,
      related: others.map((p) => input(p.q, p.label)),
      fixVerb: 'Change to',
    };
  }
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
      if (!parts) continue;
      let total: Quantity | undefined;
      if (totalIdx >= 0) {
        const t = group.items[totalIdx]!;
        if (t.values.length !== 1 || t.values[0]!.kind !== 'percent') continue;
        total = t.values[0];
      }
      const d = derive(parts, total);
      if (d) out.push(d);
    }
    for (const table of model.tables) {
      const col = column(table, /\bshare\b|\bmix\b|allocation|\bsplit\b|% of|percent of|\bweight/);
      if (!col) continue;
      const parts: { q: Quantity; label: string }[] = [];
      let total: Quantity | undefined;
      let ok = true;
      for (const row of table.rows) {
        const cell = row.cells[col.index];
        const q = cell && cell.values.length === 1 ? cell.values[0]! : undefined;
        if (!q || q.kind !== 'percent' || q.high !== undefined || q.bound || q.approx) {
          ok = false;
          break;
        }
        if (/^\W*total\b/i.test(row.cells[0]?.text ?? '')) total = q;
        else parts.push({ q, label: row.cells[0]?.text.trim() ?? 'row' });
      }
      if (!ok) continue;
      const d = derive(parts, total);
      if (d) out.push(d);
    }
    return out;
  },
});
