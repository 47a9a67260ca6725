/**
 * st.text_input: typing is a draft; Enter or leaving the field commits it (a rerun, or the
 * form's batch), like Streamlit. Password inputs and a character limit are supported.
 */
import type { TextInputElement } from '@mini-st/protocol';
import { usePage, useTextWidget } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** Draws a `text_input` element. */
export function TextInput({ el }: { el: TextInputElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const { text, editing } = useTextWidget(el.id);
  return (
    <div className="st-widget st-text-input">
      <WidgetLabel el={el} ids={ids} htmlFor={ids.input} />
      <div className="st-input-box">
        <input
          id={ids.input}
          className="st-input"
          type={el.inputType === 'password' ? 'password' : 'text'}
          value={text}
          placeholder={el.placeholder}
          maxLength={el.maxChars}
          disabled={el.disabled}
          autoComplete={el.inputType === 'password' ? 'current-password' : 'off'}
          {...ids.a11y}
          onChange={(e) => store.setDraft(el.id, e.target.value)}
          onKeyDown={(e) => {
            // Enter while an IME composes a character belongs to the IME.
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) store.commitDraft(el);
          }}
          onBlur={() => store.commitDraft(el)}
        />
        {(editing || el.maxChars !== undefined) && (
          <span className="st-input-hint" aria-hidden="true">
            {editing && !el.formId ? 'Press Enter to apply' : ''}
            {el.maxChars !== undefined ? ` ${text.length}/${el.maxChars}` : ''}
          </span>
        )}
      </div>
    </div>
  );
}
