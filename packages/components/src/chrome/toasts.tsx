/**
 * st.toast: messages stacked in the bottom-right corner, each gone after its duration or on
 * its close button. The stack is a polite live region, so screen readers read each toast once.
 */
import { memo, useEffect, useMemo } from 'react';
import type { Toast as ToastData } from '../connection.js';
import { iconText } from '../elements/icon.js';
import { renderInline } from '../markdown.js';
import { useConnectionState, usePage } from '../page-context.js';

/** The toasts of the page. */
export const Toasts = memo(function Toasts() {
  const { toasts } = useConnectionState();
  return (
    <div className="st-toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} />
      ))}
    </div>
  );
});

function ToastView({ toast }: { toast: ToastData }) {
  const { connection } = usePage();
  const html = useMemo(() => renderInline(toast.body), [toast.body]);
  const icon = iconText(toast.icon);
  useEffect(() => {
    if (toast.duration === null) return;
    const timer = setTimeout(() => connection.dismiss(toast.id), toast.duration * 1000);
    return () => clearTimeout(timer);
  }, [connection, toast]);
  return (
    <div className="st-toast">
      {icon && (
        <span className="st-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      <div className="st-toast-body" dangerouslySetInnerHTML={{ __html: html }} />
      <button type="button" className="st-toast-close" aria-label="Close" onClick={() => connection.dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
