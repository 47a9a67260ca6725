/**
 * `st.expander`: a native `<details>`/`<summary>`, which is keyboard and screen-reader ready.
 * `open` is only set from the element, so a person's toggle survives reruns that resend the
 * same element.
 */
import type { ExpanderBlock as ExpanderSpec } from '@mini-st/protocol';
import type { BlockNode } from '../app-tree.js';
import { BlockChildren } from './node-view.js';
import { iconText } from './icon.js';

/** Draws an `expander` block. */
export function ExpanderBlock({ node, block, nodeKey }: { node: BlockNode; block: ExpanderSpec; nodeKey: string }) {
  const icon = iconText(block.icon);
  return (
    <details className="st-expander" open={block.expanded}>
      <summary className="st-expander-summary">
        {icon && (
          <span className="st-icon" aria-hidden="true">
            {icon}
          </span>
        )}
        <span>{block.label}</span>
      </summary>
      <div className="st-expander-body st-vertical">
        <BlockChildren node={node} nodeKey={nodeKey} />
      </div>
    </details>
  );
}
