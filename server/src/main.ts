/**
 * `scaling-plan-server --stdio` (or `--node-ipc`, `--socket=N`, `--pipe=NAME`): the Scaling Plan
 * language server. The transport is read from the command line by vscode-languageserver.
 *
 * This entry (dist/server.js) holds only the protocol library and what `initialize` needs
 * (capabilities.ts), so the answer comes before the engine is loaded. The rest of the server
 * (server.ts, bundled as dist/server-core.js) is loaded right after.
 */
import { join } from 'node:path';
import { format, parseArgs } from 'node:util';
import * as protocol from 'vscode-languageserver/node';
import { createConnection, ProposedFeatures, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import { clientSupport, initializeResult, SERVER_VERSION } from './capabilities';
import type { ClientSupport } from './context';
import { connectionLogger, guarded } from './log';

type Core = typeof import('./server');

/** The rest of the server: dist/server-core.js beside this bundle, or server.ts from source. */
function loadCore(): Core {
  // The core's bundle takes the protocol library from here (scripts/bundle.mjs, SHARED_PROTOCOL):
  // one copy, so that its ResponseError is the one the connection recognises.
  (globalThis as Record<string, unknown>).__scalingPlanProtocol = protocol;
  // A path esbuild does not follow: the core is its own bundle.
  const file = join(__dirname, __filename.endsWith('.ts') ? 'server.ts' : 'server-core.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as Core;
}

/**
 * Answers `initialize` at once, then loads the core and hands it the connection: right after the
 * answer is written (two turns of the event loop: the protocol library writes it on the next),
 * or on `initialized` if that comes first. Messages that arrive meanwhile wait in the
 * connection's queue until the core's handlers are in place.
 */
function serve(connection: Connection): void {
  const log = connectionLogger(connection);
  let started: { client: ClientSupport; params: InitializeParams } | undefined;
  let ctx: ReturnType<Core['startServer']> | undefined;
  let core: Core | undefined;
  const load = (): void => {
    if (core || !started) return;
    try {
      core = loadCore();
      ctx = core.startServer(connection, started.client, started.params);
    } catch (err) {
      log.error('loading the server failed', err);
    }
  };
  connection.onInitialize(
    guarded(log, 'initialize', { capabilities: {} }, (params: InitializeParams) => {
      const client = clientSupport(params);
      started = { client, params };
      setImmediate(() => setImmediate(load));
      return initializeResult(client);
    }),
  );
  connection.onInitialized(
    guarded(log, 'initialized', undefined, () => {
      load();
      if (core && ctx) core.watchConfigFiles(ctx);
    }),
  );
}

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
  serve(connection);
  const log = connectionLogger(connection);
  // stdout carries the protocol: anything written to the console goes to the client's log
  // instead (as vscode-languageserver does when it picks stdio itself).
  if (stdio) {
    const toLog = (write: (m: string) => void) => (...parts: unknown[]) => write(format(...parts));
    console.log = console.info = console.debug = console.trace = toLog(log.info);
    console.warn = toLog(log.warn);
    console.error = toLog((m) => log.error(m));
  }
  // Nothing may take the server down: log and carry on.
  process.on('uncaughtException', (err) => log.error('uncaught exception', err));
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', err));
  connection.listen();
}
