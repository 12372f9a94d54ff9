/**
 * The language server plus the reference protocol handlers (./protocolHandlers.ts), for
 * `npm run test:vscode -- --reference-server`. The status notification goes out after each
 * publishDiagnostics of an open document, as the protocol asks.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../../server/src/server';
import { registerProtocol, sendStatus } from './protocolHandlers';

const connection = createConnection(ProposedFeatures.all);
const ctx = startServer(connection);
const publish = connection.sendDiagnostics.bind(connection);
connection.sendDiagnostics = async (params) => {
  await publish(params);
  const entry = ctx.workspace.get(params.uri);
  if (entry && params.version === entry.doc.version) sendStatus(connection, entry, ctx.workspace.state(entry));
};
registerProtocol(ctx);
connection.listen();
