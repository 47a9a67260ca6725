/**
 * Network faults and restarts, with real processes and a real Chromium: a socket dropped in the
 * middle of a run resumes; a page away longer than server.disconnectedSessionTTL starts afresh and
 * says so; a SIGTERM lets the runs in progress finish, tells every page to reconnect, exits 0,
 * and every page carries on with the next process. The TCP proxy between them is the network.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ServerMessage } from '@mini-st/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, fixture, launchBrowser, startApp, wsClient, type RunningApp, type WsClient } from './harness.js';
import { startProxy, type TcpProxy } from './tcp-proxy.js';

let browser: Browser;
let context: BrowserContext | undefined;
let apps: RunningApp[] = [];
let proxies: TcpProxy[] = [];
let clients: WsClient[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async (test) => {
  if (context && test.task.result?.state === 'fail') {
    for (const [i, page] of context.pages().entries()) {
      await page.screenshot({ path: artifactPath(`connections-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}-${i}.png`) }).catch(() => {});
    }
  }
  await context?.close();
  context = undefined;
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all(apps.map((a) => a.stop()));
  clients = [];
  proxies = [];
  apps = [];
});

async function app(name: string, args: string[] = []) {
  const started = await startApp(fixture(name), { args });
  apps.push(started);
  return started;
}
async function proxy(port: number) {
  const started = await startProxy(port);
  proxies.push(started);
  return started;
}

/** A tab whose WebSocket frames are recorded, on `url`. */
async function tab(url: string) {
  context ??= await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const sent: string[] = [];
  const received: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => sent.push(String(payload)));
    ws.on('framereceived', ({ payload }) => received.push(String(payload)));
  });
  await page.goto(url);
  return { page, sent, received };
}

const starts = (frames: string[]) => frames.filter((f) => f.includes('"session_start"')).map((f) => JSON.parse(f) as Extract<ServerMessage, { type: 'session_start' }>);
const idle = (page: Page) => page.getByRole('banner').getByRole('status').filter({ hasText: /\S/ }).waitFor({ state: 'detached' });

describe('dropped connections', () => {
  it('resumes a session whose socket dropped in the middle of a run, and the run completes', async () => {
    const slow = await app('slow.ts');
    const net = await proxy(slow.port);
    const { page, sent, received } = await tab(net.url);
    await page.getByText('step 3 of 10').waitFor();
    expect(net.drop()).toBeGreaterThan(0);

    await expect.poll(() => starts(received).length, { timeout: 10_000 }).toBe(2);
    const [first, second] = starts(received);
    expect(second).toMatchObject({ resumed: true, sessionId: first!.sessionId });
    expect(sent.filter((f) => f.includes('"hello"')).map((f) => JSON.parse(f).sessionId)).toEqual([undefined, first!.sessionId]);
    await page.getByText('Done: all ten steps ran.').waitFor();
  });

  it('starts afresh after server.disconnectedSessionTTL, keeping the values on the page, and says so', async () => {
    const resume = await app('resume.ts', ['--server.disconnectedSessionTTL', '1']);
    const net = await proxy(resume.port);
    const { page, received } = await tab(net.url);
    await page.getByText('Run 1: hello, nobody').waitFor();
    await page.getByLabel('Name').fill('Ada');
    await page.getByLabel('Name').press('Enter');
    await page.getByText('Run 2: hello, Ada').waitFor();

    net.refuse(true);
    net.drop();
    // Longer than the TTL plus one sweep of the session manager.
    await page.waitForTimeout(3_000);
    net.refuse(false);

    await expect.poll(() => starts(received).length, { timeout: 15_000 }).toBe(2);
    expect(starts(received)[1]).toMatchObject({ resumed: false });
    const notice = page.getByRole('alert').filter({ hasText: 'MST_ERR_SESSION_EXPIRED' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('server.disconnectedSessionTTL');
    // A new session: session_state starts over, the text the page held is kept.
    await page.getByText('Run 1: hello, Ada').waitFor();
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM lets runs in progress finish, tells pages to reconnect, exits 0; every page carries on with the next process', async () => {
    const [old, next] = await Promise.all([app('restart.ts', ['--server.shutdownGracePeriod', '10']), app('restart.ts')]);
    const net = await proxy(old.port);

    // Five protocol clients and one browser tab, each with a two-second run in progress.
    const workers: WsClient[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await wsClient(net.url);
      clients.push(c);
      workers.push(c);
      await c.waitFor((m) => m.type === 'run_finished');
    }
    const { page, received } = await tab(net.url);
    await page.getByText(`pid ${old.pid}, run 1`).waitFor();
    await idle(page);
    const buttonId = (c: WsClient) => {
      for (const m of c.messages) if (m.type === 'deltas') for (const d of m.deltas) if (d.element?.type === 'button') return d.element.id;
      throw new Error('no button');
    };
    const marks = workers.map((c) => c.mark());
    for (const c of workers) c.send({ type: 'rerun', widgets: {}, trigger: buttonId(c) });
    await page.getByRole('button', { name: 'Work' }).click();
    await page.getByText('working 1 of 4').waitFor();
    await Promise.all(workers.map((c, i) => c.waitFor((m) => m.type === 'run_started', { after: marks[i] })));

    // The load balancer sends new connections to the next process; the old one gets SIGTERM.
    net.retarget(next.port);
    const signalled = Date.now();
    process.kill(old.pid, 'SIGTERM');

    // Every run in progress finished and reached its page before the close.
    for (const [i, c] of workers.entries()) {
      const finished = await c.waitFor((m) => m.type === 'run_finished', { after: marks[i], timeoutMs: 15_000 });
      expect(finished.status).toBe('ok');
      expect(await c.waitForClose({ timeoutMs: 15_000 })).toMatchObject({ code: 1001 });
    }
    await page.getByText('Work done.').waitFor();
    const exit = await old.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(old.output().stdout).toContain('Stopping...');

    // Every client reconnects to the next process: a new session there, told so, working.
    for (const c of workers) {
      const again = await wsClient(net.url, { sessionId: c.sessionId! });
      clients.push(again);
      expect(await again.waitFor((m) => m.type === 'session_start')).toMatchObject({ resumed: false });
      expect(await again.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'MST_ERR_SESSION_EXPIRED' });
      const first = await again.waitFor((m) => m.type === 'run_finished');
      expect(first.status).toBe('ok');
      const run = await again.rerun({}, buttonId(again), { timeoutMs: 15_000 });
      expect(run.status).toBe('ok');
      expect(run.deltas.some((d) => d.element?.type === 'alert' && d.element.body === 'Work done.')).toBe(true);
    }
    // The tab reconnected by itself, and works on the next process.
    await page.getByText(`pid ${next.pid}, run 1`).waitFor();
    expect(starts(received).at(-1)).toMatchObject({ resumed: false });
    await page.getByRole('alert').filter({ hasText: 'MST_ERR_SESSION_EXPIRED' }).waitFor();
    await idle(page);
    await page.getByRole('button', { name: 'Work' }).click();
    await page.getByText(`pid ${next.pid}, run 2`).waitFor({ timeout: 15_000 });
  }, 120_000);

  it('exits within the grace period when a run will not finish', async () => {
    const stuck = await app('slow.ts', ['--server.shutdownGracePeriod', '1']);
    const c = await wsClient(stuck.url);
    clients.push(c);
    await c.waitFor((m) => m.type === 'run_started');
    const signalled = Date.now();
    process.kill(stuck.pid, 'SIGTERM');
    expect(await stuck.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(6_000);
    expect(await c.waitForClose()).toMatchObject({ code: 1001 });
  });
});
