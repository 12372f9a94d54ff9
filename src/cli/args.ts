/**
 * Command-line arguments of `scaling-plan check`. Parsing never throws: a problem comes back as
 * a usage message, which `main` prints with exit code 2.
 */
import { defaultOptions, type MonthConvention as Month } from '../engine';

export type Format = 'human' | 'json' | 'sarif';

export interface CheckArgs {
  paths: string[];
  format: Format;
  fix: boolean;
  quiet: boolean;
  blanks: boolean;
  /** Documents longer than this are not analysed (the engine's limit). */
  maxSize: number;
  month?: Month;
  /** Remember findings of unchanged files between runs. */
  cache: boolean;
  cacheLocation?: string;
  help: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const FORMATS: readonly Format[] = ['human', 'json', 'sarif'];
const MONTHS: readonly Month[] = ['30d', '730h'];
const VALUED = new Set(['--format', '-f', '--max-size', '--month', '--cache-location']);

export function parseCheckArgs(argv: readonly string[]): Parsed<CheckArgs> {
  const args: CheckArgs = {
    paths: [],
    format: 'human',
    fix: false,
    quiet: false,
    blanks: true,
    maxSize: defaultOptions.maxSize,
    cache: false,
    help: false,
  };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      args.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (VALUED.has(name)) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      if (value === undefined || value === '') return { ok: false, error: `option '${name}' needs a value` };
    } else if (eq > 0) {
      return { ok: false, error: `option '${name}' takes no value` };
    }
    switch (name) {
      case '--format':
      case '-f':
        if (!(FORMATS as readonly string[]).includes(value!)) {
          return { ok: false, error: `unknown format '${value}' (expected ${FORMATS.join(', ')})` };
        }
        args.format = value as Format;
        break;
      case '--max-size': {
        const size = parseSize(value!);
        if (size === undefined) return { ok: false, error: `invalid --max-size '${value}' (expected a number of bytes, e.g. 2097152 or 2MB)` };
        args.maxSize = size;
        break;
      }
      case '--month':
        if (!(MONTHS as readonly string[]).includes(value!)) return { ok: false, error: `invalid --month '${value}' (expected 30d or 730h)` };
        args.month = value as Month;
        break;
      case '--cache':
        args.cache = true;
        break;
      case '--cache-location':
        args.cache = true;
        args.cacheLocation = value!;
        break;
      case '--fix':
        args.fix = true;
        break;
      case '--quiet':
      case '-q':
        args.quiet = true;
        break;
      case '--no-blanks':
        args.blanks = false;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        return { ok: false, error: `unknown option '${name}'` };
    }
  }
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
