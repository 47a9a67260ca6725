/**
 * Microsoft Entra's multi-tenant authorities (`/common`, `/organizations`) publish an issuer with a
 * literal `{tenantid}`; a token is valid when its `iss` is that template with its own `tid` put
 * in. Here a real oidc-provider plays a tenant (its issuer is `…/<tenant>/v2.0` and its tokens
 * carry `tid`, with profile claims in the ID token as Entra does), and a proxy publishes the
 * template as the issuer, as login.microsoftonline.com/common does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevProvider, type DevProvider } from './dev-provider.js';
import { rsaSigningKey, startTamperingProxy, startTestApp, TestBrowser, type TestApp } from './test-support.js';

const TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const providerKey = { ...rsaSigningKey('entra-key'), kid: 'entra-key' };
let idp: DevProvider;
let proxy: Awaited<ReturnType<typeof startTamperingProxy>>;
let app: TestApp;
let userinfoCalls = 0;

beforeAll(async () => {
  idp = await startDevProvider({
    port: 0,
    issuerPath: `/${TENANT}/v2.0`,
    jwks: { keys: [providerKey.jwk] },
    idTokenProfileClaims: true,
    // "mallory" is issued tokens naming another tenant than the issuer's.
    extraClaims: (id) => ({ tid: id === 'mallory' ? '72f988bf-86f1-41af-91ab-2d7cd011db47' : TENANT, oid: `oid-${id}` }),
  });
  proxy = await startTamperingProxy(idp.metadataUrl, providerKey);
  proxy.tampering.metadata = (metadata) => {
    metadata.issuer = String(metadata.issuer).replace(TENANT, '{tenantid}');
    delete metadata.authorization_response_iss_parameter_supported;
  };
  const table = idp.authTable({ redirectUri: 'http://127.0.0.1:{port}/oauth2callback', cookieSecret: 'e'.repeat(40) });
  app = await startTestApp(table.replace(idp.metadataUrl, proxy.metadataUrl));
});
afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await idp?.close();
});

async function logIn(login: string) {
  const browser = new TestBrowser();
  await browser.go(app.url);
  const browserId = browser.cookie(app.url, '_mst_bid')!;
  const form = await browser.go(new URL(app.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), app.url).href);
  const before = userinfoCalls;
  const result = await browser.signIn(form, login);
  return { ...result, userinfoCalled: userinfoCalls > before, user: app.auth.identify({ headers: { cookie: browser.cookieHeader(app.url) } }).user };
}

describe('an Entra-style {tenantid} issuer', () => {
  it('logs in when the token\'s iss is the template filled with its tid', async () => {
    proxy.tampering.userinfo = () => void userinfoCalls++;
    const result = await logIn('alice');
    expect(result.url).toBe(app.url);
    expect(result.user?.claims).toMatchObject({
      sub: 'alice',
      tid: TENANT,
      oid: 'oid-alice',
      name: 'Alice Liddell',
      iss: `http://127.0.0.1:${idp.port}/${TENANT}/v2.0`,
    });
    // The ID token carried the profile: no userinfo round trip.
    expect(result.userinfoCalled).toBe(false);
  });

  it('refuses a token whose iss does not match its tid', async () => {
    const result = await logIn('mallory');
    expect(result.status).toBe(401);
    expect(result.body).toContain('<code>MST_ERR_AUTH_ID_TOKEN</code>');
    expect(result.body).toContain('&#34;iss&#34;');
    expect(result.user).toBeNull();
  });

  it('refuses a token without tid', async () => {
    proxy.tampering.idToken = (claims) => delete claims.tid;
    try {
      const result = await logIn('alice');
      expect(result.body).toContain('<code>MST_ERR_AUTH_ID_TOKEN</code>');
      expect(result.user).toBeNull();
    } finally {
      delete proxy.tampering.idToken;
    }
  });

  it('refuses a token whose tid names another tenant than its iss', async () => {
    proxy.tampering.idToken = (claims) => (claims.tid = 'another-tenant');
    try {
      const result = await logIn('alice');
      expect(result.body).toContain('<code>MST_ERR_AUTH_ID_TOKEN</code>');
      expect(result.user).toBeNull();
    } finally {
      delete proxy.tampering.idToken;
    }
  });
});
