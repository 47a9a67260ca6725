/**
 * Messages between the main thread's `WorkerPool` and a worker thread (`worker-main.ts`): the
 * session ↔ runner messages, addressed by session id, plus the pool's own housekeeping.
 */
import type { RunnerToSession, SessionToRunner } from './messages.js';

/** Given to each worker at start. */
export interface WorkerData {
  scriptPath: string;
  /** Where the app runs: `st.secrets` and `st.login()` read `.streamlit/secrets.toml` from here. */
  cwd: string;
}

export type ToWorker =
  /** Bind a session here; its run ids continue after `lastRunId` (monotonic across restarts). */
  | { type: 'open'; sessionId: string; lastRunId: number }
  | { type: 'post'; sessionId: string; message: SessionToRunner }
  | { type: 'close'; sessionId: string }
  | { type: 'source_changed' };

export type FromWorker = { type: 'event'; sessionId: string; message: RunnerToSession };
