/**
 * Where a `DeltaGenerator` writes: a block to append to, or a placeholder (`st.empty()`) to
 * replace. Roots are valid in every run; anything else belongs to the run that created it.
 */
import type { Path } from '@mini-st/protocol';

export interface Target {
  readonly path: Path;
  /** Set inside `st.form`: the widgets' values travel only on submit. */
  readonly formId?: string;
  /** Set inside `st.fragment` / `st.dialog`: the innermost fragment this container belongs to. */
  readonly fragmentId?: string;
  /** `st.empty()`: each write replaces the node at `path` instead of appending. */
  readonly placeholder: boolean;
  /** The run that created this target; -1 for the roots. */
  readonly runId: number;
}

export const MAIN_TARGET: Target = { path: [0], placeholder: false, runId: -1 };
export const SIDEBAR_TARGET: Target = { path: [1], placeholder: false, runId: -1 };
