import type { Expr } from '../formula';
import { isTotalRow } from '../items';
import type { Block, Claim, PlanModel, Row } from '../model';
import { checkRelation, type Reading, type Relation } from '../relation';
import { defineRule, type RuleContext } from '../rule';
import { hasWord, normalizeLabel, WordList } from '../vocabulary';

/**
 * Shares of a whole: in a table whose total row says 100%, each row's percentage is its
 * amount over the total amount (`$230 | 45%` over `$500 | 100%`), and the percentages add up to
 * 100% (each may be rounded: n rows drift by up to n/2 of their last digit). Only declared
 * partitions are checked: a column of percentages without a 100% total may hold rates,
 * thresholds or growth. Also: what a split written as lines leaves (`= 55% left: $44` after the
 * shares taken from an amount), and counts split by a stated ratio (`100 Free : 1 Pro`).
 */
export default defineRule({
  meta: {
    id: 'shares',
    description: 'Shares of a whole (a table whose total row says 100%, a split written as lines, counts split by a stated ratio) must match their amounts and add up to 100%.',
    severity: 'error',
    fixable: false,
    category: 'arithmetic',
  },
  relations(model, ctx) {
    const out: Relation[] = [];
    for (const block of model.blocks) {
      if (block.kind === 'table') out.push(...inTable(block, ctx));
      else out.push(...remainderOfSplit(model, block, ctx));
    }
    out.push(...ratioSplits(model));
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

/** A line that states what the shares above leave: `= 40% left for …`, `- 25% remaining: …`. */
const REMAINDER = new WordList(['left', 'remaining', 'remainder', 'rest', 'leftover', 'available', 'what is left', 'restante', 'resto', 'sobra', 'reste', 'restant', 'übrig', 'rest', 'verbleibend', 'rimanente', 'pozostałe', 'kalan', 'остаток', 'остальное', 'sisa', 'còn lại', '残り', '剩余', '其余', '나머지', '남은']);

/** A line of a split: one percentage, then one amount (`- 30% for hosting: $240`). */
function shareLine(row: Row): { share: Claim; amount: Claim } | undefined {
  if (row.program || row.cells || row.claims.length !== 2) return undefined;
  const [share, amount] = row.claims as [Claim, Claim];
  if (share.unit.dim !== 'percent' || (amount.unit.dim !== 'money' && amount.unit.dim !== 'count')) return undefined;
  for (const c of [share, amount]) if (c.q.blank || c.q.high !== undefined || c.q.bound || c.q.open || c.q.approx) return undefined;
  return { share, amount };
}

/**
 * A split of one amount written as lines: the amount (`Margin per seat: $80`, in the block or
 * on the line just above a list), the shares taken
 * from it (`- 25% to hosting: $20`, each its percentage of the amount), and a last line for what
 * is left (`= 55% for growth: $44`). The share left is 100% less the shares taken, and its amount
 * over the whole. Checked only when every share taken matches its amount, which shows that the
 * percentages are of that amount (and not growth rates or discounts).
 */
function remainderOfSplit(model: PlanModel, block: Block, ctx: RuleContext): Relation[] {
  const out: Relation[] = [];
  // A list's amount may be the line just above it (`Margin per seat: $80` over `- 25% …`).
  const above = block.kind === 'list' ? model.rowAt[block.start - 1] : undefined;
  const rows = above && above.source === 'text' && above.block?.rows.length === 1 ? [above, ...block.rows] : block.rows;
  for (let i = 0; i + 3 < rows.length; i++) {
    const base = rows[i]!;
    if (base.program || base.cells || base.claims.length !== 1) continue;
    const whole = base.claims[0]!;
    if ((whole.unit.dim !== 'money' && whole.unit.dim !== 'count') || whole.q.blank || whole.q.high !== undefined || whole.q.bound || whole.q.open || whole.q.low <= 0) continue;
    const taken: { share: Claim; amount: Claim }[] = [];
    let j = i + 1;
    for (; j < rows.length; j++) {
      const line = shareLine(rows[j]!);
      if (!line || isRemainder(rows[j]!) || rows[j]!.depth !== rows[i + 1]!.depth) break;
      taken.push(line);
    }
    const last = rows[j];
    const left = last && last.depth === rows[i + 1]!.depth ? shareLine(last) : undefined;
    if (taken.length < 2 || !left || !isRemainder(last!)) continue;
    const sameUnit = (c: Claim): boolean => c.unit.dim === whole.unit.dim && c.unit.currency === whole.unit.currency;
    if (![...taken, left].every((t) => sameUnit(t.amount))) continue;
    // Every share taken is its percentage of the whole.
    const ofWhole = (t: { share: Claim; amount: Claim }): Expr => ({ op: 'scale', a: { op: 'div', a: { op: 'claim', claim: t.amount }, b: { op: 'claim', claim: whole } }, factor: 100, why: '100%' });
    const holds = taken.every((t) => checkRelation({ rule: 'shares', target: t.share, label: 'Share', readings: [{ expr: ofWhole(t) }] }, ctx.options).holds);
    if (!holds) continue;
    const rest: Expr = { op: 'sub', a: { op: 'const', value: 100, text: '100%' }, b: { op: 'add', terms: taken.map((t) => ({ op: 'claim', claim: t.share })) } };
    out.push({
      rule: 'shares',
      target: left.share,
      label: 'Share left',
      readings: [
        { expr: rest, name: 'read as what the shares above leave' },
        { expr: ofWhole(left), name: 'read as its amount over the whole' },
      ],
    });
    i = j;
  }
  return out;
}

function isRemainder(row: Row): boolean {
  return /^\s*=/.test(row.content) || hasWord(normalizeLabel(row.label || row.content), REMAINDER);
}

/**
 * `100 Free : 1 Pro`: two counts of named things in a ratio, the colon spaced. Not `Week 1
 * Target: 2 videos` (a number after a word is an index, and a colon against a word ends a label).
 */
const RATIO = /(?<![\p{L}\p{N}.,]\s*)(\d[\d.,]*)\s+(\p{L}[\p{L}\p{M}-]*)\s+:\s+(\d[\d.,]*)\s+(\p{L}[\p{L}\p{M}-]*)/gu;

/** A word's stem for matching `Writer` with `Writers`. */
function stem(word: string): string {
  const w = word.toLowerCase();
  return w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w;
}

/** The word right after a claim: `909 Free users` → free. */
function wordAfter(model: PlanModel, c: Claim): string | undefined {
  const m = /^\s+(\p{L}[\p{L}\p{M}-]*)/u.exec(model.text.slice(c.q.numberSpan?.end ?? c.q.span.end, (c.q.numberSpan?.end ?? c.q.span.end) + 40));
  return m ? stem(m[1]!) : undefined;
}

/**
 * A split by a stated ratio: `Target mix: 100 Free : 1 Pro` over a block that counts both sides
 * (`- 990 Free users`, `- 10 Pro users`). The smaller side is the larger side's count times the
 * ratio (or its share of both counts). Both counts must sit in one block of the ratio's section,
 * each named by the ratio's words, each word with one count.
 */
function ratioSplits(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  for (const row of model.rows) {
    if (row.program || row.cells || row.claims.length < 2 || !row.content.includes(':')) continue;
    for (const m of row.content.matchAll(RATIO)) {
      const at = (k: number): Claim | undefined => {
        const start = row.contentStart + m.index! + m[0].indexOf(m[k]!, k === 3 ? m[0].indexOf(':') : 0);
        return row.claims.find((c) => (c.q.numberSpan ?? c.q.span).start === start);
      };
      const left = at(1);
      const right = at(3);
      const wl = stem(m[2]!);
      const wr = stem(m[4]!);
      if (!left || !right || wl === wr) continue;
      if (![left, right].every((c) => (c.unit.dim === 'number' || c.unit.dim === 'count') && c.q.high === undefined && !c.q.blank && c.q.low > 0)) continue;
      if (left.q.low === right.q.low) continue;
      const section = model.sectionAt[row.line];
      if (!section) continue;
      // The counts: in the ratio's section, below it, in one block.
      const found = new Map<string, Claim[]>();
      for (let l = row.line + 1; l < section.end; l++) {
        const r = model.rowAt[l];
        if (!r || r.program || r.cells) continue;
        for (const c of r.claims) {
          if ((c.unit.dim !== 'number' && c.unit.dim !== 'count') || c.q.high !== undefined || c.q.blank) continue;
          const w = wordAfter(model, c);
          if (w === wl || w === wr) found.set(w, [...(found.get(w) ?? []), c]);
        }
      }
      const cl = found.get(wl);
      const cr = found.get(wr);
      if (!cl || !cr || cl.length !== 1 || cr.length !== 1 || cl[0]!.row.block !== cr[0]!.row.block) continue;
      const [small, big, nSmall, nBig] = left.q.low < right.q.low ? [cl[0]!, cr[0]!, left, right] : [cr[0]!, cl[0]!, right, left];
      if (small.q.approx || big.q.approx) continue;
      const ratio: Expr = { op: 'div', a: { op: 'claim', claim: nSmall }, b: { op: 'claim', claim: nBig } };
      out.push({
        rule: 'shares',
        target: small,
        label: `${m[small === cl[0] ? 2 : 4]} count`,
        readings: [
          { expr: { op: 'mul', factors: [{ op: 'claim', claim: big }, ratio] }, name: `read as ${m[0].trim()}` },
          {
            expr: { op: 'mul', factors: [{ op: 'add', terms: [{ op: 'claim', claim: big }, { op: 'claim', claim: small }] }, { op: 'div', a: { op: 'claim', claim: nSmall }, b: { op: 'add', terms: [{ op: 'claim', claim: nSmall }, { op: 'claim', claim: nBig }] } }] },
            name: `read as its share of both counts at ${m[0].trim()}`,
          },
        ],
      });
    }
  }
  return out;
}
