/**
 * The page: header bar, optional sidebar, and the main area (centered, about 730 px wide like
 * Streamlit's centered layout). Each area subscribes to its own root, so a change in the main
 * area does not re-render the sidebar, and the reverse.
 */
import { ROOT_MAIN, ROOT_SIDEBAR } from '@mini-st/protocol';
import { cx } from './cx.js';
import { Notices } from './chrome/notices.js';
import { Sidebar } from './chrome/sidebar.js';
import { StatusBar } from './chrome/status-bar.js';
import { BlockChildren } from './elements/node-view.js';
import { usePageSelector } from './page-context.js';

function MainArea() {
  const node = usePageSelector((s) => s.tree.roots[ROOT_MAIN]);
  return (
    <main className="st-main">
      <div className="st-main-inner">
        <Notices />
        <div className="st-vertical st-root">
          <BlockChildren node={node} nodeKey={String(ROOT_MAIN)} />
        </div>
      </div>
    </main>
  );
}

/** The whole page; render inside `PageContext`. */
export function App() {
  const hasSidebar = usePageSelector((s) => s.tree.roots[ROOT_SIDEBAR].children.length > 0);
  return (
    <div className={cx('st-app', hasSidebar && 'st-with-sidebar')}>
      <StatusBar />
      {hasSidebar && <Sidebar />}
      <MainArea />
    </div>
  );
}
