/**
 * A page's address as the session sees it (`location.pathname + location.search` from the page)
 * against the app's base path: which page of `st.navigation` it names, and the address of a page.
 * Kept apart from app-session so the multipage rules are in one small place.
 */

/**
 * The page's path under the base, decoded, without slashes at its ends: what `st.navigation`
 * matches against `url_path`. An address outside the base names the default page ("").
 *
 * @example
 * pagePathOf('/apps/demo/settings?tab=1', 'apps/demo'); // "settings"
 * pagePathOf('/', ''); // ""
 */
export function pagePathOf(page: string, baseUrlPath: string): string {
  const path = page.split(/[?#]/)[0] ?? '/';
  const base = baseUrlPath ? `/${baseUrlPath}` : '';
  if (base && path !== base && !path.startsWith(`${base}/`)) return '';
  const rest = path.slice(base.length).replace(/^\/+|\/+$/g, '');
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/**
 * The address of a page of the app (its query dropped, as a page switch clears it).
 *
 * @example
 * pageAddress('settings', 'apps/demo'); // "/apps/demo/settings"
 */
export function pageAddress(urlPath: string, baseUrlPath: string): string {
  return `${baseUrlPath ? `/${baseUrlPath}` : ''}/${encodeURIComponent(urlPath)}`;
}
