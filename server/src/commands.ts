/**
 * Server commands (workspace/executeCommand), for clients that bind them to keys or menus:
 * fix all problems and fill computable blanks of a document, applied with workspace/applyEdit.
 */
import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import { ServerCommands } from '../../client/src/protocol';
import { editsFor } from './codeActions';
import { planState, type ServerContext } from './context';
import { toWorkspaceEdit } from './convert';

export const COMMANDS = ServerCommands;

export async function executeCommand(ctx: ServerContext, params: ExecuteCommandParams): Promise<{ applied: boolean; edits: number } | null> {
  const uri = params.arguments?.[0];
  if (typeof uri !== 'string') {
    ctx.log.warn(`${params.command} needs a document URI as its first argument`);
    return null;
  }
  const action = params.command === COMMANDS.fixAll ? 'fixAll' : params.command === COMMANDS.fillBlanks ? 'fillBlanks' : undefined;
  if (!action) {
    ctx.log.warn(`unknown command ${params.command}`);
    return null;
  }
  const found = planState(ctx, uri);
  if (!found) return { applied: false, edits: 0 };
  const edits = editsFor(ctx, found.entry, found.state, { action });
  if (edits.length === 0) return { applied: true, edits: 0 };
  const result = await ctx.connection.workspace.applyEdit({ label: action === 'fixAll' ? 'Fix all scaling-plan problems' : 'Fill computable blanks', edit: toWorkspaceEdit(found.entry.doc, edits, ctx.client.documentChanges) });
  return { applied: result.applied, edits: edits.length };
}
