/**
 * Server commands (workspace/executeCommand), for clients that bind them to keys or menus:
 * fix all problems and fill computable blanks of a document, applied with workspace/applyEdit.
 */
import { ResponseError, type ExecuteCommandParams } from 'vscode-languageserver/node';
import { ServerCommands } from '../../client/src/protocol';
import type { ServerContext } from './context';
import { run } from './remote';

export const COMMANDS = ServerCommands;

export async function executeCommand(ctx: ServerContext, params: ExecuteCommandParams): Promise<{ applied: boolean; edits: number } | ResponseError<void> | null> {
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
  const found = await run(ctx, 'commandEdit', uri, { uri, action }, null);
  if (found instanceof ResponseError) return found;
  if (!found) return { applied: false, edits: 0 };
  if (found.edits === 0) return { applied: true, edits: 0 };
  const result = await ctx.connection.workspace.applyEdit({ label: action === 'fixAll' ? 'Fix all scaling-plan problems' : 'Fill computable blanks', edit: found.edit });
  return { applied: result.applied, edits: found.edits };
}
