/**
 * `scaling-plan-server --stdio` (or `--node-ipc`, `--socket=N`, `--pipe=NAME`): the Scaling Plan
 * language server. The transport is read from the command line by vscode-languageserver.
 */
// First: it holds the young generation at its first size before anything else allocates.
import './memory';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_VERSION, startServer } from './server';

const USAGE = `Usage: scaling-plan-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The Scaling Plan language server: live checks, quick fixes, projection lenses, stage hovers
and blank completion for scaling-plan markdown documents, over the Language Server Protocol.
`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h') || !args.some((a) => /^--(?:stdio|node-ipc|socket|pipe)(?:=|$)/.test(a))) {
  (args.includes('--help') || args.includes('-h') ? process.stdout : process.stderr).write(USAGE);
  if (!args.includes('--help') && !args.includes('-h')) process.exitCode = 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  const ctx = startServer(connection);
  // Nothing may take the server down: log and carry on.
  process.on('uncaughtException', (err) => ctx.log.error('uncaught exception', err));
  process.on('unhandledRejection', (err) => ctx.log.error('unhandled rejection', err));
  connection.listen();
}
