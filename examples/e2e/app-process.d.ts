/** Types of `app-process.js`: start `mini-st run` as a child process on a free port. */

/** The repository root (absolute, ends with a separator). */
export declare const repoRoot: string;

export interface StartAppOptions {
  /** Added to the parent's environment (after NO_COLOR=1). */
  env?: Record<string, string>;
  /** More CLI arguments, after `--server.port 0 --server.headless true`. */
  args?: string[];
  /** Flags for Node itself, before the CLI's path (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Working directory of the child; defaults to the repository root (its .streamlit/ applies). */
  cwd?: string;
  /** How long to wait for "Local URL"; defaults to 30 s. */
  timeoutMs?: number;
  /** The CLI to start (an installed mini-st's bin/mini-st.js); defaults to this repository's. */
  cliPath?: string;
  /** `run` (the default) or `hello` (the built-in demo; pass `null` as the script). */
  command?: 'run' | 'hello';
}

export interface RunningApp {
  /** As printed, e.g. "http://localhost:40123/". */
  url: string;
  port: number;
  /** The child's process id (memory readings, signals). */
  pid: number;
  /** Kill the child (SIGTERM, SIGKILL after 5 s) and wait until it exited. */
  stop(): Promise<void>;
  /** Everything the child printed so far. */
  output(): { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export declare function startApp(scriptPath: string | null, options?: StartAppOptions): Promise<RunningApp>;
