/**
 * st.radio: a radiogroup, named by the label, of native radio inputs (arrow keys move within it
 * for free). Values travel as option indices; `index: null` checks none. A change commits at once.
 */
import { useId } from 'react';
import type { RadioElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** Draws a `radio` element. */
export function Radio({ el }: { el: RadioElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const name = useId();
  const value = useWidgetValue(el.id);
  const selected = typeof value === 'number' ? value : null;
  const visible = el.labelVisibility === 'visible';
  return (
    <div className="st-widget st-radio">
      <WidgetLabel el={el} ids={ids} />
      <div
        role="radiogroup"
        className={cx('st-choices', el.horizontal && 'st-horizontal-choices')}
        aria-labelledby={visible ? ids.label : undefined}
        aria-disabled={el.disabled || undefined}
        {...ids.a11y}
      >
        {el.options.map((option, i) => (
          <label key={i} className={cx('st-check', 'st-choice', el.disabled && 'st-disabled')}>
            <input type="radio" name={name} checked={selected === i} disabled={el.disabled} onChange={() => store.commit(el, i)} />
            <span className="st-choice-text">
              {option}
              {el.captions?.[i] && <span className="st-choice-caption">{el.captions[i]}</span>}
            </span>
          </label>
        ))}
      </div>
    </div>
  );
}
