import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatConfigToml, loadConfig } from '../config.js';
import { MiniStError } from '../errors.js';
import { loadPage } from '../server/page.js';
import { isCssColor } from './css-color.js';
import { THEME_STORAGE_KEY, themeCss, themeHead, themeScript } from './theme-head.js';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mini-st-theme-'));
  await mkdir(join(cwd, '.streamlit'));
});
afterEach(() => rm(cwd, { recursive: true, force: true }));

async function configWith(toml: string, env: Record<string, string> = {}) {
  await writeFile(join(cwd, '.streamlit', 'config.toml'), toml);
  return loadConfig({ cwd, env });
}

async function failure(promise: Promise<unknown>): Promise<MiniStError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MiniStError);
  return error as MiniStError;
}

describe('[theme] in config.toml', () => {
  it('reads Streamlit\'s theme keys, and the environment overrides them', async () => {
    const config = await configWith(
      '[theme]\nbase = "dark"\nprimaryColor = "#7c3aed"\nbackgroundColor = "rgb(14, 17, 23)"\nsecondaryBackgroundColor = "hsl(230 10% 17%)"\ntextColor = "white"\nlinkColor = "#58A6FF"\nfont = "serif"\n',
      { STREAMLIT_THEME_PRIMARY_COLOR: 'tomato' },
    );
    expect(config.theme).toEqual({
      base: 'dark',
      primaryColor: 'tomato',
      backgroundColor: 'rgb(14, 17, 23)',
      secondaryBackgroundColor: 'hsl(230 10% 17%)',
      textColor: 'white',
      linkColor: '#58A6FF',
      font: 'serif',
    });
    expect(formatConfigToml(config)).toContain('[theme]');
  });

  it('leaves every key unset by default', async () => {
    const config = await loadConfig({ cwd });
    expect(Object.values(config.theme).every((v) => v === undefined)).toBe(true);
  });

  it('refuses a color that is not one, naming the key and the file', async () => {
    const file = join(cwd, '.streamlit', 'config.toml');
    for (const bad of ['red; } body { display: none', 'url(x)', '#12345', 'expression(alert(1))', 'notacolor']) {
      const error = await failure(configWith(`[theme]\nprimaryColor = ${JSON.stringify(bad)}\n`));
      expect(error.code).toBe('MST_ERR_CONFIG_VALUE');
      expect(error.message).toContain('"theme.primaryColor"');
      expect(error.message).toContain(file);
    }
  });

  it('refuses other bases and fonts, and unknown keys; warns on Streamlit keys it does not implement', async () => {
    expect((await failure(configWith('[theme]\nbase = "blue"\n'))).message).toContain('"theme.base"');
    expect((await failure(configWith('[theme]\nfont = "Comic Sans"\n'))).message).toContain('"theme.font"');
    expect((await failure(configWith('[theme]\nprimaryColour = "red"\n'))).code).toBe('MST_ERR_CONFIG_UNKNOWN_KEY');
    const config = await configWith('[theme]\nbaseRadius = "small"\n[theme.sidebar]\nbackgroundColor = "red"\n');
    expect(config.warnings.join('\n')).toContain('theme.baseRadius');
    expect(config.warnings.join('\n')).toContain('theme.sidebar');
  });
});

describe('isCssColor', () => {
  it('accepts hex, functional and named colors only', () => {
    for (const ok of ['#fff', '#ffff', '#ff4b4b', '#ff4b4b80', 'rgb(1,2,3)', 'rgba(1, 2, 3, 0.5)', 'rgb(1 2 3 / 50%)', 'hsl(120deg 50% 50%)', 'RebeccaPurple']) {
      expect(isCssColor(ok), ok).toBe(true);
    }
    for (const bad of ['', '#ggg', 'rgb(1,2,3);x', 'rgb(var(--x))', 'red}', 'blue /* */', 'rgb(1,2,3)) {']) expect(isCssColor(bad), bad).toBe(false);
  });
});

describe('the theme in the page shell', () => {
  it('puts accents on both themes and base colors on the base theme only', () => {
    expect(themeCss({})).toBe('');
    expect(themeCss({ primaryColor: '#7c3aed', backgroundColor: '#fffbeb' })).toBe(
      ':root[data-theme]{--st-primary:#7c3aed}:root[data-theme="light"]{--st-bg:#fffbeb}@media (prefers-color-scheme: light){:root[data-theme="system"]{--st-bg:#fffbeb}}',
    );
    expect(themeCss({ base: 'dark', textColor: 'white', font: 'monospace' })).toMatch(
      /^:root\[data-theme\]\{--st-font:ui-monospace.*\}:root\[data-theme="dark"\]\{--st-text:white\}@media \(prefers-color-scheme: dark\)\{:root\[data-theme="system"\]\{--st-text:white\}\}$/,
    );
  });

  it('picks the stored choice, else the base, else the system (which CSS resolves)', () => {
    const pick = (base: 'light' | 'dark' | undefined, stored: string | null) => {
      const attributes: Record<string, string> = {};
      runInNewContext(themeScript(base), {
        document: { documentElement: { setAttribute: (name: string, value: string) => (attributes[name] = value) } },
        localStorage: { getItem: (key: string) => (key === THEME_STORAGE_KEY ? stored : null) },
      });
      return [attributes['data-theme'], attributes['data-theme-base']];
    };
    expect(pick(undefined, null)).toEqual(['system', undefined]);
    expect(pick('dark', null)).toEqual(['dark', 'dark']);
    expect(pick('dark', 'light')).toEqual(['light', 'dark']);
    expect(pick('light', 'system')).toEqual(['system', 'light']);
    expect(pick('light', 'bogus')).toEqual(['light', 'light']);
    // Storage that throws (blocked cookies) falls back quietly.
    const attributes: Record<string, string> = {};
    runInNewContext(themeScript(undefined), {
      document: { documentElement: { setAttribute: (name: string, value: string) => (attributes[name] = value) } },
      localStorage: { getItem: () => { throw new Error('blocked'); } },
    });
    expect(attributes['data-theme']).toBe('system');
  });

  it('is written into <head> after the stylesheet, and its blocks are hashed for the CSP', async () => {
    await writeFile(join(cwd, 'index.html'), '<html><head><link rel="stylesheet" href="%BASE%static/app.css" /></head><body></body></html>');
    const head = themeHead({ primaryColor: '#7c3aed' });
    const page = await loadPage(cwd, '', head);
    expect(page?.html).toMatch(/app\.css" \/><style>.*#7c3aed.*<\/style><script>.*<\/script><\/head>/);
    const script = /<script>(.*)<\/script>/.exec(page!.html)![1]!;
    expect(page?.scriptHashes).toEqual([`'sha256-${createHash('sha256').update(script).digest('base64')}'`]);
    expect(page?.styleHashes).toHaveLength(1);
  });
});
