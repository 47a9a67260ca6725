/**
 * Headers every HTTP response carries: no MIME sniffing, a conservative referrer policy, and a
 * Content-Security-Policy that lets the page load scripts, styles and its WebSocket only from
 * this server and refuses to be framed by other sites (unless `server.frameAncestors` names them).
 */
import type { FastifyInstance } from 'fastify';

export interface SecurityHeaderOptions {
  /** CSP sources of inline scripts and styles the page shell carries (their sha256 hashes). */
  scriptHashes: readonly string[];
  styleHashes: readonly string[];
  /** `server.frameAncestors`: who may frame the page (default `'self'`). */
  frameAncestors?: readonly string[];
}

/** Adds the headers to every response of `app` (and of the plugins registered after). */
export function addSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('Content-Security-Policy', contentSecurityPolicy(request.headers.host, options));
    return payload;
  });
}

/**
 * The policy for a request to `host`. `connect-src 'self'` covers ws: and wss: of the same host
 * only in CSP 3 browsers, so they are also listed outright.
 *
 * @example
 * contentSecurityPolicy('localhost:8501', { scriptHashes: [], styleHashes: [] });
 * // "default-src 'self'; script-src 'self'; … connect-src 'self' ws://localhost:8501 wss://localhost:8501; …"
 */
export function contentSecurityPolicy(host: string | undefined, options: SecurityHeaderOptions): string {
  // The Host header is the client's to choose; only a plain host[:port] goes into a header.
  const sockets = host && /^[a-z0-9.\-:[\]]+$/i.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    ["script-src 'self'", ...options.scriptHashes].join(' '),
    ["style-src 'self'", ...options.styleHashes].join(' '),
    `connect-src 'self'${sockets}`,
    // Markdown may show images from anywhere, as in Streamlit.
    "img-src 'self' data: blob: https:",
    // st.audio / st.video of a URL play from anywhere over https, as pictures do.
    "media-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors ${(options.frameAncestors ?? ["'self'"]).join(' ')}`,
  ].join('; ');
}
