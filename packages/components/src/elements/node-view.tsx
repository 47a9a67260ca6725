/**
 * Draws one node of the tree, and a block's children with their stale marks. Nodes are memoized
 * on identity: the reducer keeps an unchanged subtree's object, so React skips it entirely.
 * Children are keyed by index because a path is positional: index i is the same slot across runs.
 */
import { memo, type CSSProperties, type ReactNode } from 'react';
import { isFresh, type AppNode, type BlockNode } from '../app-tree.js';
import { usePageSelector } from '../page-context.js';
import { BlockView } from './block-view.js';
import { ElementView } from './element-view.js';

/** One node; `nodeKey` is its pathKey, a string so that memo compares it by value. */
export const NodeView = memo(function NodeView({ node, nodeKey }: { node: AppNode; nodeKey: string }) {
  return node.kind === 'block' ? <BlockView node={node} nodeKey={nodeKey} /> : <ElementView element={node.element} />;
});

/**
 * Whether a child of the block at `nodeKey` is fresh in the current run (rule 3). Subscribes only
 * to the run id and this block's `reached` count, so other blocks' progress does not re-render it.
 */
export function useFreshness(nodeKey: string): (child: AppNode, index: number) => boolean {
  const runId = usePageSelector((s) => s.tree.runId);
  const reached = usePageSelector((s) => s.tree.reached[nodeKey] ?? 0);
  return (child, index) => isFresh(runId, reached, index, child);
}

/** The wrapper of one child: carries the stale mark, so the child itself need not re-render. */
export function Slot({ stale, style, children }: { stale: boolean; style?: CSSProperties | undefined; children: ReactNode }) {
  return (
    <div className={stale ? 'st-slot st-stale' : 'st-slot'} data-stale={stale || undefined} style={style}>
      {children}
    </div>
  );
}

/** A block's children, each in a `Slot`; `slotStyle` lets a row size its columns. */
export function BlockChildren({
  node,
  nodeKey,
  slotStyle,
}: {
  node: BlockNode;
  nodeKey: string;
  slotStyle?: (child: AppNode) => CSSProperties | undefined;
}) {
  const fresh = useFreshness(nodeKey);
  return node.children.map((child, i) => (
    <Slot key={i} stale={!fresh(child, i)} style={slotStyle?.(child)}>
      <NodeView node={child} nodeKey={`${nodeKey}.${i}`} />
    </Slot>
  ));
}
