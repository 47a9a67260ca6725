/**
 * `st.dialog`: a modal over the page whose body is a fragment. Calling the wrapped function in a
 * run draws a `dialog` block (the page shows it in a modal `<dialog>`); widgets inside rerun only
 * the dialog; `st.rerun()` inside runs the app, which closes the dialog unless the app calls it
 * again. One dialog per run, as in Streamlit.
 */
import { MiniStError } from '../errors.js';
import type { DeltaGenerator } from './delta-generator.js';
import { drawFragment } from './fragment.js';

export interface DialogOptions {
  /** "small" (500 px, the default) or "large" (750 px). */
  width?: 'small' | 'large';
}

/** What `st.dialog(title)` returns: wraps a function into one that opens the dialog. */
export type DialogDecorator = <A extends unknown[], R>(
  fn: (...args: A) => R,
) => (...args: A) => R extends PromiseLike<unknown> ? Promise<void> : void;

/** `st.dialog(title, options)`: see `StreamlitApi.dialog`. */
export function makeDialog(root: DeltaGenerator, title: string, options: DialogOptions = {}): DialogDecorator {
  if (typeof title !== 'string' || title.trim() === '') {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'dialog', detail: 'the title must be a non-empty string' });
  }
  const width = options.width ?? 'small';
  if (width !== 'small' && width !== 'large') {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'dialog', detail: `width must be "small" or "large", got ${JSON.stringify(width)}` });
  }
  return ((fn: (...args: unknown[]) => unknown) => {
    if (typeof fn !== 'function') throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'dialog', detail: 'pass the function that draws the dialog' });
    return (...args: unknown[]) => {
      const result = drawFragment(
        root,
        fn,
        args,
        null,
        (fragmentId, context) => {
          if (context.openDialog !== undefined) throw new MiniStError('MST_ERR_DIALOG_ALREADY_OPEN', { title, open: context.openDialog });
          context.openDialog = title;
          return { type: 'dialog', title, width, fragmentId, openedIn: context.runId };
        },
        'dialog',
      );
      return result instanceof Promise ? result.then(() => undefined) : undefined;
    };
  }) as DialogDecorator;
}
