/**
 * Picks the component for a block type; exhaustive like `ElementView`. A `tab` outside `tabs`
 * cannot happen by the protocol, but is drawn as a plain container rather than lost.
 */
import type { BlockNode } from '../app-tree.js';
import { ChatMessageBlock } from './chat-message-block.js';
import { ColumnBlock, HorizontalBlock } from './columns-block.js';
import { DialogBlock } from './dialog-block.js';
import { ExpanderBlock } from './expander-block.js';
import { FormBlock } from './form-block.js';
import { TabsBlock } from './tabs-block.js';
import { VerticalBlock } from './vertical-block.js';

/** One block and its subtree. */
export function BlockView({ node, nodeKey }: { node: BlockNode; nodeKey: string }) {
  const block = node.block;
  switch (block.type) {
    case 'vertical':
      return <VerticalBlock node={node} block={block} nodeKey={nodeKey} />;
    case 'horizontal':
      return <HorizontalBlock node={node} block={block} nodeKey={nodeKey} />;
    case 'column':
      return <ColumnBlock node={node} block={block} nodeKey={nodeKey} />;
    case 'tabs':
      return <TabsBlock node={node} nodeKey={nodeKey} />;
    case 'tab':
      return <VerticalBlock node={node} block={{ type: 'vertical', border: false }} nodeKey={nodeKey} />;
    case 'expander':
      return <ExpanderBlock node={node} block={block} nodeKey={nodeKey} />;
    case 'chat_message':
      return <ChatMessageBlock node={node} block={block} nodeKey={nodeKey} />;
    case 'form':
      return <FormBlock node={node} block={block} nodeKey={nodeKey} />;
    case 'dialog':
      return <DialogBlock node={node} block={block} nodeKey={nodeKey} />;
    default:
      return block satisfies never;
  }
}
