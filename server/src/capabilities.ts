/**
 * What the server answers `initialize` with, and what it reads of the client's capabilities.
 * Kept apart from the engine: dist/server.js answers `initialize` with this alone and loads the
 * rest (dist/server-core.js) right after (see main.ts).
 */
import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { ServerCommands } from '../../client/src/protocol';
import type { ClientSupport } from './context';
import { version } from '../../package.json';

export const SERVER_NAME = 'scaling-plan';
export const SERVER_VERSION: string = version;

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.scalingPlan`;
export const FILL_BLANKS_KIND = `${CodeActionKind.Source}.fillBlanks.scalingPlan`;

/** What the client said it supports. */
export function clientSupport(params: InitializeParams): ClientSupport {
  const caps = params?.capabilities ?? {};
  return {
    configuration: caps.workspace?.configuration === true,
    relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation === true,
    documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
    codeActionResolve: caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit') === true,
    snippets: caps.textDocument?.completion?.completionItem?.snippetSupport === true,
    hierarchicalSymbols: caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    markdownHover: caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? false,
    // VS Code (and code-server) open `file#L12` links in hovers; terminal editors show them raw.
    followsLinks: /visual studio code|vscode|code-server|vscodium|cursor/i.test(params?.clientInfo?.name ?? ''),
    codeLensRefresh: caps.workspace?.codeLens?.refreshSupport === true,
    watchesFiles: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    pullDiagnostics: caps.textDocument?.diagnostic !== undefined && caps.textDocument.diagnostic !== null,
    diagnosticRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
  };
}

export function initializeResult(c: ClientSupport): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, FILL_BLANKS_KIND], resolveProvider: true },
      codeLensProvider: { resolveProvider: false },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['_', ':'], resolveProvider: false },
      documentSymbolProvider: { label: 'Scaling plan' },
      executeCommandProvider: { commands: [ServerCommands.fixAll, ServerCommands.fillBlanks] },
      // Clients that pull diagnostics get them by textDocument/diagnostic; the others, pushed.
      ...(c.pullDiagnostics ? { diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
}
