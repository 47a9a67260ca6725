/**
 * The sidebar (root 1): a left panel, shown only when the app put something in it (or the menu of
 * `st.navigation`, drawn above the app's own sidebar content), that the
 * person can collapse. It starts collapsed on narrow screens, where it overlays the page, unless
 * `st.set_page_config({ initial_sidebar_state })` says otherwise.
 */
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { ROOT_SIDEBAR } from '@mini-st/protocol';
import { usePage, usePageSelector } from '../page-context.js';
import { BlockChildren } from '../elements/node-view.js';
import { NavMenu } from './nav-menu.js';

const WIDE = '(min-width: 768px)';

/** The sidebar area; render it only when the sidebar root has children. */
export function Sidebar() {
  const node = usePageSelector((s) => s.tree.roots[ROOT_SIDEBAR]);
  const { connection } = usePage();
  const initialState = () => connection.getState().pageConfig.initialSidebarState;
  const initial = useSyncExternalStore(connection.subscribe, initialState, initialState);
  const [open, setOpen] = useState(() => (initial && initial !== 'auto' ? initial === 'expanded' : typeof matchMedia !== 'function' || matchMedia(WIDE).matches));
  // The app's choice applies when it arrives; the person's toggles after that are theirs.
  useEffect(() => {
    if (initial === 'expanded' || initial === 'collapsed') setOpen(initial === 'expanded');
  }, [initial]);
  const id = useId();
  return (
    <>
      {!open && (
        <button type="button" className="st-sidebar-toggle st-sidebar-open" aria-label="Open sidebar" aria-expanded={false} aria-controls={id} onClick={() => setOpen(true)}>
          ›
        </button>
      )}
      <aside id={id} className="st-sidebar" aria-label="Sidebar" hidden={!open}>
        <button type="button" className="st-sidebar-toggle st-sidebar-close" aria-label="Close sidebar" aria-expanded={true} aria-controls={id} onClick={() => setOpen(false)}>
          ‹
        </button>
        <NavMenu where="sidebar" />
        <div className="st-vertical st-root">
          <BlockChildren node={node} nodeKey={String(ROOT_SIDEBAR)} />
        </div>
      </aside>
    </>
  );
}
