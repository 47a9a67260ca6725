/**
 * First render of a 100,000-point line chart (app-chart.ts) in Chromium, headless, the end-to-end
 * tests' launch flags: from the start of navigation to the chart drawn (uPlot has painted and the
 * next animation frame has run), each load in a fresh browser context (empty cache: the page, its
 * WebSocket run and the chart's lazy chunk all count). Beside it, what travels: the run's bytes
 * on the WebSocket (a protocol client on the same server) and the chart chunk's gzip size.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from '../../examples/e2e/chromium.js';
import { wsClient } from '../../examples/e2e/ws-client.js';
import { startServer, withServerOutput } from './load.mjs';

const require = createRequire(fileURLToPath(new URL('../../examples/package.json', import.meta.url)));
const APP = fileURLToPath(new URL('./app-chart.ts', import.meta.url));

/** Installed before the page's scripts: notes when the first chart has drawn, then the next frame. */
function watchChart() {
  window.__chart = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.st-chart-plot[data-drawn]')) return;
      observer.disconnect();
      const drawnAt = performance.now();
      requestAnimationFrame(() => resolve({ drawnAt, paintedAt: performance.now() }));
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
  });
}

/** `loads` first renders (after one warm-up load of the server's own caches); samples in ms. */
export async function chartFirstRender({ loads = 5 } = {}) {
  const { chromium } = require('playwright-core');
  const server = await startServer({ app: APP });
  let browser;
  let client;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    const samples = { toDrawn: [], toPainted: [], chunkBytes: [] };
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      let chunkBytes = 0;
      page.on('response', async (response) => {
        if (!/uplot-chart-[^/]+\.js$/.test(response.url())) return;
        chunkBytes = Number(response.headers()['content-length'] ?? (await response.body()).length);
      });
      await page.addInitScript(watchChart);
      await page.goto(server.url);
      const { drawnAt, paintedAt } = await page.evaluate(() => window.__chart);
      await context.close();
      if (i === 0) continue;
      samples.toDrawn.push(drawnAt);
      samples.toPainted.push(paintedAt);
      samples.chunkBytes.push(chunkBytes);
    }

    client = await wsClient(server.url);
    await client.waitFor((m) => m.type === 'run_finished', { timeoutMs: 60_000 });
    // Every frame of the connection's first run, as the server sent it (no permessage-deflate).
    const wire = client.received.reduce((n, e) => n + e.bytes, 0);
    const manifest = JSON.parse(await readFile(new URL('../../packages/components/dist/manifest.json', import.meta.url), 'utf8'));
    const chunk = manifest.files.find((f) => /uplot-chart-/.test(f.file));
    return { ...samples, wireBytes: wire, chunk };
  } catch (error) {
    throw withServerOutput(error, server);
  } finally {
    await client?.close();
    await browser?.close();
    await server.stop();
  }
}
