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

/** Where a logger writes: one line at a time, without the trailing newline. */
export interface LogStreams {
  out(line: string): void;
  err(line: string): void;
}

const consoleStreams: LogStreams = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Writes info to stdout, warnings and faults to stderr (or to the given streams). */
export function createConsoleLogger(streams: LogStreams = consoleStreams): Logger {
  return {
    info: (message) => streams.out(message),
    warn: (message) => streams.err(message),
    error: (message, error) => streams.err(error === undefined ? message : `${message}\n${describeError(error)}`),
  };
}

/** Drops everything (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
