/** Code lenses: the engine's projection table, each lens above its line, with a command to show it. */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { lenses } from '../../src/engine/features';
import { Commands } from '../../client/src/protocol';
import { planState, type ServerContext } from './context';

/** The client-side command a lens runs (the VS Code extension opens the projection view). */
export const SHOW_PROJECTIONS = Commands.showProjections;

export function codeLenses(ctx: ServerContext, params: CodeLensParams): CodeLens[] {
  const found = planState(ctx, params.textDocument.uri);
  if (!found) return [];
  const { entry, state } = found;
  return lenses(state.analysis).map((l) => {
    const at = { line: l.line, character: 0 };
    return { range: { start: at, end: at }, command: { title: l.title, command: SHOW_PROJECTIONS, arguments: [entry.uri, l.line, l.kind] } };
  });
}
