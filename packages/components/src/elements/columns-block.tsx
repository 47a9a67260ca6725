/**
 * `st.columns`: a horizontal block is a flex row, and each column child takes a share of it by
 * its weight. On narrow screens the row stacks, as Streamlit's does.
 */
import type { ColumnBlock as ColumnSpec, HorizontalBlock as HorizontalSpec } from '@mini-st/protocol';
import type { AppNode, BlockNode } from '../app-tree.js';
import { cx } from '../cx.js';
import { BlockChildren } from './node-view.js';

function columnFlex(child: AppNode) {
  const weight = child.kind === 'block' && child.block.type === 'column' ? child.block.weight : 1;
  return { flex: `${weight} 1 0%` };
}

/** Draws a `horizontal` block: the row made by `st.columns`. */
export function HorizontalBlock({ node, block, nodeKey }: { node: BlockNode; block: HorizontalSpec; nodeKey: string }) {
  return (
    <div className={cx('st-horizontal', `st-gap-${block.gap}`)}>
      <BlockChildren node={node} nodeKey={nodeKey} slotStyle={columnFlex} />
    </div>
  );
}

/** Draws a `column` block: one column of the row. */
export function ColumnBlock({ node, block, nodeKey }: { node: BlockNode; block: ColumnSpec; nodeKey: string }) {
  return (
    <div className={cx('st-column', 'st-vertical', `st-align-${block.verticalAlignment}`, block.border && 'st-bordered')}>
      <BlockChildren node={node} nodeKey={nodeKey} />
    </div>
  );
}
