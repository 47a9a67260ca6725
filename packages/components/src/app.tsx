/**
 * The page: header bar, optional sidebar, and the main area (centered, about 730 px wide like
 * Streamlit's centered layout, or the whole window with `layout: "wide"`), with a strip pinned
 * to its bottom for the chat input, and toasts in a corner. Each area subscribes to its own
 * root, so a change in the main area does not re-render the sidebar, and the reverse.
 */
import { useState, useSyncExternalStore } from 'react';
import { ROOT_MAIN, ROOT_SIDEBAR } from '@mini-st/protocol';
import { cx } from './cx.js';
import { Notices } from './chrome/notices.js';
import { Sidebar } from './chrome/sidebar.js';
import { NavMenu, useNavMenuAt } from './chrome/nav-menu.js';
import { StatusBar } from './chrome/status-bar.js';
import { Toasts } from './chrome/toasts.js';
import { BottomBarContext } from './elements/bottom-bar.js';
import { BlockChildren } from './elements/node-view.js';
import { usePage, usePageSelector } from './page-context.js';

function MainArea() {
  const node = usePageSelector((s) => s.tree.roots[ROOT_MAIN]);
  const [bottom, setBottom] = useState<HTMLElement | null>(null);
  return (
    <main className="st-main">
      <div className="st-main-inner">
        <Notices />
        <BottomBarContext value={bottom}>
          <div className="st-vertical st-root">
            <BlockChildren node={node} nodeKey={String(ROOT_MAIN)} />
          </div>
        </BottomBarContext>
      </div>
      <div ref={setBottom} className="st-bottom" />
    </main>
  );
}

/** The whole page; render inside `PageContext`. */
export function App() {
  const sidebarContent = usePageSelector((s) => s.tree.roots[ROOT_SIDEBAR].children.length > 0);
  const hasSidebar = useNavMenuAt('sidebar') || sidebarContent;
  const { connection } = usePage();
  const layout = () => connection.getState().pageConfig.layout;
  const wide = useSyncExternalStore(connection.subscribe, layout, layout) === 'wide';
  return (
    <div className={cx('st-app', hasSidebar && 'st-with-sidebar', wide && 'st-wide')}>
      <StatusBar />
      <NavMenu where="top" />
      {hasSidebar && <Sidebar />}
      <MainArea />
      <Toasts />
    </div>
  );
}
