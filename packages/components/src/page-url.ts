/**
 * Addresses of the pages of a multipage app, on the page's side (no React). The app's base path
 * is where the bundle is served from, minus `static/`; a page lives at `<base><url_path>` and the
 * default page at the base itself. The runtime reads the same addresses (session/page-address.ts).
 */

/**
 * The app's base path, ending in "/": the bundle is served from `<base>static/`.
 *
 * @example
 * appBase('https://host/apps/demo/static/app-X.js'); // "/apps/demo/"
 */
export function appBase(moduleUrl: string = import.meta.url): string {
  // This module may sit in the entry (static/) or in a shared chunk (static/chunks/).
  return new URL('.', moduleUrl).pathname.replace(/static\/(?:chunks\/)?$/, '');
}

/**
 * The address of a page.
 *
 * @example
 * pageHref('my page', '/apps/demo/'); // "/apps/demo/my%20page"
 * pageHref('', '/'); // "/"
 */
export function pageHref(urlPath: string, base: string = appBase()): string {
  return base + (urlPath ? encodeURIComponent(urlPath) : '');
}

/**
 * Which page an address path names: the decoded path under the base, without slashes at its ends.
 *
 * @example
 * pagePathOf('/apps/demo/settings/', '/apps/demo/'); // "settings"
 */
export function pagePathOf(pathname: string, base: string = appBase()): string {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname === base.replace(/\/$/, '') ? '' : pathname;
  const trimmed = rest.replace(/^\/+|\/+$/g, '');
  try {
    return decodeURIComponent(trimmed);
  } catch {
    return trimmed;
  }
}

/** A click the page handles itself: the plain primary button, no modifier (others open tabs). */
export function isPlainClick(event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}
