/**
 * The page shell: `index.html` of @mini-st/components with `%BASE%` replaced by the app's base
 * path. Also finds the page's files at run time (they are not bundled into the runtime's code) and
 * the hashes of any inline script or style, so the Content-Security-Policy can allow exactly them.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The rendered shell, ready to send. */
export interface Page {
  html: string;
  etag: string;
  /** CSP sources (`'sha256-…'`) for inline `<script>` and `<style>` blocks of the shell. */
  scriptHashes: string[];
  styleHashes: string[];
}

/**
 * The page's directory: `dist/static-page` beside the built runtime (what a packed mini-st
 * carries; build-package.mjs copies it there), else the `dist/` of the workspace package
 * @mini-st/components (tests running from src/).
 */
export function locateComponentsDist(): string {
  const packed = fileURLToPath(new URL('./static-page', import.meta.url));
  if (existsSync(join(packed, 'index.html'))) return packed;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@mini-st/components/package.json')), 'dist');
}

/** `"apps/demo"` → `"/apps/demo/"`, `""` → `"/"`: what `%BASE%` stands for in the shell. */
export function basePrefix(baseUrlPath: string): string {
  return baseUrlPath ? `/${baseUrlPath}/` : '/';
}

/**
 * Reads `<distDir>/index.html` and renders it for a base path, with `head` (inline blocks, hashed
 * for the CSP below) added at the end of `<head>`; `undefined` when the page has not been built.
 *
 * @example
 * const page = await loadPage(locateComponentsDist(), 'apps/demo');
 * page?.html; // …<script src="/apps/demo/static/app-1a2b.js">…
 */
export async function loadPage(distDir: string, baseUrlPath: string, head = ''): Promise<Page | undefined> {
  let template: string;
  try {
    template = await readFile(join(distDir, 'index.html'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // `head` (the theme's style and script) goes last in <head>: after the stylesheet it overrides.
  const html = template.replaceAll('%BASE%', basePrefix(baseUrlPath)).replace('</head>', `${head}</head>`);
  return {
    html,
    etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`,
    scriptHashes: inlineHashes(html, /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi),
    styleHashes: inlineHashes(html, /<style\b[^>]*>([\s\S]*?)<\/style>/gi),
  };
}

function inlineHashes(html: string, pattern: RegExp): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(pattern)) {
    const body = match[1] ?? '';
    if (body.trim()) hashes.add(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
  return [...hashes];
}
