/**
 * XSS in a real Chromium: every payload of fixtures/xss-payloads.ts through every text path of
 * fixtures/xss.ts (markdown, captions, text, write, table cells, headings, alerts, labels, help,
 * placeholders, options, expanders, tabs, JSON, code, exceptions, the script's own error). No
 * script may run: no dialog, no flag set, and nothing executable in the DOM. The sidebar's
 * `unsafe_allow_html` control shows raw HTML does get through when the app asks, and that the
 * Content-Security-Policy still stops its inline handler.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_PAYLOADS } from './fixtures/xss-payloads.js';
import { artifactPath, fixture, launchBrowser, startApp, type RunningApp } from './harness.js';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(fixture('xss.ts')), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What the DOM holds that could run script, outside the sidebar's sanctioned raw HTML. */
function executableBits(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('.st-main')!;
    const found: string[] = [];
    for (const el of main.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'style', 'form', 'noscript', 'math', 'link'].includes(tag)) found.push(`<${tag}>`);
      for (const attr of el.getAttributeNames()) {
        const value = el.getAttribute(attr) ?? '';
        if (attr.startsWith('on')) found.push(`<${tag} ${attr}>`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(attr) && /^\s*(javascript|data|vbscript):/i.test(value.replace(/[\u0000-\u0020]/g, ''))) {
          found.push(`<${tag} ${attr}="${value.slice(0, 40)}">`);
        }
      }
    }
    return found;
  });
}

describe('XSS payloads in Chromium', () => {
  it(`runs none of ${XSS_PAYLOADS.length} payloads through any text path, and shows them as text`, async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const dialogs: string[] = [];
    const consoleLines: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => consoleLines.push(message.text()));
    try {
      await page.goto(app.url);
      // Every payload's st.exception, then the script's own error: the run is drawn to the end.
      await page.waitForFunction((n) => document.querySelectorAll('.st-main .st-exception').length >= n, XSS_PAYLOADS.length + 1, { timeout: 60_000 });
      // Open what is closed, so payloads in tabs, expanders and options get rendered too.
      await page.locator('.st-main details:not([open]) > summary').evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));
      await page.mouse.move(600, 450);
      await page.waitForTimeout(500);

      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(await executableBits(page)).toEqual([]);

      // Escaped, not dropped: the payload reads as text where the app wrote text.
      await page.locator('.st-main').getByText('<script>alert(1)</script>', { exact: true }).first().waitFor();
      await page.locator('.st-main').getByText('<img src=x onerror=alert(1)>', { exact: true }).first().waitFor();
      // Labels are the accessible names, verbatim.
      await page.getByRole('button', { name: '<svg onload=alert(1)>', exact: true }).waitFor();
      // Neutralized links keep their text and lose their target.
      const hrefs = await page.locator('.st-main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs.filter((href) => !/^(https?:|#|\/)/.test(href ?? ''))).toEqual([]);

      // The control: raw HTML reaches the page only through unsafe_allow_html, and even then the
      // Content-Security-Policy refuses its inline handler.
      await page.locator('#raw-html').waitFor({ state: 'attached' });
      await page.locator('#raw-img').waitFor({ state: 'attached' });
      expect(await page.evaluate(() => (window as unknown as { __control?: unknown }).__control)).toBeUndefined();
      await expect.poll(() => consoleLines.some((line) => /Content Security Policy/i.test(line) && /inline event handler/i.test(line))).toBe(true);
    } catch (error) {
      await page.screenshot({ path: artifactPath('xss-failure.png'), fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
