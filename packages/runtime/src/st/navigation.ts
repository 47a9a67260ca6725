/**
 * Multipage apps, Streamlit's `st.navigation` semantics: the script lists its pages on every run,
 * `st.navigation` picks the one the page's address names (the default page for the app's own
 * address, or with a "Page not found" notice for an unknown one), tells the page what menu to
 * draw, and returns the page; the script calls `.run()`. `st.switch_page` moves to another page
 * from the script, `st.page_link` draws a link to one (attached to DeltaGenerator, so the sidebar
 * and containers have it too). Each page has its own URL; the page's side keeps the address bar.
 */
import type { NavigationMessage, NavigationPage, PageLinkElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { ControlSignal } from '../runner/control.js';
import { currentRun, type RunContext } from '../runner/run-context.js';
import { DeltaGenerator } from './delta-generator.js';
import { Page, StreamlitPage, iconAndName, type PageFunction } from './page.js';

/** A page as `st.navigation` takes it: an `st.Page`, or what `st.Page` would take. */
export type PageLike = StreamlitPage | PageFunction | string;

export interface NavigationOptions {
  /** Where the menu is drawn: "sidebar" (the default), "top" (a bar above the page), or "hidden". */
  position?: 'sidebar' | 'hidden' | 'top';
  /** Streamlit collapses long menus unless `expanded`; mini-st always lists every page. */
  expanded?: boolean;
}

const POSITIONS = new Set(['sidebar', 'hidden', 'top']);

/**
 * Declare the app's pages and get the one to show; call `.run()` on it. A list of pages, or
 * sections: `{ "Section": [pages] }` (headings in the menu; "" for none). The first page is the
 * default (shown at the app's own address) unless one says `default: true`. The menu is hidden
 * when there is one page.
 *
 * @example
 * const pg = st.navigation({
 *   "": [st.Page(home, { icon: "🏠" })],
 *   Reports: [st.Page(() => import("./pages/sales.ts")), st.Page("pages/costs.ts")],
 * });
 * await pg.run();
 */
export function navigation(pages: readonly PageLike[] | Readonly<Record<string, readonly PageLike[]>>, options: NavigationOptions = {}): StreamlitPage {
  const context = currentRun('navigation');
  context.checkpoint();
  const position = options.position ?? 'sidebar';
  if (!POSITIONS.has(position)) {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'navigation', detail: `position must be "sidebar", "top" or "hidden", got ${JSON.stringify(position)}` });
  }
  const sections: [string, readonly PageLike[]][] = Array.isArray(pages) ? [['', pages]] : Object.entries(pages as Record<string, readonly PageLike[]>);
  const listed: { page: StreamlitPage; section: string }[] = [];
  for (const [section, items] of sections) {
    if (!Array.isArray(items)) throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'navigation', detail: `section "${section}" must be a list of pages` });
    for (const item of items) listed.push({ page: item instanceof StreamlitPage ? item : Page(item as PageFunction), section });
  }
  if (listed.length === 0) throw new MiniStError('MST_ERR_NAVIGATION_EMPTY');
  const all = listed.map((entry) => entry.page);
  const defaults = all.filter((page) => page._default);
  if (defaults.length > 1) throw new MiniStError('MST_ERR_NAVIGATION_MULTIPLE_DEFAULTS', { titles: titles(defaults) });
  const main = defaults[0] ?? all[0]!;
  main._default = true;
  const byPath = new Map<string, StreamlitPage>();
  for (const page of all) {
    const clash = byPath.get(page.url_path);
    if (clash) throw new MiniStError('MST_ERR_NAVIGATION_DUPLICATE_URL_PATH', { url_path: page.url_path, titles: titles([clash, page]) });
    byPath.set(page.url_path, page);
  }

  const state = context.state.navigation;
  const asked = state.urlPath;
  // The default page also answers to its own name (/home shows home, and the address becomes /).
  const found = byPath.get(asked) ?? (asked === main._urlPath ? main : undefined);
  const current = found ?? main;
  const message: NavigationMessage = {
    type: 'navigation',
    pages: listed.map(({ page, section }) => describe(page, section)),
    current: current.url_path,
    position,
    replace: !state.switched,
  };
  if (!found) {
    const notice = new MiniStError('MST_ERR_PAGE_NOT_FOUND', { path: asked });
    message.notFound = { code: notice.code, message: notice.message };
  }
  state.urlPath = current.url_path;
  state.switched = false;
  state.pages = all;
  context.post({ type: 'page_message', message });
  return current;
}

/**
 * End this run and show another page of `st.navigation`: an `st.Page`, its URL path, or the file
 * path it was made from. The address bar follows (a new history entry) and the query parameters
 * are cleared, as in Streamlit.
 *
 * @example
 * if (st.button("Settings")) st.switch_page(settingsPage);
 * st.switch_page("pages/settings.ts");
 */
export function switchPage(page: StreamlitPage | string): never {
  const context = currentRun('switch_page');
  context.checkpoint();
  const target = resolvePage(context, page, 'switch_page');
  const state = context.state.navigation;
  state.urlPath = target.url_path;
  state.switched = true;
  context.state.queryParams.clear();
  context.requestInterrupt('script_rerun');
  throw new ControlSignal('script_rerun');
}

export interface PageLinkOptions {
  /** The link's text (default: the page's title). Required for links to other sites. */
  label?: string;
  /** An emoji beside the label (default: the page's icon). */
  icon?: string;
  /** Tooltip. */
  help?: string;
  disabled?: boolean;
  /** Stretch the link to the container's width. */
  use_container_width?: boolean;
}

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * A link to a page of this app (switches page without a reload) or to another site (opens in
     * a new tab): an `st.Page`, a page's URL path or file path, or an http(s) URL.
     *
     * @example
     * st.sidebar.page_link(settingsPage, { icon: "⚙️" });
     * st.page_link("https://docs.streamlit.io", { label: "Streamlit docs" });
     */
    page_link(page: StreamlitPage | string, options?: PageLinkOptions): void;
  }
}

DeltaGenerator.prototype.page_link = function pageLink(this: DeltaGenerator, page, options: PageLinkOptions = {}): void {
  const context = currentRun('page_link');
  context.checkpoint();
  const common = {
    type: 'page_link' as const,
    disabled: options.disabled ?? false,
    useContainerWidth: options.use_container_width ?? false,
    ...(options.help !== undefined ? { help: String(options.help) } : {}),
  };
  let element: PageLinkElement;
  if (typeof page === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(page)) {
    if (!/^https?:\/\/[^\s]+$/i.test(page)) {
      throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'page_link', detail: `a link to another site must be an http(s) URL, got ${JSON.stringify(page)}` });
    }
    if (options.label === undefined) throw new MiniStError('MST_ERR_PAGE_LINK_LABEL', { url: page });
    element = { ...common, label: String(options.label), urlPath: null, url: page, current: false, ...iconOf(options.icon) };
  } else {
    const target = resolvePage(context, page, 'page_link');
    element = {
      ...common,
      label: options.label !== undefined ? String(options.label) : target.title,
      urlPath: target.url_path,
      url: null,
      current: target.url_path === context.state.navigation.urlPath,
      ...iconOf(options.icon ?? target.icon),
    };
  }
  this._place('page_link', element);
};

/** A page of the last `st.navigation` by object, URL path or file path (Streamlit's forms). */
function resolvePage(context: RunContext, page: StreamlitPage | string, fn: string): StreamlitPage {
  const pages = context.state.navigation.pages;
  if (page instanceof StreamlitPage) {
    const known = pages.find((p) => p._urlPath === page._urlPath);
    if (known || pages.length === 0) return known ?? page;
  } else if (typeof page === 'string') {
    const wanted = page.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    const stem = iconAndName(wanted.split('/').at(-1)!.replace(/\.[^.]*$/, '')).name;
    const known =
      pages.find((p) => p.url_path === wanted || p._urlPath === wanted) ??
      pages.find((p) => p._source !== undefined && p._source.replace(/^\.?\/+/, '') === wanted) ??
      pages.find((p) => p._source !== undefined && p._urlPath === stem);
    if (known) return known;
  }
  const shown = page instanceof StreamlitPage ? `"${page.title}"` : JSON.stringify(String(page));
  throw new MiniStError('MST_ERR_SWITCH_PAGE_UNKNOWN', {
    fn,
    page: shown,
    pages: pages.length > 0 ? pages.map((p) => `"${p._source ?? p._urlPath}"`).join(', ') : '(none: call st.navigation first)',
  });
}

function describe(page: StreamlitPage, section: string): NavigationPage {
  return { urlPath: page.url_path, title: page.title, section, ...(page.icon ? { icon: page.icon } : {}) };
}

function iconOf(icon: string | undefined): { icon?: string } {
  return icon ? { icon: String(icon) } : {};
}

function titles(pages: readonly StreamlitPage[]): string {
  return pages.map((page) => `"${page.title}"`).join(', ');
}
