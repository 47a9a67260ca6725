/**
 * `st.fragment`: a function whose output lives in its own container, and which reruns alone when
 * a widget inside it changes (or on its `run_every` timer). Calling it in a run draws the
 * container where the call writes, records the function and its arguments under a fragment id
 * (the function's source and the container's path), and runs the body there. The runner's side
 * (which fragments a request reruns, their timers) is `runner/fragment-runs.ts`.
 */
import { createHash } from 'node:crypto';
import { pathKey, type Block } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import type { RunContext } from '../runner/run-context.js';
import type { DeltaGenerator } from './delta-generator.js';
import { fragmentFrames, type FragmentRecord } from './fragment-scope.js';

export interface FragmentOptions {
  /**
   * Rerun the fragment on a timer while the page is connected: seconds as a number, or a duration
   * such as `"2s"`, `"500ms"`, `"1m30s"`. `null` (the default) turns the timer off.
   */
  run_every?: number | string | null;
}

/** Hash of each function's source, computed once per function object. */
const sourceIds = new WeakMap<object, string>();

function sourceId(fn: (...args: any[]) => unknown): string {
  let id = sourceIds.get(fn);
  if (id === undefined) {
    id = createHash('sha256').update(String(fn)).digest('base64url').slice(0, 12);
    sourceIds.set(fn, id);
  }
  return id;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:\s*\d+(?:\.\d+)?\s*(?:ms|s|m|h|d)\s*)+$/;

/**
 * `run_every` in milliseconds, or null when off.
 *
 * @example
 * parseRunEvery("1m30s") // 90000
 * parseRunEvery(0.5)     // 500
 */
export function parseRunEvery(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  let ms = Number.NaN;
  if (typeof value === 'number') ms = value * 1000;
  else if (typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value)) ms = Number(value) * 1000;
  else if (typeof value === 'string' && DURATION.test(value)) {
    ms = 0;
    for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)) ms += Number(amount) * UNIT_MS[unit!]!;
  }
  if (!Number.isFinite(ms) || ms <= 0) throw new MiniStError('MST_ERR_RUN_EVERY', { value: JSON.stringify(value) ?? String(value) });
  return ms;
}

/**
 * Draw a fragment's container where the calling code writes, record it, and run its body there.
 * Shared by `st.fragment` and `st.dialog` (whose block is a `dialog`).
 */
export function drawFragment(
  root: DeltaGenerator,
  fn: (...args: any[]) => unknown,
  args: readonly unknown[],
  runEveryMs: number | null,
  makeBlock: (fragmentId: string, context: RunContext) => Block,
  api = 'fragment',
): unknown {
  const { context, target } = root._resolve(api);
  const path = target.placeholder ? target.path : context.nextPath(target.path);
  const id = `${sourceId(fn)}-${pathKey(path)}`;
  const block = makeBlock(id, context);
  const container = root._block(api, block);
  const record: FragmentRecord = { id, fn, args, path: container._target.path, block, formId: target.formId, runEveryMs, page: context.activePage };
  context.state.fragments.set(id, record);
  context.drawnFragments.add(id);
  return runFragmentBody(context, record, container);
}

/** Run a fragment's function in its container, inside its frame (also what a fragment run does). */
export function runFragmentBody(context: RunContext, record: FragmentRecord, container: DeltaGenerator): unknown {
  context.fragmentBodies++;
  let result: unknown;
  try {
    result = fragmentFrames.run({ id: record.id, path: record.path }, () => container.with(() => record.fn(...record.args)));
  } catch (error) {
    context.fragmentBodies--;
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => void context.fragmentBodies--);
  context.fragmentBodies--;
  return result;
}

/**
 * `st.fragment(fn, options)`: see `StreamlitApi.fragment`.
 */
export function makeFragment<A extends unknown[], R>(root: DeltaGenerator, fn: (...args: A) => R, options: FragmentOptions = {}): (...args: A) => R {
  if (typeof fn !== 'function') throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'fragment', detail: 'pass the function to turn into a fragment' });
  const runEveryMs = parseRunEvery(options.run_every);
  return (...args: A): R =>
    drawFragment(root, fn as (...args: any[]) => unknown, args, runEveryMs, (fragmentId) => ({ type: 'vertical', border: false, fragmentId })) as R;
}
