/**
 * What every handler shares: the connection, the open documents, the log, and what the client
 * said it supports.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { Logger } from './log';
import type { DocState, Entry, Workspace } from './workspace';

export interface ClientSupport {
  configuration: boolean;
  relatedInformation: boolean;
  documentChanges: boolean;
  codeActionResolve: boolean;
  snippets: boolean;
  hierarchicalSymbols: boolean;
  markdownHover: boolean;
  /** The client opens `uri#L12` links in hovers (VS Code does; terminal editors show them raw). */
  followsLinks: boolean;
  codeLensRefresh: boolean;
  /** The client watches files for the server (`workspace/didChangeWatchedFiles`, registered dynamically). */
  watchesFiles: boolean;
  /** The client pulls diagnostics (`textDocument/diagnostic`); the others get them pushed. */
  pullDiagnostics: boolean;
  /** The client re-pulls every document's diagnostics when asked (`workspace/diagnostic/refresh`). */
  diagnosticRefresh: boolean;
}

export interface ServerContext {
  connection: Connection;
  workspace: Workspace;
  log: Logger;
  client: ClientSupport;
}

/** The document and its current analysis when it is open and a plan; undefined otherwise. */
export function planState(ctx: ServerContext, uri: string): { entry: Entry; state: DocState } | undefined {
  const entry = ctx.workspace.get(uri);
  if (!entry) return undefined;
  const state = ctx.workspace.state(entry);
  if (!state.selection.isPlan || !state.analysis.model) return undefined;
  return { entry, state };
}
