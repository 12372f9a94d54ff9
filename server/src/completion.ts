/** Completion: computed values and candidates in blanks, frontmatter keys and values, snippets. */
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
} from 'vscode-languageserver/node';
import { completionsAt, type CompletionKind } from '../../src/engine/features';
import type { ServerContext } from './context';
import { offsetOf, toRange } from './convert';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  computed: CompletionItemKind.Value,
  candidate: CompletionItemKind.Constant,
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
};

export function complete(ctx: ServerContext, params: CompletionParams): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const entry = ctx.workspace.get(params.textDocument.uri);
  if (!entry) return empty;
  const state = ctx.workspace.state(entry);
  if (!state.analysis.model) return empty;
  const offset = offsetOf(entry.doc, params.position);
  if (offset === undefined) return empty;
  const isPlan = state.selection.isPlan;
  let data = completionsAt(state.analysis, offset);
  // A document that is not a plan only gets help writing the frontmatter that makes it one.
  if (!isPlan) data = data.filter((c) => c.kind === 'key' || c.kind === 'value');
  if (!ctx.client.snippets) data = data.filter((c) => !c.snippet);
  const items = data.map((c): CompletionItem => {
    const item: CompletionItem = {
      label: c.label,
      kind: KIND[c.kind],
      sortText: c.sortText,
      textEdit: { range: toRange(entry.doc, c.span), newText: c.insertText },
    };
    if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
    if (c.preselect) item.preselect = true;
    if (c.filterText) item.filterText = c.filterText;
    return item;
  });
  return { isIncomplete: false, items };
}
