/**
 * st.progress: a bar (role="progressbar", named by its text) that the script rewrites in place;
 * the fill glides to each new value.
 */
import { useId, useMemo } from 'react';
import type { ProgressElement } from '@mini-st/protocol';
import { renderInline } from '../markdown.js';

/** Draws a `progress` element. */
export function Progress({ el }: { el: ProgressElement }) {
  const id = useId();
  const html = useMemo(() => (el.text ? renderInline(el.text) : ''), [el.text]);
  const percent = Math.round(Math.min(1, Math.max(0, el.value)) * 100);
  return (
    <div className="st-progressbar-el">
      {html && <div id={id} className="st-progressbar-text" dangerouslySetInnerHTML={{ __html: html }} />}
      <div
        className="st-progressbar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-labelledby={html ? id : undefined}
        aria-label={html ? undefined : 'Progress'}
      >
        <div className="st-progressbar-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
