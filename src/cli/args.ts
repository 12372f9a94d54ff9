/**
 * Command-line arguments, read with `node:util` `parseArgs` for every command. Parsing never
 * throws: a problem comes back as a one-line reason, which `main` prints with the command's
 * usage and exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type MonthConvention as Month } from '../engine';

export type Format = 'human' | 'json' | 'sarif' | 'github' | 'junit';

export interface CheckArgs {
  paths: string[];
  format: Format;
  fix: boolean;
  quiet: boolean;
  blanks: boolean;
  /** Documents longer than this are not analysed (the engine's limit); unset: the config's or the default. */
  maxSize?: number;
  month?: Month;
  /** Remember findings of unchanged files between runs. */
  cache: boolean;
  cacheLocation?: string;
  /** `check -`: the name standard input's text is reported under and looked up as (config file). */
  stdinFilename?: string;
  /** A config file to use instead of looking one up; `false`: no config file at all. */
  config?: string | false;
  /** Globs (relative to the current folder) of files and folders not to check. */
  ignores: string[];
  /** Honour `.gitignore` files when walking folders. */
  gitignore: boolean;
  reportUnusedDisables: boolean;
  help: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const FORMATS: readonly Format[] = ['human', 'json', 'sarif', 'github', 'junit'];
const MONTHS: readonly Month[] = ['30d', '730h'];

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` with the reasons this CLI gives: `unknown option '--x'`, `option '--format'
 * needs a value`, `option '--fix' takes no value`. An option given an empty value
 * (`--format=`) needs a value too.
 */
export function parseCommand(argv: readonly string[], options: Options): Parsed<{ values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    for (const [name, spec] of Object.entries(options)) {
      const v = (values as Record<string, unknown>)[name];
      if (spec.type === 'string' && (v === '' || (Array.isArray(v) && v.includes('')))) return { ok: false, error: `option '--${name}' needs a value` };
    }
    return { ok: true, value: { values: values as Record<string, string | boolean | string[] | undefined>, positionals } };
  } catch (err) {
    return { ok: false, error: reason(err) };
  }
}

/** parseArgs' error as one short line. */
function reason(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  // `Option '-f, --format <value>' argument missing`: the long name.
  const name = /'(?:-\w, )?(-{1,2}[^'\s<,]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${name}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message) ? `option '${name}' takes no value` : `option '${name}' needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${name}'`;
    default:
      return message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
  }
}

const CHECK_OPTIONS: Options = {
  format: { type: 'string', short: 'f' },
  fix: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'no-blanks': { type: 'boolean' },
  'max-size': { type: 'string' },
  month: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'stdin-filename': { type: 'string' },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  ignore: { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  'report-unused-disables': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export function parseCheckArgs(argv: readonly string[]): Parsed<CheckArgs> {
  const parsed = parseCommand(argv, CHECK_OPTIONS);
  if (!parsed.ok) return parsed;
  const { values: v, positionals } = parsed.value;
  const args: CheckArgs = {
    paths: positionals,
    format: 'human',
    fix: v.fix === true,
    quiet: v.quiet === true,
    blanks: v['no-blanks'] !== true,
    cache: v.cache === true || typeof v['cache-location'] === 'string',
    ignores: (v.ignore as string[] | undefined) ?? [],
    gitignore: v['no-gitignore'] !== true,
    reportUnusedDisables: v['report-unused-disables'] === true,
    help: v.help === true,
  };
  if (typeof v.format === 'string') {
    if (!(FORMATS as readonly string[]).includes(v.format)) return { ok: false, error: `unknown format '${v.format}' (expected ${FORMATS.join(', ')})` };
    args.format = v.format as Format;
  }
  if (typeof v['max-size'] === 'string') {
    const size = parseSize(v['max-size']);
    if (size === undefined) return { ok: false, error: `invalid --max-size '${v['max-size']}' (expected a number of bytes, e.g. 2097152 or 2MB)` };
    args.maxSize = size;
  }
  if (typeof v.month === 'string') {
    if (!(MONTHS as readonly string[]).includes(v.month)) return { ok: false, error: `invalid --month '${v.month}' (expected 30d or 730h)` };
    args.month = v.month as Month;
  }
  if (typeof v['cache-location'] === 'string') args.cacheLocation = v['cache-location'];
  if (positionals.includes('-')) {
    if (positionals.length > 1) return { ok: false, error: "'-' (standard input) cannot be checked with other paths" };
    if (args.fix) return { ok: false, error: "--fix cannot write to standard input ('-')" };
  }
  if (typeof v['stdin-filename'] === 'string') {
    if (!positionals.includes('-')) return { ok: false, error: "--stdin-filename needs '-' (standard input) as the path" };
    args.stdinFilename = v['stdin-filename'];
  }
  if (v['no-config'] === true && typeof v.config === 'string') return { ok: false, error: '--config and --no-config cannot both be given' };
  if (typeof v.config === 'string') args.config = v.config;
  if (v['no-config'] === true) args.config = false;
  return { ok: true, value: args };
}

/** `2097152`, `512k`, `2MB` (binary multiples) → bytes; undefined when not a positive size. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|kib|m|mb|mib)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  const bytes = Math.floor(Number(m[1]) * factor);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}
