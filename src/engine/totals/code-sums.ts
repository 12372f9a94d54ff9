/**
 * Arithmetic assigned in a code block with its result written beside it: `total = hosting +
 * database + backups  # 235.50` (names stand for the figures assigned to them above, in the
 * same block), or with the result on the next line (`# => 319.00`, `= 319`). Arithmetic of
 * figures only with its result in the same line's comment is read by codeEquations.
 */
import type { Expr } from '../formula';
import { Kind, lineEnd } from '../markdown';
import type { Claim, PlanModel, Row } from '../model';
import type { Relation } from '../relation';
import { CODE_LANGS } from './code-dicts';

type Tok = { t: 'num'; claim: Claim } | { t: 'name'; name: string } | { t: 'op'; op: string };

/** What a line of code assigns: `name = …`, the text of its right side, and its comment. */
interface Line {
  line: number;
  row: Row;
  name?: string;
  /** Offset of the right side (or of the code when it is no assignment). */
  codeStart: number;
  codeEnd: number;
  /** Offset of the comment's text, when the line has a comment. */
  commentStart?: number;
}

const ASSIGN = /^\s*(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=(?!=)\s*/;

function lineOf(model: PlanModel, l: number): Line | undefined {
  const row = model.rowAt[l];
  if (!row || model.outline.kind[l] !== Kind.Code) return undefined;
  const start = model.outline.lineStarts[l]!;
  const text = model.text.slice(start, lineEnd(model.outline, l));
  // A comment: `#` or `//` at the start or after a space (not inside a string: lines with quotes are left out).
  const hash = /(?:^|\s)(#|\/\/)/.exec(text);
  const code = hash ? text.slice(0, hash.index) : text;
  if (/["'`]/.test(code)) return undefined;
  const out: Line = { line: l, row, codeStart: start, codeEnd: start + code.trimEnd().length };
  if (hash) out.commentStart = start + hash.index + hash[0].length;
  const m = ASSIGN.exec(code);
  if (m) {
    out.name = m[1]!;
    out.codeStart = start + m[0].length;
  }
  return out;
}

/** A line of code that assigns arithmetic (`total = web + db  # 65.50`): its figure is a result, not a sum of the lines above. */
export function assignsArithmetic(row: Row): boolean {
  if (!row.program && row.source !== 'code') return false;
  const hash = /(?:^|\s)(#|\/\/)/.exec(row.content);
  const code = hash ? row.content.slice(0, hash.index) : row.content;
  const m = ASSIGN.exec(code);
  if (!m || /["'`]/.test(code)) return false;
  return /[\w$)\]]\s*[-+*/]\s*[\w$(]/.test(code.slice(m[0].length));
}

/** Tokens of `text` (offsets from `base`), figures placed by the engine's claims. */
function tokens(text: string, base: number, claims: Claim[]): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (/\d/.test(ch) || (ch === '.' && /\d/.test(text[i + 1] ?? ''))) {
      const m = /^[\d_]*\.?\d*(?:[eE][-+]?\d+)?/.exec(text.slice(i))!;
      const at = base + i;
      const c = claims.find((x) => x.q.numberSpan.start <= at && at < x.q.numberSpan.end);
      if (!c || c.q.high !== undefined || c.q.ordinal) return undefined;
      out.push({ t: 'num', claim: c });
      // The claim's text may run past the digits (`5K`): continue after both.
      i = Math.max(i + m[0].length, c.q.numberSpan.end - base);
      continue;
    }
    const name = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
    if (name) {
      out.push({ t: 'name', name: name[0] });
      i += name[0].length;
      continue;
    }
    if ('+-*/()'.includes(ch)) {
      if (ch === '*' && text[i + 1] === '*') return undefined;
      out.push({ t: 'op', op: ch });
      i++;
      continue;
    }
    return undefined;
  }
  return out;
}

/** expr := term (('+'|'-') term)*; term := factor (('*'|'/') factor)*; factor := num | name | '(' expr ')' */
function parse(toks: Tok[], values: Map<string, Claim>): { expr: Expr; names: number; ops: number } | undefined {
  let i = 0;
  let names = 0;
  let ops = 0;
  const factor = (): Expr | undefined => {
    const t = toks[i++];
    if (!t) return undefined;
    if (t.t === 'num') return { op: 'claim', claim: t.claim };
    if (t.t === 'name') {
      const c = values.get(t.name);
      if (!c) return undefined;
      names++;
      return { op: 'claim', claim: c };
    }
    if (t.op === '(') {
      const e = expr();
      const close = toks[i++];
      return e && close?.t === 'op' && close.op === ')' ? e : undefined;
    }
    return undefined;
  };
  const term = (): Expr | undefined => {
    let left = factor();
    while (left) {
      const t = toks[i];
      if (t?.t !== 'op' || (t.op !== '*' && t.op !== '/')) break;
      i++;
      ops++;
      const right = factor();
      if (!right) return undefined;
      left = t.op === '*' ? (left.op === 'mul' ? { op: 'mul', factors: [...left.factors, right] } : { op: 'mul', factors: [left, right] }) : { op: 'div', a: left, b: right };
    }
    return left;
  };
  const expr = (): Expr | undefined => {
    let left = term();
    while (left) {
      const t = toks[i];
      if (t?.t !== 'op' || (t.op !== '+' && t.op !== '-')) break;
      i++;
      ops++;
      const right = term();
      if (!right) return undefined;
      left = t.op === '+' ? (left.op === 'add' ? { op: 'add', terms: [...left.terms, right] } : { op: 'add', terms: [left, right] }) : { op: 'sub', a: left, b: right };
    }
    return left;
  };
  const e = expr();
  if (!e || i !== toks.length || ops === 0) return undefined;
  return { expr: e, names, ops };
}

/**
 * The result written in a comment (`# 235.50`, `# = 235.50`, `// => $235.50/month`) or, on a
 * line of its own, after `=` (`      = 235`): one figure, a few words at most after it.
 */
function resultIn(model: PlanModel, row: Row, from: number, to: number): { claim: Claim; approx: boolean } | undefined {
  const text = model.text.slice(from, to);
  const lead = /^\s*(?:=>|->|→|=|≈|~|:)?\s*(?:[~≈]\s*)?/.exec(text)![0];
  const at = from + lead.length;
  const c = row.claims.find((x) => x.q.span.start === at || (x.q.span.start === at + 1 && /^[$€£¥₹]/.test(text.slice(lead.length))) || (x.q.span.start <= at && at < x.q.numberSpan.start && x.q.span.start >= from));
  if (!c || c.q.high !== undefined || c.q.blank || c.q.ordinal) return undefined;
  const tail = model.text.slice(c.q.span.end, to);
  if (/\d/.test(tail) || tail.trim().split(/\s+/).filter(Boolean).length > 3) return undefined;
  if (c.unit.dim !== 'money' && c.unit.dim !== 'number' && c.unit.dim !== 'count') return undefined;
  return { claim: c, approx: /[~≈]/.test(lead) || c.q.approx === true };
}

export function codeSums(model: PlanModel): Relation[] {
  const out: Relation[] = [];
  for (const block of model.outline.codeBlocks) {
    if (block.end - block.start > 20000 || !CODE_LANGS.has(block.lang)) continue;
    const values = new Map<string, Claim>();
    const assigned = new Set<string>();
    for (let l = block.start; l <= block.end; l++) {
      const line = lineOf(model, l);
      if (!line) continue;
      const code = model.text.slice(line.codeStart, line.codeEnd);
      const toks = tokens(code, line.codeStart, line.row.claims);
      const parsed = toks && toks.length > 0 ? parse(toks, values) : undefined;
      if (line.name) {
        // A name assigned twice stands for no one figure.
        if (assigned.has(line.name)) values.delete(line.name);
        else if (toks?.length === 1 && toks[0]!.t === 'num') values.set(line.name, toks[0]!.claim);
        assigned.add(line.name);
      }
      if (!parsed) continue;
      // The result: in this line's comment (only with a name in the formula: figures alone are
      // read by codeEquations), or on the next line.
      let result: { claim: Claim; approx: boolean } | undefined;
      if (line.commentStart !== undefined) {
        if (parsed.names > 0) result = resultIn(model, line.row, line.commentStart, lineEnd(model.outline, l));
      } else if (l + 1 <= block.end) {
        const next = model.rowAt[l + 1];
        const nextStart = model.outline.lineStarts[l + 1]!;
        const nextText = model.text.slice(nextStart, lineEnd(model.outline, l + 1));
        const m = /^\s*(?:(?:#|\/\/)\s*(?=(?:=>|->|→|=|≈)?\s*[~≈$€£¥₹\d])|(?==\s))/.exec(nextText);
        if (next && m && model.outline.kind[l + 1] === Kind.Code) {
          result = resultIn(model, next, nextStart + m[0].length, nextStart + nextText.length);
          // A comment of its own is a result only when it says so (`# => 319`) or is the figure alone.
          if (result && /^\s*(?:#|\/\/)/.test(nextText) && !/^\s*(?:#|\/\/)\s*(?:=>|->|→|=|≈)/.test(nextText) && /\p{L}/u.test(model.text.slice(result.claim.q.span.end, nextStart + nextText.length))) result = undefined;
        }
      }
      if (!result) continue;
      const dims = new Set<string>();
      const walk = (e: Expr): void => {
        if (e.op === 'claim') dims.add(e.claim.unit.dim);
        else if (e.op === 'add') e.terms.forEach(walk);
        else if (e.op === 'mul') e.factors.forEach(walk);
        else if (e.op === 'sub' || e.op === 'div') {
          walk(e.a);
          walk(e.b);
        }
      };
      walk(parsed.expr);
      if ([...dims].some((d) => d !== 'money' && d !== 'number' && d !== 'count')) continue;
      const rel: Relation = { rule: 'explicit-arithmetic', target: result.claim, label: line.name ? `Result of ${line.name}` : 'Result', readings: [{ expr: parsed.expr }] };
      if (result.approx) rel.approx = true;
      else rel.fixable = true;
      out.push(rel);
    }
  }
  return out;
}
