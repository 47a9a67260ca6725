/**
 * One script run's context, found from anywhere through AsyncLocalStorage so `st` can be a plain
 * import. It owns the run's cursor into the element tree (the next child index of every block),
 * the widget ids and keys seen in this run, and the pending control signal that the next `st.*`
 * call (a checkpoint) throws.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pathKey, type Block, type Element, type Path } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { ControlSignal, type ControlKind } from './control.js';
import type { RunnerToSession } from './messages.js';
import type { ScriptState } from '../st/script-state.js';
import type { UserIdentity } from '../auth/types.js';

/** What a run may ask of the world outside the script (kept small: it crosses the boundary). */
export interface RunnerServices {
  /** Throws the configuration error that would make `st.login(provider)` fail. */
  checkLogin(provider: string | undefined): void;
}

const storage = new AsyncLocalStorage<RunContext>();

/**
 * Nodes one run may add. A run past it (a loop drawing a million elements) fails with
 * MST_ERR_TOO_MANY_ELEMENTS instead of filling the worker, the main thread and the page with them.
 */
export const MAX_ELEMENTS_PER_RUN = 100_000;
/** Past the cap, room for what the runner itself draws (the error, form warnings), never for the script. */
const ROOM_PAST_CAP = 1000;

export class RunContext {
  readonly runId: number;
  readonly state: ScriptState;
  readonly services: RunnerServices;
  /** Who is logged in for this run (`st.experimental_user`); null when nobody is. */
  user: UserIdentity | null;
  /** Buttons pressed for this run; a button reads true only in the run its click caused. */
  readonly triggers: ReadonlySet<string>;
  /** Buttons whose value the script has read in this run (unread clicks survive an interrupt). */
  readonly consumedTriggers = new Set<string>();
  readonly widgetIds = new Set<string>();
  readonly keys = new Set<string>();
  /** form id → whether a submit button was rendered in it. */
  readonly forms = new Map<string, { key: string; hasSubmit: boolean; path: Path; clearOnSubmit: boolean }>();
  /** Forms whose submit caused this run with `clear_on_submit`: their widgets show defaults. */
  readonly clearForms = new Set<string>();
  /** Widgets whose value goes back to the default when this run ends (cleared forms). */
  readonly resetAfterRun: string[] = [];
  /** Set when the run was stopped for exceeding `runner.maxRunSeconds`. */
  timeLimited = false;
  /**
   * A fragment run: the paths of the fragment blocks it redraws (nothing outside them exists in
   * this run's cursors); null for a run of the whole script.
   */
  readonly scope: readonly Path[] | null;
  /** Fragment bodies running now; 0 lets the write check skip the fragment lookup. */
  fragmentBodies = 0;
  /** Fragments drawn in this run (the rest of the session's fragments are gone from the page). */
  readonly drawnFragments = new Set<string>();
  /** The dialog called in this run (only one may be open at a time). */
  openDialog: string | undefined;
  /** `st.rerun({ scope: "fragment" })`: the fragment to run again when this run ends. */
  rerunFragment: string | undefined;
  /** Where the runner draws the run's own errors: the main area, or the fragment running now. */
  errorPath: Path = [0];
  /** The page whose body runs now (`StreamlitPage.run()`): widget ids are scoped to it. */
  activePage: string | undefined;
  /** Work the run waits for before it ends: a page's `run()` the script did not await. */
  private readonly tracked: { work: Promise<unknown>; observed: () => boolean }[] = [];
  private readonly cursors = new Map<string, number>();
  private readonly send: (message: RunnerToSession) => void;
  private pending: ControlKind | null = null;
  private appended = 0;
  private capped = false;

  constructor(options: {
    runId: number;
    state: ScriptState;
    triggers: ReadonlySet<string>;
    send: (message: RunnerToSession) => void;
    services: RunnerServices;
    user: UserIdentity | null;
    scope?: readonly Path[] | null;
  }) {
    this.runId = options.runId;
    this.state = options.state;
    this.services = options.services;
    this.user = options.user;
    this.triggers = options.triggers;
    this.send = options.send;
    this.scope = options.scope ?? null;
    // A fragment run starts each fragment block itself (`put`); the roots are not its to count.
    if (this.scope === null) {
      this.cursors.set('0', 0);
      this.cursors.set('1', 0);
    }
  }

  /** The signal waiting to take effect at the next checkpoint, if any. */
  get interrupt(): ControlKind | null {
    return this.pending;
  }

  /** Ask the run to end at its next checkpoint. A stop outranks a rerun. */
  requestInterrupt(kind: ControlKind): void {
    if (this.pending === 'stop') return;
    this.pending = kind;
  }

  /** Every `st.*` call passes here first: a pending stop or rerun takes effect now. */
  checkpoint(): void {
    if (this.pending) throw new ControlSignal(this.pending);
    // Past the element cap every st call fails, so a script that catches the error cannot draw on.
    if (this.capped) throw new MiniStError('MST_ERR_TOO_MANY_ELEMENTS', { limit: MAX_ELEMENTS_PER_RUN });
  }

  /** Append a node to a block; returns its path. */
  append(blockPath: Path, node: Element | Block): Path {
    if (++this.appended > MAX_ELEMENTS_PER_RUN && (!this.capped || this.appended > MAX_ELEMENTS_PER_RUN + ROOM_PAST_CAP)) {
      this.appended--;
      this.capped = true;
      throw new MiniStError('MST_ERR_TOO_MANY_ELEMENTS', { limit: MAX_ELEMENTS_PER_RUN });
    }
    const key = pathKey(blockPath);
    const index = this.cursors.get(key);
    if (index === undefined) throw new MiniStError('MST_ERR_STALE_CONTAINER');
    this.cursors.set(key, index + 1);
    const path = [...blockPath, index];
    this.put(path, node);
    return path;
  }

  /** The path the next `append` to this block will fill (a fragment's id is made from it). */
  nextPath(blockPath: Path): Path {
    const index = this.cursors.get(pathKey(blockPath));
    if (index === undefined) throw new MiniStError('MST_ERR_STALE_CONTAINER');
    return [...blockPath, index];
  }

  /** Put a node at a path (replacing what is there, as `st.empty()` does). */
  put(path: Path, node: Element | Block): void {
    if (isBlock(node)) {
      // A block starts with no children in this run, even when it replaces one.
      this.cursors.set(pathKey(path), 0);
      this.send({ type: 'delta', runId: this.runId, delta: { path, block: node } });
    } else {
      this.send({ type: 'delta', runId: this.runId, delta: { path, element: node } });
    }
  }

  /**
   * Send a block again where it is (`st.status(…).update()`): the page keeps its children (rule 2)
   * and this run's cursor into it stays, unlike `put`.
   */
  refresh(path: Path, block: Block): void {
    this.send({ type: 'delta', runId: this.runId, delta: { path, block } });
  }

  /** What the script says beyond the tree: toasts, page config, query params, media files. */
  post(message: Extract<RunnerToSession, { type: 'page_message' | 'query_params' | 'media' }>): void {
    this.send(message);
  }

  /**
   * Make the run wait for `work` before it ends. Its rejection becomes the run's error unless
   * `observed()` says the script awaited or chained it (then the script had its chance to handle it).
   */
  track(work: Promise<unknown>, observed: () => boolean = () => false): void {
    // Not an unhandled rejection: `settle` reports it. (Promise.prototype.then: not an observation.)
    Promise.prototype.then.call(work, undefined, () => {});
    this.tracked.push({ work, observed });
  }

  /** Wait for every tracked piece of work (more may be tracked meanwhile). */
  async settle(): Promise<void> {
    for (let i = 0; i < this.tracked.length; i++) {
      const { work, observed } = this.tracked[i]!;
      try {
        await new Promise((resolve, reject) => Promise.prototype.then.call(work, resolve, reject));
      } catch (error) {
        if (!observed()) throw error;
      }
    }
  }

  /** Whether a block path was created in this run (containers are valid for one run only). */
  hasBlock(blockPath: Path): boolean {
    return this.cursors.has(pathKey(blockPath));
  }

  /** Children per block at the end of the run (rule 4 of the protocol). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.cursors);
  }

  /** `st.login()`: the session sends the page to the login route. */
  login(provider: string | undefined): void {
    this.services.checkLogin(provider);
    this.send({ type: 'login', provider });
  }

  /** `st.logout()`: nobody is logged in from here on, and the page goes to the logout route. */
  logout(): void {
    this.user = null;
    this.send({ type: 'logout' });
  }
}

const BLOCK_TYPES = new Set(['vertical', 'horizontal', 'column', 'tabs', 'tab', 'expander', 'chat_message', 'form', 'dialog']);

export function isBlock(node: Element | Block): node is Block {
  return BLOCK_TYPES.has(node.type);
}

/** The context of the run calling us; throws a clear error outside of a run. */
export function currentRun(fn: string): RunContext {
  const context = storage.getStore();
  if (!context) throw new MiniStError('MST_ERR_OUTSIDE_RUN', { fn });
  return context;
}

export function maybeCurrentRun(): RunContext | undefined {
  return storage.getStore();
}

export function runWithContext<T>(context: RunContext, fn: () => T): T {
  return storage.run(context, fn);
}
