/**
 * `createAuth({ background: true })`, as `mini-st run` uses it: the login stack (openid-client,
 * libsodium) loads only when asked, health answers while it loads, and the requests that read
 * cookies (the page, the WebSocket, the login routes) wait for it rather than fail. The load is
 * held back by a gate here, so nothing depends on timing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openSecrets } from '../secrets.js';
import { buildServer } from '../server/build-server.js';
import { silentLogger } from '../server/logger.js';
import { FakeHub, makeStaticFixture } from '../server/test-support.js';
import { createAuth, type Auth } from './index.js';

let fixture: Awaited<ReturnType<typeof makeStaticFixture>>;
let app: FastifyInstance;
let auth: Auth;
let hub: FakeHub;
let loads: number;
let release: () => void;

beforeEach(async () => {
  fixture = await makeStaticFixture();
  await mkdir(join(fixture.dir, '.streamlit'));
  await writeFile(
    join(fixture.dir, '.streamlit', 'secrets.toml'),
    `[auth]\nredirect_uri = "http://localhost:{port}/oauth2callback"\ncookie_secret = "background-test-cookie-secret-0123456789"\nclient_id = "c"\nclient_secret = "s"\nserver_metadata_url = "https://login.example.com/.well-known/openid-configuration"\n`,
  );
  hub = new FakeHub();
  loads = 0;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const config = await loadConfig({ cwd: fixture.dir });
  const secrets = openSecrets({ cwd: fixture.dir, home: fixture.dir, watch: false });
  auth = await createAuth({ secrets, config, log: silentLogger, background: true, beforeLoad: () => (loads++, gate) });
  app = await buildServer({ config, hub, staticDir: fixture.dir, logger: silentLogger, auth });
  await app.ready();
});
afterEach(async () => {
  release();
  auth.close();
  await app.close();
  await fixture.remove();
});

describe('auth loading in the background', () => {
  it('loads nothing before it is asked, and health does not ask', async () => {
    expect((await app.inject({ url: '/_stcore/health' })).body).toBe('ok');
    expect(loads).toBe(0);
    void auth.ready();
    void auth.ready();
    expect(loads).toBe(1);
  });

  it('answers health while the login stack loads; the page and the socket wait for it', async () => {
    void auth.ready();
    let pageAnswered = false;
    const page = app.inject({ url: '/', headers: { accept: 'text/html' } }).then((response) => ((pageAnswered = true), response));
    const socket = app.injectWS('/_stcore/stream', { headers: { origin: 'http://localhost:8501', host: 'localhost:8501', cookie: `_mst_bid=${'b'.repeat(22)}` } });

    const health = await app.inject({ url: '/_stcore/health' });
    expect(health.statusCode).toBe(200);
    expect(pageAnswered).toBe(false);
    expect(hub.opened).toHaveLength(0);

    release();
    const answered = await page;
    expect(answered.statusCode).toBe(200);
    expect(String(answered.headers['set-cookie'])).toMatch(/^_mst_bid=[\w-]{22};/);
    const ws = await socket;
    await hub.until(() => hub.opened.length === 1);
    expect(hub.opened[0]!.info.identity).toEqual({ browserId: 'b'.repeat(22), user: null });
    ws.terminate();
  });

  it('answers health under server.baseUrlPath too', async () => {
    const config = await loadConfig({ cwd: fixture.dir, flags: { 'server.baseUrlPath': 'apps/demo' } });
    const secrets = openSecrets({ cwd: fixture.dir, home: fixture.dir, watch: false });
    const based = await createAuth({ secrets, config, log: silentLogger, background: true, beforeLoad: () => new Promise(() => {}) });
    const server = await buildServer({ config, hub, staticDir: fixture.dir, logger: silentLogger, auth: based });
    try {
      expect((await server.inject({ url: '/apps/demo/_stcore/health' })).body).toBe('ok');
    } finally {
      based.close();
      await server.close();
    }
  });

  it('a login link that comes first waits for the stack, then is checked as usual', async () => {
    const response = app.inject({ url: '/auth/login?provider=&page=%2F&expires=1&sig=x', headers: { accept: 'text/html' } });
    release();
    expect((await response).statusCode).toBe(400);
    expect((await response).body).toContain('MST_ERR_AUTH_LINK_INVALID');
    expect(loads).toBe(1);
  });
});
