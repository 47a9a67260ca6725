import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildServer } from './build-server.js';
import { silentLogger } from './logger.js';
import { APP_JS, FakeHub, makeStaticFixture } from './test-support.js';

let fixture: Awaited<ReturnType<typeof makeStaticFixture>>;
let app: FastifyInstance | undefined;

beforeEach(async () => {
  fixture = await makeStaticFixture();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await fixture.remove();
});

async function build(flags: Record<string, string> = {}, staticDir = fixture.dir): Promise<FastifyInstance> {
  const config = await loadConfig({ cwd: fixture.dir, flags });
  app = await buildServer({ config, hub: new FakeHub(), staticDir, logger: silentLogger });
  return app;
}

describe('buildServer over HTTP', () => {
  it('answers the health probe at Streamlit\'s path', async () => {
    const res = await (await build()).inject({ url: '/_stcore/health' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('ok');
  });

  it('serves the page with the base path substituted and no caching', async () => {
    const res = await (await build()).inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('src="/static/app-abc.js"');
    expect(res.body).not.toContain('%BASE%');
  });

  it('sends security headers, allowing the page\'s inline script by hash', async () => {
    const res = await (await build()).inject({ url: '/', headers: { host: 'localhost:8501' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("connect-src 'self' ws://localhost:8501 wss://localhost:8501");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('serves static assets gzipped when asked, with immutable caching and an ETag', async () => {
    const server = await build();
    const res = await server.inject({ url: '/static/app-abc.js', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(res.rawPayload).toString()).toBe(APP_JS);

    const again = await server.inject({
      url: '/static/app-abc.js',
      headers: { 'accept-encoding': 'gzip', 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const plain = await server.inject({ url: '/static/app-abc.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(APP_JS);
    expect(plain.headers.etag).not.toBe(res.headers.etag);
  });

  it('serves files in subdirectories of static with their content type', async () => {
    const res = await (await build()).inject({ url: '/static/fonts/f.woff2' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('font/woff2');
  });

  it('refuses path traversal out of static', async () => {
    const server = await build();
    for (const url of ['/static/../secret.txt', '/static/%2e%2e/secret.txt', '/static/..%2fsecret.txt', '/static/fonts/../../index.html']) {
      const res = await server.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('secret');
    }
  });

  it('answers unknown page URLs with the page, and other unknown URLs with 404', async () => {
    const server = await build();
    const page = await server.inject({ url: '/some/page', headers: { accept: 'text/html,*/*' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const missing = await server.inject({ url: '/static/nope.js', headers: { accept: 'text/html' } });
    expect(missing.statusCode).toBe(404);
    const api = await server.inject({ url: '/nope.json', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(404);
  });

  it('prefixes every route with server.baseUrlPath', async () => {
    const server = await build({ 'server.baseUrlPath': '/apps/demo/' });
    expect((await server.inject({ url: '/apps/demo/_stcore/health' })).body).toBe('ok');
    const page = await server.inject({ url: '/apps/demo/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('src="/apps/demo/static/app-abc.js"');
    expect((await server.inject({ url: '/apps/demo' })).statusCode).toBe(200);
    expect((await server.inject({ url: '/apps/demo/static/app-abc.css' })).statusCode).toBe(200);
    expect((await server.inject({ url: '/_stcore/health' })).statusCode).toBe(404);
    expect((await server.inject({ url: '/', headers: { accept: 'text/html' } })).statusCode).toBe(404);
    expect((await server.inject({ url: '/static/app-abc.css' })).statusCode).toBe(404);
  });

  it('answers 503 with MST_ERR_PAGE_NOT_BUILT when the page was not built', async () => {
    const server = await build({}, `${fixture.dir}/missing`);
    expect((await server.inject({ url: '/_stcore/health' })).statusCode).toBe(200);
    const res = await server.inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'MST_ERR_PAGE_NOT_BUILT' });
  });
});
