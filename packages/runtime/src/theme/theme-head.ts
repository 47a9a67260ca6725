/**
 * The theme's part of the page shell, written into `<head>` by the server so the first paint is
 * already in the right theme (no flash): a `<style>` with the `[theme]` colors of config.toml as
 * CSS variables, and a tiny `<script>` that puts `data-theme="light|dark|system"` on `<html>`:
 * the person's choice (localStorage), else `theme.base`, else "system", which the page's CSS
 * resolves with `prefers-color-scheme` (live, without script). Both
 * are inline and allowed by their sha256 hashes in the Content-Security-Policy (server/page.ts
 * computes them), so the policy stays strict. The page's settings menu (components' `theme.ts`)
 * changes the attribute afterwards. Colors were validated by config.ts, so nothing here can close
 * a rule.
 */
import type { ThemeConfig } from '../config.js';

/** Where the page keeps the person's choice ("light", "dark" or "system"); components' theme.ts reads it too. */
export const THEME_STORAGE_KEY = 'mini-st.theme';

const FONTS: Record<NonNullable<ThemeConfig['font']>, string> = {
  'sans serif': "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'",
  serif: "ui-serif, Georgia, Cambria, 'Times New Roman', Times, serif, 'Apple Color Emoji', 'Segoe UI Emoji'",
  monospace: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
};

/**
 * The CSS of a `[theme]`: accents and font apply to both themes; the background and text colors
 * to the `base` theme only (light when unset), since a light background in the dark theme would
 * be unreadable. "" when nothing is configured.
 *
 * @example
 * themeCss({ primaryColor: '#7c3aed', backgroundColor: '#fffbeb' });
 * // ':root[data-theme]{--st-primary:#7c3aed}:root[data-theme="light"]{--st-bg:#fffbeb}'
 * // + '@media (prefers-color-scheme: light){:root[data-theme="system"]{--st-bg:#fffbeb}}'
 */
export function themeCss(theme: Partial<ThemeConfig> = {}): string {
  const both = declarations({ '--st-primary': theme.primaryColor, '--st-link': theme.linkColor, '--st-font': theme.font && FONTS[theme.font] });
  const base = declarations({ '--st-bg': theme.backgroundColor, '--st-bg-2': theme.secondaryBackgroundColor, '--st-text': theme.textColor });
  const mode = theme.base ?? 'light';
  return (
    (both ? `:root[data-theme]{${both}}` : '') +
    (base ? `:root[data-theme="${mode}"]{${base}}@media (prefers-color-scheme: ${mode}){:root[data-theme="system"]{${base}}}` : '')
  );
}

/**
 * The script that picks the theme before the first paint.
 *
 * @example
 * themeScript('dark'); // (function(){…})() — data-theme="dark" unless the person chose otherwise
 */
export function themeScript(base: ThemeConfig['base']): string {
  return (
    `(function(){var d=document.documentElement,b=${JSON.stringify(base ?? '')},c=null;` +
    `try{c=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)})}catch(e){}` +
    `if(c!=="light"&&c!=="dark"&&c!=="system")c=b||"system";` +
    `d.setAttribute("data-theme",c);if(b)d.setAttribute("data-theme-base",b)})();`
  );
}

/** What goes before `</head>`: the style (when a color or font is configured) and the script. */
export function themeHead(theme: Partial<ThemeConfig> = {}): string {
  const css = themeCss(theme);
  return `${css ? `<style>${css}</style>` : ''}<script>${themeScript(theme.base)}</script>`;
}

function declarations(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}:${value}`)
    .join(';');
}
