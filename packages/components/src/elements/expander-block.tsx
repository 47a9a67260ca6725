/**
 * `st.expander`: a native `<details>`/`<summary>`, which is keyboard and screen-reader ready.
 * `open` is only set from the element, so a person's toggle survives reruns that resend the
 * same element. `st.status` is an expander with a `state`: a spinner, a check or a cross.
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
        {block.state && <StateIcon state={block.state} />}
        {icon && !block.state && (
          <span className="st-icon" aria-hidden="true">
            {icon}
          </span>
        )}
        <span>{block.label}</span>
        {block.state && <span className="st-sr-only">({block.state})</span>}
      </summary>
      <div className="st-expander-body st-vertical">
        <BlockChildren node={node} nodeKey={nodeKey} />
      </div>
    </details>
  );
}

/** The state of an `st.status`: turning while running, then a check or a cross. */
function StateIcon({ state }: { state: NonNullable<ExpanderSpec['state']> }) {
  if (state === 'running') return <span className="st-spinner st-status-icon" aria-hidden="true" />;
  return (
    <span className={`st-status-icon st-status-${state}`} aria-hidden="true">
      {state === 'complete' ? '✓' : '✕'}
    </span>
  );
}
