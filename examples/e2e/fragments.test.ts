/**
 * Fragments and dialogs in a real Chromium (fixture: the gallery's fragments section): a button in
 * a fragment reruns only the fragment (a count of the app's runs outside it stays, and nothing
 * outside fades); a `run_every` clock ticks by itself; a dialog opens over the page, its text input
 * reruns only the dialog, Escape closes it without a rerun and gives focus back, and `st.rerun()`
 * inside it runs the app, which closes it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, fixture, idle, launchBrowser, type RunningApp, startApp } from './harness.js';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(fixture('fragments.ts')), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1100, height: 800 }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(app.url);
  await page.getByText('App runs: 1', { exact: true }).waitFor();
  await idle(page);
  return page;
}

/** From now on, records every text that is marked stale anywhere on the page. */
async function recordStale(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __stale: string[] }).__stale = seen;
    new MutationObserver(() => {
      for (const node of document.querySelectorAll('[data-stale]')) seen.push(node.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  return () => page.evaluate(() => (window as unknown as { __stale: string[] }).__stale);
}

describe('fragments and dialogs in Chromium', () => {
  it('reruns only the fragment for its button: the app-run count outside stays and nothing outside fades', async () => {
    const page = await open();
    const stale = await recordStale(page);
    const add = page.getByRole('button', { name: 'Add 1 in the fragment' });
    await add.click();
    await page.getByText('Fragment count: 1', { exact: true }).waitFor();
    await add.click();
    await page.getByText('Fragment count: 2', { exact: true }).waitFor();
    expect(await page.getByText('App runs: 1', { exact: true }).count()).toBe(1);
    expect((await stale()).filter((text) => text.includes('App runs'))).toEqual([]);

    // A button outside the fragment reruns the whole app, fragment included.
    await page.getByRole('button', { name: 'Rerun the whole app' }).click();
    await page.getByText('App runs: 2', { exact: true }).waitFor();
    await idle(page);
    expect(await page.getByText('Fragment count: 2', { exact: true }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('ticks a run_every clock by itself, without running the app', async () => {
    const page = await open();
    await page.getByRole('switch', { name: 'Run the clock' }).check();
    await page.getByText('App runs: 2', { exact: true }).waitFor();
    const clock = page.getByText(/^Clock: tick \d+/);
    const first = Number(/tick (\d+)/.exec((await clock.textContent()) ?? '')?.[1]);
    // Two ticks of the timer, with no interaction in between.
    await page.getByText(new RegExp(`^Clock: tick ${first + 2} `)).waitFor();
    expect(await page.getByText('App runs: 2', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: artifactPath('fragments-clock.png') });
    await page.getByRole('switch', { name: 'Run the clock' }).uncheck();
    await page.getByText('App runs: 3', { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('opens a dialog whose input reruns only it; Escape closes it and gives focus back; Save runs the app', async () => {
    const page = await open();
    const opener = page.getByRole('button', { name: 'Rename…' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Rename the project' });
    await dialog.waitFor();
    await page.getByText('App runs: 2', { exact: true }).waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    // Focus moved into the dialog, and the page behind it is inert.
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    expect(await page.evaluate(() => document.querySelector('.st-main')!.matches(':modal, :has(:modal)'))).toBe(false);

    const input = dialog.getByRole('textbox', { name: 'Project name' });
    await input.fill('Apollo');
    await input.press('Enter');
    await dialog.getByText('Preview: Apollo').waitFor();
    expect(await page.getByText('App runs: 2', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: artifactPath('fragments-dialog.png') });

    // Tab stays inside the dialog.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    }

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await page.getByText('App runs: 2', { exact: true }).count()).toBe(1);
    expect(await page.getByText('Project: mini-st', { exact: true }).count()).toBe(1);

    // Open again (a new run calls the dialog): the input kept its value; Save runs the app.
    await opener.click();
    await dialog.waitFor();
    await page.getByText('App runs: 3', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Save the name' }).click();
    await page.getByText('Project: Apollo', { exact: true }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('App runs: 4', { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('closes with the X button or a click beside it, and draws in the dark theme', async () => {
    const page = await open('dark');
    await page.getByRole('button', { name: 'Rename…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename the project' });
    await dialog.waitFor();
    await idle(page);
    await page.screenshot({ path: artifactPath('fragments-dialog-dark.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Opened again by a new run; a click on the dimmed page beside it closes it too.
    await page.getByRole('button', { name: 'Rename…' }).click();
    await dialog.waitFor();
    await page.mouse.click(20, 700);
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByText('App runs: 3', { exact: true }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
