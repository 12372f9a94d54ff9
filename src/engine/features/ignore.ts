/**
 * "Ignore this finding": the edit that silences one finding with a suppression comment, keeping
 * the line's indentation (and block-quote marks) and the document's line ends.
 *
 * A comment is an HTML block of its own, so where it goes can change how the plan reads (a
 * comment between two table rows ends the table; one between a heading and its list takes the
 * list's title away). Each placement is therefore checked: the plan with the comment is analysed
 * again and must report exactly what it reported before, less what the comment silences,
 * which must include the finding. Tried in order:
 *
 * 1. `<!-- scaling-plan-disable-next-line RULE -->` above the finding's line;
 * 2. `<!-- scaling-plan-disable RULE -->` above its block (a fenced block's fence, or the line
 *    that titles it) and `<!-- scaling-plan-enable RULE -->` after it, silencing only findings
 *    of that block;
 * 3. the same from the heading of its section down to the end of its block, when that still
 *    silences only findings of the block.
 *
 * None that holds: no edit (the action is not offered).
 */
import type { Analysis, PlanService } from '../engine';
import { lineAt } from '../markdown';
import type { Edit, EngineOptions, Finding } from '../types';
import { applyEdits } from './fixes';

export interface IgnoreEdit {
  title: string;
  edits: Edit[];
}

/** Findings that are about the comments themselves or the whole document cannot be ignored this way. */
const NOT_IGNORABLE = new Set(['disable-comment', 'unused-disable', 'too-large', 'internal-error', 'frontmatter']);

export function ignoreEdit(service: PlanService, analysis: Analysis, finding: Finding, options: Partial<EngineOptions>): IgnoreEdit | undefined {
  const model = analysis.model;
  if (!model || NOT_IGNORABLE.has(finding.rule) || !/^[a-z][a-z0-9-]*$/.test(finding.rule)) return undefined;
  const text = analysis.text;
  const starts = model.outline.lineStarts;
  const line = lineAt(starts, finding.span.start);
  const eol = lineEnding(text, starts, line);
  const prefixOf = (l: number): string => /^[ \t]*(?:>[ \t]?)*[ \t]*/.exec(text.slice(starts[l]!, starts[l + 1] ?? text.length))![0];
  const insertAbove = (l: number, comment: string): Edit => ({ span: { start: starts[l]!, end: starts[l]! }, newText: `${prefixOf(l)}${comment}${eol}` });
  /** After line `l`: at the next line's start, or after the last line (with a line end first). */
  const insertBelow = (l: number, prefix: string, comment: string): Edit => {
    const next = starts[l + 1];
    if (next !== undefined) return { span: { start: next, end: next }, newText: `${prefix}${comment}${eol}` };
    return { span: { start: text.length, end: text.length }, newText: `${eol}${prefix}${comment}` };
  };
  const rule = finding.rule;
  const candidates: { title: string; edits: Edit[]; within?: [number, number] }[] = [
    { title: 'Ignore this finding on this line', edits: [insertAbove(line, `<!-- scaling-plan-disable-next-line ${rule} -->`)] },
  ];
  const code = model.outline.codeBlocks.find((b) => b.start <= line && line <= b.end);
  const block = model.blocks.find((b) => b.start <= line && line <= b.end);
  let region: [number, number, string] | undefined;
  if (code) region = [code.start, code.end, 'code block'];
  else if (block) region = [Math.min(block.titleLine ?? block.start, block.start), block.end, block.kind === 'text' ? 'paragraph' : block.kind];
  if (region) {
    const [from, to, kind] = region;
    const prefix = prefixOf(from);
    const title = `Ignore ${rule} findings in this ${kind}`;
    const wrap = (top: number): Edit[] => [insertAbove(top, `<!-- scaling-plan-disable ${rule} -->`), insertBelow(to, prefix, `<!-- scaling-plan-enable ${rule} -->`)];
    candidates.push({ title, edits: wrap(from), within: [from, to] });
    const heading = model.sectionAt[line]?.line;
    if (heading !== undefined && heading < from) candidates.push({ title, edits: wrap(heading), within: [from, to] });
  }
  for (const c of candidates) if (holds(service, analysis, finding, c.edits, options, c.within)) return { title: c.title, edits: c.edits };
  return undefined;
}

/** The line end of line `l` (or of the document's first line when `l` has none). */
function lineEnding(text: string, starts: readonly number[], l: number): string {
  const next = starts[l + 1];
  if (next !== undefined) return text.slice(next - 2, next) === '\r\n' ? '\r\n' : text[next - 1] === '\r' ? '\r' : '\n';
  const first = /\r\n|\n|\r/.exec(text);
  return first ? first[0] : '\n';
}

/**
 * Does the plan with `edits` report what it did, less what the comment silences (the finding
 * among it, and with `within`, only findings whose lines are in that range)?
 */
function holds(service: PlanService, before: Analysis, finding: Finding, edits: Edit[], options: Partial<EngineOptions>, within?: [number, number]): boolean {
  const after = service.analyze(applyEdits(before.text, edits), options);
  if (!after.model) return false;
  const shift = (offset: number): number => {
    let d = 0;
    for (const e of edits) if (e.span.start <= offset) d += e.newText.length;
    return offset + d;
  };
  const key = (f: Finding, move: boolean): string => `${f.rule}|${f.severity}|${move ? shift(f.span.start) : f.span.start}|${move ? shift(f.span.end) : f.span.end}`;
  const was = [...before.findings, ...before.suppressed].map((f) => key(f, true)).sort();
  const now = [...after.findings, ...after.suppressed].map((f) => key(f, false)).sort();
  if (was.length !== now.length || was.some((k, i) => k !== now[i])) return false;
  if (!after.suppressed.some((f) => key(f, false) === key(finding, true))) return false;
  if (within) {
    const starts = before.model!.outline.lineStarts;
    const silenced = new Set(after.suppressed.map((f) => key(f, false)));
    for (const f of before.findings) {
      if (!silenced.has(key(f, true))) continue;
      const l = lineAt(starts, f.span.start);
      if (l < within[0] || l > within[1]) return false;
    }
  }
  return true;
}
