/**
 * st.time_input: the browser's own time field. A complete time commits at once (the field has
 * no value while a part is missing); emptying it commits "no time" when it loses focus.
 */
import type { TimeInputElement } from '@mini-st/protocol';
import { usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** Draws a `time_input` element. */
export function TimeInput({ el }: { el: TimeInputElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const value = useWidgetValue(el.id);
  return (
    <div className="st-widget st-time-input">
      <WidgetLabel el={el} ids={ids} htmlFor={ids.input} />
      <input
        id={ids.input}
        type="time"
        className="st-input st-time"
        value={typeof value === 'string' ? value : ''}
        step={el.step}
        disabled={el.disabled}
        {...ids.a11y}
        onChange={(e) => (e.target.value ? store.commit(el, e.target.value) : store.setDraft(el.id, null))}
        onBlur={() => store.commitDraft(el)}
      />
    </div>
  );
}
