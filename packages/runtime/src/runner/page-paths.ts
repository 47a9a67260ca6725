/**
 * The compiler's part of multipage apps: `st.Page("pages/a.ts")` (Streamlit's file-path form)
 * becomes `st.Page(() => import("/abs/app/pages/a.ts"))`, so esbuild bundles the page like any
 * local module, and both that form and `st.Page(() => import("./pages/a.ts"))` get the path as
 * written attached (the `mini-st.page-source` symbol), from which st/page.ts infers the title,
 * icon and URL path as Streamlit does from file names. String paths are relative to the main
 * script's folder, as in Streamlit. Only string literals written in the call are rewritten; a
 * path in a variable reaches `st.Page` as a string and fails with MST_ERR_PAGE_SOURCE, which shows
 * the import form. Lines keep their numbers, so source maps stay true.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader, Plugin } from 'esbuild';

const SOURCE_SYMBOL = 'Symbol.for("mini-st.page-source")';
/** `Page("pages/a.ts"` (a script file by its extension). */
const PATH_FORM = /\bPage\(\s*(["'])([^"'\n\\]+?\.[cm]?[jt]sx?)\1/g;
/** `Page(() => import("./pages/a.ts")`. */
const IMPORT_FORM = /\bPage\(\s*\(\s*\)\s*=>\s*import\(\s*(["'])([^"'\n\\]+)\1\s*\)/g;

/**
 * Rewrites the page forms of one source file; `mainDir` is the main script's folder.
 *
 * @example
 * rewritePageSources('st.Page("pages/a.ts")', '/app');
 * // st.Page(Object.assign(() => import("/app/pages/a.ts"), { [Symbol.for("mini-st.page-source")]: "pages/a.ts" }))
 */
export function rewritePageSources(code: string, mainDir: string): string {
  return code
    .replace(PATH_FORM, (_whole, _quote: string, written: string) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(written)) return _whole; // a URL, not a file
      return `Page(${tagged(JSON.stringify(path.resolve(mainDir, written)), written)}`;
    })
    .replace(IMPORT_FORM, (_whole, _quote: string, written: string) => `Page(${tagged(JSON.stringify(written), written)}`);
}

function tagged(specifier: string, written: string): string {
  return `Object.assign(() => import(${specifier}), { [${SOURCE_SYMBOL}]: ${JSON.stringify(written)} })`;
}

const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

/** The esbuild plugin: rewrites local source files that call `Page(`. */
export function pageSourcesPlugin(mainScript: string): Plugin {
  const mainDir = path.dirname(path.resolve(mainScript));
  return {
    name: 'mini-st-page-sources',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.namespace !== 'file' || args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const code = await readFile(args.path, 'utf8');
        if (!/\bPage\(/.test(code)) return undefined;
        const ext = path.extname(args.path);
        return { contents: rewritePageSources(code, mainDir), loader: LOADERS[ext] ?? 'js' };
      });
    },
  };
}
