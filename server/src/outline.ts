/** Document symbols (sections and stages, nested) and folding ranges. */
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { documentSymbols, foldingRanges, type SymbolData } from '../../src/engine/features';
import { planState, type ServerContext } from './context';
import { toRange } from './convert';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function symbols(ctx: ServerContext, params: DocumentSymbolParams): DocumentSymbol[] | SymbolInformation[] {
  const found = planState(ctx, params.textDocument.uri);
  if (!found) return [];
  const { entry, state } = found;
  const data = documentSymbols(state.analysis.model!, ctx.workspace.stages(entry, state));
  const tree = data.map((s) => toSymbol(entry.doc, s));
  if (ctx.client.hierarchicalSymbols) return tree;
  const flat: SymbolInformation[] = [];
  const walk = (list: DocumentSymbol[], container?: string): void => {
    for (const s of list) {
      const info: SymbolInformation = { name: s.name, kind: s.kind, location: { uri: entry.uri, range: s.range } };
      if (container) info.containerName = container;
      flat.push(info);
      walk(s.children ?? [], s.name);
    }
  };
  walk(tree);
  return flat;
}

function toSymbol(doc: TextDocument, s: SymbolData): DocumentSymbol {
  const range = toRange(doc, s.span);
  let selectionRange = toRange(doc, s.selection);
  // The selection must lie inside the range.
  if (s.selection.start < s.span.start || s.selection.end > s.span.end) selectionRange = range;
  const sym: DocumentSymbol = {
    name: s.name,
    kind: s.kind === 'stage' ? SymbolKind.Module : SymbolKind.String,
    range,
    selectionRange,
    children: s.children.map((c) => toSymbol(doc, c)),
  };
  if (s.detail) sym.detail = s.detail;
  return sym;
}

export function folding(ctx: ServerContext, params: FoldingRangeParams): FoldingRange[] {
  const found = planState(ctx, params.textDocument.uri);
  if (!found) return [];
  return foldingRanges(found.state.analysis.model!).map((f) => {
    const r: FoldingRange = { startLine: f.startLine, endLine: f.endLine };
    if (f.kind === 'region') r.kind = FoldingRangeKind.Region;
    return r;
  });
}
