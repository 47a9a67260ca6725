/**
 * The menu of a multipage app (`st.navigation`): in the sidebar (sections as headings) or as a bar
 * at the top, hidden with `position: "hidden"` or when there is one page. Each page is a real link
 * to its address, so opening it in a new tab works; a plain click switches page without a reload
 * (history entry, back and forward work). The page shown is marked with `aria-current="page"`.
 */
import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import type { NavigationPage } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { iconText } from '../elements/icon.js';
import { usePage } from '../page-context.js';
import { isPlainClick, pageHref } from '../page-url.js';

/** The last `st.navigation` (stable object: re-renders only when it changes). */
function useNavigation() {
  const { connection } = usePage();
  const get = () => connection.getState().navigation;
  return useSyncExternalStore(connection.subscribe, get, get);
}

/** Whether the menu is drawn at `where` (the sidebar shows itself for it). */
export function useNavMenuAt(where: 'sidebar' | 'top'): boolean {
  const navigation = useNavigation();
  return navigation !== null && navigation.position === where && navigation.pages.length > 1;
}

/** The menu, when `st.navigation` put it at `where`. */
export function NavMenu({ where }: { where: 'sidebar' | 'top' }) {
  const navigation = useNavigation();
  const shown = useNavMenuAt(where);
  if (!navigation || !shown) return null;
  const sections: [string, NavigationPage[]][] = [];
  for (const page of navigation.pages) {
    const last = sections.at(-1);
    if (last && last[0] === page.section) last[1].push(page);
    else sections.push([page.section, [page]]);
  }
  return (
    <nav className={cx('st-nav', `st-nav-${where}`)} aria-label="Pages">
      {sections.map(([section, pages], i) => (
        <div className="st-nav-group" key={`${i}:${section}`}>
          {section && <h2 className="st-nav-section">{section}</h2>}
          <ul className="st-nav-list">
            {pages.map((page) => (
              <li key={page.urlPath}>
                <PageAnchor urlPath={page.urlPath} current={page.urlPath === navigation.current} className="st-nav-link">
                  {iconText(page.icon) && (
                    <span className="st-nav-icon" aria-hidden="true">
                      {iconText(page.icon)}
                    </span>
                  )}
                  <span>{page.title}</span>
                </PageAnchor>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** A link to a page of this app: a real `href`, and a plain click switches page in place. */
export function PageAnchor(props: { urlPath: string; current: boolean; className: string; children: ReactNode }) {
  const { connection } = usePage();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!connection.goToPage || !isPlainClick(event)) return;
    event.preventDefault();
    connection.goToPage(props.urlPath);
  };
  return (
    <a href={pageHref(props.urlPath)} className={props.className} aria-current={props.current ? 'page' : undefined} onClick={onClick}>
      {props.children}
    </a>
  );
}
