/**
 * The message boundary between a session (main side: socket, outgoing queue) and its script
 * runner (script side: compiled app, session_state, callbacks). Today both live in one thread and
 * these travel by function call; every payload is plain, cloneable data so the runner can move to a
 * worker thread without the session changing.
 */
import type { Delta, RunStatus, WidgetValue } from '@mini-st/protocol';

export type SessionToRunner =
  /** Run again with these widget values and these buttons pressed (already coalesced). */
  | { type: 'rerun'; widgets: Record<string, WidgetValue>; triggers: string[] }
  /** The page's Stop control. */
  | { type: 'stop' }
  /** The session is gone: stop and release everything. */
  | { type: 'shutdown' };

export type RunnerToSession =
  | { type: 'run_started'; runId: number }
  | { type: 'delta'; runId: number; delta: Delta }
  | { type: 'run_finished'; runId: number; status: RunStatus; counts: Record<string, number> }
  | { type: 'navigate'; url: string };
