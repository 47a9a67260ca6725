/**
 * Login in a real Chromium: examples/app.ts (Streamlit's Entra tutorial, ported) run from the
 * repository root with the repository's .streamlit/secrets.toml, which points at the development
 * identity provider; `mini-st run` starts that provider by itself at the first login. One app and
 * one browser for the file; each test has its own browser context (its own cookies).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowser, startApp, type RunningApp } from './harness.js';

const PROVIDER = 'http://127.0.0.1:9421';
let app: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp('examples/app.ts'), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});
afterEach(async (test) => {
  if (context && test.task.result?.state === 'fail') {
    for (const [i, page] of context.pages().entries()) {
      await page.screenshot({ path: artifactPath(`auth-${test.task.name.replace(/\W+/g, '-')}-${i}.png`) }).catch(() => {});
    }
  }
  await context?.close();
  context = undefined;
});

async function newTab(url = app.url): Promise<Page> {
  context ??= await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  return page;
}

const loginScreen = (page: Page) => page.getByRole('heading', { name: 'This app is private.' }).waitFor();
const welcome = (page: Page, name: string) => page.getByRole('heading', { name: `Welcome, ${name}!` }).waitFor();

/** From the app's login screen, through the provider's form, back to the app. */
async function logIn(page: Page, login = 'alice') {
  await loginScreen(page);
  await page.getByRole('button', { name: 'Log in with Microsoft' }).click();
  await page.waitForURL(`${PROVIDER}/interaction/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.origin === new URL(app.url).origin);
}

/** Path and query of the page's URL. */
const where = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

describe('login in Chromium', () => {
  it('shows the login screen, signs in at the provider, welcomes the user, and logs out', async () => {
    const page = await newTab();
    await page.getByRole('heading', { name: 'Please log in.' }).waitFor();
    await logIn(page);
    await welcome(page, 'Alice Liddell');
    const cookies = await context!.cookies(app.url);
    expect(cookies.find((c) => c.name === '_mst_user')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    await page.getByRole('button', { name: 'Log out' }).click();
    await loginScreen(page);
    expect(where(page)).toBe('/');
    expect((await context!.cookies(app.url)).some((c) => c.name === '_mst_user')).toBe(false);
    // The provider's session ended too: the next login asks for the form again.
    await logIn(page, 'bob');
    await welcome(page, 'Bob Kahn');
  });

  it('comes back to the page and query it started from', async () => {
    const page = await newTab(new URL('/?view=details&n=3', app.url).href);
    await logIn(page, 'carol');
    await welcome(page, 'Carol Shaw');
    expect(where(page)).toBe('/?view=details&n=3');
  });

  it('keeps the login across a reload', async () => {
    const page = await newTab();
    await logIn(page);
    await welcome(page, 'Alice Liddell');
    await page.reload();
    await welcome(page, 'Alice Liddell');
  });

  it('a second tab follows a login and a logout', async () => {
    const first = await newTab();
    const second = await newTab();
    await loginScreen(second);
    await logIn(first);
    await welcome(first, 'Alice Liddell');
    await welcome(second, 'Alice Liddell');

    await first.getByRole('button', { name: 'Log out' }).click();
    await loginScreen(first);
    await loginScreen(second);
  });
});
