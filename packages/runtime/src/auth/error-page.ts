/**
 * The small HTML page a failed login or logout shows instead of a raw 500: what went wrong (the
 * error's message, escaped), its code to search for, and a link back to the app. Its one inline
 * style is allowed by hash in its own Content-Security-Policy; nothing else may load.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { MiniStError } from '../errors.js';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#262730}' +
  '@media (prefers-color-scheme:dark){body{background:#0e1117;color:#fafafa}a{color:#8ab4ff}}' +
  'code{background:rgba(128,128,128,.15);padding:.1rem .3rem;border-radius:.25rem}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
const CSP = `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Answers with the error page.
 *
 * @param back the app's URL path to offer as the way back
 */
export function sendErrorPage(reply: FastifyReply, error: MiniStError, back: string) {
  const title = error.status !== undefined && error.status < 500 ? 'Login did not work' : 'Login is not available';
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${title}</title><style>${STYLE}</style></head><body>` +
    `<h1>${title}</h1><p>${escapeHtml(error.message)}</p>` +
    `<p>Error code: <code>${escapeHtml(error.code)}</code></p>` +
    `<p><a href="${escapeHtml(back)}">Back to the app</a></p></body></html>`;
  return reply
    .code(error.status ?? 500)
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', CSP)
    .type('text/html; charset=utf-8')
    .send(html);
}

/** The page's own policy, which the server's default headers must not replace. */
export const ERROR_PAGE_CSP = CSP;
