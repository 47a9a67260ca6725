/**
 * st.text_area: typing is a draft; leaving the field or Ctrl/Cmd+Enter commits it (plain Enter
 * is a new line).
 */
import type { TextAreaElement } from '@mini-st/protocol';
import { usePage, useTextWidget } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';

/** Draws a `text_area` element. */
export function TextArea({ el }: { el: TextAreaElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const { text, editing } = useTextWidget(el.id);
  return (
    <div className="st-widget st-text-area">
      <WidgetLabel el={el} ids={ids} htmlFor={ids.input} />
      <div className="st-input-box">
        <textarea
          id={ids.input}
          className="st-input st-textarea"
          value={text}
          placeholder={el.placeholder}
          maxLength={el.maxChars}
          disabled={el.disabled}
          style={el.height !== undefined ? { height: el.height } : undefined}
          {...ids.a11y}
          onChange={(e) => store.setDraft(el.id, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              store.commitDraft(el);
            }
          }}
          onBlur={() => store.commitDraft(el)}
        />
        {(editing || el.maxChars !== undefined) && (
          <span className="st-input-hint st-input-hint-area" aria-hidden="true">
            {editing && !el.formId ? 'Press Ctrl+Enter to apply' : ''}
            {el.maxChars !== undefined ? ` ${text.length}/${el.maxChars}` : ''}
          </span>
        )}
      </div>
    </div>
  );
}
