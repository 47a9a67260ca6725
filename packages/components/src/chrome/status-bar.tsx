/**
 * The header bar: while a run is in progress, "Running…" (announced politely) and a Stop button;
 * connection trouble as a quiet "Connecting…"/"Reconnecting…"; and the "Source file changed."
 * offer to rerun. It shows only when it has something to say; the live region is always there
 * so screen readers hear the changes. The settings menu (theme) sits at its right end, always.
 */
import { memo } from 'react';
import { cx } from '../cx.js';
import { useConnectionState, usePage, usePageSelector } from '../page-context.js';
import { SettingsMenu } from './settings-menu.js';

/** The header bar with run status, Stop, connection trouble and the rerun offer. */
export const StatusBar = memo(function StatusBar() {
  const { store } = usePage();
  // A fragment run (a click in a fragment, a `run_every` tick) redraws only its fragment, whose
  // unreached parts fade; announcing "Running…" for each tick would chatter in screen readers.
  const running = usePageSelector((s) => s.tree.running && s.tree.scope === null);
  const { status, sourceChanged, halted } = useConnectionState();
  const connected = status === 'connected';
  const message = halted
    ? 'Disconnected. Reload the page.'
    : status === 'connecting'
      ? 'Connecting…'
      : status === 'reconnecting'
        ? 'Reconnecting…'
        : running
          ? 'Running…'
          : '';
  const showStop = running && connected;
  return (
    <header className={cx('st-statusbar', (message || sourceChanged) && 'st-statusbar-shown', !connected && 'st-statusbar-trouble')}>
      {showStop && <div className="st-progress" aria-hidden="true" />}
      <div className="st-statusbar-items">
        {sourceChanged && connected && (
          <div className="st-source-changed">
            <span>Source file changed.</span>
            <button type="button" className="st-button st-button-tertiary st-small" onClick={() => store.rerun()}>
              Rerun
            </button>
          </div>
        )}
        <span className="st-status-text" role="status" aria-live="polite">
          {message && <span className="st-spinner" aria-hidden="true" />}
          {message}
        </span>
        {showStop && (
          <button type="button" className="st-button st-button-secondary st-small" onClick={() => store.stop()}>
            Stop
          </button>
        )}
      </div>
      <SettingsMenu />
    </header>
  );
});
