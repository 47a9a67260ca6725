/**
 * st.button and st.form_submit_button: a real `<button>` named by its text. A click sends a
 * rerun triggered by the button; a submit button sends its form's batch instead. The browser
 * clicks the form's first submit button on Enter in a text field, which lands here too.
 */
import { useContext, type MouseEvent } from 'react';
import type { ButtonElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { usePage } from '../page-context.js';
import { FormContext } from './form-block.js';
import { HelpIcon, HelpText } from './help.js';
import { useWidgetIds } from './widget-label.js';

/** Draws a `button` element (st.button, st.form_submit_button). */
export function Button({ el }: { el: ButtonElement }) {
  const { store } = usePage();
  const form = useContext(FormContext);
  const ids = useWidgetIds(el);
  const onClick = (event: MouseEvent) => {
    if (el.isSubmit) {
      event.preventDefault();
      store.submitForm(el.formId ?? form ?? '', el.id);
    } else {
      store.click(el.id);
    }
  };
  return (
    <div className={cx('st-button-row', el.useContainerWidth && 'st-full')}>
      <button
        type={el.isSubmit ? 'submit' : 'button'}
        className={cx('st-button', `st-button-${el.kind}`)}
        disabled={el.disabled}
        aria-describedby={ids.a11y['aria-describedby']}
        onClick={onClick}
      >
        {el.label}
      </button>
      {el.help && <HelpIcon text={el.help} />}
      {el.help && <HelpText id={ids.help} text={el.help} />}
    </div>
  );
}
