/**
 * The runtime's own small logger: startup lines and runtime faults, nothing per request.
 * Fastify's logger stays off; the CLI and the server write through this interface instead, so
 * tests can capture or silence it.
 */

/** Where the server and CLI report what an operator should see. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** A runtime fault; `error` is printed with its stack when there is one. */
  error(message: string, error?: unknown): void;
}

/** Writes info to stdout, warnings and faults to stderr. */
export function createConsoleLogger(): Logger {
  return {
    info: (message) => console.log(message),
    warn: (message) => console.warn(message),
    error: (message, error) => console.error(error === undefined ? message : `${message}\n${describeError(error)}`),
  };
}

/** Drops everything (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
