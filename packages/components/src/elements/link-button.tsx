/**
 * st.link_button: a link styled as a button, opening in a new tab without giving the new page a
 * handle on this one (`noopener noreferrer`). The URL was checked by the server and is checked
 * again here; a disabled link has no href.
 */
import type { LinkButtonElement } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { resolveMediaUrl } from '../media-url.js';
import { HelpIcon } from './help.js';
import '../styles/media.css';

/** Draws a `link_button` element. */
export function LinkButton({ el }: { el: LinkButtonElement }) {
  const href = el.disabled ? null : resolveMediaUrl(el.url, 'link');
  return (
    <div className={cx('st-button-row', el.useContainerWidth && 'st-full')}>
      <a
        className={cx('st-button', `st-button-${el.kind}`, 'st-link-button', (el.disabled || href === null) && 'st-link-disabled')}
        {...(href === null ? { 'aria-disabled': true, role: 'link' } : { href, target: '_blank', rel: 'noopener noreferrer' })}
        title={el.help}
      >
        {el.icon && <span className="st-button-icon" aria-hidden="true">{el.icon}</span>}
        {el.label}
      </a>
      {el.help && <HelpIcon text={el.help} />}
    </div>
  );
}
