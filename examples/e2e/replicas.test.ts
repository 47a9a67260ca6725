/**
 * Two `mini-st run` processes behind Debian's nginx on 127.0.0.1, sticky by the browser-id
 * cookie, sharing one `cookie_secret` (docs/deploy.md): many clients work; a login begun on one
 * replica finishes on the other; stopping one replica moves its pages to the other, where they
 * work, logged in still. The identity provider is mini-st's development provider on a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, fixture, launchBrowser, repoRoot, startApp, wsClient, type RunningApp, type WsClient } from './harness.js';
import { findNginx, freePort, startNginx, type RunningNginx } from './nginx.js';

const nginx = findNginx();
/** Skipped only where nothing can install nginx; where apt-get exists, a failed install fails the tests. */
const skip = 'missing' in nginx && !nginx.canInstall ? nginx.missing : undefined;
if (skip) {
  // Loud, never silent: the reason shows in the test list and in the log.
  console.warn(`\n*** replicas.test.ts SKIPPED: ${skip}. Install nginx or set NGINX_PATH. ***\n`);
}

/** `mini-st auth dev-provider --port 0`: its issuer and client, read from what it prints. */
async function startProvider(): Promise<{ metadataUrl: string; clientId: string; clientSecret: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'packages/runtime/bin/mini-st.js'), 'auth', 'dev-provider', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const deadline = Date.now() + 20_000;
  while (!/server_metadata_url = "([^"]+)"/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`dev provider did not start:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const value = (key: string) => new RegExp(`${key} = "([^"]+)"`).exec(out)![1]!;
  return {
    metadataUrl: value('server_metadata_url'),
    clientId: value('client_id'),
    clientSecret: value('client_secret'),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    },
  };
}

describe.skipIf(skip !== undefined)(`two replicas behind nginx${skip ? ` (SKIPPED: ${skip})` : ''}`, () => {
  let dir: string;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let replicas: Record<'A' | 'B', RunningApp>;
  let lb: RunningNginx;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const clients: WsClient[] = [];

  beforeAll(async () => {
    if ('missing' in nginx) throw new Error(`nginx is needed and could not be installed: ${nginx.missing}`);
    dir = mkdtempSync(path.join(tmpdir(), 'mini-st-replicas-'));
    const port = await freePort();
    [provider, browser] = await Promise.all([startProvider(), launchBrowser()]);
    // One secrets file for both replicas: the same cookie_secret, and the balancer's address.
    mkdirSync(path.join(dir, '.streamlit'));
    writeFileSync(
      path.join(dir, '.streamlit', 'secrets.toml'),
      [
        '[auth]',
        `redirect_uri = "http://localhost:${port}/oauth2callback"`,
        `cookie_secret = "${randomBytes(32).toString('hex')}"`,
        `client_id = "${provider.clientId}"`,
        `client_secret = "${provider.clientSecret}"`,
        `server_metadata_url = "${provider.metadataUrl}"`,
        '',
      ].join('\n'),
    );
    const [a, b] = await Promise.all(
      (['A', 'B'] as const).map((name) => startApp(fixture('replica.ts'), { cwd: dir, env: { REPLICA_NAME: name } })),
    );
    replicas = { A: a!, B: b! };
    lb = await startNginx(nginx.path, { dir, port, replicas: [a!.port, b!.port], flipCallback: true });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await lb?.stop();
    await Promise.all(Object.values(replicas ?? {}).map((r) => r.stop()));
    await provider?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const replicaOf = (c: WsClient) =>
    c.messages.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).flatMap((d) => (d.element?.type === 'markdown' && d.element.body.startsWith('replica ') ? [d.element.body.slice(8)] : []))[0];
  const countButton = (c: WsClient) => {
    for (const m of c.messages) if (m.type === 'deltas') for (const d of m.deltas) if (d.element?.type === 'button' && d.element.label === 'Count') return d.element.id;
    throw new Error('no Count button');
  };

  async function tab(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(lb.url);
    await page.getByText(/^replica [AB]$/).waitFor();
    return page;
  }
  const replicaShown = async (page: Page) => (await page.getByText(/^replica [AB]$/).textContent())!.slice(8) as 'A' | 'B';

  it('serves many clients through the balancer, on both replicas', async () => {
    const many = await Promise.all(Array.from({ length: 24 }, () => wsClient(lb.url)));
    clients.push(...many);
    await Promise.all(many.map((c) => c.waitFor((m) => m.type === 'run_finished')));
    const served = new Set(many.map(replicaOf));
    expect(served).toEqual(new Set(['A', 'B']));
    const runs = await Promise.all(many.map((c) => c.rerun({}, countButton(c))));
    for (const run of runs) {
      expect(run.status).toBe('ok');
      expect(run.deltas.some((d) => d.element?.type === 'text' && d.element.body === 'clicks=1')).toBe(true);
    }
    expect(many.every((c) => c.messages.every((m) => m.type !== 'error'))).toBe(true);
  });

  it('finishes on one replica a login begun on the other', async () => {
    const page = await tab();
    const home = await replicaShown(page);
    try {
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/interaction\//);
      await page.locator('input[name="login"]').fill('alice');
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('heading', { name: 'Welcome, Alice Liddell!' }).waitFor();
    } catch (error) {
      await page.screenshot({ path: artifactPath('replicas-login.png') }).catch(() => {});
      throw error;
    }
    // The balancer's log: the login began at the sticky replica, the callback reached the other.
    const upstream = (uri: string) => lb.accessLog().filter((line) => line.split(' ')[1] === uri).map((line) => line.split(' ')[3]);
    const port = (name: 'A' | 'B') => `127.0.0.1:${replicas[name].port}`;
    const other = home === 'A' ? 'B' : 'A';
    expect(upstream('/auth/login')).toContain(port(home));
    expect(upstream('/oauth2callback')).toEqual([port(other)]);
    expect(await replicaShown(page)).toBe(home);
  });

  it('moves the pages of a stopped replica to the other one, where they work, still logged in', async () => {
    // Tabs until both replicas hold some (each new browser gets a random id, hence a replica).
    const pages: Page[] = [];
    for (let i = 0; i < 12 && new Set(await Promise.all(pages.map(replicaShown))).size < 2; i++) pages.push(await tab());
    const logged = contexts[0]!.pages()[0]!; // the tab that logged in above
    const victim = await replicaShown(logged);
    const survivor = victim === 'A' ? 'B' : 'A';
    const shown = await Promise.all(pages.map(replicaShown));
    const moved = pages.filter((_, i) => shown[i] === victim).length + 1;

    const before = await Promise.all(clients.map(async (c) => ({ c, on: replicaOf(c) })));
    process.kill(replicas[victim].pid, 'SIGTERM');
    expect(await replicas[victim].exited).toEqual({ code: 0, signal: null });

    for (const page of [...pages, logged]) {
      await page.getByText(`replica ${survivor}`, { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Count' }).click();
      await page.getByText('clicks=1', { exact: true }).waitFor();
    }
    await logged.getByRole('heading', { name: 'Welcome, Alice Liddell!' }).waitFor();
    console.log(`replicas: ${pages.length + 1} tabs, ${moved} of them moved from replica ${victim} to ${survivor}`);

    // Protocol clients of the stopped replica were told to go (1001) and reconnect to the other.
    const orphans = before.filter(({ on }) => on === victim);
    expect(orphans.length).toBeGreaterThan(0);
    for (const { c } of orphans) {
      expect(await c.waitForClose()).toMatchObject({ code: 1001 });
      const again = await wsClient(lb.url, { sessionId: c.sessionId! });
      clients.push(again);
      await again.waitFor((m) => m.type === 'run_finished');
      expect(replicaOf(again)).toBe(survivor);
      expect((await again.rerun({}, countButton(again))).status).toBe('ok');
    }
  }, 120_000);
});
