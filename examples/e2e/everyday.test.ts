/**
 * The gallery's progress, chat and state sections in a real Chromium: a progress bar that fills
 * while the run goes on, a chat exchange whose reply streams in, and query parameters that
 * survive a reload and follow the back and forward buttons.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, idle, launchBrowser, type RunningApp, startApp } from './harness.js';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;
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

/** A fresh tab on the gallery (at `search`), once its first run has finished. */
async function openGallery(search = ''): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(app.url + search);
  await page.getByRole('heading', { name: 'Chat', level: 2 }).waitFor();
  await idle(page);
  return page;
}

/** Records every value a selector's text or attribute takes, from now on, in the page. */
async function watch(page: Page, selector: string, attribute?: string): Promise<() => Promise<string[]>> {
  const key = `__watch_${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ({ key, selector, attribute }) => {
      const seen: string[] = [];
      (window as unknown as Record<string, string[]>)[key] = seen;
      const read = () => {
        const found = [...document.querySelectorAll(selector)].at(-1);
        const value = found ? (attribute ? found.getAttribute(attribute) : found.textContent) : null;
        if (value !== null && value !== seen.at(-1)) seen.push(value);
      };
      new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    { key, selector, attribute },
  );
  return () => page.evaluate((key) => (window as unknown as Record<string, string[]>)[key] ?? [], key);
}

describe('progress, chat and query params in Chromium', () => {
  it('fills a progress bar live while the run goes on, completes the status and toasts', async () => {
    const page = await openGallery();
    expect(await page.title()).toBe('mini-st gallery');
    // Each value the bar takes, and whether the run was still going (Stop shown) when it did.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __bar: string[] }).__bar = seen;
      new MutationObserver(() => {
        const bar = [...document.querySelectorAll('.st-progressbar')].at(-1);
        const running = [...document.querySelectorAll('header button')].some((b) => b.textContent === 'Stop');
        const entry = `${bar?.getAttribute('aria-valuenow')}${running ? ' running' : ''}`;
        if (bar && entry !== seen.at(-1)) seen.push(entry);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const spinners = await watch(page, '.st-spinner-el');
    await page.getByRole('button', { name: 'Run with progress' }).click();
    await page.getByText('All 5 steps finished').waitFor();
    await page.getByText('The work is finished!').waitFor();
    await idle(page);
    const recorded = await page.evaluate(() => (window as unknown as { __bar: string[] }).__bar);
    // From the run's first bar on (the page showed a static 30 % bar before the click).
    const run = recorded.slice(recorded.findIndex((entry) => entry.startsWith('0 ')));
    const live = run.filter((entry) => entry.endsWith(' running')).map((entry) => Number(entry.split(' ')[0]));
    // Each step reached the page while the script was still running: several values in between.
    expect(live.filter((v) => v > 0 && v < 100).length).toBeGreaterThanOrEqual(3);
    expect(live).toEqual([...live].sort((a, b) => a - b));
    expect(run.at(-1)).toBe('100');
    await page.getByRole('progressbar', { name: 'Step 5 of 5' }).waitFor();
    await page.getByText('Finished step 5.').waitFor();
    // The spinner showed while the preparation ran, and is gone.
    expect(await spinners()).toContain('Preparing the work…');
    expect(await page.locator('.st-spinner-el').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('answers a chat message with a reply that streams in, word by word', async () => {
    const page = await openGallery();
    const input = page.getByRole('textbox', { name: 'Say something' });
    // Pinned: at the bottom of the window even while the page is scrolled to the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await input.boundingBox();
    expect(box && box.y + box.height).toBeGreaterThan(800);

    const replies = await watch(page, '[aria-label="Chat message from assistant"]');
    await input.fill('Hello bot');
    await input.press('Enter');
    expect(await input.inputValue()).toBe('');
    const user = page.getByRole('article', { name: 'Chat message from user' });
    await user.getByText('Hello bot').waitFor();
    const final = 'You said: "Hello bot". That is 9 characters.';
    await page.getByRole('article', { name: 'Chat message from assistant' }).filter({ hasText: final }).waitFor();
    await idle(page);
    const texts = (await replies()).map((text) => text.trim());
    // In between: growing beginnings of the reply, each with the typing cursor.
    const partial = texts.filter((text) => text.endsWith('▕') && final.startsWith(text.slice(0, -1).trim()));
    expect(partial.length).toBeGreaterThanOrEqual(3);
    expect(texts.at(-1)).toBe(final);

    // The conversation stays; the message was one run's value only.
    await page.getByRole('checkbox', { name: 'I agree' }).check();
    await idle(page);
    expect(await page.getByRole('article', { name: 'Chat message from user' }).count()).toBe(1);
    expect(await page.getByRole('article', { name: 'Chat message from assistant' }).count()).toBe(2);
    await page.getByRole('heading', { name: 'Chat', level: 2 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('gallery-chat.png') });
    expect(pageErrors).toEqual([]);
  });

  it('keeps query params in the address bar through a reload, and follows back and forward', async () => {
    const page = await openGallery();
    await page.getByText('section=(none)').waitFor();
    await page.getByRole('button', { name: 'Go to alpha' }).click();
    await page.getByText('section=alpha').waitFor();
    await expect.poll(() => new URL(page.url()).search).toBe('?section=alpha');
    await page.getByRole('button', { name: 'Go to beta' }).click();
    await page.getByText('section=beta').waitFor();
    await expect.poll(() => new URL(page.url()).search).toBe('?section=beta');

    await page.reload();
    await page.getByRole('heading', { name: 'Chat', level: 2 }).waitFor();
    await page.getByText('section=beta').waitFor();
    expect(new URL(page.url()).search).toBe('?section=beta');

    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('?section=alpha');
    await page.getByText('section=alpha').waitFor();
    await page.goBack();
    await page.getByText('section=(none)').waitFor();
    await page.goForward();
    await page.getByText('section=alpha').waitFor();
    await idle(page);
    expect(pageErrors).toEqual([]);
  });

  it('opens with the query params of the address it was opened at', async () => {
    const page = await openGallery('?section=from-link');
    await page.getByText('section=from-link').waitFor();
    await page.getByRole('heading', { name: 'Metrics', level: 2 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('gallery-everyday.png') });
  });

  it('changes the newer inputs with mouse and keyboard', async () => {
    const page = await openGallery();
    await page.getByText('size=M stock=S..L moods=curious view=Week').waitFor();
    await page.getByRole('group', { name: 'Moods' }).getByRole('button', { name: 'calm' }).click();
    await page.getByText('moods=calm,curious').waitFor();
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Week' }).click();
    await page.getByText('view=none').waitFor();
    const size = page.getByRole('slider', { name: 'Size', exact: true });
    expect(await size.getAttribute('aria-valuetext')).toBe('M');
    await size.press('End');
    await page.getByText('size=XL stock=S..L').waitFor();
    await page.getByLabel('Day', { exact: true }).fill('2024-12-24');
    await page.getByText('day=2024-12-24').waitFor();
    await page.getByLabel('Time', { exact: true }).fill('18:15');
    await page.getByText(/time=18:15/).waitFor();
    await idle(page);
    await page.getByRole('heading', { name: 'More inputs', level: 2 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('gallery-inputs.png') });
    expect(pageErrors).toEqual([]);
  });
});
