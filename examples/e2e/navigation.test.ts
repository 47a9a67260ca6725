/**
 * Multipage apps and theming in a real Chromium, on examples/multipage.ts: the sidebar menu
 * switches pages without a reload and the address follows, a reload on /second stays there, back
 * returns, `st.switch_page` and `st.page_link` work, an unknown address shows the main page with a
 * notice; a configured `theme.primaryColor` colors a button, and the settings menu switches to
 * dark (remembered across a reload). Screenshots of the gallery in both themes go to artifacts/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, idle, launchBrowser, type RunningApp, startApp } from './harness.js';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];

const PRIMARY = '#7c3aed';

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp('examples/multipage.ts', { args: ['--theme.primaryColor', PRIMARY] }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  expect(pageErrors).toEqual([]);
});

async function open(path = '', colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // A CSP refusal of the theme's inline script or style would show here.
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(new URL(path, app.url).href);
  return page;
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Pages' });
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

describe('multipage navigation in Chromium', () => {
  it('switches pages from the menu without a reload; reload and back keep the address and page', async () => {
    const page = await open();
    await heading(page).filter({ hasText: 'Home' }).waitFor();
    await expect(menu(page).getByRole('link', { name: 'Home' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(menu(page).getByRole('heading', { name: 'Module pages' }).count()).resolves.toBe(1);
    await page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));

    await menu(page).getByRole('link', { name: 'Second page' }).click();
    await heading(page).filter({ hasText: 'Second page' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/second');
    // The same document: no reload happened.
    expect(await page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);
    await expect(menu(page).getByRole('link', { name: 'Second page' }).getAttribute('aria-current')).resolves.toBe('page');
    expect(await page.title()).toBe('Second page');
    await idle(page);
    await page.screenshot({ path: artifactPath('navigation-second.png') });

    await page.reload();
    await heading(page).filter({ hasText: 'Second page' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/second');

    await menu(page).getByRole('link', { name: 'Settings' }).click();
    await heading(page).filter({ hasText: 'Settings' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');

    await page.goBack();
    await heading(page).filter({ hasText: 'Second page' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/second');
    await page.goForward();
    await heading(page).filter({ hasText: 'Settings' }).waitFor();
  });

  it('switches page from the script and through a page link, and drops the left page\'s widgets', async () => {
    const page = await open();
    await heading(page).filter({ hasText: 'Home' }).waitFor();
    const note = page.getByRole('textbox', { name: 'A note on this page' });
    await note.fill('remember me');
    await note.press('Enter');
    await page.getByText('Your note: remember me').waitFor();

    await page.getByRole('button', { name: 'Go to the second page' }).click();
    await heading(page).filter({ hasText: 'Second page' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/second');
    await page.getByRole('button', { name: 'Back home' }).click();
    await heading(page).filter({ hasText: 'Home' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await idle(page);
    expect(await page.getByRole('textbox', { name: 'A note on this page' }).inputValue()).toBe('');

    await page.getByRole('main').getByRole('link', { name: 'Open the settings' }).click();
    await heading(page).filter({ hasText: 'Settings' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');
    await page.goBack();
    await heading(page).filter({ hasText: 'Home' }).waitFor();
  });

  it('shows the main page, with a notice, for an address that names no page', async () => {
    const page = await open('/no-such-page');
    await heading(page).filter({ hasText: 'Home' }).waitFor();
    await page.getByText('MST_ERR_PAGE_NOT_FOUND').or(page.getByText('Page not found')).first().waitFor();
    await page.waitForURL((url) => url.pathname === '/');
  });
});

describe('theming in Chromium', () => {
  it('colors a primary button with theme.primaryColor and switches to dark from the settings menu, remembered', async () => {
    const page = await open('', 'light');
    await heading(page).filter({ hasText: 'Home' }).waitFor();
    await idle(page);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('system');
    // The current page's mark in the menu is drawn in the primary color.
    const mark = await menu(page)
      .getByRole('link', { name: 'Home' })
      .evaluate((el) => getComputedStyle(el).boxShadow);
    expect(mark).toContain('rgb(124, 58, 237)');
    const button = page.getByRole('button', { name: 'Go to the second page' });
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(124, 58, 237)');
    const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(lightBg).toBe('rgb(255, 255, 255)');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(14, 17, 23)');
    // The configured accent applies in the dark theme too.
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(124, 58, 237)');

    // Remembered, and applied before the first paint (the server's inline script), not after.
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await heading(page).filter({ hasText: 'Home' }).waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('menuitemradio', { name: 'Dark' }).getAttribute('aria-checked')).resolves.toBe('true');
    await page.getByRole('menuitemradio', { name: 'System' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('system');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  });

  it('picks the theme in the page shell itself, before any of the page\'s code runs', async () => {
    context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    pageErrors = [];
    await page.route(/\/static\/.*\.js$/, (route) => route.abort());
    await page.goto(app.url);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('system');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(14, 17, 23)');
  });

  it('follows the operating system by default, live', async () => {
    const page = await open('', 'dark');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(14, 17, 23)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(14, 17, 23)');
    await heading(page).filter({ hasText: 'Home' }).waitFor();
    await idle(page);
    await page.screenshot({ path: artifactPath('navigation-dark.png') });
  });
});
