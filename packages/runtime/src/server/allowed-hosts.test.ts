import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { isAllowedHost } from './allowed-hosts.js';
import { buildServer } from './build-server.js';
import { silentLogger } from './logger.js';
import { FakeHub, makeStaticFixture } from './test-support.js';

let fixture: Awaited<ReturnType<typeof makeStaticFixture>>;
let app: FastifyInstance | undefined;
let hub: FakeHub;

beforeEach(async () => {
  fixture = await makeStaticFixture();
  hub = new FakeHub();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await fixture.remove();
});

async function build(flags: Record<string, string>): Promise<FastifyInstance> {
  const config = await loadConfig({ cwd: fixture.dir, flags });
  app = await buildServer({ config, hub, staticDir: fixture.dir, logger: silentLogger });
  await app.ready();
  return app;
}

describe('isAllowedHost', () => {
  it('allows everything while the list is empty or has "*"', () => {
    expect(isAllowedHost('evil.test', [])).toBe(true);
    expect(isAllowedHost(undefined, ['*'])).toBe(true);
  });

  it('matches names on any port, names with a port exactly, and dotted entries with subdomains', () => {
    const allowed = ['app.example.com', 'localhost:8501', '.example.org', '[::1]'];
    expect(isAllowedHost('app.example.com', allowed)).toBe(true);
    expect(isAllowedHost('APP.example.com:443', allowed)).toBe(true);
    expect(isAllowedHost('localhost:8501', allowed)).toBe(true);
    expect(isAllowedHost('localhost:8502', allowed)).toBe(false);
    expect(isAllowedHost('example.org', allowed)).toBe(true);
    expect(isAllowedHost('eu.example.org:8080', allowed)).toBe(true);
    expect(isAllowedHost('badexample.org', allowed)).toBe(false);
    expect(isAllowedHost('[::1]:8501', allowed)).toBe(true);
    expect(isAllowedHost('app.example.com.evil.test', allowed)).toBe(false);
    expect(isAllowedHost(undefined, allowed)).toBe(false);
  });
});

describe('server.allowedHosts', () => {
  it('refuses pages, assets and the WebSocket for other hosts with 403 and MST_ERR_HOST_NOT_ALLOWED', async () => {
    const server = await build({ 'server.allowedHosts': 'app.example.com' });
    for (const url of ['/', '/static/app-abc.js', '/_stcore/stream']) {
      const res = await server.inject({ url, headers: { host: 'evil.test' } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'MST_ERR_HOST_NOT_ALLOWED' });
    }
    await expect(server.injectWS('/_stcore/stream', { headers: { host: 'evil.test' } })).rejects.toThrow('403');
    expect(hub.opened).toHaveLength(0);
    expect((await server.inject({ url: '/', headers: { host: 'app.example.com' } })).statusCode).toBe(200);
  });

  it('still answers the health probe, which orchestrators call by address', async () => {
    const server = await build({ 'server.allowedHosts': 'app.example.com' });
    const res = await server.inject({ url: '/_stcore/health', headers: { host: '10.1.2.3:8501' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('server.frameAncestors', () => {
  it('puts the configured sources in the CSP frame-ancestors directive', async () => {
    const server = await build({ 'server.frameAncestors': "'self' https://portal.example.com" });
    const res = await server.inject({ url: '/' });
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'self' https://portal.example.com");
  });

  it("can forbid framing altogether with 'none'", async () => {
    const server = await build({ 'server.frameAncestors': "'none'" });
    const res = await server.inject({ url: '/' });
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});
