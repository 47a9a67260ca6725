/**
 * Data grids in Chromium (fixtures/dataframe.ts): a 100,000-row st.dataframe scrolls to its last
 * row while only a screenful of rows is in the DOM, a header click sorts, a column edge resizes,
 * an st.data_editor edit reaches the script (which echoes it), and the grid's code is fetched only
 * by a page that shows a grid. Screenshots land in artifacts/.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, fixture, launchBrowser, startApp, type RunningApp } from './harness.js';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(fixture('dataframe.ts')), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function open(query = '', colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${app.url}${query}`);
  return page;
}

/** The body cells of the rows drawn now, top to bottom, as text. */
function bodyRows(grid: Locator): Promise<string[][]> {
  return grid.evaluate((el) =>
    [...el.querySelectorAll('[role="row"]')]
      .filter((row) => Number(row.getAttribute('aria-rowindex')) > 1)
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      .map((row) => [...row.querySelectorAll('[role="gridcell"],[role="rowheader"]')].map((cell) => cell.textContent ?? '')),
  );
}

describe('st.dataframe with 100,000 rows', () => {
  it('scrolls to the last row with only a screenful of rows in the DOM', async () => {
    const page = await open('?big=1');
    const grid = page.getByRole('grid', { name: 'Data table' });
    await grid.getByRole('row').nth(1).waitFor();
    expect(await grid.getAttribute('aria-rowcount')).toBe('100001');
    const drawnAtTop = await grid.getByRole('row').count();
    expect(drawnAtTop).toBeLessThan(40);

    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = grid.locator('[aria-rowindex="100001"]');
    await last.waitFor();
    expect(await last.getByRole('gridcell').first().textContent()).toBe('99999');
    // The last row is inside the scroll area's visible box, not just in the DOM.
    const [box, area] = await Promise.all([last.boundingBox(), grid.boundingBox()]);
    expect(box!.y + box!.height).toBeLessThanOrEqual(area!.y + area!.height + 1);
    expect(box!.y).toBeGreaterThanOrEqual(area!.y);
    expect(await grid.getByRole('row').count()).toBeLessThan(40);
    await page.screenshot({ path: artifactPath('dataframe-100k-bottom.png') });
    expect(pageErrors).toEqual([]);
  });

  it('sorts 100,000 rows by a header click: ascending, then descending, then back', async () => {
    const page = await open('?big=1');
    const grid = page.getByRole('grid', { name: 'Data table' });
    await grid.getByRole('row').nth(1).waitFor();
    const header = grid.getByRole('columnheader', { name: 'Value' });
    await header.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('[role="columnheader"][aria-sort="ascending"]'));
    const ascending = (await bodyRows(grid)).map((row) => Number(row[3]));
    expect(ascending[0]).toBe(-1000);
    expect(ascending.slice(0, 10)).toEqual([...ascending.slice(0, 10)].sort((a, b) => a - b));
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(Number((await bodyRows(grid))[0]![3])).toBe(1000);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('none');
    expect((await bodyRows(grid))[0]![0]).toBe('0');
  });
});

describe('the data section', () => {
  it('draws formatted columns, resizes a column with the keyboard and the mouse, and sorts text', async () => {
    const page = await open();
    const grid = page.getByRole('grid', { name: 'Data table' });
    await grid.getByRole('row').nth(1).waitFor();
    const first = (await bodyRows(grid))[0]!;
    // hide_index: no index cell; "%.1f km"; a date pattern; a link column shows its display text.
    expect(first).toEqual(['Mercury', '0', '2439.7 km', '', 'Nov 7, 1631', 'Read']);
    const link = grid.getByRole('link', { name: 'Read' }).first();
    expect(await link.getAttribute('href')).toBe('https://en.wikipedia.org/wiki/Mercury_(planet)');
    expect(await link.getAttribute('rel')).toContain('noopener');

    const handle = grid.getByRole('separator', { name: 'Resize column Planet' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(before + 32);
    // And with the mouse: drag the header's edge 50 px to the right.
    const edge = (await handle.boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 + 50, edge.y + edge.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(before + 32 + 50);

    await grid.getByRole('columnheader', { name: 'Planet' }).getByRole('button').click();
    await grid.getByRole('columnheader', { name: 'Planet' }).getByRole('button').click();
    expect((await bodyRows(grid)).map((row) => row[0])).toEqual(['Venus', 'Saturn', 'Mercury', 'Mars', 'Jupiter', 'Earth']);
    await page.screenshot({ path: artifactPath('dataframe-section-light.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('sends a data_editor edit to the script, which echoes it', async () => {
    const page = await open('', 'dark');
    const editor = page.getByRole('grid', { name: 'Data editor' });
    await editor.getByRole('row').nth(1).waitFor();
    await page.getByText('Items to buy: 4 (2 rows)').waitFor();

    // With the keyboard: focus the cell, Enter opens its editor, Enter commits.
    const cell = editor.getByRole('gridcell', { name: /Quantity, row 0/ });
    await cell.focus();
    await page.keyboard.press('Enter');
    const input = editor.getByRole('textbox', { name: 'Quantity, row 0' });
    await input.fill('10');
    await page.screenshot({ path: artifactPath('data-editor-editing-dark.png') });
    await input.press('Enter');
    await page.getByText('Items to buy: 11 (2 rows)').waitFor();

    // A value the column refuses (min_value 0) is not committed: the box says so and stays open.
    await cell.dblclick();
    await input.fill('-5');
    await input.press('Enter');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await input.press('Escape');

    await page.getByRole('button', { name: '+ Add row' }).click();
    await page.getByText('Items to buy: 11 (3 rows)').waitFor();
    await editor.getByRole('button', { name: 'Delete row 0' }).click();
    await page.getByText('Items to buy: 1 (2 rows)').waitFor();
    await page.screenshot({ path: artifactPath('data-editor-dark.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
