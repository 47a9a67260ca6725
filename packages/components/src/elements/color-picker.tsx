/**
 * st.color_picker: the browser's own color input and the hex value beside it. Dragging in the
 * picker is a draft; the color commits when the picker closes (the input's `change` event) or
 * the field loses focus, so choosing a color sends one rerun, not one per step.
 */
import { useEffect, useRef } from 'react';
import type { ColorPickerElement } from '@mini-st/protocol';
import { usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** Draws a `color_picker` element. */
export function ColorPicker({ el }: { el: ColorPickerElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const value = useWidgetValue(el.id);
  const color = typeof value === 'string' ? value : el.value;
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(el);
  latest.current = el;
  useEffect(() => {
    const node = input.current;
    if (!node) return;
    // React's onChange is the `input` event; the native `change` fires once, when a color is chosen.
    const commit = () => store.commit(latest.current, node.value);
    node.addEventListener('change', commit);
    return () => node.removeEventListener('change', commit);
  }, [store]);
  return (
    <div className="st-widget st-color-picker">
      <WidgetLabel el={el} ids={ids} htmlFor={ids.input} />
      <div className="st-color-row">
        <input
          ref={input}
          id={ids.input}
          type="color"
          className="st-color"
          value={color}
          disabled={el.disabled}
          {...ids.a11y}
          onChange={(e) => store.setDraft(el.id, e.target.value)}
          onBlur={() => store.commitDraft(el)}
        />
        <code className="st-color-value" aria-hidden="true">
          {color}
        </code>
      </div>
    </div>
  );
}
