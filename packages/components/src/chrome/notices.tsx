/**
 * Banners for faults the server reported (not the script's errors, which are elements): code,
 * message, and a Dismiss button.
 */
import { memo } from 'react';
import { useConnectionState, usePage } from '../page-context.js';

/** The server's fault banners, newest last. */
export const Notices = memo(function Notices() {
  const { connection } = usePage();
  const { notices } = useConnectionState();
  if (notices.length === 0) return null;
  return (
    <div className="st-notices">
      {notices.map((n) => (
        <div key={n.id} className="st-notice" role="alert">
          <div className="st-notice-text">
            <code className="st-notice-code">{n.code}</code> {n.message}
          </div>
          <button type="button" className="st-notice-dismiss" aria-label="Dismiss" onClick={() => connection.dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
});
