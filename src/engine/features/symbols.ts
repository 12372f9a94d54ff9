/**
 * Document symbols for what the markdown outline lacks: the plan's stages, with their user
 * ranges (or timelines) as detail. Headings are already in every editor's markdown outline,
 * so they are not listed again (breadcrumbs would show each twice).
 */
import type { Analysis } from '../engine';
import { lineEnd } from '../markdown';
import type { Span } from '../types';
import { usersText } from './figures';

export interface SymbolData {
  name: string;
  detail?: string;
  kind: 'stage';
  /** The stage's lines, up to the next stage of its list. */
  span: Span;
  /** The stage's title. */
  selection: Span;
}

export function documentSymbols(analysis: Analysis): SymbolData[] {
  const model = analysis.model;
  if (!model) return [];
  const out: SymbolData[] = [];
  const outline = model.outline;
  for (const seq of analysis.stages().sequences) {
    if (seq.alternatives) continue;
    for (const e of seq.entries) {
      if (!e.users && !e.timeline) continue;
      // The stage runs over its scope, without the blank lines that close it.
      let last = Math.max(e.scope.start, e.scope.end - 1);
      while (last > e.scope.start && lineEnd(outline, last) === outline.lineStarts[last]) last--;
      const sym: SymbolData = {
        name: e.label,
        kind: 'stage',
        span: { start: outline.lineStarts[e.scope.start]!, end: lineEnd(outline, last) },
        selection: { ...e.span },
      };
      if (e.users) sym.detail = usersText(e.users, analysis.style);
      else if (e.timeline) sym.detail = model.text.slice(e.timeline.span.start, e.timeline.span.end);
      out.push(sym);
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
