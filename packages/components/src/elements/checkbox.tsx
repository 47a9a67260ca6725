/**
 * st.checkbox and st.toggle: a native checkbox inside its label (so the label names it and a
 * click on the text toggles it); the toggle is the same input with role="switch", drawn as a
 * switch. A change commits at once.
 */
import type { CheckboxElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { usePage, useWidgetValue } from '../page-context.js';
import { HelpIcon, HelpText } from './help.js';
import { useWidgetIds } from './widget-label.js';

/** Draws a `checkbox` element, as a checkbox or (style "toggle") a switch. */
export function Checkbox({ el }: { el: CheckboxElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const checked = useWidgetValue(el.id) === true;
  const toggle = el.style === 'toggle';
  return (
    <div className={cx('st-widget', 'st-check-row', el.disabled && 'st-disabled')}>
      <label className={cx('st-check', toggle && 'st-toggle')}>
        <input
          type="checkbox"
          role={toggle ? 'switch' : undefined}
          checked={checked}
          disabled={el.disabled}
          {...ids.a11y}
          onChange={(e) => store.commit(el, e.target.checked)}
        />
        {toggle && <span className="st-toggle-track" aria-hidden="true" />}
        <span className={cx('st-check-text', el.labelVisibility === 'hidden' && 'st-invisible', el.labelVisibility === 'collapsed' && 'st-gone')}>
          {el.label}
        </span>
      </label>
      {el.help && <HelpIcon text={el.help} />}
      {el.help && <HelpText id={ids.help} text={el.help} />}
    </div>
  );
}
