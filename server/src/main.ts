/**
 * `scaling-plan-server --stdio` (or `--node-ipc`, `--socket=N`, `--pipe=NAME`): the Scaling Plan
 * language server. The transport is read from the command line by vscode-languageserver.
 */
import { format } from 'node:util';
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
  const stdio = args.includes('--stdio');
  const connection = createConnection(ProposedFeatures.all);
  const ctx = startServer(connection);
  // stdout carries the protocol: anything written to the console goes to the client's log
  // instead (as vscode-languageserver does when it picks stdio itself).
  if (stdio) {
    const toLog = (write: (m: string) => void) => (...parts: unknown[]) => write(format(...parts));
    console.log = console.info = console.debug = console.trace = toLog(ctx.log.info);
    console.warn = toLog(ctx.log.warn);
    console.error = toLog((m) => ctx.log.error(m));
  }
  // Nothing may take the server down: log and carry on.
  process.on('uncaughtException', (err) => ctx.log.error('uncaught exception', err));
  process.on('unhandledRejection', (err) => ctx.log.error('unhandled rejection', err));
  connection.listen();
}
