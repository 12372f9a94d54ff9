/**
 * Where the CLI writes and which folder it resolves paths against. `main` uses the process's
 * streams; tests pass their own to capture output without spawning a process.
 */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Environment variables read (`GITHUB_ACTIONS`, `GITHUB_WORKSPACE`); none when absent. */
  env?: Record<string, string | undefined>;
  /** Standard input's bytes, at most `max` of them (`check -`). */
  stdin?: (max: number) => Promise<Uint8Array>;
}

let guarded = false;

/**
 * The process's own streams. A closed pipe (`scaling-plan check | head`) must not end in an
 * uncaught EPIPE and its stack trace: write errors are ignored once the reader is gone.
 */
export function processIo(): Io {
  if (!guarded) {
    guarded = true;
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdin: readStdin,
  };
}

/** Reads standard input to its end, or until more than `max` bytes have come (then stops reading). */
function readStdin(max: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (): void => {
      input.off('data', onData);
      input.off('end', finish);
      input.off('error', reject);
      if (length > max) input.destroy();
      resolve(Buffer.concat(chunks, length));
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > max) finish();
    };
    input.on('data', onData);
    input.once('end', finish);
    input.once('error', reject);
  });
}

/** Exit codes of the `scaling-plan` command (the CLI contract). */
export const EXIT = {
  /** No finding of error severity. */
  clean: 0,
  /** At least one finding of error severity. */
  findings: 1,
  /** A usage error or an I/O error (missing, unreadable, binary or non-UTF-8 file). */
  usage: 2,
} as const;
