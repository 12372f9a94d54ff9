import type { Line } from '../document';
import { itemOf, normalizeKey, type PlanModel } from '../model';
import { show } from '../quantity';
import { defineRule, input, type Derivation } from '../rule';
import type { Finding, Quantity } from '../types';

const ID = 'score-total';

const TOTAL_WORD = /\b(?:total|overall|sum|grand|final|combined|average)\b/;
const TOTAL_END = /\b(?:score|readiness|rating)$/;

interface Sheet {
  items: { q: Quantity; line: Line; group: number }[];
  total: { q: Quantity; line: Line };
}

/** Score sheets: score items (`- Stability: 7/10`) followed by a total line (`OVERALL: ___/50`). */
const sheetCache = new WeakMap<PlanModel, ReturnType<typeof analyseSheet>[]>();

/** Each sheet's analysis, computed once per model for both `derive` and `check`. */
function analysed(model: PlanModel): ReturnType<typeof analyseSheet>[] {
  let list = sheetCache.get(model);
  if (!list) {
    list = sheets(model).map(analyseSheet);
    sheetCache.set(model, list);
  }
  return list;
}

function sheets(model: PlanModel): Sheet[] {
  const out: Sheet[] = [];
  let items: Sheet['items'] = [];
  let block = -1;
  let group = 0;
  let lastLine = -1;
  for (const line of model.doc.lines) {
    if (line.kind === 'heading' && line.level <= 2) items = [];
    if (!line.plan) continue;
    const scores = line.quantities.filter((q) => q.kind === 'score');
    if (scores.length !== 1) continue;
    if (line.kind === 'code' && line.block !== block) items = [];
    block = line.block;
    const q = scores[0]!;
    const item = itemOf(line);
    const key = item ? item.key : normalizeKey(line.text);
    // A blank line (or anything) between two score lines starts a new group of items.
    if (lastLine >= 0 && line.index - lastLine > 1) group++;
    lastLine = line.index;
    const isTotal = items.length >= 2 && (TOTAL_WORD.test(key) || (TOTAL_END.test(key) && !line.listItem));
    if (isTotal) {
      out.push({ items, total: { q, line } });
      items = [];
      continue;
    }
    items.push({ q, line, group });
  }
  return out;
}

function analyseSheet(sheet: Sheet): { derivation?: Derivation; finding?: Finding } {
  const { items, total } = sheet;
  const dens = items.map((i) => i.q.denominator!);
  if (dens.some((d) => !Number.isFinite(d))) return {};
  const sumDen = dens.reduce((s, d) => s + d, 0);
  const groups = [...new Set(items.map((i) => i.group))];
  const same = dens.every((d) => d === dens[0]);
  const d0 = dens[0]!;
  const D = total.q.denominator!;
  const readings: { den: number; how: string; value: () => number }[] = [];
  const nums = items.map((i) => i.q.value);
  const filled = nums.every((n) => Number.isFinite(n));
  readings.push({ den: sumDen, how: `${items.length} items${same ? ` × ${d0}` : ''} = ${show(sumDen)}`, value: () => nums.reduce((s, n) => s + n, 0) });
  if (same && groups.length > 1) {
    readings.push({
      den: groups.length * d0,
      how: `${groups.length} group averages × ${d0} = ${show(groups.length * d0)}`,
      value: () => groups.reduce((s, g) => {
        const vs = items.filter((i) => i.group === g).map((i) => i.q.value);
        return s + vs.reduce((a, b) => a + b, 0) / vs.length;
      }, 0),
    });
  }
  if (same) readings.push({ den: d0, how: `the average of ${items.length} items`, value: () => nums.reduce((s, n) => s + n, 0) / nums.length });
  const fit = readings.find((r) => r.den === D);
  if (!fit) {
    if (!Number.isFinite(D) || !total.q.denominatorSpan) return {};
    const what = same ? `its ${items.length} items scored out of ${d0}` : `its ${items.length} items`;
    const options = readings.filter((r) => r.den !== d0 || readings.length === 1);
    return {
      finding: {
        rule: ID,
        severity: 'error',
        message: `Score total ${total.q.raw} cannot fit ${what}: ${options.map((r) => r.how).join(', or ')}.`,
        span: total.q.span,
        fixes: options.map((r) => ({ title: `Change the total to /${r.den}`, edits: [{ span: total.q.denominatorSpan!, newText: String(r.den) }] })),
        related: items.slice(0, 1).concat(items.slice(-1)).map((i) => input(i.q, 'score item')),
        data: { expected: options[0]?.den },
      },
    };
  }
  if (!filled) return {};
  return {
    derivation: {
      rule: ID,
      target: total.q,
      label: 'Score total',
      expected: [fit.value()],
      formula: () => fit.how.startsWith('the average') ? `average of ${nums.map((n) => show(n)).join(', ')}` : fit.how.includes('group') ? 'the sum of the group averages' : nums.map((n) => show(n)).join(' + '),
      display: (v) => `${show(v, 1)}/${D}`,
      related: items.map((i) => input(i.q, 'score item')),
      fixVerb: 'Change to',
    },
  };
}

/** Score sheets: the total's scale must fit its items, and filled scores must add up. */
export default defineRule({
  meta: {
    id: ID,
    description: 'A score total (`___/50`) must fit its items (N items × 10, or group averages), and filled scores must add up.',
    severity: 'error',
    fixable: true,
    category: 'arithmetic',
  },
  derive(model) {
    return analysed(model).flatMap((r) => {
      return r.derivation ? [r.derivation] : [];
    });
  },
  check(model) {
    return analysed(model).flatMap((r) => {
      return r.finding ? [r.finding] : [];
    });
  },
});
