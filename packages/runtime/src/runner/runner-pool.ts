/**
 * Where sessions' script runners live. A session opens a handle on the pool and talks to its
 * runner only through messages (`SessionToRunner` / `RunnerToSession`), so the runner can sit in
 * the main thread (`InProcessPool`, `runner.isolation = "none"`) or in a worker thread
 * (`WorkerPool`, the default) without the session knowing which.
 */
import type { RunnerToSession, SessionToRunner } from './messages.js';
import type { RunnerServices } from './run-context.js';
import { ScriptRunner, type ScriptLoader } from './script-runner.js';

/** Why a session's runner was replaced by a fresh one. */
export type RestartReason =
  /** A stop (or a newer rerun) did not take effect within `runner.stopTimeout`. */
  | 'stopped'
  /** A run took longer than `runner.maxRunSeconds`. */
  | 'time_limit'
  /** The worker died (out of memory, a fault in native code…). */
  | 'crashed';

/** What a runner reports back to its session. */
export interface RunnerEvents {
  message(message: RunnerToSession): void;
  /**
   * The runner was lost and a fresh one took its place (its session_state with it). The session
   * tells the page and reruns with the widget values it holds.
   */
  restarted(reason: RestartReason): void;
}

export interface RunnerHandle {
  post(message: SessionToRunner): void;
  /** The session is gone: release the runner. */
  close(): void;
}

export interface RunnerPool {
  open(sessionId: string, events: RunnerEvents): RunnerHandle;
  /** A source file changed: compile again before the next run. */
  sourceChanged(): void;
  close(): Promise<void>;
}

/**
 * Runners in the main thread. A loop that never calls `st` blocks the process; `runner.isolation =
 * "none"` is for embedding, tests and AppTest. `maxRunSeconds` asks the run to stop, which takes
 * effect at its next `st` call.
 */
export class InProcessPool implements RunnerPool {
  private readonly loader: ScriptLoader & { invalidate(): void };
  private readonly services: RunnerServices | undefined;
  private readonly maxRunMs: number | undefined;
  private readonly runners = new Set<ScriptRunner>();

  constructor(options: { loader: ScriptLoader & { invalidate(): void }; services?: RunnerServices; maxRunMs?: number }) {
    this.loader = options.loader;
    this.services = options.services;
    this.maxRunMs = options.maxRunMs;
  }

  open(_sessionId: string, events: RunnerEvents): RunnerHandle {
    let deadline: NodeJS.Timeout | undefined;
    const runner: ScriptRunner = new ScriptRunner(
      this.loader,
      (message) => {
        if (message.type === 'run_started' && this.maxRunMs !== undefined) {
          deadline = setTimeout(() => runner.post({ type: 'stop', reason: 'time_limit' }), this.maxRunMs);
        } else if (message.type === 'run_finished') {
          clearTimeout(deadline);
        }
        events.message(message);
      },
      this.services,
    );
    this.runners.add(runner);
    return {
      post: (message) => runner.post(message),
      close: () => {
        clearTimeout(deadline);
        runner.post({ type: 'shutdown' });
        this.runners.delete(runner);
      },
    };
  }

  sourceChanged(): void {
    this.loader.invalidate();
  }

  async close(): Promise<void> {
    for (const runner of this.runners) runner.post({ type: 'shutdown' });
    await Promise.all([...this.runners].map((runner) => runner.idle()));
    this.runners.clear();
  }
}
