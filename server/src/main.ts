/**
 * `scaling-plan-server --stdio` (or `--node-ipc`, `--socket=N`, `--pipe=NAME`): the Scaling Plan
 * language server. The transport is read from the command line by vscode-languageserver.
 */
import { format, parseArgs } from 'node:util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_VERSION, startServer } from './server';

const USAGE = `Usage: scaling-plan-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The Scaling Plan language server: live checks, quick fixes, projection lenses, stage hovers
and blank completion for scaling-plan markdown documents, over the Language Server Protocol.

Options:
  -h, --help      Show this help
  -v, --version   Show the version
`;

/** The transport options vscode-languageserver reads from the command line, and ours. */
function parseCommandLine(argv: string[]): { ok: true; help: boolean; version: boolean; transport: boolean; stdio: boolean } | { ok: false; error: string } {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        stdio: { type: 'boolean' },
        'node-ipc': { type: 'boolean' },
        socket: { type: 'string' },
        pipe: { type: 'string' },
        clientProcessId: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    const transport = values.stdio === true || values['node-ipc'] === true || values.socket !== undefined || values.pipe !== undefined;
    return { ok: true, help: values.help === true, version: values.version === true, transport, stdio: values.stdio === true };
  } catch (err) {
    return { ok: false, error: (err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '') };
  }
}

const parsed = parseCommandLine(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`scaling-plan-server: ${parsed.error}\n\n${USAGE}`);
  process.exitCode = 2;
} else if (parsed.version) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else if (parsed.help || !parsed.transport) {
  (parsed.help ? process.stdout : process.stderr).write(USAGE);
  if (!parsed.help) process.exitCode = 2;
} else {
  const stdio = parsed.stdio;
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
