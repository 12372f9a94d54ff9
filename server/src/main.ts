/**
 * `scaling-plan-server --stdio` (or `--node-ipc`, `--socket=N`, `--pipe=NAME`): the Scaling Plan
 * language server. The transport is read from the command line by vscode-languageserver.
 */
// First: it holds the young generation at its first size before anything else allocates.
import './memory';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type MessageReader } from 'vscode-languageserver/node';
import { jsonEncoder } from './encode';
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
  // Over stdio the server writes its own messages (see encode.ts); the library's writer builds
  // each message as one string first.
  const stdio = args.includes('--stdio');
  // stdin is passed as a stream (the typings want a reader here), so the library still ends the
  // process when the client's side of it closes.
  const connection = stdio
    ? createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new StreamMessageWriter(process.stdout, { contentTypeEncoder: jsonEncoder }))
    : createConnection(ProposedFeatures.all);
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
