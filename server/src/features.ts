/**
 * The requests that read a document's analysis, by name: what the main thread runs for a small
 * document and what a document's analysis thread runs for a large one (server/src/remote.ts).
 * Parameters and results are plain data, so they cross a thread boundary as they are.
 */
import type {
  CodeAction,
  CodeActionParams,
  CodeLensParams,
  CompletionParams,
  DocumentSymbolParams,
  HoverParams,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { ProjectionsParams } from '../../client/src/protocol';
import { codeActions, editsFor, resolveCodeAction } from './codeActions';
import { codeLenses } from './codeLens';
import { complete } from './completion';
import { planState, type ServerContext } from './context';
import { toWorkspaceEdit } from './convert';
import { hover } from './hover';
import { symbols } from './outline';
import { projections, statusOf } from './protocol';

/** The edit of a server command (fix all, fill blanks) for a document, or null when it is not a plan. */
export interface CommandEdit {
  edit: WorkspaceEdit;
  edits: number;
}

export const FEATURES = {
  hover: (ctx: ServerContext, p: HoverParams) => hover(ctx, p),
  codeLens: (ctx: ServerContext, p: CodeLensParams) => codeLenses(ctx, p),
  codeAction: (ctx: ServerContext, p: CodeActionParams) => codeActions(ctx, p),
  codeActionResolve: (ctx: ServerContext, p: CodeAction) => resolveCodeAction(ctx, p),
  completion: (ctx: ServerContext, p: CompletionParams) => complete(ctx, p),
  documentSymbol: (ctx: ServerContext, p: DocumentSymbolParams) => symbols(ctx, p),
  projections: (ctx: ServerContext, p: ProjectionsParams) => projections(ctx, p),
  commandEdit: (ctx: ServerContext, p: { uri: string; action: 'fixAll' | 'fillBlanks' }): CommandEdit | null => {
    const found = planState(ctx, p.uri);
    if (!found) return null;
    const edits = editsFor(ctx, found.entry, found.state, { action: p.action });
    return { edit: toWorkspaceEdit(found.entry.doc, edits, ctx.client.documentChanges), edits: edits.length };
  },
  /** Whether the open document is a plan, and its findings by severity (for Check Workspace). */
  summary: (ctx: ServerContext, p: { uri: string }) => {
    const entry = ctx.workspace.get(p.uri);
    if (!entry) return null;
    const { isPlan, counts } = statusOf(entry, ctx.workspace.state(entry));
    return { isPlan, counts };
  },
};

export type Feature = keyof typeof FEATURES;
export type FeatureParams<F extends Feature> = Parameters<(typeof FEATURES)[F]>[1];
export type FeatureResult<F extends Feature> = ReturnType<(typeof FEATURES)[F]>;
