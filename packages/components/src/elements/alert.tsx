/**
 * st.error / st.warning / st.info / st.success: a colored box with a markdown body. Errors are
 * announced at once (role="alert"), the others politely (role="status").
 */
import { useMemo } from 'react';
import type { AlertElement } from '@mini-st/protocol';
import { renderMarkdown } from '../markdown.js';
import { iconText } from './icon.js';

/** Draws an `alert` element (st.error, st.warning, st.info, st.success). */
export function Alert({ el }: { el: AlertElement }) {
  const html = useMemo(() => renderMarkdown(el.body, false), [el.body]);
  const icon = iconText(el.icon);
  return (
    <div className={`st-alert st-alert-${el.kind}`} role={el.kind === 'error' ? 'alert' : 'status'}>
      {icon && (
        <span className="st-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      <div className="st-markdown" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
