/**
 * st.exception and script errors: a red box with the error's name, message and code, and the
 * stack (already mapped to the user's lines) in a `<details>`, open like Streamlit's traceback.
 */
import type { ExceptionElement } from '@mini-st/protocol';

/** Draws an `exception` element (st.exception, errors thrown by the script). */
export function ExceptionBox({ el }: { el: ExceptionElement }) {
  return (
    <div className="st-exception">
      <div className="st-exception-head">
        <strong className="st-exception-name">{el.name}</strong>
        {el.code && <code className="st-exception-code">{el.code}</code>}
      </div>
      <div className="st-exception-message">{el.message}</div>
      {el.stack.length > 0 && (
        <details className="st-exception-stack" open>
          <summary>Traceback</summary>
          <pre tabIndex={0}>{el.stack.join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
