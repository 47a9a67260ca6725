/**
 * `st.container()` (and the roots' shape): children stacked with a gap, optionally bordered, and
 * with a fixed height that scrolls.
 */
import type { VerticalBlock as VerticalSpec } from '@mini-st/protocol';
import type { BlockNode } from '../app-tree.js';
import { cx } from '../cx.js';
import { BlockChildren } from './node-view.js';

/** Draws a `vertical` block (`st.container`). */
export function VerticalBlock({ node, block, nodeKey }: { node: BlockNode; block: VerticalSpec; nodeKey: string }) {
  const scrolls = block.height !== undefined;
  return (
    <div
      className={cx('st-vertical', (block.border || scrolls) && 'st-bordered')}
      style={scrolls ? { height: block.height, overflowY: 'auto' } : undefined}
      // A scrolling region must be reachable by keyboard to be scrolled by it.
      tabIndex={scrolls ? 0 : undefined}
    >
      <BlockChildren node={node} nodeKey={nodeKey} />
    </div>
  );
}
