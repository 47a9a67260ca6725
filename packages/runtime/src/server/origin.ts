/**
 * Who may open the WebSocket. A browser sends `Origin` with every upgrade; a page from another
 * site must not drive a user's session (cross-site WebSocket hijacking), so the origin must be the
 * server's own host or listed in `server.corsAllowedOrigins`. Non-browser clients send no Origin.
 */

/**
 * Decides whether an upgrade may proceed.
 *
 * @param origin the request's Origin header
 * @param host the request's Host header (what the browser believes the server is)
 * @param allowed normalized origins from `server.corsAllowedOrigins` (`*` allows any)
 *
 * @example
 * isAllowedOrigin('http://localhost:8501', 'localhost:8501', []); // true
 * isAllowedOrigin('https://evil.test', 'localhost:8501', []); // false
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*')) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (allowed.includes(url.origin)) return true;
  if (!host) return false;
  // Scheme-agnostic: behind a TLS proxy the page is https while the server sees plain http.
  return url.host === withoutDefaultPort(host.toLowerCase(), url.protocol);
}

function withoutDefaultPort(host: string, protocol: string): string {
  const suffix = protocol === 'https:' ? ':443' : ':80';
  return host.endsWith(suffix) ? host.slice(0, -suffix.length) : host;
}
