/**
 * The callback refuses every ID token that is not exactly what this login asked for. A proxy in
 * front of the real provider re-signs its tokens with one claim changed (with the provider's own
 * key, so that claim is the only thing wrong), or signs with a key the provider never published.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevProvider, type DevProvider } from './dev-provider.js';
import { rsaSigningKey, startTamperingProxy, startTestApp, TestBrowser, type TestApp } from './test-support.js';

const providerKey = { ...rsaSigningKey('provider-key'), kid: 'provider-key' };
let idp: DevProvider;
let proxy: Awaited<ReturnType<typeof startTamperingProxy>>;
let app: TestApp;

beforeAll(async () => {
  idp = await startDevProvider({ port: 0, jwks: { keys: [providerKey.jwk] } });
  proxy = await startTamperingProxy(idp.metadataUrl, providerKey);
  const table = idp.authTable({ redirectUri: 'http://127.0.0.1:{port}/oauth2callback', cookieSecret: 's'.repeat(40) });
  app = await startTestApp(table.replace(idp.metadataUrl, proxy.metadataUrl));
});
afterEach(() => proxy.reset());
afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await idp?.close();
});

async function attempt() {
  const browser = new TestBrowser();
  await browser.go(app.url);
  const browserId = browser.cookie(app.url, '_mst_bid')!;
  const form = await browser.go(new URL(app.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), app.url).href);
  const result = await browser.signIn(form, 'alice');
  const identitySet = browser.history.some((hop) => hop.setCookies.some((c) => c.startsWith('_mst_user=')));
  return { ...result, identitySet, user: app.auth.identify({ headers: { cookie: browser.cookieHeader(app.url) } }).user };
}

async function expectRefused(code: string, detail: RegExp, status = 401) {
  const result = await attempt();
  expect(result.body).toContain(`<code>${code}</code>`);
  expect(result.body).toMatch(detail);
  expect(result.status).toBe(status);
  expect(result.identitySet).toBe(false);
  expect(result.user).toBeNull();
}

describe('the ID token', () => {
  it('is accepted through the proxy when nothing is changed', async () => {
    proxy.tampering.idToken = () => {};
    const result = await attempt();
    expect(result.url).toBe(app.url);
    expect(result.user?.claims.sub).toBe('alice');
  });

  it('is refused when its nonce is not this login\'s', async () => {
    proxy.tampering.idToken = (claims) => (claims.nonce = 'someone-elses-nonce');
    await expectRefused('MST_ERR_AUTH_ID_TOKEN', /nonce/);
  });

  it('is refused when signed with a key the provider never published', async () => {
    proxy.tampering.signWith = { ...rsaSigningKey('unknown-key'), kid: 'unknown-key' };
    await expectRefused('MST_ERR_AUTH_ID_TOKEN', /verification key/);
  });

  it('is refused when its signature does not verify with the published key of that kid', async () => {
    proxy.tampering.signWith = { privateKey: rsaSigningKey('x').privateKey, kid: 'provider-key' };
    await expectRefused('MST_ERR_AUTH_ID_TOKEN', /signature verification failed/);
  });

  it('is refused with another issuer', async () => {
    proxy.tampering.idToken = (claims) => (claims.iss = 'https://evil.example');
    await expectRefused('MST_ERR_AUTH_ID_TOKEN', /&#34;iss&#34;/);
  });

  it('is refused for another audience', async () => {
    proxy.tampering.idToken = (claims) => (claims.aud = 'some-other-client');
    await expectRefused('MST_ERR_AUTH_ID_TOKEN', /&#34;aud&#34;/);
  });

  it('is refused when expired (beyond the 30 s leeway)', async () => {
    const now = Math.floor(Date.now() / 1000);
    proxy.tampering.idToken = (claims) => Object.assign(claims, { iat: now - 3700, exp: now - 100 });
    await expectRefused('MST_ERR_AUTH_ID_TOKEN', /&#34;exp&#34;/);
  });

  it('is refused without a sub', async () => {
    proxy.tampering.idToken = (claims) => delete claims.sub;
    await expectRefused('MST_ERR_AUTH_ID_TOKEN', /&#34;sub&#34;/);
  });
});

describe('userinfo', () => {
  it('is refused when it describes another subject than the ID token', async () => {
    proxy.tampering.userinfo = (body) => (body.sub = 'mallory');
    await expectRefused('MST_ERR_AUTH_USERINFO', /&#34;sub&#34;/, 502);
  });
});
