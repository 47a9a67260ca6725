/**
 * Markdown to HTML for markdown, heading, alert and caption elements (no React). Raw HTML is
 * escaped unless the app allowed it, and link and image URLs are checked against an allowlist
 * of schemes, because the HTML goes into the page with `dangerouslySetInnerHTML`.
 */
import { Marked, type RendererObject } from 'marked';

/** Schemes a link may use; anything else (javascript:, data:, vbscript:, file:…) is dropped. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * The URL if it is safe to put in href/src, else null. Relative URLs are safe.
 *
 * @example
 * safeUrl('javascript:alert(1)') // null
 * safeUrl('/docs#x')             // '/docs#x'
 */
export function safeUrl(raw: string): string | null {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so must we;
  // and a renderer that follows CommonMark decodes character references ("&#106;avascript:").
  const squeezed = decodeReferences(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed);
  if (!scheme) return raw.trim();
  return SAFE_SCHEMES.has(scheme[1]!.toLowerCase()) ? raw.trim() : null;
}

/** Numeric character references and the named ones that spell a scheme, decoded. */
function decodeReferences(text: string): string {
  const named: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', sol: '/' };
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(colon|tab|newline|sol));?/gi, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return named[name.toLowerCase()] ?? whole;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderer(allowHtml: boolean): RendererObject {
  return {
    html({ text }) {
      return allowHtml ? text : escapeHtml(text);
    },
    link({ href, title, tokens }) {
      const inner = this.parser.parseInline(tokens);
      const url = safeUrl(href);
      if (url === null) return inner;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      // Links leave the app in a new tab, like Streamlit's; in-page anchors stay.
      const target = url.startsWith('#') ? '' : ' target="_blank" rel="noopener noreferrer"';
      return `<a href="${escapeHtml(url)}"${titleAttr}${target}>${inner}</a>`;
    },
    image({ href, title, text }) {
      const url = safeUrl(href);
      if (url === null) return escapeHtml(text);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}"${titleAttr}>`;
    },
  };
}

const escaping = new Marked({ gfm: true, renderer: renderer(false) });
const trusting = new Marked({ gfm: true, renderer: renderer(true) });

/**
 * Renders block markdown (paragraphs, lists, GFM tables…).
 *
 * @example
 * renderMarkdown('**hi** <b>x</b>', false) // '<p><strong>hi</strong> &#60;b&#62;x&#60;/b&#62;</p>\n'
 */
export function renderMarkdown(body: string, allowHtml: boolean): string {
  return (allowHtml ? trusting : escaping).parse(body, { async: false });
}

/** Renders one line of inline markdown (headings, labels). Raw HTML is always escaped. */
export function renderInline(body: string): string {
  return escaping.parseInline(body, { async: false });
}

/**
 * An anchor id for a heading, from its text: lower case, runs of other characters as "-".
 *
 * @example
 * slugify('Hello, **World**!') // 'hello-world'
 */
export function slugify(body: string): string {
  return body
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
