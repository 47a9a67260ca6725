/**
 * Which URLs `st.image`, `st.audio`, `st.video` and `st.link_button` accept, checked when the
 * script calls them (the page checks again before it loads anything). A refused URL is a coded
 * error naming it, drawn where the call was. Browsers ignore control characters and spaces inside
 * a scheme ("java\tscript:"), so the check does too.
 */
import { MiniStError } from '../errors.js';

export interface UrlRule {
  /** Schemes allowed besides relative URLs, lower case, without ":". */
  schemes: readonly string[];
  /** `data:` URLs allowed when they start with this (e.g. "data:image/"). */
  dataPrefix?: string;
  /** For the error: what would have been accepted. */
  describe: string;
}

export const IMAGE_URLS: UrlRule = { schemes: ['http', 'https'], dataPrefix: 'data:image/', describe: 'http(s), data:image/… or a relative URL' };
export const AUDIO_URLS: UrlRule = { schemes: ['http', 'https'], dataPrefix: 'data:audio/', describe: 'http(s), data:audio/… or a relative URL' };
export const VIDEO_URLS: UrlRule = { schemes: ['http', 'https'], dataPrefix: 'data:video/', describe: 'http(s), data:video/… or a relative URL' };
export const LINK_URLS: UrlRule = { schemes: ['http', 'https', 'mailto'], describe: 'http(s), mailto: or a relative URL' };

/**
 * `raw` trimmed, when `rule` allows it; otherwise throws `MST_ERR_MEDIA_URL` naming it.
 *
 * @example
 * checkUrl('image', 'https://example.com/cat.png', IMAGE_URLS) // "https://example.com/cat.png"
 * checkUrl('link_button', 'javascript:alert(1)', LINK_URLS)   // throws MST_ERR_MEDIA_URL
 */
export function checkUrl(fn: string, raw: string, rule: UrlRule): string {
  const url = raw.trim();
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)?.[1]?.toLowerCase();
  const ok =
    url !== '' &&
    (scheme === undefined ? !squeezed.startsWith('\\') : rule.schemes.includes(scheme) || (scheme === 'data' && rule.dataPrefix !== undefined && squeezed.toLowerCase().startsWith(rule.dataPrefix)));
  if (!ok) throw new MiniStError('MST_ERR_MEDIA_URL', { fn, url: JSON.stringify(url.length > 120 ? `${url.slice(0, 120)}…` : url), allowed: rule.describe });
  return url;
}
