/**
 * `st.dialog`: a native modal `<dialog>` (`showModal()`), portalled to the end of the body so no
 * collapsed expander or hidden tab around the call can hide it. The browser makes the rest of the
 * page inert (focus stays inside) and closes it on Escape; the X button and a click beside it close
 * it too, as in Streamlit. Closing is the person's business alone: no rerun. A run that calls the
 * dialog function again sends a new `openedIn`, which opens it again. Focus goes back where it was
 * when the dialog closes.
 */
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { DialogBlock as DialogSpec } from '@mini-st/protocol';
import type { BlockNode } from '../app-tree.js';
import { cx } from '../cx.js';
import { BlockChildren } from './node-view.js';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to the last: a modal
 * dialog makes the page inert, but Chromium would still let focus leave for the browser's own UI.
 */
function trapTab(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((node) => node.getClientRects().length > 0);
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !event.currentTarget.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

function outside(box: DOMRect, x: number, y: number): boolean {
  return x < box.left || x > box.right || y < box.top || y > box.bottom;
}

/** Draws a `dialog` block as a modal over the page. */
export function DialogBlock({ node, block, nodeKey }: { node: BlockNode; block: DialogSpec; nodeKey: string }) {
  // The `openedIn` the person closed; a different one (a new open) shows the dialog again.
  const [closedFor, setClosedFor] = useState<number | null>(null);
  const open = closedFor !== block.openedIn;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const openedIn = useRef(block.openedIn);
  openedIn.current = block.openedIn;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, [open]);

  if (!open) return <span className="st-dialog-anchor" hidden />;
  const close = () => setClosedFor(openedIn.current);
  const dialog = (
    <dialog
      ref={ref}
      className={cx('st-dialog', `st-dialog-${block.width}`)}
      aria-modal="true"
      aria-labelledby={titleId}
      // Escape: the browser closes the dialog; the page remembers that the person closed it.
      onClose={close}
      onKeyDown={trapTab}
      // A click on the dimmed page around it (the backdrop belongs to the dialog element) closes it.
      onClick={(event) => {
        if (event.target === event.currentTarget && outside(event.currentTarget.getBoundingClientRect(), event.clientX, event.clientY)) close();
      }}
    >
      <div className="st-dialog-header">
        <h2 id={titleId} className="st-dialog-title">
          {block.title}
        </h2>
        <button type="button" className="st-dialog-close" aria-label="Close" onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="st-dialog-body st-vertical">
        <BlockChildren node={node} nodeKey={nodeKey} />
      </div>
    </dialog>
  );
  // Server rendering (the component tests) has no document to portal into: draw it in place.
  if (typeof document === 'undefined') return dialog;
  // The anchor lets the dialog's slot in the page take no room (see dialog.css).
  return (
    <>
      <span className="st-dialog-anchor" hidden />
      {createPortal(dialog, document.body)}
    </>
  );
}
