/**
 * One session's script runner: takes rerun and stop requests (messages), runs the compiled
 * script top to bottom in a run context, and reports deltas and how each run ended (messages).
 * Requests coalesce: a newer rerun replaces a pending one, but a pending click stays pressed, and a
 * click whose run was interrupted before the script read its button carries over to the next run.
 */
import type { RunStatus, WidgetValue } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { exceptionElement } from '../st/elements.js';
import { ScriptState } from '../st/script-state.js';
import { isControlSignal, type ControlKind } from './control.js';
import type { CompiledScript } from './compile.js';
import type { RunnerToSession, SessionToRunner } from './messages.js';
import { RunContext, runWithContext, type RunnerServices } from './run-context.js';
import type { UserIdentity } from '../auth/types.js';
import { pathKey } from '@mini-st/protocol';
import type { FragmentRecord } from '../st/fragment-scope.js';
import { FragmentTimers, forgetUndrawn, mergeScope, prepareFragments, resolveScope, runFragments, type Scope } from './fragment-runs.js';
import { uploadsOf } from '../media/script-uploads.js';

/** Without an auth gateway (tests, embedding), `st.login()` explains that login is unavailable. */
const NO_SERVICES: RunnerServices = {
  checkLogin: () => {
    throw new MiniStError('MST_ERR_AUTH_UNAVAILABLE');
  },
};

/** Where the runner gets the compiled script (shared by every session of the process). */
export interface ScriptLoader {
  load(): Promise<CompiledScript>;
}

interface RerunRequest {
  widgets: Record<string, WidgetValue>;
  triggers: Set<string>;
  /** The fragments to rerun, or null for the whole script (which absorbs any fragments). */
  fragments: Scope;
}

function emptyRequest(): RerunRequest {
  return { widgets: {}, triggers: new Set(), fragments: new Set() };
}

export class ScriptRunner {
  private readonly state = new ScriptState();
  private readonly loader: ScriptLoader;
  private readonly send: (message: RunnerToSession) => void;
  private readonly services: RunnerServices;
  private user: UserIdentity | null = null;
  private lastRunId = 0;
  private current: RunContext | null = null;
  private pending: RerunRequest | null = null;
  private loop: Promise<void> | null = null;
  private closed = false;
  /** False from the start of a full run until one ends cleanly: fragment places may be stale. */
  private fragmentsValid = false;
  /** Whether the page is there (`run_every` timers do nothing while it is away). */
  private connected = true;
  private readonly timers = new FragmentTimers((id) => {
    if (this.connected && this.fragmentsValid && !this.closed) this.requestRerun({}, [], id, true);
  });

  /** `lastRunId`: run ids continue after it (a replacement runner keeps the page's ids rising). */
  constructor(loader: ScriptLoader, send: (message: RunnerToSession) => void, services: RunnerServices = NO_SERVICES, lastRunId = 0) {
    this.loader = loader;
    this.lastRunId = lastRunId;
    this.services = services;
    this.send = (message) => {
      if (message.type === 'logout') this.user = null;
      send(message);
    };
  }

  /** The session's side of the boundary: every request arrives here. */
  post(message: SessionToRunner): void {
    switch (message.type) {
      case 'rerun':
        this.requestRerun(message.widgets, message.triggers, message.fragmentId);
        return;
      case 'connection':
        this.connected = message.connected;
        return;
      case 'stop':
        this.pending = null;
        if (this.current && message.reason === 'time_limit') this.current.timeLimited = true;
        this.current?.requestInterrupt('stop');
        return;
      case 'identity':
        this.user = message.user;
        return;
      case 'query_params':
        this.state.queryParams.load(message.query);
        return;
      case 'upload':
      case 'upload_removed':
        uploadsOf(this.state).receive(message);
        return;
      case 'page_path':
        this.state.navigation.urlPath = message.path;
        return;
      case 'shutdown':
        this.closed = true;
        this.timers.clear();
        this.pending = null;
        this.current?.requestInterrupt('stop');
        return;
      default:
        message satisfies never;
    }
  }

  /** Resolves when no run is in progress or pending. */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  /** @internal The session's script-side state (AppTest reads widget records and session_state). */
  get scriptState(): ScriptState {
    return this.state;
  }

  get isRunning(): boolean {
    return this.current !== null;
  }

  /**
   * `fragmentId`: rerun only that fragment. A fragment's request lets a run of the whole script in
   * progress finish (it may draw the fragment anew), and a timer's never cuts a run short.
   */
  private requestRerun(widgets: Record<string, WidgetValue>, triggers: Iterable<string>, fragmentId?: string, timer = false): void {
    if (this.closed) return;
    const pending = (this.pending ??= emptyRequest());
    Object.assign(pending.widgets, widgets);
    for (const id of triggers) pending.triggers.add(id);
    pending.fragments = mergeScope(pending.fragments, fragmentId === undefined ? null : new Set([fragmentId]));
    const current = this.current;
    if (current && (fragmentId === undefined || (current.scope !== null && !timer))) current.requestInterrupt('rerun');
    this.loop ??= this.drain();
  }

  /** @internal Fragments with a running `run_every` timer (tests). */
  get fragmentTimers(): string[] {
    return this.timers.active;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending && !this.closed) {
        const request = this.pending;
        this.pending = null;
        await this.runOnce(request);
      }
    } finally {
      this.loop = null;
    }
  }

  private async runOnce(request: RerunRequest): Promise<void> {
    const runId = ++this.lastRunId;
    const state = this.state;
    const fragments = resolveScope(state, request.fragments, this.fragmentsValid);
    const changed = state.applyClientValues(request.widgets);
    const context = new RunContext({
      runId,
      state,
      triggers: request.triggers,
      send: this.send,
      services: this.services,
      user: this.user,
      scope: fragments && fragments.map((record) => record.path),
    });
    for (const id of request.triggers) {
      const record = state.widgets.get(id);
      if (record?.clearOnSubmit && record.formId !== undefined) context.clearForms.add(record.formId);
    }
    this.current = context;
    state.beginRun();
    if (fragments) {
      this.send({ type: 'run_started', runId, fragments: fragments.map((record) => pathKey(record.path)) });
      prepareFragments(context, fragments);
    } else {
      this.fragmentsValid = false;
      this.send({ type: 'run_started', runId });
    }

    const status = await runWithContext(context, () => this.execute(context, [...changed, ...request.triggers], fragments));

    if (status === 'stopped' && context.timeLimited) {
      context.append(context.errorPath, exceptionElement(new MiniStError('MST_ERR_RUN_TIME_LIMIT')));
    }
    if (status === 'ok' || status === 'error') {
      this.warnFormsWithoutSubmit(context);
      forgetUndrawn(state, context);
      if (!fragments) this.fragmentsValid = true;
    }
    if (status === 'ok') state.dropUnrendered(context.scope ?? undefined);
    for (const id of context.resetAfterRun) {
      const record = state.widgets.get(id);
      if (record) record.value = record.defaultValue;
    }
    if (context.interrupt === 'rerun') {
      this.carryUnreadClicks(context);
      // What the interrupted run was redrawing is half drawn: the next run redraws it too.
      const pending = this.pending!;
      pending.fragments = mergeScope(pending.fragments, fragments && new Set(fragments.map((record) => record.id)));
    }
    // st.rerun(): run again at once, as Streamlit does, without the clicks of this run.
    if (context.interrupt === 'script_rerun') {
      const pending = (this.pending ??= emptyRequest());
      pending.fragments = mergeScope(pending.fragments, context.rerunFragment === undefined ? null : new Set([context.rerunFragment]));
    }
    this.current = null;
    if (state.fragments.size > 0 || this.timers.size > 0) this.timers.sync(state.fragments);
    this.send({ type: 'run_finished', runId, status, counts: context.counts() });
  }

  /** Callbacks, then the script body; returns how the run ended. */
  private async execute(context: RunContext, callbackIds: string[], fragments: FragmentRecord[] | null = null): Promise<RunStatus> {
    let script: CompiledScript | undefined;
    // A fragment run calls functions of the script already loaded; it needs no compile.
    if (!fragments) {
      try {
        script = await this.loader.load();
      } catch (error) {
        context.append([0], exceptionElement(error));
        return 'compile_error';
      }
    }
    let failed = false;
    try {
      for (const id of callbackIds) {
        const record = this.state.widgets.get(id);
        if (record?.callback) await record.callback(...record.args);
      }
      if (fragments) failed = await runFragments(context, fragments);
      else await script!.main();
      await context.settle();
    } catch (error) {
      if (isControlSignal(error)) return statusOf(error.kind);
      // An error raised while a stop or rerun was pending is a side effect of abandoning the run.
      if (context.interrupt) return statusOf(context.interrupt);
      context.append(context.errorPath, exceptionElement(error));
      return 'error';
    }
    if (failed && !context.interrupt) return 'error';
    // The script returned although a signal was thrown: a `catch` swallowed it.
    return context.interrupt ? statusOf(context.interrupt) : 'ok';
  }

  /** A click is never lost: one the interrupted run did not read goes to the next run. */
  private carryUnreadClicks(context: RunContext): void {
    const unread = [...context.triggers].filter((id) => !context.consumedTriggers.has(id));
    const pending = (this.pending ??= emptyRequest());
    for (const id of unread) pending.triggers.add(id);
  }

  private warnFormsWithoutSubmit(context: RunContext): void {
    for (const form of context.forms.values()) {
      if (form.hasSubmit) continue;
      const message = new MiniStError('MST_ERR_FORM_MISSING_SUBMIT', { key: form.key }).message;
      context.append(form.path, { type: 'alert', kind: 'error', body: `**Missing submit button.** ${message}` });
    }
  }
}

function statusOf(kind: ControlKind): RunStatus {
  switch (kind) {
    case 'rerun':
    case 'script_rerun':
      return 'interrupted';
    case 'stop':
      return 'stopped';
    case 'script_stop':
      return 'ok';
  }
}
