/**
 * st.download_button. Static data is a download link to the server's media storage (the browser
 * saves it; a click also reruns the script, where the button reads true, unless on_click is
 * "ignore"). A function's data is made in the run the click causes; the server then sends a
 * `download` message and the connection saves the file.
 */
import type { DownloadButtonElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { resolveMediaUrl } from '../media-url.js';
import { usePage } from '../page-context.js';
import { HelpIcon, HelpText } from './help.js';
import { useWidgetIds } from './widget-label.js';
import '../styles/media.css';

/** Draws a `download_button` element. */
export function DownloadButton({ el }: { el: DownloadButtonElement }) {
  const { store } = usePage();
  const ids = useWidgetIds(el);
  const href = el.url === null ? null : resolveMediaUrl(el.url, 'link');
  const className = cx('st-button', `st-button-${el.kind}`);
  const content = (
    <>
      {el.icon && <span className="st-button-icon" aria-hidden="true">{el.icon}</span>}
      {el.label}
    </>
  );
  const click = () => {
    if (!el.ignoreClick) store.click(el.id);
  };
  return (
    <div className={cx('st-button-row', el.useContainerWidth && 'st-full')}>
      {href !== null && !el.disabled ? (
        <a className={cx(className, 'st-link-button')} href={href} download={el.fileName} aria-describedby={ids.a11y['aria-describedby']} onClick={click}>
          {content}
        </a>
      ) : (
        <button type="button" className={className} disabled={el.disabled || (!el.deferred && href === null)} aria-describedby={ids.a11y['aria-describedby']} onClick={click}>
          {content}
        </button>
      )}
      {el.help && <HelpIcon text={el.help} />}
      {el.help && <HelpText id={ids.help} text={el.help} />}
    </div>
  );
}
