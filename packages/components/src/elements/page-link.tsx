/**
 * st.page_link: a link to a page of this app (a plain click switches page without a reload; the
 * page shown is marked current) or to another site (opens in a new tab, URL checked by safeUrl).
 */
import type { PageLinkElement } from '@mini-st/protocol';
import { PageAnchor } from '../chrome/nav-menu.js';
import { cx } from '../cx.js';
import { safeUrl } from '../markdown.js';
import { WithHelp } from './help.js';
import { iconText } from './icon.js';

/** Draws a `page_link` element. */
export function PageLink({ el }: { el: PageLinkElement }) {
  const icon = iconText(el.icon);
  const body = (
    <>
      {icon && (
        <span className="st-nav-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      <span>{el.label}</span>
    </>
  );
  const className = cx('st-page-link', el.useContainerWidth && 'st-full');
  const external = el.url !== null ? safeUrl(el.url) : null;
  let link;
  if (el.disabled || (el.urlPath === null && external === null)) {
    link = (
      <span className={cx(className, 'st-page-link-disabled')} aria-disabled="true">
        {body}
      </span>
    );
  } else if (el.urlPath !== null) {
    link = (
      <PageAnchor urlPath={el.urlPath} current={el.current} className={className}>
        {body}
      </PageAnchor>
    );
  } else {
    link = (
      <a href={external!} className={className} target="_blank" rel="noopener noreferrer">
        {body}
      </a>
    );
  }
  return <WithHelp help={el.help}>{link}</WithHelp>;
}
