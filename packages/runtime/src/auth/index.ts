/**
 * Login built in: `createAuth` turns the secrets' `[auth]` into the three things the rest of the
 * runtime uses, and nothing else leaves this folder:
 *
 * - `plugin`: a Fastify plugin for the server's base-path scope (login, callback, logout routes;
 *   the browser-id cookie on every HTML page). Register it before the page routes.
 * - `identify(request)`: who a request's browser is, from its cookies (the WebSocket calls it at
 *   connect and puts the result in `ConnectionInfo.identity`). No I/O; well under 0.2 ms.
 * - `gateway`: the `AuthGateway` sessions use for `st.login()` / `st.logout()` and to follow
 *   logins and logouts of other tabs.
 *
 * The login stack (openid-client, and libsodium through @fastify/secure-session) is the heaviest
 * thing the server loads. With `background`, `createAuth` returns before loading it and `ready()`
 * loads it: `mini-st run` opens its port first, so health answers sooner. Until it has loaded,
 * every request but health waits for it (pages and the WebSocket read the cookies, the login
 * routes need both halves).
 *
 * The server starts whatever `[auth]` says: a broken or missing table only makes `st.login()`
 * raise its configuration error in the script. `cookie_secret` and the path of `redirect_uri`
 * are read at startup (they key the cookies and place the callback route); a later change to
 * them is logged as needing a restart. Everything else (providers, expose_tokens, cookie
 * lifetime) follows the secrets file as it changes.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HEALTH_PATH } from '@mini-st/protocol';
import type { Config } from '../config.js';
import { MiniStError } from '../errors.js';
import type { SecretsStore } from '../secrets.js';
import { createConsoleLogger, type Logger } from '../server/logger.js';
import { readAuthSettings, resolveProvider, type AuthSettings } from './config.js';
import { ensureDevProvider } from './dev-provider.js';
import { BROWSER_COOKIE, IDENTITY_COOKIE, cookieValue, createCookieCodec, isBrowserId, userOf, type CookieCodec } from './cookies.js';
import { LINK_TTL_SECONDS, deriveKeys, signLink } from './keys.js';
import type { OidcClient, OidcOptions } from './oidc.js';
import { LOGIN_PATH, LOGOUT_PATH, authRoutes, safePage } from './routes.js';
import type { AuthGateway, BrowserIdentity, UserIdentity } from './types.js';

export type { AuthGateway, BrowserIdentity, UserIdentity } from './types.js';
export { startDevProvider, DEV_PROVIDER_PORT, type DevProvider } from './dev-provider.js';
export { checkLoginConfiguration } from './check-login.js';

export interface AuthOptions {
  /** The process's secrets (the CLI opens them once and also installs them for `st.secrets`). */
  secrets: SecretsStore;
  /** For `server.baseUrlPath`. */
  config: Config;
  /**
   * The port that replaces `{port}` in `redirect_uri`. Default: the port the request came in on
   * (the server's own), so `--server.port 0` works without telling anyone.
   */
  port?: number | (() => number | undefined);
  log?: Logger;
  /** Timeouts, and a hook before each provider's first discovery (tests, the dev provider). */
  oidc?: OidcOptions;
  /**
   * Resolve before the login stack has loaded; the first `ready()` loads it (see the file header).
   * Default false: `createAuth` resolves once everything is loaded.
   */
  background?: boolean;
  /** Awaited before the login stack loads (tests hold it back with this). */
  beforeLoad?: () => Promise<void>;
}

/** What `createAuth` returns; see the file header. */
export interface Auth {
  plugin: FastifyPluginAsync;
  identify(request: { headers: Readonly<Record<string, string | string[] | undefined>> }): BrowserIdentity;
  gateway: AuthGateway;
  /** Stop following the secrets file. */
  close(): void;
  /** Loads the login stack unless that has started; resolves once it has loaded. */
  ready(): Promise<void>;
}

/**
 * Builds login for one app.
 *
 * @example
 * const secrets = openSecrets({ cwd });
 * const auth = await createAuth({ secrets, config, log: logger });
 * const hub = await createSessionManager({ scriptPath, config, auth: auth.gateway });
 * // in buildServer, inside the base-path scope, before the page routes:
 * await scope.register(auth.plugin);
 * // in the WebSocket route:
 * hub.open(connection, { …, identity: auth.identify(request) });
 */
export async function createAuth(options: AuthOptions): Promise<Auth> {
  const { secrets, config } = options;
  const log = options.log ?? createConsoleLogger();
  const prefix = config.server.baseUrlPath ? `/${config.server.baseUrlPath}` : '';

  // What keys the cookies and places the callback is fixed now, even from a broken [auth].
  const startup = secrets.current();
  const rawAuth = (startup.error ? undefined : startup.data.auth) as Record<string, unknown> | undefined;
  const startSecret = typeof rawAuth?.cookie_secret === 'string' && rawAuth.cookie_secret !== '' ? rawAuth.cookie_secret : undefined;
  // Without a cookie_secret nobody can log in; a random key keeps the machinery uniform.
  const keys = deriveKeys(startSecret ?? randomBytes(32).toString('hex'));
  const startRedirect = typeof rawAuth?.redirect_uri === 'string' ? URL.parse(rawAuth.redirect_uri.replaceAll('{port}', '1')) : null;
  const callbackFullPath = startRedirect && startRedirect.pathname !== '/' ? startRedirect.pathname : '/oauth2callback';
  const callbackPath = callbackFullPath.startsWith(`${prefix}/`) ? callbackFullPath.slice(prefix.length) : undefined;
  if (startRedirect && callbackPath === undefined) {
    log.warn(`Warning [MST_ERR_AUTH_BAD_VALUE]: the path of auth.redirect_uri (${callbackFullPath}) is not under server.baseUrlPath (${prefix}): login cannot finish.`);
  }

  let current = readSettings();
  const unsubscribe = secrets.onChange(() => {
    current = readSettings();
    const settings = current.settings;
    if (!settings) return;
    if (settings.cookieSecret !== startSecret) restartNeeded('auth.cookie_secret', settings.file);
    if (settings.redirectPath !== callbackFullPath) restartNeeded('auth.redirect_uri', settings.file);
  });
  if (current.settings && current.settings.cookieSecret.length < 32) {
    log.warn(`Warning: auth.cookie_secret in ${current.settings.file} is short; use at least 32 random characters (e.g. \`openssl rand -hex 32\`).`);
  }

  function readSettings(): { settings?: AuthSettings; error?: MiniStError } {
    try {
      const settings = readAuthSettings(secrets.current());
      return settings ? { settings } : {};
    } catch (error) {
      if (error instanceof MiniStError) return { error };
      throw error;
    }
  }
  function restartNeeded(key: string, file: string) {
    const warning = new MiniStError('MST_ERR_AUTH_RESTART_REQUIRED', { key, file });
    log.warn(`Warning [${warning.code}]: ${warning.message}`);
  }
  /** The settings, or the configuration error `st.login()` and the routes report. */
  function settings(): AuthSettings {
    if (current.error) throw current.error;
    if (!current.settings) throw new MiniStError('MST_ERR_AUTH_NOT_CONFIGURED', { file: secrets.files[0] });
    if (callbackPath === undefined || current.settings.redirectPath !== callbackFullPath) {
      if (current.settings.redirectPath.startsWith(`${prefix}/`)) {
        throw new MiniStError('MST_ERR_AUTH_RESTART_REQUIRED', { key: 'auth.redirect_uri', file: current.settings.file });
      }
      throw new MiniStError('MST_ERR_AUTH_BAD_VALUE', {
        key: 'auth.redirect_uri',
        file: current.settings.file,
        detail: `its path (${current.settings.redirectPath}) must be under server.baseUrlPath (${prefix}/)`,
      });
    }
    return current.settings;
  }

  // The heavy half, set by load(); nothing reads it before ready() has resolved.
  let codec: CookieCodec | undefined;
  let oidc: OidcClient | undefined;
  let loading: Promise<void> | undefined;
  const ready = () => (loading ??= load());
  async function load(): Promise<void> {
    await options.beforeLoad?.();
    const [loadedCodec, { OidcClient }] = await Promise.all([createCookieCodec(keys, 400 * 86_400), import('./oidc.js')]);
    oidc = new OidcClient({
      ...options.oidc,
      beforeDiscovery: async (url) => {
        await ensureDevProvider(url, (message) => log.info(message));
        await options.oidc?.beforeDiscovery?.(url);
      },
    });
    codec = loadedCodec;
  }
  const stack = () => {
    if (!codec || !oidc) throw new MiniStError('MST_ERR_INTERNAL', { detail: 'the login stack was used before it loaded' });
    return { codec, oidc };
  };
  const listeners = new Set<(browserId: string, user: UserIdentity | null) => void>();
  const notify = (browserId: string, user: UserIdentity | null) => {
    for (const listener of listeners) {
      try {
        listener(browserId, user);
      } catch (error) {
        log.error('Error [MST_ERR_INTERNAL]: an identity listener failed', error);
      }
    }
  };
  // States of finished callbacks, for ten minutes (a login state's life): a replay on this
  // replica is refused even with a copied login-state cookie. Bounded, oldest out first.
  const usedStates = new Map<string, number>();
  const claimState = (state: string) => {
    const now = Date.now();
    if (usedStates.size >= 10_000) {
      for (const [key, until] of usedStates) if (until < now) usedStates.delete(key);
      for (const key of usedStates.keys()) {
        if (usedStates.size < 10_000) break;
        usedStates.delete(key);
      }
    }
    if (usedStates.has(state)) return false;
    usedStates.set(state, now + 600_000);
    return true;
  };
  const portOf = (request: FastifyRequest): number | undefined => {
    const configured = typeof options.port === 'function' ? options.port() : options.port;
    return configured ?? request.raw.socket?.localPort ?? config.server.port;
  };

  const routes = authRoutes({
    prefix,
    callbackPath: callbackPath ?? '/oauth2callback',
    get codec() {
      return stack().codec;
    },
    linkKey: keys.links,
    get oidc() {
      return stack().oidc;
    },
    log,
    settings,
    redirectUri: (request) => settings().redirectUri.replaceAll('{port}', String(portOf(request))),
    secure: () => current.settings?.secure ?? startRedirect?.protocol === 'https:',
    notify,
    claimState,
  });
  // Not encapsulated, like the routes: its hook holds back every request of the scope but health.
  const health = `${prefix}${HEALTH_PATH}`;
  const plugin: FastifyPluginAsync = async (fastify, pluginOptions) => {
    fastify.addHook('onRequest', async (request) => {
      if (!codec && request.routeOptions.url !== health) await ready();
    });
    await routes(fastify, pluginOptions);
  };
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

  const link = (action: 'login' | 'logout', provider: string, page: string, browserId: string) => {
    const safe = safePage(page, { prefix, callbackPath: callbackPath ?? '/oauth2callback' });
    const expires = Math.floor(Date.now() / 1000) + LINK_TTL_SECONDS;
    const sig = signLink(keys.links, { action, provider, page: safe, browserId, expires });
    const query = new URLSearchParams(action === 'login' ? { provider, page: safe } : { page: safe });
    query.set('expires', String(expires));
    query.set('sig', sig);
    return `${prefix}${action === 'login' ? LOGIN_PATH : LOGOUT_PATH}?${query}`;
  };

  const gateway: AuthGateway = {
    checkLogin(provider) {
      const resolved = resolveProvider(settings(), provider);
      ready().then(() => stack().oidc.prefetch(resolved), () => undefined);
    },
    loginUrl: ({ provider, page, browserId }) => link('login', provider ?? '', page, browserId),
    logoutUrl: ({ page, browserId }) => link('logout', '', page, browserId),
    onIdentityChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  if (!options.background) await ready();
  return {
    plugin,
    gateway,
    ready,
    identify(request) {
      const header = request.headers.cookie;
      const browserId = cookieValue(header, BROWSER_COOKIE);
      const exposeTokens = current.settings?.exposeTokens ?? { id: false, access: false };
      return {
        // "" when the browser has no id cookie (not a browser, or cookies blocked): such a
        // connection cannot log in, and never hears of another tab's login.
        browserId: isBrowserId(browserId) ? browserId : '',
        user: userOf(stack().codec.open('identity', cookieValue(header, IDENTITY_COOKIE)), exposeTokens),
      };
    },
    close: unsubscribe,
  };
}
