/**
 * Completion as plain data. In a blank: the value the plan's figures give first (a total, a
 * cost per user, a score total, a revenue, ROI, payback), then candidates typed by the blank
 * (scores, uptimes, shares that complete 100%, stage thresholds, figures stated for the same
 * item elsewhere). In the frontmatter: keys and values from the schema. Elsewhere: snippets
 * for a stage, a cost block and a risk.
 */
import type { Analysis } from '../engine';
import { frontmatterSchema } from '../frontmatter';
import type { PlanModel } from '../model';
import { show } from '../quantity';
import type { Quantity, Span } from '../types';
import { allDerivations } from './derivations';
import { fillAll, fillFor } from './fillBlanks';
import { blankText } from './format';
import { lineAt, type StagePlan } from './stages';

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

export function completionsAt(analysis: Analysis, stages: StagePlan, offset: number): CompletionData[] {
  const model = analysis.model;
  if (!model) return [];
  const fm = model.doc.frontmatter;
  if (fm && offset >= fm.contentSpan.start && offset <= fm.contentSpan.end) return frontmatterCompletions(model, offset);
  const line = lineAt(model, offset);
  if (!line) return [];
  const blank = blankAt(model, offset);
  if (blank) return numbered(blankCompletions(analysis, stages, model, blank));
  if (!line.plan && line.kind !== 'blank') return [];
  return numbered(snippets(model, stages, offset));
}

function numbered(items: Omit<CompletionData, 'sortText'>[]): CompletionData[] {
  return items.map((c, i) => ({ ...c, sortText: String(i).padStart(4, '0') }));
}

interface Blank {
  /** The run of underscores. */
  span: Span;
  /** The quantity the blank belongs to, when the scanner read one (`$___/month`). */
  q?: Quantity;
  high: boolean;
}

/** The blank (run of 3+ underscores) at or touching `offset`. */
export function blankAt(model: PlanModel, offset: number): Blank | undefined {
  const line = lineAt(model, offset);
  if (!line || !line.plan) return undefined;
  for (const q of line.quantities) {
    if (!q.blank) continue;
    if (Number.isNaN(q.value) && offset >= q.numberSpan.start && offset <= q.numberSpan.end) return { span: q.numberSpan, q, high: false };
    if (q.highSpan && q.high !== undefined && Number.isNaN(q.high) && offset >= q.highSpan.start && offset <= q.highSpan.end) return { span: q.highSpan, q, high: true };
  }
  const re = /_{3,}/g;
  for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
    const start = line.start + m.index;
    const end = start + m[0].length;
    if (offset >= start && offset <= end) return { span: { start, end }, high: false };
  }
  return undefined;
}

function blankCompletions(analysis: Analysis, stages: StagePlan, model: PlanModel, blank: Blank): Omit<CompletionData, 'sortText'>[] {
  const out: Omit<CompletionData, 'sortText'>[] = [];
  const blankText0 = model.text.slice(blank.span.start, blank.span.end);
  const push = (label: string, insertText: string, kind: CompletionKind, detail?: string, documentation?: string): void => {
    if (out.some((c) => c.insertText === insertText)) return;
    const item: Omit<CompletionData, 'sortText'> = { label, kind, insertText, span: blank.span, filterText: blankText0 + insertText };
    if (detail) item.detail = detail;
    if (documentation) item.documentation = documentation;
    if (kind === 'computed' && !out.some((c) => c.kind === 'computed')) item.preselect = true;
    out.push(item);
  };
  const q = blank.q;
  if (q) {
    for (const d of allDerivations(analysis)) {
      if (d.target.span.start !== q.span.start) continue;
      const fill = fillFor(d);
      const edit = fill?.edits.find((e) => e.span.start === blank.span.start);
      if (!fill || !edit) continue;
      push(edit.newText, edit.newText, 'computed', `= ${fill.display}`, `${d.label}: ${d.formula()} = ${fill.display}`);
    }
    // Not computable yet, but computable once the blanks it depends on are filled.
    if (!out.some((c) => c.kind === 'computed')) {
      const chained = fillAll(model.text, model.options, { analysis }).edits.find((e) => e.span.start === blank.span.start && e.span.end === blank.span.end);
      if (chained) push(chained.newText, chained.newText, 'computed', `= ${chained.newText} once the blanks it depends on are filled`, 'Computed from the figures the other blanks get when they are filled.');
    }
    for (const c of typedCandidates(model, stages, q)) push(c.text, c.text, 'candidate', c.detail);
  }
  return out;
}

/** Sensible values for a blank of a kind, beyond the computed one. */
function typedCandidates(model: PlanModel, stages: StagePlan, q: Quantity): { text: string; detail: string }[] {
  const line = lineAt(model, q.span.start)!;
  const out: { text: string; detail: string }[] = [];
  switch (q.kind) {
    case 'score': {
      const den = q.denominator;
      if (den !== undefined && Number.isFinite(den) && den <= 10) for (let v = den; v >= 1; v--) out.push({ text: String(v), detail: `${v}/${den}` });
      break;
    }
    case 'percent': {
      if (/\b(?:uptime|availability|sla|slo)\b/i.test(line.text)) {
        for (const v of ['99.9', '99.95', '99.99', '99.5']) out.push({ text: v, detail: 'uptime' });
        break;
      }
      const share = remainingShare(model, q);
      if (share !== undefined) out.push({ text: blankText(share, 'percent'), detail: 'makes the shares 100%' });
      break;
    }
    case 'users': {
      const seen = new Set<number>();
      for (const s of stages.stages) {
        for (const v of [s.low, s.high]) {
          if (v === undefined || v <= 0 || seen.has(v)) continue;
          seen.add(v);
          out.push({ text: show(v, 0), detail: `a threshold of ${s.label}` });
        }
      }
      break;
    }
    case 'money': {
      // What the plan states for the same item elsewhere.
      const item = model.groups.flatMap((g) => g.items).find((i) => i.line.index === line.index);
      if (!item) break;
      for (const g of model.groups) {
        for (const other of g.items) {
          if (other.key !== item.key || other.line.index === line.index) continue;
          const v = other.values.find((x) => x.kind === 'money' && !x.blank && x.high === undefined);
          if (v && out.length < 5) out.push({ text: blankText(v.value, 'money'), detail: `${other.label} on line ${other.line.index + 1}` });
        }
      }
      break;
    }
    case 'duration':
      for (const v of ['1', '2', '3', '6', '12']) out.push({ text: v, detail: q.unit ?? '' });
      break;
  }
  return out;
}

/** The share that makes a list of percentage items 100%, when only this one is blank. */
function remainingShare(model: PlanModel, q: Quantity): number | undefined {
  const group = model.groups.find((g) => g.items.some((i) => i.values.includes(q)));
  if (!group) return undefined;
  let sum = 0;
  let blanks = 0;
  for (const item of group.items) {
    if (item.values.length !== 1 || item.values[0]!.kind !== 'percent') return undefined;
    const v = item.values[0]!;
    if (v.blank) blanks++;
    else sum += v.value;
  }
  return blanks === 1 && sum < 100 && group.items.length >= 2 ? 100 - sum : undefined;
}

function frontmatterCompletions(model: PlanModel, offset: number): CompletionData[] {
  const line = lineAt(model, offset)!;
  const rel = offset - line.start;
  const before = line.text.slice(0, rel);
  const indent = /^\s*/.exec(line.text)![0].length;
  const out: Omit<CompletionData, 'sortText'>[] = [];
  const keyMatch = /^(\s*)([\w-]*)$/.exec(before);
  const valueMatch = /^(\s*)([\w-]+):\s*(\S*)$/.exec(before);
  if (keyMatch) {
    const parent = indent > 0 ? parentKey(model, line.index) : undefined;
    const shape = schemaShape(parent);
    const present = siblingKeys(model, line.index, indent);
    const span = { start: line.start + keyMatch[1]!.length, end: line.start + keyMatch[1]!.length + keyMatch[2]!.length + restOfWord(line.text, rel) };
    for (const [key, schema] of shape) {
      if (present.has(key)) continue;
      const item: Omit<CompletionData, 'sortText'> = { label: key, kind: 'key', insertText: key === 'assumptions' ? 'assumptions:\n  ' : `${key}: `, span };
      const doc = describe(schema);
      if (doc) item.documentation = doc;
      out.push(item);
    }
  } else if (valueMatch) {
    const key = valueMatch[2]!;
    const parent = indent > 0 ? parentKey(model, line.index) : undefined;
    const valueStart = line.start + before.length - valueMatch[3]!.length;
    const span = { start: valueStart, end: valueStart + valueMatch[3]!.length + restOfWord(line.text, rel) };
    for (const [value, detail] of valuesFor(parent, key)) out.push({ label: value, kind: 'value', insertText: value, span, detail });
  }
  return numbered(out);
}

function restOfWord(text: string, rel: number): number {
  const m = /^[\w%.$-]*/.exec(text.slice(rel));
  return m ? m[0].length : 0;
}

type AnySchema = { description?: string; shape?: Record<string, AnySchema>; unwrap?: () => AnySchema };

function schemaShape(parent: string | undefined): [string, AnySchema][] {
  const root = frontmatterSchema as unknown as AnySchema;
  if (!parent) return Object.entries(root.shape ?? {});
  let child = root.shape?.[parent];
  while (child && !child.shape && child.unwrap) child = child.unwrap();
  return child?.shape ? Object.entries(child.shape) : [];
}

function describe(schema: AnySchema): string | undefined {
  let s: AnySchema | undefined = schema;
  while (s) {
    if (s.description) return s.description;
    s = s.unwrap ? s.unwrap() : undefined;
  }
  return undefined;
}

function valuesFor(parent: string | undefined, key: string): [string, string][] {
  if (parent === undefined) {
    switch (key) {
      case 'scaling-plan':
        return [['1', 'format version 1']];
      case 'month':
        return [
          ['30d', 'a month is 30 days (99.9% → 43.2 minutes)'],
          ['730h', 'a month is 730 hours (99.9% → 43.8 minutes)'],
        ];
      case 'currency':
        return [
          ['USD', 'US dollar'],
          ['EUR', 'euro'],
          ['GBP', 'pound sterling'],
        ];
      case 'tolerance':
        return [
          ['1%', 'extra relative tolerance'],
          ['5%', 'extra relative tolerance'],
        ];
    }
    return [];
  }
  if (parent === 'assumptions') {
    switch (key) {
      case 'conversion':
        return [['5%', 'share of users who pay']];
      case 'growth':
        return [
          ['10%', 'month-over-month growth'],
          ['20%', 'month-over-month growth'],
        ];
    }
  }
  return [];
}

/** The key of the mapping a nested frontmatter line belongs to. */
function parentKey(model: PlanModel, lineIndex: number): string | undefined {
  for (let i = lineIndex - 1; i > 0; i--) {
    const text = model.doc.lines[i]!.text;
    const m = /^([\w-]+):\s*$/.exec(text);
    if (m) return m[1];
    if (/^\S/.test(text)) return undefined;
  }
  return undefined;
}

/** Keys already present at this level. */
function siblingKeys(model: PlanModel, lineIndex: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const fm = model.doc.frontmatter;
  if (!fm) return keys;
  for (const line of model.doc.lines) {
    if (line.start < fm.contentSpan.start || line.start >= fm.contentSpan.end || line.index === lineIndex) continue;
    const m = /^(\s*)([\w-]+):/.exec(line.text);
    if (m && m[1]!.length === indent) keys.add(m[2]!);
  }
  return keys;
}

function snippets(model: PlanModel, plan: StagePlan, offset: number): Omit<CompletionData, 'sortText'>[] {
  const line = lineAt(model, offset)!;
  const rel = offset - line.start;
  // Only at the start of a line (after indentation and an optional word being typed).
  const m = /^(\s*)([A-Za-z-]*)$/.exec(line.text.slice(0, rel));
  if (!m) return [];
  const span = { start: line.start + m[1]!.length, end: offset };
  const last = plan.stages[plan.stages.length - 1];
  const next = (last?.number ?? plan.stages.length) + 1;
  const low = last ? (last.high ?? last.low) : 0;
  const word = last?.word ?? 'Stage';
  return [
    {
      label: 'stage',
      kind: 'snippet',
      snippet: true,
      insertText: `${word} ${next}: \${1:Name} (${show(low, 0)}-\${2:${show(Math.max(low * 10, 100), 0)}} users)\n- \${3:What changes}\n- Timeline: Months \${4:___}`,
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
