/**
 * The auth plugin inside the real server (buildServer): the page gives the browser its id
 * cookie, a WebSocket from the page's origin carries the browser's identity to the session hub,
 * and one from a foreign origin is refused before its cookies are read.
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
import { createCookieCodec, sealIdentity } from './cookies.js';
import { createAuth, type Auth } from './index.js';
import { deriveKeys } from './keys.js';

const SECRET = 'server-test-cookie-secret-0123456789abcdef';
let fixture: Awaited<ReturnType<typeof makeStaticFixture>>;
let app: FastifyInstance | undefined;
let auth: Auth;
let hub: FakeHub;

beforeEach(async () => {
  fixture = await makeStaticFixture();
  await mkdir(join(fixture.dir, '.streamlit'));
  await writeFile(
    join(fixture.dir, '.streamlit', 'secrets.toml'),
    `[auth]\nredirect_uri = "http://localhost:{port}/oauth2callback"\ncookie_secret = "${SECRET}"\nclient_id = "c"\nclient_secret = "s"\nserver_metadata_url = "https://login.example.com/.well-known/openid-configuration"\n`,
  );
  hub = new FakeHub();
  const config = await loadConfig({ cwd: fixture.dir });
  auth = await createAuth({ secrets: openSecrets({ cwd: fixture.dir, home: fixture.dir, watch: false }), config, log: silentLogger });
  app = await buildServer({ config, hub, staticDir: fixture.dir, logger: silentLogger, auth });
  await app.ready();
});
afterEach(async () => {
  auth.close();
  await app?.close();
  await fixture.remove();
});

async function sealedUser(): Promise<string> {
  const codec = await createCookieCodec(deriveKeys(SECRET), 86_400);
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return encodeURIComponent(sealIdentity(codec, { p: '', c: { sub: 'ada', name: 'Ada' }, exp })!.value);
}

describe('auth in the server', () => {
  it('gives the page a browser id cookie', async () => {
    const page = await app!.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(String(page.headers['set-cookie'])).toMatch(/^_mst_bid=[\w-]{22}; Max-Age=34560000; Path=\/; HttpOnly; SameSite=Lax$/);
    const asset = await app!.inject({ url: '/static/app-abc.js' });
    expect(asset.headers['set-cookie']).toBeUndefined();
  });

  it('hands the browser\'s identity to the session hub with the socket', async () => {
    const cookie = `_mst_bid=${'b'.repeat(22)}; _mst_user=${await sealedUser()}`;
    const ws = await app!.injectWS('/_stcore/stream', { headers: { origin: 'http://localhost:8501', host: 'localhost:8501', cookie } });
    await hub.until(() => hub.opened.length === 1);
    expect(hub.opened[0]!.info.identity).toEqual({ browserId: 'b'.repeat(22), user: { claims: { sub: 'ada', name: 'Ada' }, tokens: {} } });
    ws.terminate();
  });

  it('refuses a socket from a foreign origin before reading its cookies', async () => {
    const cookie = `_mst_bid=${'b'.repeat(22)}; _mst_user=${await sealedUser()}`;
    await expect(app!.injectWS('/_stcore/stream', { headers: { origin: 'https://evil.example', host: 'localhost:8501', cookie } })).rejects.toThrow('403');
    expect(hub.opened).toHaveLength(0);
  });

  it('serves the auth routes under the app, with an error page for a bad link', async () => {
    const response = await app!.inject({ url: '/auth/login?provider=&page=%2F&expires=1&sig=x', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('MST_ERR_AUTH_LINK_INVALID');
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
  });
});
