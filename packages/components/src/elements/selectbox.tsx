/**
 * st.selectbox: a native `<select>`, which every browser makes keyboard and screen-reader ready.
 * With `index: null` it shows the placeholder until a choice is made.
 */
import type { SelectboxElement } from '@mini-st/protocol';
import { usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** Draws a `selectbox` element. */
export function Selectbox({ el }: { el: SelectboxElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const value = useWidgetValue(el.id);
  const selected = typeof value === 'number' ? value : null;
  return (
    <div className="st-widget st-selectbox">
      <WidgetLabel el={el} ids={ids} htmlFor={ids.input} />
      <select
        id={ids.input}
        className="st-input st-select"
        value={selected === null ? '' : String(selected)}
        disabled={el.disabled}
        {...ids.a11y}
        onChange={(e) => store.commit(el, Number(e.target.value))}
      >
        {selected === null && (
          <option value="" disabled>
            {el.placeholder || 'Choose an option'}
          </option>
        )}
        {el.options.map((option, i) => (
          <option key={i} value={String(i)}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}
