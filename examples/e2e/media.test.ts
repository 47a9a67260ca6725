/**
 * Media and files in a real Chromium against a real `mini-st run` (scripts in worker threads, so
 * media bytes cross from the worker): a PNG made from bytes renders, audio is served in byte
 * ranges (206, and 416 past the end), a file uploaded with the file picker reaches the script,
 * and both downloads (static data, and a function called on click) save the exact bytes.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, fixture, idle, launchBrowser, type RunningApp, startApp } from './harness.js';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(fixture('media.ts')), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** Statuses of the page's responses for media files, in order. */
let mediaAnswers: { url: string; status: number }[] = [];

async function open(): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1000, height: 1100 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  pageErrors = [];
  mediaAnswers = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', (response) => {
    if (response.url().includes('/_stcore/media/')) mediaAnswers.push({ url: response.url(), status: response.status() });
  });
  await page.goto(app.url);
  await page.getByRole('heading', { name: 'Media and files' }).waitFor();
  await idle(page);
  return page;
}

describe('media and files in Chromium', () => {
  it('renders a PNG the script made from bytes', async () => {
    const page = await open();
    const image = page.getByRole('img', { name: 'A PNG the script made from bytes' });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    expect(await image.getAttribute('src')).toMatch(/\/_stcore\/media\/[0-9a-f]{40}\.png$/);
    expect(pageErrors).toEqual([]);
  });

  it('serves audio in byte ranges: the player gets 206, a range past the end 416', async () => {
    const page = await open();
    const src = await page.getByLabel('Audio').getAttribute('src');
    expect(src).toMatch(/\.wav$/);
    // The player itself asks for a range (preload="metadata").
    await expect.poll(() => mediaAnswers.filter((answer) => answer.url === src).map((answer) => answer.status)).toContain(206);
    const answers = await page.evaluate(async (url) => {
      const part = await fetch(url, { headers: { Range: 'bytes=0-99' }, cache: 'no-store' });
      const bytes = new Uint8Array(await part.arrayBuffer());
      const past = await fetch(url, { headers: { Range: 'bytes=999999-' }, cache: 'no-store' });
      return {
        status: part.status,
        range: part.headers.get('content-range'),
        length: bytes.length,
        riff: String.fromCharCode(...bytes.slice(0, 4)),
        past: past.status,
        pastRange: past.headers.get('content-range'),
      };
    }, src!);
    expect(answers).toEqual({ status: 206, range: 'bytes 0-99/8044', length: 100, riff: 'RIFF', past: 416, pastRange: 'bytes */8044' });
  });

  it('uploads a file with the file picker and the script shows its name, size and content', async () => {
    const page = await open();
    // Keyboard: Tab to "Browse files", Enter opens the picker; and a file dropped on the zone.
    await page.getByRole('button', { name: 'Browse files' }).focus();
    const choosing = page.waitForEvent('filechooser');
    // Playwright turns on file-chooser interception asynchronously; a round trip to the page
    // after it makes sure it is on before Enter opens the picker (else the picker opens natively).
    await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('Enter');
    const chooser = await choosing;
    await chooser.setFiles({ name: 'keys.txt', mimeType: 'text/plain', buffer: Buffer.from('typed') });
    await page.getByText('keys.txt: 5 bytes (text/plain)').waitFor();
    const dropped = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped!'], 'drop.txt', { type: 'text/plain' }));
      return data;
    });
    await page.locator('.st-dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByText('drop.txt: 8 bytes (text/plain)').waitFor();
    await page.getByRole('button', { name: 'Remove drop.txt' }).waitFor();
    await page.getByLabel('Upload a file', { exact: true }).setInputFiles({ name: 'hello.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from the browser\n') });
    await page.getByText('hello.txt: 23 bytes (text/plain)').waitFor();
    await page.getByText('hello from the browser').waitFor();
    await idle(page);
    await page.screenshot({ path: artifactPath('media.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: artifactPath('media-dark.png'), fullPage: true });
    // Removing it in the page removes it from the script's value.
    await page.getByRole('button', { name: 'Remove hello.txt' }).click();
    await page.getByText('hello.txt: 23 bytes (text/plain)').waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('downloads static data with the exact bytes', async () => {
    const page = await open();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download a CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('numbers.csv');
    expect(await readFile((await download.path())!, 'utf8')).toBe('x,y\n1,2\n3,4\n');
  });

  it('downloads what a function makes when its button is clicked, and the button is true for that run', async () => {
    const page = await open();
    await page.getByText('report clicked: false').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Make a report' }).click()]);
    expect(download.suggestedFilename()).toBe('report.txt');
    expect(await readFile((await download.path())!, 'utf8')).toBe('quarterly report\n1,2,3\n');
    await page.getByText('report clicked: true').waitFor();
  });
});

describe('media and files with scripts in the main thread (runner.isolation = "none")', () => {
  let inProcess: RunningApp;
  beforeAll(async () => {
    inProcess = await startApp(fixture('media.ts'), { args: ['--runner.isolation', 'none', '--server.maxUploadSize', '0.001'] });
  });
  afterAll(async () => {
    await inProcess?.stop();
  });

  it('renders the PNG and takes an upload, as in worker mode', async () => {
    context = await browser.newContext({ viewport: { width: 1000, height: 1100 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(inProcess.url);
    const image = page.getByRole('img', { name: 'A PNG the script made from bytes' });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    await page.getByLabel('Upload a file', { exact: true }).setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n') });
    await page.getByText('a.csv: 4 bytes (text/csv)').waitFor();
  });

  it('says next to the uploader, with its code, why a file over server.maxUploadSize was refused', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(inProcess.url);
    await page.getByLabel('Upload a file', { exact: true }).setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(2048) });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'big.bin' }).textContent()).toContain('MST_ERR_UPLOAD_TOO_LARGE');
    // Nothing reached the script.
    expect(await page.getByText('big.bin:').count()).toBe(0);
  });
});
