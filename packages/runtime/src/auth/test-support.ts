/**
 * Test helpers for the auth tests: an app (Fastify on 127.0.0.1 with the auth plugin and a stand-in
 * page) built from a secrets.toml text, and a tiny browser (fetch with a cookie jar that follows
 * redirects) that can walk through oidc-provider's login form. Not used at run time.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import { openSecrets, type SecretsStore } from '../secrets.js';
import type { Logger } from '../server/logger.js';
import { createAuth, type Auth } from './index.js';

/** A logger that keeps what it was told. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

export interface TestApp {
  url: string;
  app: FastifyInstance;
  auth: Auth;
  secrets: SecretsStore;
  log: ReturnType<typeof memoryLogger>;
  dir: string;
  close(): Promise<void>;
}

/**
 * An app with `secretsToml` as its `.streamlit/secrets.toml`, listening on 127.0.0.1. `GET /`
 * (under the base path) answers a stand-in HTML page, as the real page route would.
 */
export async function startTestApp(
  secretsToml: string,
  options: { baseUrlPath?: string; configure?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'mini-st-auth-'));
  await mkdir(join(dir, '.streamlit'));
  await writeFile(join(dir, '.streamlit', 'secrets.toml'), secretsToml);
  const secrets = openSecrets({ cwd: dir, home: dir, watch: false });
  const flags: Record<string, string> = options.baseUrlPath ? { 'server.baseUrlPath': options.baseUrlPath } : {};
  const config = await loadConfig({ cwd: dir, flags });
  const log = memoryLogger();
  const auth = await createAuth({ secrets, config, log, oidc: { timeoutSeconds: 5 } });
  const app = Fastify({ logger: false, forceCloseConnections: true });
  options.configure?.(app);
  const prefix = config.server.baseUrlPath ? `/${config.server.baseUrlPath}` : '';
  await app.register(
    async (scope) => {
      await scope.register(auth.plugin);
      scope.get('/', async (_request, reply) => reply.type('text/html').send('<!doctype html><title>app</title>'));
    },
    { prefix },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}${prefix}/`,
    app,
    auth,
    secrets,
    log,
    dir,
    async close() {
      auth.close();
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface StoredCookie {
  value: string;
  path: string;
  expires: number;
}

/** One HTTP exchange the browser made. */
export interface Hop {
  url: string;
  status: number;
  location: string | undefined;
  setCookies: string[];
}

/** Fetch with cookies per host and redirects followed (like a browser, minus everything else). */
export class TestBrowser {
  /** host → name → cookie. */
  readonly jar = new Map<string, Map<string, StoredCookie>>();
  /** The exchanges of the last `go`. */
  hops: Hop[] = [];
  /** Every exchange since this browser was made. */
  readonly history: Hop[] = [];

  cookie(url: string, name: string): string | undefined {
    return this.cookiesFor(new URL(url)).get(name);
  }

  /** The Cookie header this browser would send to `url`. */
  cookieHeader(url: string): string {
    return [...this.cookiesFor(new URL(url))].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  setCookie(url: string, name: string, value: string, path = '/'): void {
    const host = new URL(url).hostname;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, { value, path, expires: Infinity });
  }

  /** GET (or POST a form) and follow redirects; returns the last response and its body. */
  async go(url: string, init: { method?: string; form?: Record<string, string>; follow?: boolean } = {}): Promise<{ url: string; status: number; body: string; headers: Headers }> {
    this.hops = [];
    let current = new URL(url);
    let method = init.method ?? (init.form ? 'POST' : 'GET');
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hop = 0; hop < 20; hop++) {
      const headers: Record<string, string> = { accept: 'text/html,*/*' };
      const cookie = this.cookieHeader(current.href);
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const response = await fetch(current, { method, headers, body, redirect: 'manual' });
      const setCookies = response.headers.getSetCookie();
      this.store(current, setCookies);
      const location = response.headers.get('location') ?? undefined;
      const hop: Hop = { url: current.href, status: response.status, location, setCookies };
      this.hops.push(hop);
      this.history.push(hop);
      if (location && response.status >= 300 && response.status < 400 && init.follow !== false) {
        await response.arrayBuffer();
        current = new URL(location, current);
        // 307/308 keep the method; the others become GET, as browsers do.
        if (response.status !== 307 && response.status !== 308) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return { url: current.href, status: response.status, body: await response.text(), headers: response.headers };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** On oidc-provider's devInteractions login page: sign in as `login`. */
  async signIn(page: { url: string; body: string }, login: string) {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
    if (!action) throw new Error(`no login form at ${page.url}:\n${page.body.slice(0, 500)}`);
    return this.go(new URL(action.replaceAll('&amp;', '&'), page.url).href, { form: { prompt: 'login', login, password: 'any' } });
  }

  private cookiesFor(url: URL): Map<string, string> {
    const result = new Map<string, string>();
    const now = Date.now();
    for (const [name, cookie] of this.jar.get(url.hostname) ?? []) {
      if (cookie.expires <= now) continue;
      if (url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`)) {
        result.set(name, cookie.value);
      }
    }
    return result;
  }

  private store(url: URL, setCookies: string[]): void {
    if (!this.jar.has(url.hostname)) this.jar.set(url.hostname, new Map());
    const cookies = this.jar.get(url.hostname)!;
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = '/';
      let expires = Infinity;
      for (const attribute of attributes) {
        const [key = '', val = ''] = attribute.split('=');
        const lower = key.trim().toLowerCase();
        if (lower === 'path') path = val.trim();
        if (lower === 'max-age') expires = Date.now() + Number(val) * 1000;
        if (lower === 'expires' && expires === Infinity) expires = Date.parse(val);
      }
      if (expires <= Date.now()) cookies.delete(name);
      else cookies.set(name, { value, path, expires });
    }
  }
}

/** An RSA signing key as a private JWK for oidc-provider, and as a KeyObject for re-signing. */
export function rsaSigningKey(kid: string): { jwk: Record<string, unknown>; privateKey: KeyObject } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { jwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }, privateKey };
}

/** What the proxy changes on the way through; set the fields per test. */
export interface Tampering {
  metadata?: (metadata: Record<string, unknown>) => void;
  idToken?: (claims: Record<string, unknown>, header: Record<string, unknown>) => void;
  /** Sign the (changed) ID token with this key instead of the provider's. */
  signWith?: { privateKey: KeyObject; kid: string };
  userinfo?: (body: Record<string, unknown>) => void;
}

/**
 * A proxy in front of a real provider that can change its metadata, re-sign its ID tokens with
 * changed claims (with the provider's own key, so only the changed claim is wrong), and change
 * its userinfo answers: the attacks and mistakes the callback must refuse.
 */
export async function startTamperingProxy(metadataUrl: string, providerKey: { privateKey: KeyObject; kid: string }) {
  const tampering: Tampering = {};
  const original = (await (await fetch(metadataUrl)).json()) as Record<string, string>;
  const server = createServer(async (request, response) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const self = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const send = (status: number, json: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (request.url === '/.well-known/openid-configuration') {
        const metadata: Record<string, unknown> = { ...original, token_endpoint: `${self}/token`, userinfo_endpoint: `${self}/me` };
        tampering.metadata?.(metadata);
        return send(200, metadata);
      }
      const forward = (url: string) =>
        fetch(url, {
          method: request.method,
          headers: Object.fromEntries(['authorization', 'content-type'].flatMap((h) => (request.headers[h] ? [[h, String(request.headers[h])]] : []))),
          body: request.method === 'POST' ? body : undefined,
        });
      if (request.url === '/token') {
        const answer = await forward(original.token_endpoint!);
        const json = (await answer.json()) as Record<string, unknown>;
        if (typeof json.id_token === 'string' && (tampering.idToken || tampering.signWith)) {
          json.id_token = resign(json.id_token, tampering, providerKey);
        }
        return send(answer.status, json);
      }
      if (request.url === '/me') {
        const answer = await forward(original.userinfo_endpoint!);
        const json = (await answer.json()) as Record<string, unknown>;
        tampering.userinfo?.(json);
        return send(answer.status, json);
      }
      response.writeHead(404).end();
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    tampering,
    reset() {
      for (const key of Object.keys(tampering)) delete tampering[key as keyof Tampering];
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function resign(token: string, tampering: Tampering, providerKey: { privateKey: KeyObject; kid: string }): string {
  const [headerPart = '', payloadPart = ''] = token.split('.');
  const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Record<string, unknown>;
  tampering.idToken?.(claims, header);
  const key = tampering.signWith ?? providerKey;
  header.kid = key.kid;
  header.alg = 'RS256';
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}
