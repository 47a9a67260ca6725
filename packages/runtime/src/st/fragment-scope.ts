/**
 * What the runner, the delta generator and `st.fragment` share about fragments, kept apart from
 * `fragment.ts` so the delta generator can check a write without importing the API: the record a
 * session keeps per fragment on the page, and the frame of the fragment body running now (found
 * through AsyncLocalStorage, so an awaited fragment body keeps its frame).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Block, Path } from '@mini-st/protocol';

/** One fragment on the page: what a fragment run calls again, and where it draws. */
export interface FragmentRecord {
  readonly id: string;
  /** The user's function and the arguments of its last call. */
  readonly fn: (...args: any[]) => unknown;
  readonly args: readonly unknown[];
  /** The fragment's block: a `vertical` block with `fragmentId`, or a `dialog`. */
  readonly path: Path;
  readonly block: Block;
  /** The form the fragment was called in, if any (its widgets then travel on submit). */
  readonly formId: string | undefined;
  /** `run_every` in milliseconds; null when the fragment has no timer. */
  readonly runEveryMs: number | null;
  /** The `st.navigation` page whose body called it (its widget ids are that page's). */
  readonly page: string | undefined;
}

/** The fragment body running now (the innermost one). */
export interface FragmentFrame {
  readonly id: string;
  readonly path: Path;
}

export const fragmentFrames = new AsyncLocalStorage<FragmentFrame>();

/** The innermost fragment body running in this async context, if any. */
export function currentFragment(): FragmentFrame | undefined {
  return fragmentFrames.getStore();
}

/** Whether `path` is `scope` or lies under it. */
export function isWithin(path: Path, scope: Path): boolean {
  if (path.length < scope.length) return false;
  for (let i = 0; i < scope.length; i++) if (path[i] !== scope[i]) return false;
  return true;
}
