/**
 * The runner's side of fragments: which fragments a rerun request redraws (or the whole script),
 * how their bodies run in place of the script, what a fragment run may forget afterwards, and the
 * `run_every` timers. A fragment run draws only under its fragment blocks, so its cursors, its
 * `counts` (what the page prunes) and the widgets it may forget are all bounded by those blocks.
 */
import type { Path } from '@mini-st/protocol';
import { exceptionElement } from '../st/elements.js';
import { DeltaGenerator } from '../st/delta-generator.js';
import { isWithin, type FragmentRecord } from '../st/fragment-scope.js';
import { runFragmentBody } from '../st/fragment.js';
import type { ScriptState } from '../st/script-state.js';
import { isControlSignal } from './control.js';
import type { RunContext } from './run-context.js';

/** What a request reruns: these fragments, or (null) the whole script. */
export type Scope = Set<string> | null;

/** Coalesce two scopes: the whole script absorbs any fragments. */
export function mergeScope(into: Scope, add: Scope): Scope {
  if (into === null || add === null) return null;
  for (const id of add) into.add(id);
  return into;
}

/**
 * The fragments a scope names, outermost only (an outer fragment redraws the inner ones), or null
 * to run the whole script: when the scope is the whole script, when the last full run did not end
 * cleanly (the recorded places may be out of date), or when a named fragment is no longer drawn.
 */
export function resolveScope(state: ScriptState, scope: Scope, valid: boolean): FragmentRecord[] | null {
  if (scope === null || scope.size === 0 || !valid) return null;
  const records: FragmentRecord[] = [];
  for (const id of scope) {
    const record = state.fragments.get(id);
    if (!record) return null;
    records.push(record);
  }
  return records.filter((record) => !records.some((other) => other !== record && isWithin(record.path, other.path)));
}

/**
 * Start a fragment run. Each fragment block is put again where it is when its turn comes (the
 * page keeps its children by rule 2; an equal block does not even travel), which starts its
 * cursor at 0 and so puts it in `counts`: a fragment the run never reaches (an `st.stop()` in an
 * earlier one) is not pruned. The first one is put now, for errors of the callbacks.
 */
export function prepareFragments(context: RunContext, records: readonly FragmentRecord[]): void {
  for (const record of records) context.drawnFragments.add(record.id);
  context.put(records[0]!.path, records[0]!.block);
  context.errorPath = records[0]!.path;
}

/**
 * Run the fragments' bodies in place of the script. A script error is drawn in the fragment that
 * raised it and the others still run; returns whether one failed. Stops and reruns propagate.
 */
export async function runFragments(context: RunContext, records: readonly FragmentRecord[]): Promise<boolean> {
  let failed = false;
  for (const record of records) {
    if (record !== records[0]) context.put(record.path, record.block);
    context.errorPath = record.path;
    // Its widgets get the ids they got in the page that drew it (`st.navigation`).
    context.activePage = record.page;
    if (record.block.type === 'dialog') context.openDialog = record.block.title;
    const container = new DeltaGenerator({
      path: record.path,
      placeholder: false,
      runId: context.runId,
      fragmentId: record.id,
      ...(record.formId !== undefined ? { formId: record.formId } : {}),
    });
    try {
      await runFragmentBody(context, record, container);
    } catch (error) {
      if (isControlSignal(error) || context.interrupt) throw error;
      context.append(record.path, exceptionElement(error));
      failed = true;
    }
    if (record.block.type === 'dialog') context.openDialog = undefined;
  }
  return failed;
}

/** After a run that pruned: forget the fragments the page no longer shows. */
export function forgetUndrawn(state: ScriptState, context: RunContext): void {
  const scope = context.scope;
  for (const [id, record] of state.fragments) {
    if (context.drawnFragments.has(id)) continue;
    if (scope && !scope.some((path: Path) => isWithin(record.path, path))) continue;
    state.fragments.delete(id);
  }
}

/** One interval per drawn fragment with `run_every`; they follow the session's fragments. */
export class FragmentTimers {
  /** Made at the first `run_every`: most sessions have none (idle sessions must stay small). */
  private timers: Map<string, { ms: number; timer: NodeJS.Timeout }> | undefined;
  private readonly tick: (fragmentId: string) => void;

  constructor(tick: (fragmentId: string) => void) {
    this.tick = tick;
  }

  /** Start timers for new fragments with `run_every`, stop those of fragments that are gone. */
  sync(fragments: ReadonlyMap<string, FragmentRecord>): void {
    for (const [id, entry] of this.timers ?? []) {
      if (fragments.get(id)?.runEveryMs === entry.ms) continue;
      clearInterval(entry.timer);
      this.timers!.delete(id);
    }
    for (const [id, record] of fragments) {
      if (record.runEveryMs === null || this.timers?.has(id)) continue;
      const timer = setInterval(() => this.tick(id), record.runEveryMs);
      // A timer alone must not keep a worker (or a test) alive.
      timer.unref?.();
      (this.timers ??= new Map()).set(id, { ms: record.runEveryMs, timer });
    }
  }

  /** Ids of the fragments that have a running timer. */
  get active(): string[] {
    return [...(this.timers?.keys() ?? [])];
  }

  get size(): number {
    return this.timers?.size ?? 0;
  }

  clear(): void {
    for (const { timer } of this.timers?.values() ?? []) clearInterval(timer);
    this.timers = undefined;
  }
}
