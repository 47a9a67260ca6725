/**
 * Runs scripts in worker threads, so a script that computes for seconds, or loops forever without
 * calling `st`, never blocks the HTTP server or another worker's sessions. Each session is bound to
 * one worker for its life. When a stop (the page's Stop, a newer rerun, or `maxRunSeconds`) does
 * not take effect within `stopTimeout`, or the worker dies, the worker is replaced and every
 * session on it is told and reruns on the new one with the widget values the main thread holds.
 */
import { Worker } from 'node:worker_threads';
import type { RunnerToSession, SessionToRunner } from './messages.js';
import type { RestartReason, RunnerEvents, RunnerHandle, RunnerPool } from './runner-pool.js';
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.js';
import { workerScriptUrl } from './worker-script.js';
import { GridDataReceiver } from './grid-data.js';

export interface WorkerPoolOptions {
  scriptPath: string;
  /** The app's working directory: workers read `.streamlit/secrets.toml` from there. */
  cwd: string;
  size: number;
  stopTimeoutMs: number;
  maxRunMs?: number | undefined;
  /** Heap limit of each worker; a script past it crashes its worker, not the process. */
  maxOldGenerationSizeMb?: number;
  log?: (message: string) => void;
}

/** A session as the pool sees it: its events, and whether its run is being stopped. */
class SessionLink {
  readonly events: RunnerEvents;
  running = false;
  /** The run in progress redraws only fragments (a fragment's rerun may then interrupt it). */
  fragmentRun = false;
  lastRunId = 0;
  stopTimer: NodeJS.Timeout | undefined;
  runTimer: NodeJS.Timeout | undefined;
  reason: RestartReason = 'stopped';

  constructor(events: RunnerEvents) {
    this.events = events;
  }

  clearTimers(): void {
    clearTimeout(this.stopTimer);
    clearTimeout(this.runTimer);
    this.stopTimer = undefined;
    this.runTimer = undefined;
  }
}

class Slot {
  worker!: Worker;
  readonly sessions = new Map<string, SessionLink>();
  /** Set while this slot's worker is being replaced on purpose. */
  replacing = false;
}

export class WorkerPool implements RunnerPool {
  private readonly options: WorkerPoolOptions;
  private readonly slots: Slot[] = [];
  private closed = false;
  private readonly log: (message: string) => void;
  private readonly gridData = new GridDataReceiver();

  constructor(options: WorkerPoolOptions) {
    this.options = options;
    this.log = options.log ?? ((message) => console.error(message));
    for (let i = 0; i < Math.max(1, options.size); i++) {
      const slot = new Slot();
      this.start(slot);
      this.slots.push(slot);
    }
  }

  open(sessionId: string, events: RunnerEvents): RunnerHandle {
    const slot = this.slots.reduce((best, candidate) => (candidate.sessions.size < best.sessions.size ? candidate : best));
    const link = new SessionLink(events);
    slot.sessions.set(sessionId, link);
    this.send(slot, { type: 'open', sessionId, lastRunId: 0 });
    return {
      post: (message) => this.post(slot, sessionId, link, message),
      close: () => {
        link.clearTimers();
        slot.sessions.delete(sessionId);
        this.gridData.forget(sessionId);
        this.send(slot, { type: 'close', sessionId });
      },
    };
  }

  sourceChanged(): void {
    for (const slot of this.slots) this.send(slot, { type: 'source_changed' });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map((slot) => {
        for (const link of slot.sessions.values()) link.clearTimers();
        return slot.worker.terminate();
      }),
    );
  }

  private start(slot: Slot): void {
    const workerData: WorkerData = { scriptPath: this.options.scriptPath, cwd: this.options.cwd };
    const worker = new Worker(workerScriptUrl(), {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb ?? 2048 },
    });
    slot.worker = worker;
    slot.replacing = false;
    worker.on('message', (batch: FromWorker[]) => {
      for (const message of batch) this.fromWorker(slot, message);
    });
    worker.on('error', (error) => {
      if (slot.worker !== worker || this.closed) return;
      this.log(`Error [MST_ERR_WORKER_CRASHED]: a script worker failed: ${error.message}`);
      this.replace(slot, 'crashed');
    });
    worker.on('exit', () => {
      if (slot.worker !== worker || this.closed || slot.replacing) return;
      this.replace(slot, 'crashed');
    });
  }

  private send(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  private post(slot: Slot, sessionId: string, link: SessionLink, message: SessionToRunner): void {
    this.send(slot, { type: 'post', sessionId, message });
    // A fragment's rerun lets a full run finish (script-runner.ts): no deadline for that run.
    const interrupts =
      message.type === 'stop' || (message.type === 'rerun' && link.running && (message.fragmentId === undefined || link.fragmentRun));
    if (interrupts && link.running) this.armStop(slot, link, 'stopped');
  }

  /** The run must end within stopTimeout, or its worker is replaced. */
  private armStop(slot: Slot, link: SessionLink, reason: RestartReason): void {
    if (link.stopTimer) return;
    link.reason = reason;
    link.stopTimer = setTimeout(() => this.replace(slot, link.reason), this.options.stopTimeoutMs);
  }

  private fromWorker(slot: Slot, message: FromWorker): void {
    const link = slot.sessions.get(message.sessionId);
    if (!link) return;
    // Grid data the worker did not copy again is put back here (grid-data.ts).
    const event: RunnerToSession = this.gridData.restore(message.sessionId, message.message);
    if (event.type === 'run_started') {
      link.running = true;
      link.fragmentRun = event.fragments !== undefined;
      link.lastRunId = event.runId;
      const { maxRunMs } = this.options;
      if (maxRunMs !== undefined) {
        link.runTimer = setTimeout(() => {
          this.send(slot, { type: 'post', sessionId: message.sessionId, message: { type: 'stop', reason: 'time_limit' } });
          this.armStop(slot, link, 'time_limit');
        }, maxRunMs);
      }
    } else if (event.type === 'run_finished') {
      link.running = false;
      link.clearTimers();
    }
    link.events.message(event);
  }

  /** Terminate the slot's worker, start a fresh one, and move its sessions over. */
  private replace(slot: Slot, reason: RestartReason): void {
    if (this.closed || slot.replacing) return;
    slot.replacing = true;
    const old = slot.worker;
    void old.terminate();
    this.start(slot);
    for (const [sessionId, link] of slot.sessions) {
      this.gridData.forget(sessionId);
      const culprit = link.stopTimer !== undefined;
      link.clearTimers();
      link.running = false;
      this.send(slot, { type: 'open', sessionId, lastRunId: link.lastRunId });
      link.events.restarted(culprit ? link.reason : reason === 'crashed' ? 'crashed' : 'stopped');
    }
  }
}
