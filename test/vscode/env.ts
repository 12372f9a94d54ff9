/**
 * What the real-editor test runners share: where things are, the code-server install (a real
 * VS Code server and web workbench, see /work/shared/docs/real-editors.md), headless Chromium,
 * free ports, and child processes that are waited on by their output and stopped by their own
 * process group (never by name).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results');
export const FIXTURES = join(ROOT, 'test', 'vscode', 'fixtures');

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags without which Chromium tries network hosts this machine refuses. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The cached code-server package folder, when it is installed for this Node. */
export function codeServerDir(): string | undefined {
  const dir = join(process.env.SCALING_PLAN_CACHE ?? join(homedir(), '.cache', 'scaling-plan'), `code-server-${CODE_SERVER_VERSION}`);
  const marker = join(dir, '.complete');
  if (!existsSync(marker)) return undefined;
  return readFileSync(marker, 'utf8').includes(`node-abi ${process.versions.modules}`) ? dir : undefined;
}

/** The code-server package folder, installing it first (scripts/setup-code-server.sh) when missing. */
export function ensureCodeServer(): string {
  const found = codeServerDir();
  if (found) return found;
  log('code-server is not installed yet: running scripts/setup-code-server.sh (about 80 s)');
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'setup-code-server.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/setup-code-server.sh failed with exit code ${r.status}`);
  const dir = r.stdout.trim().split('\n').pop()!;
  if (!existsSync(join(dir, 'out', 'node', 'entry.js'))) throw new Error(`setup-code-server.sh printed ${dir}, which is not a code-server package`);
  return dir;
}

/** Why the real-editor tests cannot run here, or undefined when they can. */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  if (!codeServerDir()) return `the code-server cache is missing (bash scripts/setup-code-server.sh)`;
  return undefined;
}

/** Bundles dist/ (client, server, CLI) unless SCALING_PLAN_SKIP_BUILD=1 says it is fresh. */
export function buildExtension(): void {
  if (process.env.SCALING_PLAN_SKIP_BUILD === '1') return;
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
}

export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export function log(message: string): void {
  process.stderr.write(`[vscode-tests] ${message}\n`);
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A private working folder for one run (workspace copy, editor data, bundles), so runs started
 * at the same time (by hand, and by `npm test` in another checkout step) do not share state.
 * Only results, logs and screenshots go to test-results/.
 */
export function workDir(name: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `scaling-plan-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Empties a results folder of the files a run writes (not the folder: another run may be writing). */
export function clearResults(dir: string): string {
  ensureDir(dir);
  for (const f of readdirSync(dir)) if (/\.(?:png|json|log)$/.test(f)) rmSync(join(dir, f), { force: true });
  return dir;
}

/**
 * A child process in its own process group, its output copied to a log file and watched line
 * by line, so tests wait for what it prints instead of sleeping.
 */
export class Proc {
  readonly child: ChildProcess;
  private output = '';
  private readonly logFile: WriteStream;
  private readonly watchers = new Set<() => void>();
  readonly exited: Promise<number | null>;

  constructor(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; logPath: string; echo?: boolean }) {
    this.logFile = createWriteStream(opts.logPath);
    this.child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.output += text;
      this.logFile.write(text);
      if (opts.echo) process.stderr.write(text);
      for (const w of [...this.watchers]) w();
    };
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
    this.exited = new Promise((resolveExit) => {
      this.child.on('exit', (code, signal) => {
        for (const w of [...this.watchers]) w();
        resolveExit(code ?? (signal ? 128 : null));
      });
      this.child.on('error', (err) => {
        this.output += `\n[spawn error] ${err.message}\n`;
        resolveExit(127);
      });
    });
  }

  get text(): string {
    return this.output;
  }

  /** Resolves with the first match of `pattern` in the output (past or future); rejects on timeout or exit. */
  waitFor(pattern: RegExp, timeoutMs: number, what = String(pattern)): Promise<RegExpMatchArray> {
    return new Promise((resolveMatch, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const check = () => {
        const m = this.output.match(pattern);
        if (m) {
          done();
          resolveMatch(m);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          done();
          reject(new Error(`process exited (${this.child.exitCode ?? this.child.signalCode}) before printing ${what}`));
        }
      };
      const done = () => {
        this.watchers.delete(check);
        if (timer) clearTimeout(timer);
      };
      timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.watchers.add(check);
      check();
    });
  }

  /** Stops the whole process group this process leads: SIGTERM, then SIGKILL if it lingers. */
  async stop(graceMs = 5000): Promise<void> {
    const pid = this.child.pid;
    if (pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
      signalGroup(pid, 'SIGTERM');
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      if ((await Promise.race([this.exited, timer])) === 'timeout') signalGroup(pid, 'SIGKILL');
      await this.exited;
    }
    // Children that outlived the leader (an extension host, the language server) share its group.
    if (pid !== undefined) signalGroup(pid, 'SIGKILL');
    await new Promise<void>((r) => this.logFile.end(() => r()));
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
