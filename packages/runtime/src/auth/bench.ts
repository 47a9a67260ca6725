/**
 * What login costs the server, for `pnpm bench` (scripts/bench/auth.mjs bundles and runs this):
 * the login route and the callback, timed inside the server from request to response with the
 * time spent waiting on the identity provider taken out, and reading a browser's identity at
 * WebSocket connect. The provider is the real development provider on 127.0.0.1.
 */
import { performance } from 'node:perf_hooks';
import { startDevProvider } from './dev-provider.js';
import { startTestApp, TestBrowser } from './test-support.js';

export interface AuthCosts {
  /** Server-side ms of `GET /auth/login` (discovery already cached: no provider round trip). */
  loginRouteMs: number[];
  /** Server-side ms of the callback, minus the time awaiting the provider (token, JWKS, userinfo). */
  callbackMs: number[];
  /** Provider round trips inside each callback, in ms (for context). */
  callbackProviderMs: number[];
  /** ms of `identify(request)` per WebSocket connect, logged-in browser. */
  identifyMs: number[];
}

/**
 * Runs `logins` full logins (after `warmup`) and `identifies` identity reads.
 *
 * @example
 * const costs = await measureAuthCosts({ logins: 50 });
 */
export async function measureAuthCosts({ logins = 50, warmup = 5, identifies = 20_000 } = {}): Promise<AuthCosts> {
  const idp = await startDevProvider({ port: 0 });
  const spans = new Map<string, number[]>();
  let providerMs = 0;
  const realFetch = globalThis.fetch;
  // Count every request to the provider in full (headers and body), whoever makes it; the
  // browser's own requests to it never overlap a server request here (one step at a time).
  globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(idp.issuer)) return realFetch(input, init);
    const started = performance.now();
    try {
      const response = await realFetch(input, init);
      const body = await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally {
      providerMs += performance.now() - started;
    }
  };
  const started = new WeakMap<object, { at: number; provider: number }>();
  const app = await startTestApp(idp.authTable({ redirectUri: 'http://127.0.0.1:{port}/oauth2callback', cookieSecret: 'b'.repeat(48) }), {
    configure(fastify) {
      fastify.addHook('onRequest', async (request) => void started.set(request, { at: performance.now(), provider: providerMs }));
      fastify.addHook('onResponse', async (request) => {
        const start = started.get(request);
        const route = request.url.split('?')[0]!;
        if (!start || (route !== '/auth/login' && route !== '/oauth2callback')) return;
        const waited = providerMs - start.provider;
        push(spans, route, performance.now() - start.at - waited);
        if (route === '/oauth2callback') push(spans, 'provider', waited);
      });
    },
  });
  const costs: AuthCosts = { loginRouteMs: [], callbackMs: [], callbackProviderMs: [], identifyMs: [] };
  try {
    let cookie = '';
    for (let i = 0; i < warmup + logins; i++) {
      const browser = new TestBrowser();
      await browser.go(app.url);
      const browserId = browser.cookie(app.url, '_mst_bid')!;
      const form = await browser.go(new URL(app.auth.gateway.loginUrl({ provider: undefined, page: '/', browserId }), app.url).href);
      await browser.signIn(form, 'alice');
      cookie = browser.cookieHeader(app.url);
      if (i === warmup - 1) spans.clear();
    }
    if (!app.auth.identify({ headers: { cookie } }).user) throw new Error('the bench logins did not log in');
    costs.loginRouteMs = spans.get('/auth/login') ?? [];
    costs.callbackMs = spans.get('/oauth2callback') ?? [];
    costs.callbackProviderMs = spans.get('provider') ?? [];
    const headers = { cookie, origin: app.url, host: new URL(app.url).host };
    for (let i = 0; i < identifies; i++) {
      const at = performance.now();
      app.auth.identify({ headers });
      costs.identifyMs.push(performance.now() - at);
    }
  } finally {
    globalThis.fetch = realFetch;
    await app.close();
    await idp.close();
  }
  return costs;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}
