/**
 * Click to screen in a real browser: Debian's Chromium, headless, driven by playwright-core (the
 * end-to-end tests' launch flags), on the page of `mini-st run app-30.ts`. Each click on "Press"
 * is timed inside the page, from the click event's timestamp to the DOM showing "Pressed k times"
 * (a MutationObserver), and to the next animation frame after it. A wrapper around the page's
 * WebSocket also notes when the rerun left and when its `run_finished` arrived, which splits the
 * time into the page's handler, the round trip as the browser sees it, and the render.
 * Beside it, the same click through the protocol client on the same server: the server round trip.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { wsClient } from '../../examples/e2e/ws-client.js';
import { startServer, withServerOutput } from './load.mjs';

const require = createRequire(fileURLToPath(new URL('../../examples/package.json', import.meta.url)));

import { CHROMIUM_ARGS, chromiumPath } from '../../examples/e2e/chromium.js';

export { chromiumPath };
export const haveChromium = () => existsSync(chromiumPath());

/** Installed in the page before its scripts run: marks the rerun's send and its run_finished. */
function instrumentWebSocket() {
  const marks = (window.__bench = { armed: false });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      // Registered before the page sets onmessage, so it runs first.
      this.addEventListener('message', (event) => {
        if (!marks.armed || marks.sentAt === undefined) return;
        const now = performance.now();
        if (typeof event.data === 'string' && event.data.startsWith('{"type":"run_finished"') && marks.finishedAt === undefined) {
          marks.finishedAt = now;
          marks.finished?.();
        }
      });
    }
    send(data) {
      if (marks.armed && marks.sentAt === undefined) marks.sentAt = performance.now();
      return super.send(data);
    }
  };
}

/** Arm the marks for the click that should make the page say "Pressed `k` times." */
function arm(k) {
  const marks = window.__bench;
  Object.assign(marks, { armed: true, clickAt: undefined, sentAt: undefined, finishedAt: undefined, domAt: undefined, paintAt: undefined });
  const finished = new Promise((resolve) => (marks.finished = resolve));
  window.addEventListener('click', (event) => (marks.clickAt = event.timeStamp), { capture: true, once: true });
  const want = `Pressed ${k} times.`;
  const shown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.body.textContent.includes(want)) return;
      marks.domAt = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        marks.paintAt = performance.now();
        resolve();
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  // The DOM can show the result before run_finished arrives (the deltas come first): wait for both.
  marks.done = Promise.all([shown, finished]);
}

async function collect() {
  const marks = window.__bench;
  await marks.done;
  marks.armed = false;
  const { clickAt, sentAt, finishedAt, domAt, paintAt } = marks;
  return { clickToDom: domAt - clickAt, clickToPaint: paintAt - clickAt, clickToSend: sentAt - clickAt, sendToFinished: finishedAt - sentAt, finishedToDom: domAt - finishedAt };
}

/**
 * `count` measured clicks after `warmup`. Resolves to per-click sample arrays (ms), plus the
 * protocol client's round trip for the same click.
 */
export async function clickToDom({ count = 50, warmup = 5, budgetMs = 120_000 } = {}) {
  const { chromium } = require('playwright-core');
  const server = await startServer();
  let browser;
  let client;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.addInitScript(instrumentWebSocket);
    await page.goto(server.url);
    const button = page.getByRole('button', { name: 'Press', exact: true });
    await page.getByText('Pressed 0 times.').waitFor({ timeout: 30_000 });
    const samples = { clickToDom: [], clickToPaint: [], clickToSend: [], sendToFinished: [], finishedToDom: [] };
    const deadline = Date.now() + budgetMs;
    for (let k = 1; k <= warmup + count && Date.now() < deadline; k++) {
      await page.evaluate(arm, k);
      await button.click();
      const sample = await page.evaluate(collect);
      if (k <= warmup) continue;
      for (const [key, value] of Object.entries(sample)) samples[key].push(value);
    }

    // The same click through the protocol client: the server's part alone.
    client = await wsClient(server.url);
    await client.waitFor((m) => m.type === 'run_finished', { timeoutMs: 30_000 });
    const press = client.messages.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).find((d) => d.element?.type === 'button' && d.element.label === 'Press')?.element;
    const server_ = [];
    for (let i = 0; i < warmup + count; i++) {
      const run = await client.rerun({}, press.id);
      if (run.status !== 'ok') throw new Error(`click rerun ${i} ended with status ${run.status}`);
      if (i >= warmup) server_.push(run.elapsedMs);
    }
    return { ...samples, serverRoundTrip: server_ };
  } catch (error) {
    throw withServerOutput(error, server);
  } finally {
    await client?.close();
    await browser?.close();
    await server.stop();
  }
}
