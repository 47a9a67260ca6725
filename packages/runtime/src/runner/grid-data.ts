/**
 * Keeps a grid's data (st.dataframe, st.data_editor: megabytes for 100,000 rows) from crossing
 * from a worker to the main thread again when it did not change. Copying it costs the main
 * thread, which serves every session, tens of milliseconds per rerun (structured clone), even
 * though the outgoing mirror then finds it unchanged by its digest.
 *
 * Both ends apply one rule to the same ordered stream of a session's deltas (postMessage keeps
 * order and loses nothing): a grid delta with data records (path → digest, data); a delta of
 * anything else at that path forgets it. The worker sends a grid whose digest equals the one it
 * recorded at that path with `data: HELD`; the main thread puts the recorded data back before
 * anyone else sees the delta. A replaced worker starts empty, and the pool forgets its sessions.
 */
import type { Delta, TableData } from '@mini-st/protocol';
import type { RunnerToSession } from './messages.js';

/** The stand-in for data the main thread already holds (never reaches a session or the page). */
export const HELD: TableData = Object.freeze({ columns: [], rowCount: -1 }) as TableData;

const keyOf = (sessionId: string, delta: { path: Delta['path'] }) => `${sessionId}\u0000${delta.path.join('.')}`;

function gridOf(delta: Delta): { digest: string; data: TableData } | undefined {
  const element = delta.element;
  return element && (element.type === 'dataframe' || element.type === 'data_editor') ? element : undefined;
}

/** The worker's side: which digest the main thread holds at each session's path. */
export class GridDataSender {
  private readonly sent = new Map<string, string>();

  /**
   * The event to post: a grid delta the main thread already holds goes with `data: HELD`.
   * @example post({ type: "event", sessionId, message: sender.strip(sessionId, event) });
   */
  strip(sessionId: string, event: RunnerToSession): RunnerToSession {
    if (event.type !== 'delta') return event;
    const grid = gridOf(event.delta);
    // Most deltas are not grids, and most apps hold none: no key to build then (rerun hot path).
    if (!grid) {
      if (this.sent.size > 0) this.sent.delete(keyOf(sessionId, event.delta));
      return event;
    }
    const key = keyOf(sessionId, event.delta);
    if (this.sent.get(key) === grid.digest) {
      return { ...event, delta: { path: event.delta.path, element: { ...event.delta.element!, data: HELD } as Delta['element'] & object } };
    }
    this.sent.set(key, grid.digest);
    return event;
  }

  /** The session closed. */
  forget(sessionId: string): void {
    const prefix = `${sessionId}\u0000`;
    for (const key of this.sent.keys()) if (key.startsWith(prefix)) this.sent.delete(key);
  }
}

/** The main thread's side: the data last received at each session's path. */
export class GridDataReceiver {
  private readonly held = new Map<string, { digest: string; data: TableData }>();

  /**
   * The event as the worker's script made it: `data: HELD` replaced by the data held.
   * @example const event = receiver.restore(sessionId, message.message);
   */
  restore(sessionId: string, event: RunnerToSession): RunnerToSession {
    if (event.type === 'delta_text') {
      // Not a grid (text-delta.ts): whatever was held at its path is gone, as on the worker's side.
      if (this.held.size > 0) this.held.delete(keyOf(sessionId, event.delta));
      return event;
    }
    if (event.type !== 'delta') return event;
    const grid = gridOf(event.delta);
    if (!grid) {
      if (this.held.size > 0) this.held.delete(keyOf(sessionId, event.delta));
      return event;
    }
    const key = keyOf(sessionId, event.delta);
    if (grid.data.rowCount !== -1) {
      this.held.set(key, { digest: grid.digest, data: grid.data });
      return event;
    }
    const held = this.held.get(key);
    // Both ends follow one rule over one ordered stream, so this holds; if it ever did not, an
    // empty grid is drawn rather than a stand-in the page cannot read.
    const data = held?.digest === grid.digest ? held.data : { columns: [], rowCount: 0 };
    return { ...event, delta: { path: event.delta.path, element: { ...event.delta.element!, data } as Delta['element'] & object } };
  }

  /** The session closed, or its worker was replaced (the new worker holds nothing). */
  forget(sessionId: string): void {
    const prefix = `${sessionId}\u0000`;
    for (const key of this.held.keys()) if (key.startsWith(prefix)) this.held.delete(key);
  }
}
