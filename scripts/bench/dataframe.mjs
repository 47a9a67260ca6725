/**
 * A 100,000-row st.dataframe (examples/e2e/fixtures/dataframe.ts with `?big=1`):
 *
 *   firstRender   in Chromium, navigation start → the grid drawn with its first rows (the first
 *                 body row in the DOM, then the next animation frame), over a few fresh loads;
 *   bytes         on the wire for that page's first run (every frame the protocol client receives
 *                 from hello to run_finished), and for a rerun that changes nothing;
 *   rerunCpu      the server's main-thread CPU per unchanged rerun (from /proc): what the mirror's
 *                 digest comparison and the worker → main copy cost the thread that serves every
 *                 session.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from '../../examples/e2e/chromium.js';
import { wsClient } from '../../examples/e2e/ws-client.js';
import { startServer, withServerOutput } from './load.mjs';
import { cpuMeter } from './proc.mjs';

const require = createRequire(fileURLToPath(new URL('../../examples/package.json', import.meta.url)));
const APP = 'examples/e2e/fixtures/dataframe.ts';

/** In the page before its scripts: note when the grid's first body row appears, then paints. */
function watchFirstRow() {
  const marks = (window.__grid = {});
  marks.done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[role="grid"] [aria-rowindex="2"]')) return;
      observer.disconnect();
      marks.domAt = performance.now();
      requestAnimationFrame(() => {
        marks.paintAt = performance.now();
        resolve();
      });
    });
    observer.observe(document, { subtree: true, childList: true });
  });
}

/**
 * `loads` fresh page loads (after one warm-up) and `reruns` unchanged reruns.
 * @example const { firstRender, firstRunBytes } = await dataframeFirstRender({ loads: 5 });
 */
export async function dataframeFirstRender({ loads = 5, reruns = 20 } = {}) {
  const { chromium } = require('playwright-core');
  const server = await startServer({ app: APP });
  let browser;
  let client;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    const firstRender = [];
    const firstRow = [];
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(watchFirstRow);
      await page.goto(`${server.url}?big=1`, { waitUntil: 'domcontentloaded' });
      // performance.now() counts from the navigation's start.
      const marks = await page.evaluate(async () => {
        await window.__grid.done;
        return { domAt: window.__grid.domAt, paintAt: window.__grid.paintAt };
      });
      await context.close();
      if (i === 0) continue; // warm-up: the server's first compile and the worker's first run
      firstRow.push(marks.domAt);
      firstRender.push(marks.paintAt);
    }

    client = await wsClient(server.url, { page: '/?big=1' });
    const first = await client.waitFor((m) => m.type === 'run_finished', { timeoutMs: 60_000 });
    const firstRunBytes = client.received.slice(0, client.received.findIndex((r) => r.message === first) + 1).reduce((n, r) => n + r.bytes, 0);
    const rerunBytes = [];
    const rerunMs = [];
    let cpu;
    for (let i = 0; i < reruns + 2; i++) {
      if (i === 2) cpu = cpuMeter(server.pid);
      const run = await client.rerun({}, undefined, { timeoutMs: 60_000 });
      if (run.status !== 'ok') throw new Error(`rerun ${i} ended with status ${run.status}`);
      if (i < 2) continue;
      rerunBytes.push(run.bytes);
      rerunMs.push(run.elapsedMs);
    }
    const usage = cpu.stop();
    const main = usage.threads.find((t) => t.thread === 'main');
    return {
      firstRow,
      firstRender,
      firstRunBytes,
      rerunBytes,
      rerunMs,
      mainThreadMsPerRerun: main ? (main.seconds * 1000) / reruns : undefined,
    };
  } catch (error) {
    throw withServerOutput(error, server);
  } finally {
    await client?.close();
    await browser?.close();
    await server.stop();
  }
}
