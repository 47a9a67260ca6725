/**
 * Progress and status: `st.spinner`, `st.progress`, `st.status` and `st.toast`. All of them show
 * while the script is still running: a spinner and a bar are placeholders the script rewrites in
 * place, a status is an expander whose icon follows the work inside it, and a toast is a message
 * beside the tree. Methods attach to `DeltaGenerator` by declaration merging.
 */
import type { ExpanderBlock, SpinnerElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { isControlSignal } from '../runner/control.js';
import { currentRun, maybeCurrentRun } from '../runner/run-context.js';
import { DeltaGenerator } from './delta-generator.js';
import type { Target } from './target.js';

export interface SpinnerOptions {
  /** Show the seconds elapsed next to the text. */
  show_time?: boolean;
}

export interface ProgressOptions {
  /** Markdown (inline) shown above the bar. */
  text?: string;
}

/** How the work in an `st.status` container is going. */
export type StatusState = 'running' | 'complete' | 'error';

export interface StatusOptions {
  /** Start expanded (default false). */
  expanded?: boolean;
  /** Default "running". */
  state?: StatusState;
}

export interface StatusUpdate {
  label?: string;
  expanded?: boolean;
  state?: StatusState;
}

export interface ToastOptions {
  /** An emoji shown before the text. */
  icon?: string;
  /** "short" (4 s, the default), "long" (10 s), "infinite" (until dismissed), or seconds. */
  duration?: 'short' | 'long' | 'infinite' | number;
}

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * Show a spinner with `text` while `fn` runs, and return what `fn` returns. An async `fn` is
     * awaited: the spinner stays until its promise settles, so `await` the call.
     *
     * @example
     * const data = await st.spinner("Loading data…", async () => fetchData());
     * st.spinner("Crunching…", () => crunch(), { show_time: true });
     */
    spinner<R>(text: string, fn: () => R, options?: SpinnerOptions): R;

    /**
     * A progress bar, updated in place: call `.progress()` on what this returns. `value` is a
     * fraction from 0 to 1, or a whole percent from 2 to 100. (JavaScript cannot tell `1.0` from
     * `1`, so 1 means a full bar, as `i / n` loops expect.)
     *
     * @example
     * const bar = st.progress(0, { text: "Working…" });
     * for (let i = 1; i <= 10; i++) { await step(); bar.progress(i / 10, { text: `Step ${i}` }); }
     * bar.empty();
     */
    progress(value: number, options?: ProgressOptions): DeltaGenerator;

    /**
     * An expandable container that shows how long-running work is going: a spinner while
     * "running", then a check for "complete" or a cross for "error". Write into it like any
     * container; `.update()` changes its label, state or expansion. With `.with(fn)` it turns
     * "complete" by itself when `fn` ends, or "error" when `fn` throws.
     *
     * @example
     * const status = st.status("Downloading data…", { expanded: true });
     * await status.with(async () => {
     *   st.write("Searching for data…");
     *   await search();
     * });
     * status.update({ label: "Download complete!", expanded: false });
     */
    status(label: string, options?: StatusOptions): StatusContainer;
  }
}

/** `st.status`: an expander with a state; `update` sends it again in place, keeping its children. */
export class StatusContainer extends DeltaGenerator {
  #block: ExpanderBlock;

  /** @internal Made by `st.status()`. */
  constructor(target: Target, block: ExpanderBlock) {
    super(target);
    this.#block = block;
  }

  /** The state this status shows now. */
  get state(): StatusState {
    return this.#block.state ?? 'running';
  }

  /**
   * Change the label, the state or whether it is expanded; what was written into it stays.
   * @example status.update({ label: "Done!", state: "complete", expanded: false });
   */
  update(update: StatusUpdate): void {
    const { context, target } = this._resolve('status.update');
    if (update.state !== undefined) checkState(update.state);
    this.#block = {
      ...this.#block,
      ...(update.label !== undefined ? { label: String(update.label) } : {}),
      ...(update.expanded !== undefined ? { expanded: update.expanded } : {}),
      ...(update.state !== undefined ? { state: update.state } : {}),
    };
    context.refresh(target.path, this.#block);
  }

  /**
   * Run `fn` with this status active (Python's `with st.status(…):`). When `fn` ends, a status
   * still "running" turns "complete"; when it throws, "error". Returns what `fn` returns.
   */
  override with<R>(fn: () => R): R {
    return settle(() => super.with(fn), (error) => this.#finish(error));
  }

  #finish(error: unknown): void {
    // A stop or rerun is not the work failing: leave the status as the run left it.
    if (isControlSignal(error)) return;
    if (error !== undefined) this.update({ state: 'error' });
    else if (this.state === 'running') this.update({ state: 'complete' });
  }
}

DeltaGenerator.prototype.spinner = function spinner<R>(this: DeltaGenerator, text: string, fn: () => R, options: SpinnerOptions = {}): R {
  const slot = this.empty();
  const element: SpinnerElement = { type: 'spinner', text: String(text), showTime: options.show_time ?? false };
  slot._place('spinner', element);
  return settle(fn, () => clear(slot));
};

DeltaGenerator.prototype.progress = function progress(this: DeltaGenerator, value: number, options: ProgressOptions = {}): DeltaGenerator {
  const fraction = progressFraction(value);
  const slot = this.empty();
  slot._place('progress', { type: 'progress', value: fraction, ...(options.text !== undefined ? { text: String(options.text) } : {}) });
  return slot;
};

DeltaGenerator.prototype.status = function status(this: DeltaGenerator, label: string, options: StatusOptions = {}): StatusContainer {
  const state = checkState(options.state ?? 'running');
  const block: ExpanderBlock = { type: 'expander', label: String(label), expanded: options.expanded ?? false, state };
  const container = this._block('status', block);
  return new StatusContainer(container._target, block);
};

/**
 * A toast: a short message in the bottom corner of the window, gone after a few seconds. Works
 * from callbacks too.
 *
 * @example
 * st.toast("Your edited image was saved!", { icon: "😍" });
 */
export function toast(body: string, options: ToastOptions = {}): void {
  const context = currentRun('toast');
  context.checkpoint();
  const duration = toastSeconds(options.duration ?? 'short');
  context.post({
    type: 'page_message',
    message: { type: 'toast', body: String(body), duration, ...(options.icon !== undefined ? { icon: options.icon } : {}) },
  });
}

function toastSeconds(duration: ToastOptions['duration']): number | null {
  if (duration === 'short') return 4;
  if (duration === 'long') return 10;
  if (duration === 'infinite') return null;
  if (typeof duration === 'number' && Number.isFinite(duration) && duration > 0) return duration;
  throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'toast', detail: `duration must be "short", "long", "infinite" or a positive number of seconds, got ${String(duration)}` });
}

/** Streamlit's two scales, made unambiguous for JavaScript's one number type. */
export function progressFraction(value: number): number {
  if (typeof value === 'number' && value >= 0 && value <= 1) return value;
  if (typeof value === 'number' && Number.isInteger(value) && value > 1 && value <= 100) return value / 100;
  throw new MiniStError('MST_ERR_PROGRESS_VALUE', { value: String(value) });
}

function checkState(state: StatusState): StatusState {
  if (state === 'running' || state === 'complete' || state === 'error') return state;
  throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'status', detail: `state must be "running", "complete" or "error", got ${JSON.stringify(state)}` });
}

/** Put `empty` back where a spinner was, without a checkpoint: this runs on the way out, even of
 * a stopped run, and must not throw the stop again. */
function clear(slot: DeltaGenerator): void {
  const context = maybeCurrentRun();
  if (context && context.runId === slot._target.runId) context.put(slot._target.path, { type: 'empty' });
}

/**
 * Call `fn`, then `done` once it has finished (after its promise settles, for an async `fn`),
 * with what it threw. Returns what `fn` returns and rethrows what it threw.
 */
function settle<R>(fn: () => R, done: (error?: unknown) => void): R {
  let result: R;
  try {
    result = fn();
  } catch (error) {
    done(error ?? new Error('undefined was thrown'));
    throw error;
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then(
      (value) => {
        done();
        return value;
      },
      (error: unknown) => {
        done(error ?? new Error('undefined was thrown'));
        throw error;
      },
    ) as R;
  }
  done();
  return result;
}

/** Whether a value is a promise (or any thenable). */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
