/**
 * The gallery (examples/gallery.ts) in a real Chromium: what a person sees and does. One server
 * and one browser for the file; every test opens its own tab, so every test has its own session.
 * Widgets are found the way a screen reader finds them: by role and by their label.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, idle, launchBrowser, type RunningApp, startApp } from './harness.js';
import { startProxy } from './tcp-proxy.js';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;
/** Errors the page logged or threw during the current test. */
let pageErrors: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp('examples/gallery.ts'), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A fresh tab on the gallery, once its first run has finished. */
async function openGallery(url = app.url): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(url);
  await page.getByRole('heading', { name: 'mini-st gallery', level: 1 }).waitFor();
  // The last element of the script, then an idle status bar: the first run is over.
  await page.getByRole('button', { name: 'Run slowly' }).waitFor();
  await idle(page);
  return page;
}

describe('the gallery in Chromium', () => {
  it('draws every section, with tabs, an expander, columns and the sidebar', async () => {
    const page = await openGallery();
    for (const name of ['Text', 'Widgets', 'Layout', 'Form', 'Streaming']) {
      await page.getByRole('heading', { name, level: 2 }).waitFor();
    }
    await page.getByText('Hello, stranger!').waitFor();
    await page.getByText('An info message.').waitFor();
    await page.getByText('An example exception (nothing is wrong).').waitFor();
    await page.getByText(/gallery\.ts:\d+/).first().waitFor();
    await page.getByRole('table').filter({ hasText: 'apple' }).first().waitFor();
    // The placeholder shows only what was written to it last.
    await page.getByText('Placeholder replaced in place.').waitFor();
    expect(await page.getByText('A placeholder, about to be replaced').count()).toBe(0);

    // Columns sit side by side, the first twice as wide as the others.
    const left = await page.getByText('Left column').boundingBox();
    const middle = await page.getByText('Middle', { exact: true }).boundingBox();
    const right = await page.getByText('Right, via with()').boundingBox();
    expect(left && middle && right).toBeTruthy();
    expect(middle!.x).toBeGreaterThan(left!.x + left!.width / 2);
    expect(right!.x).toBeGreaterThan(middle!.x);
    expect(Math.abs(middle!.y - right!.y)).toBeLessThan(20);

    // Tabs: the first is selected; choosing the second swaps the visible panel.
    const firstTab = page.getByRole('tab', { name: 'First tab' });
    expect(await firstTab.getAttribute('aria-selected')).toBe('true');
    await page.getByText('Content of the first tab.').waitFor();
    expect(await page.getByText('Content of the second tab.').isVisible()).toBe(false);
    await page.getByRole('tab', { name: 'Second tab' }).click();
    await page.getByText('Content of the second tab.').waitFor();
    await page.getByText('Content of the first tab.').waitFor({ state: 'hidden' });

    // The expander starts closed and opens on a click.
    const hidden = page.getByText('Hidden until expanded.');
    expect(await hidden.isVisible()).toBe(false);
    await page.getByText('Open to see more').click();
    await hidden.waitFor();

    // The sidebar is open on a wide screen and holds its own widgets.
    const sidebar = page.getByRole('complementary', { name: 'Sidebar' });
    await sidebar.getByRole('heading', { name: 'Sidebar' }).waitFor();
    await sidebar.getByText('Showing: All').waitFor();

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artifactPath('gallery.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('follows the system colour scheme: light, then dark', async () => {
    const page = await openGallery();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(dark).not.toBe(light);
    // Dark means dark: the sum of the channels is low.
    const sum = (css: string) => (css.match(/\d+/g) ?? []).slice(0, 3).reduce((n, c) => n + Number(c), 0);
    expect(sum(dark)).toBeLessThan(sum(light));
    await page.screenshot({ path: artifactPath('gallery-dark.png') });
  });

  it('updates the greeting when a name is typed and Enter pressed', async () => {
    const page = await openGallery();
    const input = page.getByLabel('Your name');
    await input.fill('Ada');
    await input.press('Enter');
    await page.getByText('Hello, Ada!').waitFor();
    expect(await page.getByText('Hello, stranger!').count()).toBe(0);
    expect(await input.inputValue()).toBe('Ada');
  });

  it('moves a slider with the keyboard', async () => {
    const page = await openGallery();
    const age = page.getByRole('slider', { name: 'Age' });
    await page.getByText('count=2 age=30 range=200..800').waitFor();
    for (let i = 0; i < 3; i++) await age.press('ArrowRight');
    await page.getByText('count=2 age=33 range=200..800').waitFor();
    expect(await age.getAttribute('aria-valuenow')).toBe('33');

    await page.getByRole('slider', { name: 'Price range (max)' }).press('End');
    await page.getByText('count=2 age=33 range=200..1000').waitFor();
  });

  it('shows the clicked message for exactly the run the click caused', async () => {
    const page = await openGallery();
    const clicked = page.getByText('Clicked! (this message lasts one run)');
    expect(await clicked.count()).toBe(0);
    await page.getByRole('button', { name: 'Click me' }).click();
    await clicked.waitFor();
    await page.getByText('clicks=1').waitFor();

    await page.getByRole('switch', { name: 'Night mode' }).click();
    await page.getByText('agree=false night=true').waitFor();
    await clicked.waitFor({ state: 'detached' });
    await page.getByText('clicks=1').waitFor();
  });

  it('sends a form only when it is submitted', async () => {
    const page = await openGallery();
    const email = page.getByLabel('Email');
    await email.fill('ada@example.com');
    await email.blur();
    await page.getByLabel('Plan', { exact: true }).selectOption('pro');

    // A rerun from outside the form must not carry the form's values.
    await page.getByRole('checkbox', { name: 'I agree' }).check();
    await page.getByText('agree=true night=false').waitFor();
    await idle(page);
    expect(await page.getByText(/Signed up/).count()).toBe(0);

    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('Signed up ada@example.com on the pro plan.').waitFor();
    // clear_on_submit: the form starts over.
    await expect.poll(() => email.inputValue()).toBe('');
  });

  it('offers Stop while a slow run runs, and stops it', async () => {
    const page = await openGallery();
    const stop = page.getByRole('button', { name: 'Stop' });
    expect(await stop.count()).toBe(0);
    await page.getByRole('button', { name: 'Run slowly' }).click();
    await page.getByText('Working… step 1 of 5').waitFor();
    await stop.click();
    await stop.waitFor({ state: 'detached' });
    await idle(page);
    await page.getByText(/Working… step [1-4] of 5/).waitFor();
    expect(await page.getByText('Done working.').count()).toBe(0);
  });

  it('reconnects by itself after the connection drops, resuming the same session', async () => {
    const proxy = await startProxy(app.port);
    try {
      const page = await openGallery(proxy.url);
      await page.getByRole('button', { name: 'Click me' }).click();
      await page.getByText('clicks=1').waitFor();
      await page.getByLabel('Your name').fill('Ada');
      await page.getByLabel('Your name').press('Enter');
      await page.getByText('Hello, Ada!').waitFor();
      await idle(page);

      const sent: string[] = [];
      const received: string[] = [];
      page.on('websocket', (ws) => {
        ws.on('framesent', ({ payload }) => sent.push(String(payload)));
        ws.on('framereceived', ({ payload }) => received.push(String(payload)));
      });
      expect(proxy.drop()).toBeGreaterThan(0);

      await expect.poll(() => received.find((f) => f.includes('"session_start"')), { timeout: 10_000 }).toBeDefined();
      const hello = JSON.parse(sent.find((f) => f.includes('"hello"'))!);
      const start = JSON.parse(received.find((f) => f.includes('"session_start"'))!);
      expect(start).toMatchObject({ resumed: true, sessionId: hello.sessionId });
      expect(hello.sessionId).toEqual(expect.any(String));

      // The resumed session reruns; session_state lives on the server only, so a new session
      // would have drawn clicks=0 in this run.
      await expect.poll(() => received.some((f) => f.includes('"run_finished"')), { timeout: 10_000 }).toBe(true);
      await idle(page);
      await page.getByText('clicks=1').waitFor();
      await page.getByText('Hello, Ada!').waitFor();
      expect(pageErrors.filter((e) => !/WebSocket/i.test(e))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
