/**
 * Totals of dictionaries written in code blocks: a cost model as a dictionary of categories,
 * each with its own total (`"cloud_run": {…, "total": 95.00}`), followed by the figure that
 * adds them up (`startup_base_monthly = 2_350.25`, or a `"grand_total"` key closing the
 * dictionary). The grand total must equal the sum of the categories' totals.
 */
import type { Expr } from '../formula';
import { Kind, lineEnd } from '../markdown';
import type { Claim, PlanModel } from '../model';
import type { Reading, Relation } from '../relation';
import { ALTERNATIVE_WORDS } from '../vocabulary';

/** A key and what it holds, as the code writes it. */
interface Entry {
  key: string;
  line: number;
  /** A number: its claim (undefined when the engine read no figure there). */
  value?: Claim;
  /** A dictionary. */
  dict?: Dict;
  /** Something else: a string, a list, a boolean. */
  other?: boolean;
}

interface Dict {
  entries: Entry[];
}

/** A statement at the top of a code block: `name = {…}` or `name = 2_350.25`. */
interface Statement {
  name: string;
  line: number;
  dict?: Dict;
  value?: Claim;
  /** Lines of comments and blank lines only between the statement and the one above. */
  adjacent: boolean;
}

const TOKEN = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|#.*$|\/\/.*$|-?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?|[A-Za-z_$][\w$]*|[{}[\]():=,]|\S/g;

type Tok = { t: string; at: number };

/** The tokens of a code block, comments left out, with their offsets in the document. */
function tokensOf(model: PlanModel, start: number, end: number): { toks: Tok[]; lineOf: (at: number) => number } {
  const { outline, text } = model;
  const toks: Tok[] = [];
  const lines: number[] = [];
  for (let l = start; l <= end; l++) {
    if (outline.kind[l] !== Kind.Code) continue;
    const s = outline.lineStarts[l]!;
    const line = text.slice(s, lineEnd(outline, l));
    for (const m of line.matchAll(TOKEN)) {
      const t = m[0];
      if (t.startsWith('#') || t.startsWith('//')) continue;
      toks.push({ t, at: s + m.index! });
      lines.push(l);
    }
    // A line break ends a statement at the top level (as in Python).
    toks.push({ t: '\n', at: s + line.length });
    lines.push(l);
  }
  const byAt = new Map<number, number>();
  toks.forEach((k, i) => byAt.set(k.at, lines[i]!));
  return { toks, lineOf: (at) => byAt.get(at) ?? -1 };
}

/** The claim the engine read at a number token. */
function claimAt(model: PlanModel, line: number, at: number): Claim | undefined {
  const row = model.rowAt[line];
  return row?.claims.find((c) => c.q.numberSpan.start <= at && at < c.q.numberSpan.end && !c.q.ordinal);
}

const MAX_DEPTH = 64;

/** Blocks read: untagged, plain text, and languages that write `name = {…}` and `a + b`. */
export const CODE_LANGS = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'none', 'python', 'py', 'python3', 'javascript', 'js', 'jsx', 'typescript', 'ts', 'tsx', 'pseudo', 'pseudocode']);

/**
 * Reads the top-level statements of a code block: assignments of dictionaries and of numbers.
 * Anything it does not follow (a function, a class, a call) ends what it reads there and is
 * left out; no statement it returns is a guess.
 */
function statementsOf(model: PlanModel, start: number, end: number): Statement[] {
  const { toks, lineOf } = tokensOf(model, start, end);
  const out: Statement[] = [];
  let i = 0;
  let adjacent = true;
  const skipNewlines = (): void => {
    while (i < toks.length && toks[i]!.t === '\n') i++;
  };
  /** Skips a bracketed value (list, call, tuple) from its opening token. */
  const skipGroup = (): boolean => {
    let depth = 0;
    for (; i < toks.length; i++) {
      const t = toks[i]!.t;
      if (t === '[' || t === '(' || t === '{') depth++;
      else if (t === ']' || t === ')' || t === '}') {
        depth--;
        if (depth === 0) {
          i++;
          return true;
        }
        if (depth < 0) return false;
      }
    }
    return false;
  };
  const readValue = (depth: number): { dict?: Dict; value?: Claim; other?: boolean } | undefined => {
    skipNewlines();
    const tok = toks[i];
    if (!tok) return undefined;
    if (tok.t === '{') return depth >= MAX_DEPTH ? undefined : readDict(depth + 1);
    if (tok.t === '[' || tok.t === '(') return skipGroup() ? { other: true } : undefined;
    if (/^-?\d/.test(tok.t)) {
      i++;
      // `1 + 2`, `5 * price`: not a number as written.
      const next = toks[i]?.t;
      if (next !== undefined && next !== ',' && next !== '}' && next !== '\n' && next !== ']' && next !== ';') return { other: true };
      const c = claimAt(model, lineOf(tok.at), tok.at);
      return c ? { value: c } : { other: true };
    }
    if (/^["']/.test(tok.t) || /^(?:True|False|None|true|false|null)$/.test(tok.t)) {
      i++;
      return { other: true };
    }
    return undefined;
  };
  const readDict = (depth: number): { dict: Dict } | undefined => {
    i++; // {
    const dict: Dict = { entries: [] };
    for (;;) {
      skipNewlines();
      const tok = toks[i];
      if (!tok) return undefined;
      if (tok.t === '}') {
        i++;
        return { dict };
      }
      if (tok.t === ',') {
        i++;
        continue;
      }
      const key = /^["']/.test(tok.t) ? tok.t.slice(1, -1) : /^[A-Za-z_$][\w$]*$/.test(tok.t) ? tok.t : undefined;
      if (key === undefined || toks[i + 1]?.t !== ':') return undefined;
      const line = lineOf(tok.at);
      i += 2;
      const v = readValue(depth);
      if (!v) return undefined;
      dict.entries.push({ key, line, ...v });
    }
  };
  while (i < toks.length) {
    const tok = toks[i]!;
    if (tok.t === '\n') {
      i++;
      continue;
    }
    // `name = …` or `const name = …` at the start of a line.
    let k = i;
    if (/^(?:const|let|var)$/.test(toks[k]!.t)) k++;
    const name = toks[k]?.t;
    if (name && /^[A-Za-z_$][\w$]*$/.test(name) && toks[k + 1]?.t === '=' && toks[k + 2]?.t !== '=') {
      i = k + 2;
      const line = lineOf(tok.at);
      const v = readValue(0);
      if (v && (v.dict || v.value) && (toks[i] === undefined || toks[i]!.t === '\n' || toks[i]!.t === ';')) {
        const s: Statement = { name, line, adjacent };
        if (v.dict) s.dict = v.dict;
        if (v.value) s.value = v.value;
        out.push(s);
        adjacent = true;
        if (toks[i]?.t === ';') i++;
        continue;
      }
    }
    // Anything else: skip to the end of the line (and of any group it opens), and it separates.
    adjacent = false;
    let depth = 0;
    for (; i < toks.length; i++) {
      const t = toks[i]!.t;
      if (t === '{' || t === '[' || t === '(') depth++;
      else if (t === '}' || t === ']' || t === ')') depth = Math.max(0, depth - 1);
      else if (t === '\n' && depth === 0) break;
    }
  }
  return out;
}

/** Words of a code name: `startup_base_monthly` → startup, base, monthly; `totalMonthly` → total, monthly. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Key words of quantities (`storage_gb`, `instances`, `sends_k`). */
const QUANTITY = new Set(['gb', 'tb', 'mb', 'kb', 'gib', 'tib', 'k', 'm', 'count', 'n', 'num', 'number', 'hours', 'hrs', 'users', 'requests', 'instances', 'instance', 'nodes', 'node', 'replicas', 'pods', 'qty', 'quantity', 'size', 'tokens', 'calls', 'seats', 'vcpu', 'vcpus', 'cores', 'memory', 'ram', 'disk', 'slots', 'volumes', 'sends', 'units', 'months', 'days', 'minutes', 'seconds', 'percent', 'pct', 'ratio', 'scaling']);

/** A key that names a quantity, by its words or by a unit in its comment (`"disk": 250,  # GB`). */
function quantityKey(e: Entry, model: PlanModel): boolean {
  const words = wordsOf(e.key);
  if (words.some((w) => QUANTITY.has(w))) return true;
  const row = model.rowAt[e.line];
  const comment = row && /(?:#|\/\/)\s*(.*)$/.exec(row.content)?.[1];
  return comment !== undefined && comment !== null && /^(?:gb|tb|mb|kb|gib|tib|hours?|hrs?|users?|requests?|instances?|nodes?|vcpus?|cores?|%)\b/i.test(comment);
}

const TOTAL_KEY = /^(?:total|totals|sum|subtotal|grand)$/;
const MONEY_KEY = /^(?:cost|costs|price|fee|fees|spend|amount|charge|charges)$/;
/** Words a grand total's name may add to its dictionary's name without narrowing it. */
const NEUTRAL = new Set(['base', 'monthly', 'month', 'mo', 'total', 'totals', 'sum', 'grand', 'cost', 'costs', 'all', 'overall', 'combined', 'spend', 'expenses', 'budget', 'of', 'the']);
const MONTHLY = new Set(['monthly', 'month', 'mo', 'per_month']);
const YEARLY = new Set(['annual', 'annually', 'yearly', 'year', 'yr']);

function periodOf(words: string[]): 'month' | 'year' | undefined {
  if (words.some((w) => YEARLY.has(w))) return 'year';
  if (words.some((w) => MONTHLY.has(w))) return 'month';
  return undefined;
}

/**
 * The figures a category may be summed by: its keys that name a total (`total`, `total_base`,
 * `base_total`), else its one key that names an amount (`monthly_cost`). Undefined when it has
 * neither: the category is not read.
 */
function categoryTotals(d: Dict, model: PlanModel): Entry[] | undefined {
  const scalars = d.entries.filter((e) => e.value);
  const totals = scalars.filter((e) => wordsOf(e.key).some((w) => TOTAL_KEY.test(w)));
  if (totals.length > 0) return totals;
  const money = scalars.filter((e) => wordsOf(e.key).some((w) => MONEY_KEY.test(w)));
  // A category with one amount and nothing else it could add (`{"instance_size": "1GB", "monthly_cost": 45}`,
  // `{"sends_k": 40, "monthly_cost": 15}`): its other figures are quantities.
  if (money.length === 1 && !d.entries.some((e) => e.dict) && scalars.every((e) => money.includes(e) || quantityKey(e, model))) return money;
  return undefined;
}

/** Which of a category's totals a grand total named with `words` reads: the one its name names. */
function choose(totals: Entry[], words: string[]): Entry[] {
  if (totals.length === 1) return totals;
  const named = totals.filter((e) => wordsOf(e.key).some((w) => !TOTAL_KEY.test(w) && words.includes(w)));
  if (named.length === 1) return named;
  const plain = totals.filter((e) => wordsOf(e.key).every((w) => TOTAL_KEY.test(w)));
  return plain.length === 1 ? plain : totals;
}

const MAX_READINGS = 16;

function relationOf(target: Claim, label: string, categories: Entry[][]): Relation | undefined {
  const cls = (c: Claim): string => `${c.unit.dim}:${c.unit.currency ?? ''}:${c.unit.per ?? ''}`;
  const all = categories.flat();
  if (all.some((e) => e.value!.q.high !== undefined || e.value!.q.blank || e.value!.q.approx)) return undefined;
  if (all.some((e) => cls(e.value!) !== cls(target))) return undefined;
  if (target.q.high !== undefined || target.q.blank) return undefined;
  let combos: Expr[][] = [[]];
  for (const options of categories) {
    const next: Expr[][] = [];
    for (const c of combos) for (const o of options) next.push([...c, { op: 'claim', claim: o.value! }]);
    combos = next;
    if (combos.length > MAX_READINGS) return undefined;
  }
  const readings: Reading[] = combos.map((terms) => ({ expr: { op: 'add', terms } }));
  const rel: Relation = { rule: 'totals', target, label, readings };
  if (readings.length === 1) rel.fixable = true;
  return rel;
}

/**
 * Grand totals of the dictionaries of every code block: a number assigned just after a
 * dictionary of categories (only comments and blank lines between, or other such totals), whose
 * name is the dictionary's with at most `base`, `monthly`, `total` added; or a total key that
 * closes the dictionary.
 */
export function codeDictTotals(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  for (const block of model.outline.codeBlocks) {
    if (block.end - block.start > 20000 || !CODE_LANGS.has(block.lang)) continue;
    let statements: Statement[];
    try {
      statements = statementsOf(model, block.start, block.end);
    } catch {
      continue;
    }
    for (let s = 0; s < statements.length; s++) {
      const st = statements[s]!;
      if (!st.dict) continue;
      const cats = st.dict.entries.filter((e) => e.dict);
      if (cats.length < 3) continue;
      // Every entry before the last category is a category (a closing total key may follow).
      const lastCat = st.dict.entries.lastIndexOf(cats[cats.length - 1]!);
      if (st.dict.entries.slice(0, lastCat).some((e) => !e.dict)) continue;
      const per = cats.map((c) => categoryTotals(c.dict!, model));
      if (per.some((p) => !p)) continue;
      const dictWords = wordsOf(st.name);
      // Options, scenarios or providers side by side are not parts of one whole.
      const titles = model.rowAt[st.line]?.block?.titles ?? [];
      if (ALTERNATIVE_WORDS.test(dictWords.join(' ')) || titles.slice(0, 2).some((t) => ALTERNATIVE_WORDS.test(t)) || cats.some((c) => /^(?:low|mid|medium|high|min|max|best|worst|base|optimistic|pessimistic|conservative|aggressive)$/i.test(c.key))) continue;
      const dictPeriod = periodOf(dictWords);
      const check = (target: Claim, name: string, label: string): void => {
        const words = wordsOf(name);
        const period = periodOf(words);
        if (period && dictPeriod && period !== dictPeriod) return;
        if (period === 'year' && dictPeriod !== 'year') return;
        const rel = relationOf(
          target,
          label,
          per.map((p) => choose(p!, words)),
        );
        if (rel) out.push(rel);
      };
      // A total key after the categories, inside the dictionary.
      for (const e of st.dict.entries.slice(lastCat + 1)) {
        if (!e.value) continue;
        const words = wordsOf(e.key);
        if (!words.some((w) => TOTAL_KEY.test(w)) || words.some((w) => !NEUTRAL.has(w) && !TOTAL_KEY.test(w))) continue;
        check(e.value, e.key, e.key);
      }
      // Numbers assigned right after it: a grand total names what the dictionary names.
      for (let n = s + 1; n < statements.length; n++) {
        const t = statements[n]!;
        if (!t.adjacent || !t.value) break;
        const words = wordsOf(t.name);
        const extra = words.filter((w) => !dictWords.includes(w) && !NEUTRAL.has(w));
        const shared = words.some((w) => dictWords.includes(w));
        if (extra.length > 0 || !(shared || words.some((w) => TOTAL_KEY.test(w)))) continue;
        check(t.value, t.name, t.name);
      }
    }
  }
  return out;
}
