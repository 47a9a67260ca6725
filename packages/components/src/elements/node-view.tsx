/**
 * Draws one node of the tree, and a block's children with their stale marks. Nodes are memoized
 * on identity: the reducer keeps an unchanged subtree's object, so React skips it entirely.
 * Children are keyed by index, since a path is positional, except widgets: those are keyed by
 * widget id, so a widget that moves (something was inserted above it) keeps its DOM node, focus
 * and caret, instead of another widget taking over the input a person is typing in.
 */
import { memo, type CSSProperties } from 'react';
import { isFresh, outsideScope, type AppNode, type BlockNode } from '../app-tree.js';
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
  // A fragment run leaves everything outside its fragments as it is: fresh.
  const outside = usePageSelector((s) => outsideScope(s.tree.scope, nodeKey));
  return (child, index) => outside || isFresh(runId, reached, index, child);
}

/**
 * Props of the wrapper `<div>` of one child: it carries the stale mark, so the child itself need
 * not re-render when only its staleness flips. A plain div, not a component, since every child
 * of every block gets one at each run start.
 */
export function slotProps(stale: boolean, style?: CSSProperties) {
  return { className: stale ? 'st-slot st-stale' : 'st-slot', 'data-stale': stale || undefined, style };
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
  const widgets = new Set<string>();
  return node.children.map((child, i) => {
    const key = slotKey(child, i, widgets);
    // A pinned chat input has one place, the bottom strip: its stale twin would show a second box.
    if (key.startsWith('i') && child.kind === 'element' && child.element.type === 'chat_input' && child.element.pinned) return null;
    return (
      <div key={key} {...slotProps(!fresh(child, i), slotStyle?.(child))}>
        <NodeView node={child} nodeKey={`${nodeKey}.${i}`} />
      </div>
    );
  });
}

/**
 * A widget's id, or the index. While a run streams, a moved widget can briefly be in the block
 * twice (new place fresh, old place stale): only the first gets the id key, keeping keys unique.
 */
function slotKey(child: AppNode, index: number, widgets: Set<string>): string {
  const id = child.kind === 'element' && 'id' in child.element ? child.element.id : undefined;
  if (id === undefined || widgets.has(id)) return `i${index}`;
  widgets.add(id);
  return `w${id}`;
}
