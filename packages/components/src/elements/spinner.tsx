/**
 * st.spinner: a turning ring and the text, shown while the script's work runs (the script
 * replaces it with nothing when the work ends). It fades in after a beat, so quick work does not
 * blink. With `showTime`, the seconds since it appeared.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SpinnerElement } from '@mini-st/protocol';
import { renderInline } from '../markdown.js';

/** Draws a `spinner` element. */
export function Spinner({ el }: { el: SpinnerElement }) {
  const html = useMemo(() => renderInline(el.text), [el.text]);
  return (
    <div className="st-spinner-el" role="status">
      <span className="st-spinner" aria-hidden="true" />
      <span dangerouslySetInnerHTML={{ __html: html }} />
      {el.showTime && <Elapsed />}
    </div>
  );
}

function Elapsed() {
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return <span className="st-spinner-time">({((now - start) / 1000).toFixed(1)} seconds)</span>;
}
