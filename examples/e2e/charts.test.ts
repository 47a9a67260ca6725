/**
 * Charts in Chromium (fixtures/charts.ts, which shows the gallery's charts section): the built-in
 * charts and a Vega-Lite chart draw non-blank canvases under the page's Content-Security-Policy,
 * follow the light/dark theme and the container's width, and the chart code (a lazy chunk per
 * library) is fetched only by a page that shows a chart. Screenshots land in artifacts/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, fixture, launchBrowser, startApp, type RunningApp } from './harness.js';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];
let requests: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(fixture('charts.ts')), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function open(query = '', colorScheme: 'light' | 'dark' = 'light', width = 1100): Promise<Page> {
  context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  pageErrors = [];
  requests = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${app.url}${query}`);
  return page;
}

/** Wait until `count` charts have drawn (each sets data-drawn once its library has painted). */
async function drawn(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('.st-chart-plot[data-drawn]').length >= n, count);
}

/** For each chart's canvases: how many pixels are painted, and how many distinct colours they use. */
function inkPerChart(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.st-chart')].map((figure) => {
      let painted = 0;
      const colours = new Set<string>();
      for (const canvas of figure.querySelectorAll('canvas')) {
        const ctx = canvas.getContext('2d');
        if (!ctx || !canvas.width || !canvas.height) continue;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 16) {
          if (data[i + 3]! === 0) continue;
          painted++;
          colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
        }
      }
      return { label: figure.getAttribute('aria-label'), painted, colours: colours.size };
    }),
  );
}

describe('charts in Chromium', () => {
  it('draws line, area, bar, scatter and Vega-Lite charts with ink on their canvases, named for screen readers', async () => {
    const page = await open();
    await drawn(page, 6);
    const ink = await inkPerChart(page);
    expect(ink.map((c) => c.label)).toEqual([
      'Line chart of north, south and west by month, 6 points',
      'Area chart of north and south by month, 6 points',
      'Bar chart of A and B by fruit, 3 points',
      'Horizontal bar chart of wins and losses by team, 3 points',
      'Scatter chart of A and B by height, 60 points',
      'Bar chart of b by a (Vega-Lite)',
    ]);
    for (const chart of ink) {
      expect(chart.painted, chart.label ?? '').toBeGreaterThan(500);
      expect(chart.colours, chart.label ?? '').toBeGreaterThan(3);
    }
    // The Vega-Lite chart drew on a canvas, with its expressions interpreted (no eval under the CSP).
    expect(await page.locator('.st-vega-chart canvas').count()).toBe(1);
    // The legend names the series and shows values under the cursor.
    expect(await page.locator('.st-chart').first().locator('.u-legend th').allTextContents()).toEqual(['month', 'north', 'south', 'west']);
    await page.screenshot({ path: artifactPath('charts-light.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    // Both libraries came as lazy chunks.
    expect(requests.some((p) => /\/chunks\/uplot-chart-[^/]+\.js$/.test(p))).toBe(true);
    expect(requests.some((p) => /\/chunks\/vega-lite-chart-[^/]+\.js$/.test(p))).toBe(true);
  });

  it('draws in the dark theme, and redraws in the new colours when the theme changes', async () => {
    const page = await open('', 'dark');
    await drawn(page, 6);
    await page.screenshot({ path: artifactPath('charts-dark.png'), fullPage: true });
    const marker = page.locator('.st-chart').first().locator('.u-series .u-marker').nth(1);
    // Streamlit's dark palette starts with a light blue, the light one with a deep blue.
    expect(await marker.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(131, 201, 255)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => {
      const el = document.querySelectorAll('.st-chart')[0]?.querySelectorAll('.u-series .u-marker')[1];
      return el && getComputedStyle(el).backgroundColor === 'rgb(0, 104, 201)';
    });
    await drawn(page, 6);
    expect(pageErrors).toEqual([]);
  });

  it('shows the values under the cursor: the live legend of a built-in chart, the tooltip of a Vega-Lite chart', async () => {
    const page = await open();
    await drawn(page, 6);
    const line = page.locator('.st-chart').first();
    const over = line.locator('.u-over');
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    // The first month: north 20, south 18, west 10 (examples/gallery/charts.ts).
    await page.waitForFunction(() => document.querySelector('.st-chart .u-series:nth-child(2) .u-value')?.textContent === '20');
    expect(await line.locator('.u-series .u-value').allTextContents()).toEqual(['2024-01-01', '20', '18', '10']);

    const vega = page.locator('.st-vega-chart canvas');
    await vega.scrollIntoViewIfNeeded();
    const vbox = (await vega.boundingBox())!;
    // The last bar (D = 91) reaches 91 % up the plot: its middle is half-way down the canvas.
    await page.mouse.move(vbox.x + vbox.width - 60, vbox.y + vbox.height / 2);
    await page.locator('#vg-tooltip-element.visible').waitFor();
    expect(await page.locator('#vg-tooltip-element').textContent()).toContain('91');
    await page.screenshot({ path: artifactPath('charts-vega-tooltip.png') });
    expect(pageErrors).toEqual([]);
  });

  it('follows the container when the window narrows', async () => {
    const page = await open('', 'light', 1100);
    await drawn(page, 6);
    const canvasWidth = () => page.locator('.st-chart').first().locator('canvas').first().evaluate((c) => c.getBoundingClientRect().width);
    const wide = await canvasWidth();
    await page.setViewportSize({ width: 600, height: 900 });
    await page.waitForFunction((before) => {
      const c = document.querySelector('.st-chart canvas');
      return c && c.getBoundingClientRect().width < before - 100;
    }, wide);
    expect(await canvasWidth()).toBeLessThan(wide);
  });

  it('draws 100,000 points', async () => {
    const page = await open('?big=1');
    await drawn(page, 1);
    const [chart] = await inkPerChart(page);
    expect(chart!.label).toBe('Line chart of v by t, 100,000 points');
    expect(chart!.painted).toBeGreaterThan(1000);
    await page.screenshot({ path: artifactPath('charts-100k.png') });
  });

  it('draws charts without points as empty axes, without errors', async () => {
    const page = await open('?empty=1');
    await drawn(page, 3);
    expect(await page.locator('.st-chart').evaluateAll((figures) => figures.map((f) => f.getAttribute('aria-label')))).toEqual([
      'Line chart of no data by row, 0 points',
      'Bar chart of no data by row, 0 points',
      'Scatter chart of y by x, 1 point',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('fetches no chart code on a page without charts', async () => {
    const page = await open('?none=1');
    await page.getByText('Just text.').waitFor();
    await page.waitForLoadState('networkidle');
    expect(requests.some((p) => p.endsWith('.js') && p.includes('/static/'))).toBe(true);
    expect(requests.filter((p) => /uplot-chart|vega-lite-chart/.test(p))).toEqual([]);
  });
});
