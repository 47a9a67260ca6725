/**
 * st.pills and st.segmented_control: a group, named by the label, of toggle buttons
 * (aria-pressed). In single mode pressing the chosen one again clears the choice, as in
 * Streamlit; in multi mode each toggles. A press commits at once; values are option indices.
 */
import type { PillsElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** The chosen indices after pressing option `i`. */
export function pressed(chosen: readonly number[], i: number, multi: boolean): number[] {
  if (chosen.includes(i)) return chosen.filter((c) => c !== i);
  return multi ? [...chosen, i].sort((a, b) => a - b) : [i];
}

/** Draws a `pills` element (st.pills, st.segmented_control). */
export function Pills({ el }: { el: PillsElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const value = useWidgetValue(el.id);
  const chosen = Array.isArray(value) ? value : el.indices;
  return (
    <div className="st-widget st-pills-widget">
      <WidgetLabel el={el} ids={ids} />
      <div
        role="group"
        className={cx('st-pills', el.style === 'segmented_control' && 'st-segmented')}
        aria-labelledby={el.labelVisibility === 'visible' ? ids.label : undefined}
        {...ids.a11y}
      >
        {el.options.map((option, i) => (
          <button
            key={i}
            type="button"
            className="st-pill"
            aria-pressed={chosen.includes(i)}
            disabled={el.disabled}
            onClick={() => store.commit(el, pressed(chosen, i, el.multi))}
          >
            {option}
          </button>
        ))}
      </div>
    </div>
  );
}
