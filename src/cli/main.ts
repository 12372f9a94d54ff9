/**
 * The `scaling-plan` command. `bin/scaling-plan.js` calls `main(argv)` and sets the exit code
 * from the promise: 0 clean, 1 findings of error severity, 2 usage or I/O error. Never calls
 * process.exit and never lets an exception (or its stack trace) out.
 */
import packageJson from '../../package.json';
import { parseCheckArgs, type CheckArgs } from './args';
import { runCheck } from './check';
import { runInit } from './init';
import { runReport } from './report';
import { formatHuman, summary } from './formats/human';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatGithub } from './formats/github';
import { formatJunit } from './formats/junit';
import { EXIT, processIo, type Io } from './io';

export { EXIT, type Io } from './io';

export const USAGE = `Usage: scaling-plan <command> [options]

Commands:
  check [paths...]   Check the arithmetic of scaling-plan markdown files
  report FILE        Print each stage's projection and the growth model
  init [FILE]        Write a new plan from the template

Options:
  -h, --help         Show help (also: scaling-plan check --help)
  -v, --version      Show the version
`;

export const CHECK_USAGE = `Usage: scaling-plan check [options] [paths...]

Checks scaling-plan markdown documents. Paths are files or folders (default: the current
folder), or - for the text on standard input. Folders are searched recursively for *.md files, skipping node_modules, folders
whose name starts with a dot and what .gitignore files ignore; files found there are checked
only when they are scaling plans. Files named on the command line are always checked (unless
an ignore glob matches them).

Each file uses the nearest .scaling-plan.yaml (.yml, .json) from its folder up to the
current folder: rules, month, tolerance, currency, numbers, globs, ignores. Command-line
options override it; a plan's frontmatter overrides both.

Options:
  -f, --format <f>     Output format: human (default), json, sarif, github (workflow
                       annotations) or junit (JUnit XML)
      --fix            Write every finding's preferred fix, until the text stops changing
  -q, --quiet          Report errors only
      --no-blanks      Do not report unfilled template blanks
      --max-size <n>   Do not read files larger than n bytes (default 2MB; 512k, 4MB):
                       they get one information finding, from their size alone
      --month <m>      Downtime per month over a 30-day month (30d) or 730 hours (730h)
  -c, --config <file>  Use this config file for every path (no lookup)
      --no-config      Use no config file
      --ignore <glob>  Do not check files or folders matching glob (relative to the current
                       folder; repeatable)
      --no-gitignore   Walk folders without reading .gitignore files
      --report-unused-disables  Report suppression comments that silence nothing (as errors)
      --cache          Remember findings of unchanged files (in .scaling-plan-cache),
                       keyed by content, settings and version; a bad cache is rewritten
      --cache-location <file>  Where to keep that cache
      --stdin-filename <name>  With -, the name to report and to find the config file by
  -h, --help           Show this help

Files are UTF-8, or UTF-8 or UTF-16 with a byte order mark; --fix writes them back the same
way, and never through a symbolic link to a place outside the folder given (or, for a named
file, its own folder).

Output (human): path:line:col severity message rule, one finding per line on stdout;
a summary on stderr. Under GitHub Actions (GITHUB_ACTIONS=true) the human format also
prints one workflow annotation per finding.
Exit codes: 0 no error findings, 1 error findings, 2 usage, config or I/O error.
`;

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    io.stderr(`scaling-plan: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.usage;
  }
}

function run(argv: readonly string[], io: Io): number | Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest, io);
    case 'report':
      return runReport(rest, io);
    case 'init':
      return runInit(rest, io);
    case '--help':
    case '-h':
    case 'help':
      io.stdout(USAGE);
      return EXIT.clean;
    case '--version':
    case '-v':
      io.stdout(`${packageJson.version}\n`);
      return EXIT.clean;
    case undefined:
      io.stderr(USAGE);
      return EXIT.usage;
    default:
      return usageError(io, command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`, USAGE);
  }
}

/** A usage error: the reason, then the command's usage, on stderr; exit code 2. */
function usageError(io: Io, message: string, usage: string): number {
  io.stderr(`scaling-plan: ${message}\n\n${usage}`);
  return EXIT.usage;
}

async function check(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCheckArgs(argv);
  if (!parsed.ok) return usageError(io, parsed.error, CHECK_USAGE);
  const args: CheckArgs = parsed.value;
  if (args.help) {
    io.stdout(CHECK_USAGE);
    return EXIT.clean;
  }
  const result = await runCheck(args, io.cwd, packageJson.version, io.stdin);
  const workspace = io.env?.GITHUB_WORKSPACE;
  switch (args.format) {
    case 'json':
      io.stdout(formatJson(result));
      break;
    case 'sarif':
      io.stdout(formatSarif(result, io.cwd));
      break;
    case 'github':
      io.stdout(formatGithub(result, workspace));
      break;
    case 'junit':
      io.stdout(formatJunit(result));
      break;
    default:
      io.stdout(formatHuman(result));
      // Under GitHub Actions the findings are also annotations on the pull request.
      if (io.env?.GITHUB_ACTIONS === 'true') io.stdout(formatGithub(result, workspace));
  }
  let messages = '';
  for (const note of result.notes) messages += `${note}\n`;
  for (const error of result.errors) messages += `${error}\n`;
  if (args.format === 'human' && result.reports.length > 0) messages += `${summary(result, args.quiet)}\n`;
  if (messages) io.stderr(messages);
  return result.exitCode;
}
