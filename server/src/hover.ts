/** Hovers: the engine's hover text at the position, as markdown (or plain text). */
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { hoverAt, plainLink, uriLink } from '../../src/engine/features';
import { planState, type ServerContext } from './context';
import { offsetOf, toRange } from './convert';

export function hover(ctx: ServerContext, params: HoverParams): Hover | null {
  const found = planState(ctx, params.textDocument.uri);
  if (!found) return null;
  const { entry, state } = found;
  const offset = offsetOf(entry.doc, params.position);
  if (offset === undefined) return null;
  const h = hoverAt(state.analysis, offset, ctx.client.followsLinks ? uriLink(entry.uri) : plainLink);
  if (!h) return null;
  return {
    contents: ctx.client.markdownHover ? { kind: 'markdown', value: h.markdown } : { kind: 'plaintext', value: h.markdown },
    range: toRange(entry.doc, h.span),
  };
}
