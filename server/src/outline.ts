/** Document symbols: the plan's stages (headings are in the editor's own markdown outline). */
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type SymbolInformation } from 'vscode-languageserver/node';
import { documentSymbols } from '../../src/engine/features';
import { planState, type ServerContext } from './context';
import { toRange } from './convert';

export function symbols(ctx: ServerContext, params: DocumentSymbolParams): DocumentSymbol[] | SymbolInformation[] {
  const found = planState(ctx, params.textDocument.uri);
  if (!found) return [];
  const { entry, state } = found;
  const data = documentSymbols(state.analysis);
  if (!ctx.client.hierarchicalSymbols) {
    return data.map((s): SymbolInformation => ({ name: s.name, kind: SymbolKind.Module, location: { uri: entry.uri, range: toRange(entry.doc, s.span) } }));
  }
  return data.map((s): DocumentSymbol => {
    const sym: DocumentSymbol = { name: s.name, kind: SymbolKind.Module, range: toRange(entry.doc, s.span), selectionRange: toRange(entry.doc, s.selection) };
    if (s.detail) sym.detail = s.detail;
    return sym;
  });
}
