/**
 * Document outline and folding from the model: sections nested by heading level, stages
 * nested in the section that defines them; folds for sections, fenced blocks, frontmatter,
 * tables and titled blocks.
 */
import type { PlanModel } from '../model';
import type { Span } from '../types';
import { userRange } from './format';
import type { StagePlan } from './stages';

export interface SymbolData {
  name: string;
  detail?: string;
  kind: 'section' | 'stage';
  /** Whole extent (a section runs to the next heading of its level or higher). */
  span: Span;
  /** The heading or stage title. */
  selection: Span;
  children: SymbolData[];
}

export function documentSymbols(model: PlanModel, plan: StagePlan): SymbolData[] {
  const lines = model.doc.lines;
  const root: SymbolData[] = [];
  const stack: { level: number; sym: SymbolData }[] = [];
  const endOfLine = (i: number): number => lines[i]!.start + lines[i]!.text.length;
  const headings = model.sections.filter((s) => s.heading);
  headings.forEach((section, k) => {
    const heading = section.heading!;
    // Runs to the next heading of the same or a higher level.
    let last = lines.length - 1;
    for (let j = k + 1; j < headings.length; j++) {
      if (headings[j]!.level <= section.level) {
        last = headings[j]!.firstLine - 1;
        break;
      }
    }
    while (last > heading.index && lines[last]!.kind === 'blank') last--;
    const sym: SymbolData = {
      name: section.title || '(untitled)',
      kind: 'section',
      span: { start: heading.start, end: endOfLine(last) },
      selection: { start: heading.start, end: endOfLine(heading.index) },
      children: [],
    };
    while (stack.length && stack[stack.length - 1]!.level >= section.level) stack.pop();
    (stack.length ? stack[stack.length - 1]!.sym.children : root).push(sym);
    stack.push({ level: section.level, sym });
  });
  for (const stage of plan.stages) {
    const sym: SymbolData = {
      name: stage.label,
      detail: userRange(stage.low, stage.high, stage.open),
      kind: 'stage',
      span: { start: lines[stage.line]!.start, end: endOfLine(stage.line) },
      selection: stage.span,
      children: [],
    };
    insert(root, sym);
  }
  return root;
}

/** Puts a stage under the innermost section that contains it. */
function insert(list: SymbolData[], sym: SymbolData): void {
  for (const s of list) {
    if (s.kind === 'section' && sym.span.start >= s.span.start && sym.span.end <= s.span.end) {
      insert(s.children, sym);
      return;
    }
  }
  list.push(sym);
  list.sort((a, b) => a.span.start - b.span.start);
}

export interface FoldData {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment';
}

export function foldingRanges(model: PlanModel): FoldData[] {
  const lines = model.doc.lines;
  const out: FoldData[] = [];
  const lastContent = (from: number, to: number): number => {
    let j = to;
    while (j > from && lines[j]!.kind === 'blank') j--;
    return j;
  };
  const headings = model.sections.filter((s) => s.heading);
  headings.forEach((section, k) => {
    let last = lines.length - 1;
    for (let j = k + 1; j < headings.length; j++) {
      if (headings[j]!.level <= section.level) {
        last = headings[j]!.firstLine - 1;
        break;
      }
    }
    const end = lastContent(section.firstLine, last);
    if (end > section.firstLine) out.push({ startLine: section.firstLine, endLine: end, kind: 'region' });
  });
  if (model.doc.frontmatter) {
    const end = lineIndexAt(model, model.doc.frontmatter.span.end);
    if (end > 0) out.push({ startLine: 0, endLine: end, kind: 'region' });
  }
  // Fenced blocks: from the opening fence to the closing one.
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.kind !== 'fence') continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.block === lines[i]!.block && lines[j]!.kind !== 'fence') j++;
    if (j < lines.length && lines[j]!.kind === 'fence' && lines[j]!.block === lines[i]!.block) {
      if (j > i) out.push({ startLine: i, endLine: j });
      i = j;
    }
  }
  for (const table of model.tables) {
    const last = table.rows[table.rows.length - 1];
    if (last && last.line.index > table.header.index) out.push({ startLine: table.header.index, endLine: last.line.index });
  }
  for (const group of model.groups) {
    const first = group.title ?? group.lines[0]!;
    const last = group.lines[group.lines.length - 1]!;
    if (last.index > first.index + 1) out.push({ startLine: first.index, endLine: last.index });
  }
  // One fold per start line (editors keep only one): the widest.
  const seen = new Set<number>();
  return out
    .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine)
    .filter((f) => (seen.has(f.startLine) ? false : (seen.add(f.startLine), true)));
}

function lineIndexAt(model: PlanModel, offset: number): number {
  const starts = model.doc.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
