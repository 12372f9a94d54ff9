/**
 * Completion as plain data. In a blank: the value the plan's formulas give first (what "Fill
 * computable blanks" writes), then candidates typed by the blank (scores, uptimes, the share
 * that completes 100%, stage thresholds, the figure stated for the same item elsewhere). In the
 * frontmatter: keys and values from the frontmatter's JSON Schema (generated from its zod
 * schema). At the start of a line of plan text: snippets for a stage, a cost block and a risk.
 */
import { z } from 'zod';
import type { Analysis } from '../engine';
import { blankText, figure } from '../format';
import { evaluate, type Expr } from '../formula';
import { lineEnd } from '../markdown';
import type { Claim, PlanModel } from '../model';
import { frontmatterSchema } from '../options';
import { lineAt } from '../positions';
import type { Span } from '../types';
import { UPTIME_WORDS, hasWord, normalizeLabel } from '../vocabulary';
import { blankFills } from './fill';

export type CompletionKind = 'computed' | 'candidate' | 'key' | 'value' | 'snippet';

export interface CompletionData {
  label: string;
  kind: CompletionKind;
  /** Text that replaces `span`; a snippet (with `$1` tab stops) when `snippet`. */
  insertText: string;
  span: Span;
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  preselect?: boolean;
  /** Sort key: the order given here is the order meant. */
  sortText: string;
  filterText?: string;
}

type Item = Omit<CompletionData, 'sortText'>;

export function completionsAt(analysis: Analysis, offset: number): CompletionData[] {
  const model = analysis.model;
  if (!model) return [];
  const fm = model.outline.frontmatter;
  if (fm && offset >= fm.content.start && offset <= fm.content.end) return numbered(frontmatterCompletions(analysis.text, model, offset));
  const blank = blankAt(model, offset);
  if (blank) return numbered(blankCompletions(analysis, blank));
  return numbered(snippets(analysis, offset));
}

function numbered(items: Item[]): CompletionData[] {
  return items.map((c, i) => ({ ...c, sortText: String(i).padStart(4, '0') }));
}

interface Blank {
  /** The run of underscores. */
  span: Span;
  /** The claim the blank belongs to (`$___/month`), when it is one. */
  claim?: Claim;
}

/** The blank (run of 3+ underscores) at or touching `offset`. */
export function blankAt(model: PlanModel, offset: number): Blank | undefined {
  const line = lineAt(model.outline.lineStarts, offset);
  const row = model.rowAt[line];
  if (!row || row.program) return undefined;
  for (const c of row.claims) {
    if (!c.q.blank) continue;
    const s = c.q.numberSpan;
    if (offset >= s.start && offset <= s.end && model.text.startsWith('___', s.start)) return { span: s, claim: c };
  }
  const text = model.text.slice(model.outline.lineStarts[line]!, lineEnd(model.outline, line));
  const base = model.outline.lineStarts[line]!;
  const re = /_{3,}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = base + m.index;
    const end = start + m[0].length;
    if (offset >= start && offset <= end) return { span: { start, end } };
  }
  return undefined;
}

function blankCompletions(analysis: Analysis, blank: Blank): Item[] {
  const out: Item[] = [];
  const model = analysis.model!;
  const written = model.text.slice(blank.span.start, blank.span.end);
  const push = (label: string, kind: CompletionKind, detail?: string, documentation?: string): void => {
    if (out.some((c) => c.insertText === label)) return;
    const item: Item = { label, kind, insertText: label, span: blank.span, filterText: written + label };
    if (detail) item.detail = detail;
    if (documentation) item.documentation = documentation;
    if (kind === 'computed' && !out.some((c) => c.kind === 'computed')) item.preselect = true;
    out.push(item);
  };
  const c = blank.claim;
  if (!c) return out;
  const fill = blankFills(analysis).find((f) => f.claim === c);
  const edit = fill?.edits.find((e) => e.span.start === blank.span.start);
  if (fill && edit) push(edit.newText, 'computed', `= ${fill.shown}`, `${fill.relation.label}: ${fill.formula} = ${fill.shown}`);
  for (const k of candidates(analysis, c)) push(k.text, 'candidate', k.detail);
  return out;
}

/** Sensible values for a blank of its kind, beyond the computed one. */
function candidates(analysis: Analysis, c: Claim): { text: string; detail: string }[] {
  const out: { text: string; detail: string }[] = [];
  const style = analysis.style;
  switch (c.unit.dim) {
    case 'score': {
      const den = c.q.denominator;
      if (den !== undefined && Number.isFinite(den) && den <= 10) for (let v = den; v >= 1; v--) out.push({ text: String(v), detail: `${v}/${den}` });
      break;
    }
    case 'percent': {
      if (hasWord(normalizeLabel(c.row.content), UPTIME_WORDS)) {
        for (const v of ['99.9', '99.95', '99.99', '99.5']) out.push({ text: v, detail: 'uptime' });
        break;
      }
      const rest = remainingShare(c);
      if (rest !== undefined) {
        const v = evaluate(rest, { end: 'low', alt: false });
        const t = v && v.v > 0 ? blankText(v.v, c.unit, style) : undefined;
        if (t) out.push({ text: t, detail: 'makes the shares 100%' });
      }
      break;
    }
    case 'count': {
      if (c.unit.noun !== 'user' && c.unit.noun !== 'customer') break;
      const seen = new Set<number>();
      for (const e of analysis.stages().primary?.entries ?? []) {
        for (const v of [e.users?.low, e.users?.high]) {
          if (v === undefined || v <= 0 || seen.has(v)) continue;
          seen.add(v);
          out.push({ text: figure(v, style, 0), detail: `a threshold of ${e.label}` });
        }
      }
      break;
    }
    case 'money': {
      // What the plan states for the same item elsewhere.
      const key = c.row.key;
      if (!key) break;
      for (const row of analysis.model!.rows) {
        if (row === c.row || row.key !== key) continue;
        const v = row.values.find((x) => x.unit.dim === 'money' && !x.q.blank && x.q.high === undefined);
        const t = v ? blankText(v.q.low, v.unit, style) : undefined;
        if (t && out.length < 5) out.push({ text: t, detail: `${row.label} on line ${row.line + 1}` });
      }
      break;
    }
    case 'duration':
      for (const v of ['1', '2', '3', '6', '12']) out.push({ text: v, detail: c.unit.time ?? '' });
      break;
  }
  return out;
}

/** The share that makes a list of percentage items 100%, when only this one is blank: 100% − the others. */
function remainingShare(c: Claim): Expr | undefined {
  const block = c.row.block;
  if (!block || block.kind === 'table') return undefined;
  const items: Claim[] = [];
  for (const row of block.rows) {
    if (!row.label) continue;
    if (row.values.length !== 1 || row.values[0]!.unit.dim !== 'percent') return undefined;
    items.push(row.values[0]!);
  }
  const others = items.filter((x) => x !== c);
  if (items.length < 2 || !items.includes(c) || others.some((x) => x.q.blank || x.q.high !== undefined)) return undefined;
  return { op: 'sub', a: { op: 'const', value: 100, text: '100%' }, b: { op: 'add', terms: others.map((x) => ({ op: 'claim', claim: x })) } };
}

// ---------------------------------------------------------------- frontmatter

interface JsonSchema {
  description?: string;
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  examples?: unknown[];
}

/** The frontmatter's JSON Schema (what `schemas/` ships). */
const FRONTMATTER_JSON_SCHEMA = z.toJSONSchema(frontmatterSchema, { io: 'input' }) as JsonSchema;

function valuesOf(s: JsonSchema): string[] {
  const out: string[] = [];
  for (const v of [...(s.enum ?? []), ...(s.const !== undefined ? [s.const] : []), ...(s.examples ?? [])]) out.push(String(v));
  for (const a of s.anyOf ?? []) out.push(...valuesOf(a));
  return [...new Set(out)];
}

function frontmatterCompletions(text: string, model: PlanModel, offset: number): Item[] {
  const starts = model.outline.lineStarts;
  const line = lineAt(starts, offset);
  const start = starts[line]!;
  const lineText = text.slice(start, lineEnd(model.outline, line));
  const before = text.slice(start, offset);
  const indent = /^\s*/.exec(lineText)![0].length;
  const out: Item[] = [];
  const parent = indent > 0 ? parentKey(text, model, line) : undefined;
  const root = FRONTMATTER_JSON_SCHEMA;
  const shape = parent ? root.properties?.[parent]?.properties : root.properties;
  if (!shape) return out;
  const restOfWord = (): number => /^[\w%.$-]*/.exec(text.slice(offset, start + lineText.length))![0].length;
  const keyMatch = /^(\s*)([\w-]*)$/.exec(before);
  const valueMatch = /^(\s*)([\w-]+):\s*(\S*)$/.exec(before);
  if (keyMatch) {
    const present = siblingKeys(text, model, line, indent);
    const span = { start: start + keyMatch[1]!.length, end: offset + restOfWord() };
    for (const [key, schema] of Object.entries(shape)) {
      if (present.has(key)) continue;
      const item: Item = { label: key, kind: 'key', insertText: schema.properties ? `${key}:\n${' '.repeat(indent + 2)}` : `${key}: `, span };
      if (schema.description) item.documentation = schema.description;
      out.push(item);
    }
  } else if (valueMatch) {
    const schema = shape[valueMatch[2]!];
    if (!schema) return out;
    const valueStart = offset - valueMatch[3]!.length;
    const span = { start: valueStart, end: offset + restOfWord() };
    for (const v of valuesOf(schema)) {
      const item: Item = { label: v, kind: 'value', insertText: v, span };
      if (schema.description) item.detail = schema.description;
      out.push(item);
    }
  }
  return out;
}

function lineOfText(text: string, model: PlanModel, i: number): string {
  return text.slice(model.outline.lineStarts[i]!, lineEnd(model.outline, i));
}

/** The key of the mapping a nested frontmatter line belongs to. */
function parentKey(text: string, model: PlanModel, line: number): string | undefined {
  for (let i = line - 1; i > 0; i--) {
    const t = lineOfText(text, model, i);
    const m = /^([\w-]+):\s*$/.exec(t);
    if (m) return m[1];
    if (/^\S/.test(t)) return undefined;
  }
  return undefined;
}

/** Keys already present at this level. */
function siblingKeys(text: string, model: PlanModel, line: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const fm = model.outline.frontmatter;
  if (!fm) return keys;
  const first = lineAt(model.outline.lineStarts, fm.content.start);
  const last = lineAt(model.outline.lineStarts, fm.content.end);
  for (let i = first; i <= last; i++) {
    if (i === line) continue;
    const m = /^(\s*)([\w-]+):/.exec(lineOfText(text, model, i));
    if (m && m[1]!.length === indent) keys.add(m[2]!);
  }
  return keys;
}

// ---------------------------------------------------------------- snippets

function snippets(analysis: Analysis, offset: number): Item[] {
  const model = analysis.model!;
  const line = lineAt(model.outline.lineStarts, offset);
  if (model.rowAt[line]?.program) return [];
  const start = model.outline.lineStarts[line]!;
  // Only at the start of a line (after indentation and a word being typed).
  const m = /^(\s*)([A-Za-z-]*)$/.exec(model.text.slice(start, offset));
  if (!m) return [];
  const span = { start: start + m[1]!.length, end: offset };
  const entries = analysis.stages().primary?.entries ?? [];
  const last = entries[entries.length - 1];
  const next = (last?.number ?? entries.length) + 1;
  const low = last?.users ? (last.users.high ?? last.users.low) : 0;
  const word = last?.word ?? 'Stage';
  const f = (n: number): string => figure(n, analysis.style, 0);
  return [
    {
      label: 'stage',
      kind: 'snippet',
      snippet: true,
      insertText: `${word} ${next}: \${1:Name} (${f(low)}-\${2:${f(Math.max(low * 10, 100))}} users)\n- \${3:What changes}\n- Timeline: Months \${4:___}`,
      span,
      detail: `${word} ${next} with its user range`,
      filterText: 'stage',
    },
    {
      label: 'cost block',
      kind: 'snippet',
      snippet: true,
      insertText: '${1:1,000} users:\n- Hosting: \\$${2:___}/month\n- Database: \\$${3:___}/month\n- Monitoring: \\$${4:___}/month\n- Total: \\$___/month\n- Cost per user: \\$___/month',
      span,
      detail: 'users, line items, total and cost per user (the blanks fill from the items)',
      filterText: 'cost block',
    },
    {
      label: 'risk',
      kind: 'snippet',
      snippet: true,
      insertText: '- Risk: ${1:what could go wrong}\n  - Likelihood: ${2|Low,Medium,High|}\n  - Impact: ${3|Low,Medium,High|}\n  - Mitigation: ${4:what we do about it}',
      span,
      detail: 'a risk with likelihood, impact and mitigation',
      filterText: 'risk',
    },
  ];
}
