/**
 * A session's outgoing messages: batched per event-loop turn, merged, and diffed against a mirror
 * of what the page already shows, so an unchanged element is never sent again. The mirror follows
 * the same tree rules as the page's reducer (protocol rules 1–5); on a new connection it starts
 * empty and everything is sent.
 *
 * Merge rules (each has a test):
 * - consecutive deltas of one run travel in one `deltas` message;
 * - a newer element at a path replaces a queued element at that path when nothing queued after it
 *   replaces one of its ancestors;
 * - `reached` rides on the last `deltas` message of a flush, and is dropped when the run's
 *   `run_finished` (whose `counts` supersede it) is in the same flush.
 *
 * A delta arrives as an object (in-process runners, grids, uploaders), which the queue stringifies
 * for the mirror, or as the text a worker made (`TextDelta`, runner/text-delta.ts), which it
 * compares as it is and passes on for the frame to be built around (wire-text.ts).
 */
import {
  pathKey,
  withPageValue,
  type Delta,
  type DeltasMessage,
  type RunStatus,
  type ServerMessage,
  type WidgetElement,
  type WidgetValue,
} from '@mini-st/protocol';
import { mirrorText, signature } from './mirror-text.js';
import type { TextDelta } from '../runner/messages.js';
import type { QueuedDeltas } from './wire-text.js';

/** What the queue hands its sink: server messages, `deltas` possibly holding a worker's texts. */
export type OutgoingMessage = Exclude<ServerMessage, DeltasMessage> | QueuedDeltas;

interface MirrorEntry {
  /** What the page shows here: its JSON text, or a hash of it (`signature`). Widgets keep the text. */
  sig: string | number;
  /** Set for blocks: a block onto a block of the same type keeps its children (rule 2). */
  blockType: string | undefined;
}

export class OutgoingQueue {
  private readonly sink: (messages: OutgoingMessage[]) => void;
  private readonly mirror = new Map<string, MirrorEntry>();
  /** Widget id → the path key of its element in the mirror. */
  private readonly widgetPaths = new Map<string, string>();
  private batch: OutgoingMessage[] = [];
  private scheduled = false;
  private runId = 0;
  private running = false;
  /** The current run's fragment blocks (path keys), or null when it runs the whole script. */
  private scope: readonly string[] | null = null;
  private readonly reached = new Map<string, number>();
  /** Per block, how many children the page may hold (high-water mark since the last prune). */
  private extent = new Map<string, number>();
  private reachedDirty = false;
  /** The `deltas` message being filled, and the index of each element path in it. */
  private queuedIn: QueuedDeltas | undefined;
  private readonly queuedAt = new Map<string, number>();

  /** `sink` receives each flush's messages, in order. */
  constructor(sink: (messages: OutgoingMessage[]) => void) {
    this.sink = sink;
  }

  /** A new connection: the page may have nothing, so forget what it had. */
  reset(): void {
    this.mirror.clear();
    this.extent.clear();
    this.widgetPaths.clear();
    this.batch = [];
  }

  /**
   * The page set these widgets' values itself (rule 5): what it shows is the element last sent
   * with the new value, so the mirror takes that. The next run's element then travels only when it
   * differs: the user's own value is not echoed, a server-side reset is sent.
   */
  pageChanged(values: Readonly<Record<string, WidgetValue>>): void {
    for (const [id, value] of Object.entries(values)) {
      const key = this.widgetPaths.get(id);
      const entry = key === undefined ? undefined : this.mirror.get(key);
      if (key === undefined || typeof entry?.sig !== 'string') continue;
      const shown = withPageValue(JSON.parse(entry.sig) as WidgetElement, value);
      if (shown) this.mirror.set(key, { sig: JSON.stringify(shown), blockType: undefined });
      else this.mirror.delete(key);
    }
  }

  send(message: OutgoingMessage): void {
    this.batch.push(message);
    this.schedule();
  }

  /** `fragments`: a fragment run's blocks (path keys); it prunes and counts only under them. */
  runStarted(runId: number, fragments?: readonly string[]): void {
    this.runId = runId;
    this.running = true;
    this.scope = fragments ?? null;
    this.reached.clear();
    this.reachedDirty = false;
    this.send(fragments ? { type: 'run_started', runId, fragments: [...fragments] } : { type: 'run_started', runId });
  }

  delta(runId: number, delta: Delta | TextDelta): void {
    const { path } = delta;
    const key = pathKey(path);
    const parent = pathKey(path.slice(0, -1));
    const index = path[path.length - 1] ?? 0;
    this.reached.set(parent, Math.max(this.reached.get(parent) ?? 0, index + 1));
    if ((this.extent.get(parent) ?? 0) <= index) this.extent.set(parent, index + 1);
    const blockType = 'text' in delta ? delta.blockType : delta.block?.type;
    if (blockType !== undefined) this.reached.set(key, 0);
    this.reachedDirty = true;

    // Grid elements compare by their data's digest, not their data's JSON (data room, mirror-text.ts).
    const json = 'text' in delta ? delta.text : mirrorText(delta.block ?? delta.element);
    const widgetId = 'text' in delta ? delta.widgetId : delta.element && 'id' in delta.element ? delta.element.id : undefined;
    // A worker's text comes with its hash, made off the main thread.
    const sig = ('text' in delta ? delta.sig : undefined) ?? signature(json, widgetId !== undefined);
    const previous = this.mirror.get(key);
    if (previous?.sig === sig) {
      this.schedule();
      return;
    }
    // Only a block has descendants in the mirror (an element that replaced one already dropped them).
    if (previous?.blockType !== undefined && previous.blockType !== blockType) this.dropDescendants(key);
    this.mirror.set(key, { sig, blockType });
    if (widgetId !== undefined) this.widgetPaths.set(widgetId, key);
    this.enqueueDelta(runId, delta, key);
  }

  runFinished(runId: number, status: RunStatus, counts: Record<string, number>): void {
    if (status === 'ok' || status === 'error') this.prune(counts);
    this.running = false;
    this.reachedDirty = false;
    this.send({ type: 'run_finished', runId, status, counts });
    // Nothing of this run is left to merge: send now rather than a loop turn later.
    this.flush();
  }

  /** The runner that ran this run is gone: end the run for the page, pruning nothing. */
  abandonRun(): void {
    if (this.running) this.runFinished(this.runId, 'stopped', {});
  }

  /** Send what is queued now (tests, shutdown); normally a flush happens once per loop turn. */
  flush(): void {
    this.scheduled = false;
    if (this.running && this.reachedDirty) {
      const reached = Object.fromEntries(this.reached);
      const last = this.batch[this.batch.length - 1];
      if (last?.type === 'deltas' && last.runId === this.runId) last.reached = reached;
      else this.batch.push({ type: 'deltas', runId: this.runId, deltas: [], reached });
      this.reachedDirty = false;
    }
    if (this.batch.length === 0) return;
    const messages = this.batch;
    this.batch = [];
    this.sink(messages);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private enqueueDelta(runId: number, delta: Delta | TextDelta, key: string): void {
    let last = this.batch[this.batch.length - 1];
    if (last?.type !== 'deltas' || last.runId !== runId) {
      last = { type: 'deltas', runId, deltas: [] };
      this.send(last);
    }
    // Where each element path sits in this message: a run of 10,000 elements must not scan for each.
    if (this.queuedIn !== last) {
      this.queuedIn = last;
      this.queuedAt.clear();
    }
    const deltas = last.deltas;
    // An element (not a block) may replace the one queued at its path.
    if (delta.element || ('text' in delta && delta.blockType === undefined)) {
      const at = this.queuedAt.get(key);
      if (at !== undefined && !deltas.slice(at + 1).some((later) => isAncestor(later.path, delta.path))) {
        deltas[at] = delta;
        return;
      }
      this.queuedAt.set(key, deltas.length);
    } else {
      this.queuedAt.delete(key);
    }
    deltas.push(delta);
  }

  private dropDescendants(key: string): void {
    const prefix = `${key}.`;
    for (const other of this.mirror.keys()) if (other.startsWith(prefix)) this.mirror.delete(other);
  }

  /** Rule 4: children at or past their block's count are gone, with their descendants. */
  private prune(counts: Record<string, number>): void {
    // The usual rerun leaves every block as long as it was: then there is nothing to look for.
    const shrank = [...this.extent].some(([key, extent]) => counts[key] !== undefined && extent > counts[key]!);
    const scope = this.scope;
    if (scope === null) this.extent = new Map(Object.entries(counts));
    else {
      // A fragment run counted only under its fragments: what it did not count stays as it was.
      for (const key of this.extent.keys()) if (scope.some((root) => key === root || key.startsWith(`${root}.`))) this.extent.delete(key);
      for (const [key, count] of Object.entries(counts)) this.extent.set(key, count);
    }
    if (!shrank) return;
    for (const key of this.mirror.keys()) {
      const parts = key.split('.');
      for (let depth = 1; depth < parts.length; depth++) {
        const count = counts[parts.slice(0, depth).join('.')];
        if (count !== undefined && Number(parts[depth]) >= count) {
          this.mirror.delete(key);
          break;
        }
      }
    }
  }
}

function isAncestor(ancestor: readonly number[], path: readonly number[]): boolean {
  return ancestor.length < path.length && ancestor.every((index, i) => path[i] === index);
}

