/**
 * The login flow over real HTTP: a real oidc-provider (the development provider) on 127.0.0.1,
 * the auth plugin in a Fastify app on 127.0.0.1, and a cookie-jar browser walking through both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_CLIENT, startDevProvider, type DevProvider } from './dev-provider.js';
import { startTestApp, TestBrowser, type TestApp } from './test-support.js';
import type { UserIdentity } from './types.js';

const SECRET = 'a-test-cookie-secret-that-is-long-enough-0123456789';
let idp: DevProvider;
let app: TestApp;
const changes: [string, UserIdentity | null][] = [];

const table = (secret = SECRET, redirect = 'http://127.0.0.1:{port}/oauth2callback') => idp.authTable({ redirectUri: redirect, cookieSecret: secret });

beforeAll(async () => {
  const loopback = (path: string) => ['localhost', '127.0.0.1'].map((host) => `http://${host}${path}`);
  idp = await startDevProvider({
    port: 0,
    clients: [{ ...DEV_CLIENT, redirect_uris: [...loopback('/oauth2callback'), ...loopback('/apps/demo/oauth2callback')] }],
  });
  app = await startTestApp(table());
  app.auth.gateway.onIdentityChange((browserId, user) => changes.push([browserId, user]));
});
afterAll(async () => {
  await app?.close();
  await idp?.close();
});

/** A browser that has loaded the page (so it has its id cookie). */
async function freshBrowser(target: TestApp = app): Promise<{ browser: TestBrowser; browserId: string }> {
  const browser = new TestBrowser();
  await browser.go(target.url);
  return { browser, browserId: browser.cookie(target.url, '_mst_bid')! };
}

/** Follow a login link to the provider's form and sign in. */
async function logIn(browser: TestBrowser, browserId: string, options: { login?: string; page?: string; target?: TestApp } = {}) {
  const target = options.target ?? app;
  const link = target.auth.gateway.loginUrl({ provider: undefined, page: options.page ?? '/', browserId });
  const form = await browser.go(new URL(link, target.url).href);
  expect(form.url).toContain(`127.0.0.1:${idp.port}/interaction/`);
  return browser.signIn(form, options.login ?? 'alice');
}

const identityCookieSet = (browser: TestBrowser) => browser.history.some((hop) => hop.setCookies.some((c) => c.startsWith('_mst_user=') && !c.includes('Max-Age=0')));

describe('login', () => {
  it('logs in through the provider and returns to the page, with the identity in a sealed cookie', async () => {
    const { browser, browserId } = await freshBrowser();
    const done = await logIn(browser, browserId, { page: '/?tab=2&x=a%20b' });
    expect(done.status).toBe(200);
    expect(done.url).toBe(`${app.url}?tab=2&x=a%20b`);

    const cookie = browser.history.flatMap((hop) => hop.setCookies).find((c) => c.startsWith('_mst_user='))!;
    expect(cookie).toMatch(/; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toContain('alice');
    expect(cookie.length).toBeLessThan(4096);

    const identity = app.auth.identify({ headers: { cookie: browser.cookieHeader(app.url) } });
    expect(identity.browserId).toBe(browserId);
    // name and email come from userinfo: oidc-provider releases them only there by default.
    expect(identity.user?.claims).toMatchObject({ sub: 'alice', name: 'Alice Liddell', email: 'alice@example.com', iss: idp.issuer, aud: 'mini-st-demo' });
    expect(identity.user?.claims.nonce).toBeUndefined();
    expect(identity.user?.tokens).toEqual({});
    expect(changes.at(-1)).toEqual([browserId, identity.user]);
  });

  it('sets the login state in a short-lived cookie only the callback sees, and clears it there', async () => {
    const { browser, browserId } = await freshBrowser();
    await logIn(browser, browserId);
    const [set, cleared] = browser.history.flatMap((hop) => hop.setCookies).filter((c) => c.startsWith('_mst_login='));
    expect(set).toMatch(/; Max-Age=600; Path=\/oauth2callback; HttpOnly; SameSite=Lax$/);
    expect(cleared).toMatch(/^_mst_login=; Max-Age=0;/);
    expect(browser.cookie(`${app.url}oauth2callback`, '_mst_login')).toBeUndefined();
  });

  it('sends PKCE S256, state, nonce and Streamlit\'s default prompt to the provider', async () => {
    const { browser, browserId } = await freshBrowser();
    await browser.go(new URL(app.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), app.url).href, { follow: false });
    const location = new URL(browser.hops[0]!.location!);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: 'mini-st-demo',
      response_type: 'code',
      scope: 'openid email profile',
      prompt: 'select_account',
      code_challenge_method: 'S256',
      redirect_uri: `${app.url}oauth2callback`,
    });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(name)).toMatch(/^[\w-]{43}$/);
  });

  it('logs out: clears the identity, tells other tabs, and ends the provider session (RP-initiated logout)', async () => {
    const { browser, browserId } = await freshBrowser();
    await logIn(browser, browserId);
    const link = app.auth.gateway.logoutUrl({ page: '/', browserId });
    const page = await browser.go(new URL(link, app.url).href);
    const [first, second] = browser.hops;
    expect(first!.setCookies.some((c) => /^_mst_user=; Max-Age=0; Path=\/;.* HttpOnly; SameSite=Lax$/.test(c))).toBe(true);
    expect(changes.at(-1)).toEqual([browserId, null]);
    const endSession = new URL(first!.location!);
    expect(endSession.pathname).toBe('/session/end');
    expect(endSession.searchParams.get('client_id')).toBe('mini-st-demo');
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(app.url);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(second!.status).toBe(200);
    expect(app.auth.identify({ headers: { cookie: browser.cookieHeader(app.url) } }).user).toBeNull();

    // The provider's page confirms by itself (a script); submit its form as the script would.
    const action = /<form[^>]*action="([^"]+)"/.exec(page.body)![1]!;
    const inputs = Object.fromEntries([...page.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const back = await browser.go(new URL(action, page.url).href, { form: inputs });
    expect(back.url).toBe(app.url);
  });

  it('makes a fresh state, nonce and verifier for every login', async () => {
    const { browser, browserId } = await freshBrowser();
    const states = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await browser.go(new URL(app.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), app.url).href, { follow: false });
      states.add(new URL(browser.hops[0]!.location!).searchParams.get('state')!);
    }
    expect(states.size).toBe(3);
  });
});

describe('refused, with an error page and no identity cookie', () => {
  async function expectErrorPage(response: { status: number; body: string; headers: Headers }, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.body).toContain(`<code>${code}</code>`);
    expect(response.body).toContain('href="/"');
  }

  it('a callback with no login in progress (state missing)', async () => {
    const { browser } = await freshBrowser();
    const response = await browser.go(`${app.url}oauth2callback?code=abc&state=xyz`);
    await expectErrorPage(response, 400, 'MST_ERR_AUTH_STATE_MISSING');
    expect(identityCookieSet(browser)).toBe(false);
  });

  it('a callback whose state is not the one this browser started (state mismatch)', async () => {
    const { browser, browserId } = await freshBrowser();
    await browser.go(new URL(app.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), app.url).href, { follow: false });
    const response = await browser.go(`${app.url}oauth2callback?code=abc&state=not-the-state`);
    await expectErrorPage(response, 400, 'MST_ERR_AUTH_STATE_MISMATCH');
    expect(identityCookieSet(browser)).toBe(false);
  });

  it('a replayed callback, with or without the login-state cookie', async () => {
    const { browser, browserId } = await freshBrowser();
    await logIn(browser, browserId);
    const callback = browser.hops.find((hop) => hop.url.includes('/oauth2callback?'))!;
    const stateCookie = browser.history.flatMap((hop) => hop.setCookies).find((c) => c.startsWith('_mst_login=') && !c.includes('Max-Age=0'))!;

    const replay = new TestBrowser();
    replay.setCookie(app.url, '_mst_bid', browserId);
    await expectErrorPage(await replay.go(callback.url), 400, 'MST_ERR_AUTH_STATE_MISSING');
    replay.setCookie(app.url, '_mst_login', stateCookie.slice('_mst_login='.length, stateCookie.indexOf(';')), '/oauth2callback');
    await expectErrorPage(await replay.go(callback.url), 400, 'MST_ERR_AUTH_CALLBACK_REPLAYED');
    expect(identityCookieSet(replay)).toBe(false);
  });

  it('the provider\'s error=access_denied (the user cancelled)', async () => {
    const { browser, browserId } = await freshBrowser();
    const form = await browser.go(new URL(app.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), app.url).href);
    const abort = /href="([^"]+\/abort)"/.exec(form.body)![1]!;
    const response = await browser.go(new URL(abort, form.url).href);
    await expectErrorPage(response, 400, 'MST_ERR_AUTH_PROVIDER_ERROR');
    expect(response.body).toContain('access_denied');
    expect(identityCookieSet(browser)).toBe(false);
  });

  it('a forged provider parameter, a link from another browser, an unsigned logout', async () => {
    const { browser, browserId } = await freshBrowser();
    const link = new URL(app.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), app.url);
    link.searchParams.set('provider', 'evil');
    await expectErrorPage(await browser.go(link.href), 400, 'MST_ERR_AUTH_LINK_INVALID');

    const other = await freshBrowser();
    const theirs = new URL(app.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId: other.browserId }), app.url);
    await expectErrorPage(await browser.go(theirs.href), 400, 'MST_ERR_AUTH_LINK_INVALID');

    await logIn(browser, browserId);
    await expectErrorPage(await browser.go(`${app.url}auth/logout?page=%2F`), 400, 'MST_ERR_AUTH_LINK_INVALID');
    await expectErrorPage(await browser.go(new URL(app.auth.gateway.logoutUrl({ page: '/', browserId: other.browserId }), app.url).href), 400, 'MST_ERR_AUTH_LINK_INVALID');
    expect(app.auth.identify({ headers: { cookie: browser.cookieHeader(app.url) } }).user?.claims.sub).toBe('alice');
  });

  it('a provider that does not answer discovery (502, not a raw 500)', async () => {
    const down = await startTestApp(table().replace(idp.metadataUrl, 'http://127.0.0.1:1/.well-known/openid-configuration'));
    try {
      const { browser, browserId } = await freshBrowser(down);
      const response = await browser.go(new URL(down.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), down.url).href);
      await expectErrorPage(response, 502, 'MST_ERR_AUTH_DISCOVERY');
      expect(response.body).toContain('127.0.0.1:1');
    } finally {
      await down.close();
    }
  });

  it('a page outside the app is never a return target (no open redirect)', async () => {
    const { browser, browserId } = await freshBrowser();
    for (const page of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/..//evil.example', '/.%2e//evil.example', '/auth/logout']) {
      const link = new URL(app.auth.gateway.loginUrl({ provider: undefined, page, browserId }), app.url);
      expect(link.searchParams.get('page')).toBe('/');
    }
  });

  it('a tampered identity cookie, or one sealed with another cookie_secret: logged out, and cleared on the next page', async () => {
    const { browser, browserId } = await freshBrowser();
    await logIn(browser, browserId);
    const sealed = browser.cookie(app.url, '_mst_user')!;
    const decoded = decodeURIComponent(sealed);
    const tampered = encodeURIComponent((decoded[5] === 'A' ? 'B' : 'A') + decoded.slice(0, 5) + decoded.slice(6));
    expect(app.auth.identify({ headers: { cookie: `_mst_bid=${browserId}; _mst_user=${tampered}` } }).user).toBeNull();

    const other = await startTestApp(table('another-secret-another-secret-another-secret'));
    try {
      const foreign = new TestBrowser();
      foreign.setCookie(other.url, '_mst_user', sealed);
      expect(other.auth.identify({ headers: { cookie: `_mst_user=${sealed}` } }).user).toBeNull();
      await foreign.go(other.url);
      expect(foreign.hops[0]!.setCookies.some((c) => /^_mst_user=; Max-Age=0/.test(c))).toBe(true);
      expect(foreign.cookie(other.url, '_mst_user')).toBeUndefined();
      expect(other.log.lines.join('\n')).toContain('MST_ERR_AUTH_COOKIE_INVALID');
    } finally {
      await other.close();
    }
  });
});

describe('the browser id', () => {
  it('is given to a page once, HttpOnly and SameSite=Lax, and identifies its sockets', async () => {
    const browser = new TestBrowser();
    await browser.go(app.url);
    const [set] = browser.hops[0]!.setCookies;
    expect(set).toMatch(/^_mst_bid=[\w-]{22}; Max-Age=34560000; Path=\/; HttpOnly; SameSite=Lax$/);
    await browser.go(app.url);
    expect(browser.hops[0]!.setCookies).toEqual([]);
    const id = browser.cookie(app.url, '_mst_bid');
    expect(app.auth.identify({ headers: { cookie: browser.cookieHeader(app.url) } })).toEqual({ browserId: id, user: null });
    expect(app.auth.identify({ headers: {} })).toEqual({ browserId: '', user: null });
  });
});

describe('[auth] options', () => {
  it('exposes the tokens asked for, and keeps a login for cookie_max_age_days', async () => {
    const exposing = await startTestApp(`${table()}\nexpose_tokens = ["id", "access"]\ncookie_max_age_days = 1`);
    try {
      const { browser, browserId } = await freshBrowser(exposing);
      await logIn(browser, browserId, { target: exposing });
      const user = exposing.auth.identify({ headers: { cookie: browser.cookieHeader(exposing.url) } }).user!;
      expect(user.tokens.id).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(typeof user.tokens.access).toBe('string');
      expect(browser.history.flatMap((hop) => hop.setCookies).find((c) => c.startsWith('_mst_user='))).toContain('; Max-Age=86400;');
    } finally {
      await exposing.close();
    }
  });
});

describe('response_mode=form_post', () => {
  it('finishes a login the provider POSTs back, with a SameSite=None login-state cookie', async () => {
    const posted = await startTestApp(`${table()}\nclient_kwargs = { response_mode = "form_post" }`);
    try {
      const { browser, browserId } = await freshBrowser(posted);
      const form = await browser.go(new URL(posted.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), posted.url).href);
      const stateCookie = browser.history.flatMap((hop) => hop.setCookies).find((c) => c.startsWith('_mst_login='))!;
      expect(stateCookie).toMatch(/; HttpOnly; Secure; SameSite=None$/);
      // The provider answers with a self-submitting form; post it as its script would.
      const answer = await browser.signIn(form, 'bob');
      const action = /<form[^>]*action="([^"]+)"/.exec(answer.body)![1]!;
      expect(action).toBe(`${posted.url}oauth2callback`);
      const fields = Object.fromEntries([...answer.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      const done = await browser.go(action, { form: fields });
      expect(done.url).toBe(posted.url);
      expect(posted.auth.identify({ headers: { cookie: browser.cookieHeader(posted.url) } }).user?.claims.name).toBe('Bob Kahn');
    } finally {
      await posted.close();
    }
  });
});

describe('under a base path, and on https', () => {
  it('keeps every route and cookie under server.baseUrlPath', async () => {
    const based = await startTestApp(table(SECRET, 'http://127.0.0.1:{port}/apps/demo/oauth2callback'), { baseUrlPath: 'apps/demo' });
    try {
      const { browser, browserId } = await freshBrowser(based);
      expect(browser.hops[0]!.setCookies[0]).toContain('; Path=/apps/demo/;');
      const link = based.auth.gateway.loginUrl({ provider: undefined, page: '/apps/demo/?q=1', browserId });
      expect(link).toMatch(/^\/apps\/demo\/auth\/login\?/);
      const done = await logIn(browser, browserId, { target: based, page: '/apps/demo/?q=1' });
      expect(done.url).toBe(`${based.url}?q=1`);
      expect(browser.history.flatMap((hop) => hop.setCookies).find((c) => c.startsWith('_mst_user='))).toContain('; Path=/apps/demo/;');
      // A page outside the base path is not this app's.
      expect(new URL(based.auth.gateway.loginUrl({ provider: undefined, page: '/other', browserId }), based.url).searchParams.get('page')).toBe('/apps/demo/');
    } finally {
      await based.close();
    }
  });

  it('marks cookies Secure when redirect_uri is https', async () => {
    const secure = await startTestApp(table(SECRET, 'https://app.example.com/oauth2callback'));
    try {
      const browser = new TestBrowser();
      await browser.go(secure.url);
      expect(browser.hops[0]!.setCookies[0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      await secure.close();
    }
  });
});
