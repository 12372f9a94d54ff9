/**
 * Logging to the client's log (window/logMessage), and the guard every handler runs in: an
 * error inside a handler is logged and answered with an empty result, never thrown at the
 * client.
 */
import type { Connection } from 'vscode-languageserver/node';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export function connectionLogger(connection: Connection): Logger {
  const safe = (f: () => void): void => {
    try {
      f();
    } catch {
      // The connection is gone; there is nowhere left to log to.
    }
  };
  return {
    info: (m) => safe(() => connection.console.info(m)),
    warn: (m) => safe(() => connection.console.warn(m)),
    error: (m, err) => safe(() => connection.console.error(err === undefined ? m : `${m}: ${describe(err)}`)),
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return String(err);
}

/** Runs `f`; on an exception (or a rejected promise) logs it and returns `fallback`. */
export function guarded<A extends unknown[], R>(log: Logger, name: string, fallback: Awaited<R>, f: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      const result = f(...args);
      if (result instanceof Promise) {
        return result.catch((err: unknown) => {
          log.error(`${name} failed`, err);
          return fallback;
        }) as R;
      }
      return result;
    } catch (err) {
      log.error(`${name} failed`, err);
      return fallback as R;
    }
  };
}
