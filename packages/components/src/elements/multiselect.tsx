/**
 * st.multiselect: the chosen options as chips (each with a "Remove <option>" button) and a native
 * `<select>`, named by the label, to add one more. At `maxSelections` the select is disabled and
 * says why. Values travel as option indices, in the order they were chosen.
 */
import { useRef } from 'react';
import type { MultiselectElement } from '@mini-st/protocol';
import { usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** Draws a `multiselect` element. */
export function Multiselect({ el }: { el: MultiselectElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const select = useRef<HTMLSelectElement>(null);
  const value = useWidgetValue(el.id);
  const chosen = Array.isArray(value) ? value : [];
  const full = el.maxSelections !== undefined && chosen.length >= el.maxSelections;
  const remaining = el.options.map((option, i) => [option, i] as const).filter(([, i]) => !chosen.includes(i));
  const prompt = full
    ? `You can only select up to ${el.maxSelections} option${el.maxSelections === 1 ? '' : 's'}. Remove an option first.`
    : remaining.length === 0
      ? 'No options to select.'
      : el.placeholder || 'Choose options';
  return (
    <div className="st-widget st-multiselect">
      <WidgetLabel el={el} ids={ids} htmlFor={ids.input} />
      <div className="st-multiselect-box">
        {chosen.length > 0 && (
          // Unnamed on purpose: only the select carries the label, so the label names one control.
          <ul className="st-chips">
            {chosen.map((i) => (
              <li key={i} className="st-chip">
                <span>{el.options[i] ?? `#${i}`}</span>
                <button
                  type="button"
                  className="st-chip-remove"
                  aria-label={`Remove ${el.options[i] ?? `#${i}`}`}
                  disabled={el.disabled}
                  onClick={() => {
                    store.commit(el, chosen.filter((c) => c !== i));
                    select.current?.focus();
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <select
          ref={select}
          id={ids.input}
          className="st-input st-select"
          value=""
          disabled={el.disabled || full || remaining.length === 0}
          {...ids.a11y}
          onChange={(e) => {
            if (e.target.value !== '') store.commit(el, [...chosen, Number(e.target.value)]);
          }}
        >
          <option value="" disabled>
            {prompt}
          </option>
          {remaining.map(([option, i]) => (
            <option key={i} value={String(i)}>
              {option}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
