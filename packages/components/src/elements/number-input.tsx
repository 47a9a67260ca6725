/**
 * st.number_input: a text field with spinbutton semantics and − / + step buttons (named
 * "Decrement"/"Increment" only, so that the label names exactly one control). What is typed
 * is a draft, committed on Enter or blur if it parses (fractions are refused for ints, values
 * clamp to min/max); Arrow Up/Down and the buttons step and commit at once. The value is shown
 * with the element's printf-style `format`.
 */
import type { NumberInputElement } from '@mini-st/protocol';
import { clamp, decimalsOf, formatNumber, parseNumber } from '../number-format.js';
import { usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** Draws a `number_input` element. */
export function NumberInput({ el }: { el: NumberInputElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const value = useWidgetValue(el.id);
  const committed = typeof value === 'number' ? value : null;
  const text = typeof value === 'string' ? value : committed === null ? '' : formatNumber(committed, el);

  const commitText = () => {
    const draft = store.getState().widgets.drafts[el.id];
    if (typeof draft !== 'string') return;
    const parsed = parseNumber(draft, el);
    // Text that is not an acceptable number is refused: the field goes back to the last value.
    if (parsed === null) store.discardDraft(el.id);
    else store.commit(el, parsed);
  };

  const step = (direction: 1 | -1) => {
    const draft = store.getState().widgets.drafts[el.id];
    const typed = typeof draft === 'string' ? parseNumber(draft, el) : null;
    const from = typed ?? committed ?? el.min ?? 0;
    // Stepping moves from the current value, not along a grid, as Streamlit's does.
    const places = Math.min(15, Math.max(decimalsOf(el.step), decimalsOf(from)));
    const next = clamp(Number((from + direction * el.step).toFixed(places)), el);
    store.commit(el, el.dataType === 'int' ? Math.round(next) : next);
  };

  const atMin = committed !== null && el.min !== undefined && committed <= el.min;
  const atMax = committed !== null && el.max !== undefined && committed >= el.max;
  return (
    <div className="st-widget st-number-input">
      <WidgetLabel el={el} ids={ids} htmlFor={ids.input} />
      <div className="st-number-box">
        <input
          id={ids.input}
          className="st-input"
          type="text"
          inputMode={el.dataType === 'int' ? 'numeric' : 'decimal'}
          role="spinbutton"
          aria-valuenow={committed ?? undefined}
          aria-valuemin={el.min}
          aria-valuemax={el.max}
          aria-valuetext={text || undefined}
          value={text}
          placeholder={el.placeholder}
          disabled={el.disabled}
          autoComplete="off"
          {...ids.a11y}
          onChange={(e) => store.setDraft(el.id, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) commitText();
            else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
              e.preventDefault();
              step(e.key === 'ArrowUp' ? 1 : -1);
            }
          }}
          onBlur={commitText}
        />
        <button
          type="button"
          className="st-step"
          aria-label="Decrement"
          tabIndex={-1}
          disabled={el.disabled || atMin}
          onClick={() => step(-1)}
        >
          −
        </button>
        <button
          type="button"
          className="st-step"
          aria-label="Increment"
          tabIndex={-1}
          disabled={el.disabled || atMax}
          onClick={() => step(1)}
        >
          +
        </button>
      </div>
    </div>
  );
}
