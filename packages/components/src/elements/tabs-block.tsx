/**
 * `st.tabs`: WAI-ARIA tabs. A tablist of buttons with roving tabindex (arrow keys, Home, End
 * move and select), and one tabpanel per `tab` child. Hidden panels stay mounted, so widgets in
 * them keep their state, as in Streamlit.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { BlockNode } from '../app-tree.js';
import { BlockChildren, NodeView, slotProps, useFreshness } from './node-view.js';

/** Draws a `tabs` block and its `tab` children as a tablist and tabpanels. */
export function TabsBlock({ node, nodeKey }: { node: BlockNode; nodeKey: string }) {
  const [chosen, setChosen] = useState(0);
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const fresh = useFreshness(nodeKey);
  const tabs = node.children;
  const selected = Math.min(chosen, Math.max(0, tabs.length - 1));

  const onKeyDown = (event: KeyboardEvent, i: number) => {
    const last = tabs.length - 1;
    const next = { ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i === 0 ? last : i - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setChosen(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="st-tabs">
      <div role="tablist" className="st-tablist">
        {tabs.map((tab, i) => (
          <button
            key={i}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}tab${i}`}
            aria-selected={i === selected}
            aria-controls={`${base}panel${i}`}
            tabIndex={i === selected ? 0 : -1}
            className="st-tab"
            onClick={() => setChosen(i)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {tab.kind === 'block' && tab.block.type === 'tab' ? tab.block.label : `Tab ${i + 1}`}
          </button>
        ))}
      </div>
      {tabs.map((tab, i) => (
        <div
          key={i}
          role="tabpanel"
          id={`${base}panel${i}`}
          aria-labelledby={`${base}tab${i}`}
          hidden={i !== selected}
          tabIndex={0}
          className="st-tabpanel"
        >
          <div {...slotProps(!fresh(tab, i))}>
            {tab.kind === 'block' ? (
              <div className="st-vertical">
                <BlockChildren node={tab} nodeKey={`${nodeKey}.${i}`} />
              </div>
            ) : (
              <NodeView node={tab} nodeKey={`${nodeKey}.${i}`} />
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
