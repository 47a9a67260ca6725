/**
 * The auth routes, as one Fastify plugin registered in the app's base-path scope:
 * `GET /auth/login` (signed link → login-state cookie → provider), the callback at the path of
 * `redirect_uri` (GET, or POST for response_mode=form_post), and `GET /auth/logout` (signed link →
 * identity cleared → provider's end-session page or back to the app). Also a hook on every HTML
 * page of the scope that gives the browser its id cookie and clears a bad identity cookie.
 * Every failure answers with the small error page of `error-page.ts`, never a raw 500.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { MiniStError } from '../errors.js';
import type { Logger } from '../server/logger.js';
import { resolveProvider, type AuthSettings } from './config.js';
import {
  BROWSER_COOKIE,
  BROWSER_ID_MAX_AGE_SECONDS,
  IDENTITY_COOKIE,
  LOGIN_COOKIE,
  LOGIN_STATE_TTL_SECONDS,
  cookieValue,
  isBrowserId,
  newBrowserId,
  sealIdentity,
  userOf,
  type CookieCodec,
  type IdentityPayload,
  type LoginState,
} from './cookies.js';
import { ERROR_PAGE_CSP, sendErrorPage } from './error-page.js';
import { checkLink } from './keys.js';
import type { OidcClient } from './oidc.js';
import type { UserIdentity } from './types.js';

/** Paths of the routes, relative to the base-path scope. */
export const LOGIN_PATH = '/auth/login';
export const LOGOUT_PATH = '/auth/logout';

/** What the routes need from `createAuth`. */
export interface RouteDeps {
  /** `/apps/demo`, or "" without a base path. */
  prefix: string;
  /** The callback's path inside the scope (redirect_uri's path without the prefix). */
  callbackPath: string;
  codec: CookieCodec;
  linkKey: Buffer;
  oidc: OidcClient;
  log: Logger;
  /** The current `[auth]` settings; throws their configuration error. */
  settings(): AuthSettings;
  /** `redirect_uri` with `{port}` filled for this request's server. */
  redirectUri(request: FastifyRequest): string;
  /** Secure attribute for cookies (redirect_uri is https). */
  secure(): boolean;
  /** Tell the sessions of a browser who it is now. */
  notify(browserId: string, user: UserIdentity | null): void;
  /** False when this login state was already used on this replica. */
  claimState(state: string): boolean;
}

const kErrorPage = Symbol('mini-st auth error page');
type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * The plugin. It is not encapsulated (`skip-override`) so that its page hook reaches the page
 * routes of the same scope; its routes and their cookie parsing live in a child scope of their own.
 */
export function authRoutes(deps: RouteDeps): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (fastify) => {
    fastify.addHook('onSend', async (request, reply, payload) => {
      if (request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')) pageCookies(deps, request, reply);
      return payload;
    });
    await fastify.register(async (scope) => {
      await scope.register(fastifyCookie);
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
        done(null, new URLSearchParams(body as string)),
      );
      // The server's default policy was set by an outer hook; the error page needs its own.
      scope.addHook('onSend', async (_request, reply, payload) => {
        if ((reply as unknown as Record<symbol, boolean>)[kErrorPage]) reply.header('Content-Security-Policy', ERROR_PAGE_CSP);
        return payload;
      });
      scope.get(LOGIN_PATH, guarded(deps, (request, reply) => login(deps, request, reply)));
      scope.get(LOGOUT_PATH, guarded(deps, (request, reply) => logout(deps, request, reply)));
      scope.route({ method: ['GET', 'POST'], url: deps.callbackPath, handler: guarded(deps, (request, reply) => callback(deps, request, reply)) });
    });
  };
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}

async function login(deps: RouteDeps, request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as Record<string, string | undefined>;
  const page = safePage(query.page, deps);
  const browserId = browserIdOf(request);
  const problem = checkLink(deps.linkKey, { action: 'login', provider: query.provider ?? '', page: query.page ?? '', browserId, expires: Number(query.expires) }, query.sig);
  if (problem) throw new MiniStError('MST_ERR_AUTH_LINK_INVALID', { action: 'login', detail: problem });

  const provider = resolveProvider(deps.settings(), query.provider || undefined);
  const { url, checks } = await deps.oidc.startLogin(provider, deps.redirectUri(request));
  const state: LoginState = { ...checks, provider: query.provider ?? '', page, browserId };
  // form_post arrives as a cross-site POST, which carries only SameSite=None cookies.
  const formPost = provider.authParams.response_mode === 'form_post';
  reply.setCookie(LOGIN_COOKIE, deps.codec.seal('login', state), {
    path: deps.prefix + deps.callbackPath,
    httpOnly: true,
    sameSite: formPost ? 'none' : 'lax',
    secure: formPost || deps.secure(),
    maxAge: LOGIN_STATE_TTL_SECONDS,
  });
  return reply.header('Cache-Control', 'no-store').redirect(url.href, 302);
}

async function callback(deps: RouteDeps, request: FastifyRequest, reply: FastifyReply) {
  const params =
    request.method === 'POST'
      ? request.body instanceof URLSearchParams
        ? request.body
        : new URLSearchParams()
      : new URLSearchParams(request.url.slice(request.url.indexOf('?') + 1 || request.url.length));
  // Single use: whatever happens next, this login's state is gone from the browser.
  const sealed = request.cookies[LOGIN_COOKIE];
  if (sealed !== undefined) {
    // Cleared with the attributes it was set with (form_post's was SameSite=None; Secure).
    const formPost = request.method === 'POST';
    reply.clearCookie(LOGIN_COOKIE, {
      path: deps.prefix + deps.callbackPath,
      httpOnly: true,
      sameSite: formPost ? 'none' : 'lax',
      secure: formPost || deps.secure(),
    });
  }
  const state = deps.codec.open('login', sealed) as LoginState | null;
  if (!state || typeof state.state !== 'string') throw new MiniStError('MST_ERR_AUTH_STATE_MISSING');
  if (params.get('state') !== state.state || browserIdOf(request) !== state.browserId) throw new MiniStError('MST_ERR_AUTH_STATE_MISMATCH');
  if (!deps.claimState(state.state)) throw new MiniStError('MST_ERR_AUTH_CALLBACK_REPLAYED');

  const settings = deps.settings();
  const provider = resolveProvider(settings, state.provider || undefined);
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    throw new MiniStError('MST_ERR_AUTH_PROVIDER_ERROR', { provider: provider.name, error, description: description ? ` (${description})` : '' });
  }
  const result = await deps.oidc.finishLogin(provider, deps.redirectUri(request), params, state);
  const payload: IdentityPayload = {
    p: state.provider,
    c: result.claims,
    it: result.idToken,
    ...(settings.exposeTokens.access && result.accessToken ? { at: result.accessToken } : {}),
    exp: Math.floor(Date.now() / 1000) + settings.cookieMaxAgeSeconds,
  };
  const fitted = sealIdentity(deps.codec, payload);
  if (!fitted) throw new MiniStError('MST_ERR_AUTH_COOKIE_TOO_LARGE', { dropped: 'everything but the core claims, and they still do not fit' });
  if (fitted.dropped.length > 0) {
    const warning = new MiniStError('MST_ERR_AUTH_COOKIE_TOO_LARGE', { dropped: fitted.dropped.join(', ') });
    deps.log.warn(`Warning [${warning.code}]: ${warning.message}`);
  }
  reply.setCookie(IDENTITY_COOKIE, fitted.value, identityCookieOptions(deps, settings.cookieMaxAgeSeconds));
  deps.notify(state.browserId, userOf(deps.codec.open('identity', fitted.value), settings.exposeTokens));
  return reply.header('Cache-Control', 'no-store').redirect(state.page, 303);
}

async function logout(deps: RouteDeps, request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as Record<string, string | undefined>;
  const page = safePage(query.page, deps);
  const browserId = browserIdOf(request);
  const problem = checkLink(deps.linkKey, { action: 'logout', provider: '', page: query.page ?? '', browserId, expires: Number(query.expires) }, query.sig);
  if (problem) throw new MiniStError('MST_ERR_AUTH_LINK_INVALID', { action: 'logout', detail: problem });

  const identity = deps.codec.open('identity', request.cookies[IDENTITY_COOKIE]);
  reply.clearCookie(IDENTITY_COOKIE, identityCookieOptions(deps, 0));
  deps.notify(browserId, null);
  let target = page;
  if (identity && typeof identity.p === 'string') {
    try {
      const provider = resolveProvider(deps.settings(), identity.p || undefined);
      const appRoot = new URL(`${deps.prefix}/`, deps.redirectUri(request)).href;
      const endSession = await deps.oidc.logoutUrl(provider, {
        postLogoutRedirectUri: appRoot,
        ...(typeof identity.it === 'string' ? { idTokenHint: identity.it } : {}),
      });
      if (endSession) target = endSession.href;
    } catch (error) {
      // The local logout already happened; the provider's is a courtesy.
      deps.log.warn(`Logged out locally only: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return reply.header('Cache-Control', 'no-store').redirect(target, 303);
}

/** Turns any failure into the error page; runtime faults are logged with their stack. */
function guarded(deps: RouteDeps, handler: Handler): Handler {
  return async (request, reply) => {
    try {
      return await handler(request, reply);
    } catch (error) {
      const known = error instanceof MiniStError ? error : new MiniStError('MST_ERR_INTERNAL', { detail: String(error) }, { cause: error });
      if (known.code === 'MST_ERR_INTERNAL') deps.log.error(`Error [${known.code}]: ${known.message}`, error);
      else deps.log.warn(`Warning [${known.code}]: ${known.message}`);
      (reply as unknown as Record<symbol, boolean>)[kErrorPage] = true;
      return sendErrorPage(reply, known, `${deps.prefix}/`);
    }
  };
}

/** On an HTML page: give the browser an id if it has none; clear an identity cookie that does not open. */
function pageCookies(deps: RouteDeps, request: FastifyRequest, reply: FastifyReply): void {
  const header = request.headers.cookie;
  const path = `${deps.prefix}/`;
  const secure = deps.secure() ? '; Secure' : '';
  if (!isBrowserId(cookieValue(header, BROWSER_COOKIE))) {
    reply.header('Set-Cookie', `${BROWSER_COOKIE}=${newBrowserId()}; Max-Age=${BROWSER_ID_MAX_AGE_SECONDS}; Path=${path}; HttpOnly; SameSite=Lax${secure}`);
  }
  const identity = cookieValue(header, IDENTITY_COOKIE);
  if (identity === undefined) return;
  const opened = deps.codec.open('identity', identity);
  if (opened && typeof opened.exp === 'number' && opened.exp * 1000 > Date.now()) return;
  if (!opened) {
    const warning = new MiniStError('MST_ERR_AUTH_COOKIE_INVALID');
    deps.log.warn(`Warning [${warning.code}]: ${warning.message}`);
  }
  reply.header('Set-Cookie', `${IDENTITY_COOKIE}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=${path}; HttpOnly; SameSite=Lax${secure}`);
}

function identityCookieOptions(deps: RouteDeps, maxAge: number) {
  return { path: `${deps.prefix}/`, httpOnly: true, sameSite: 'lax' as const, secure: deps.secure(), maxAge };
}

function browserIdOf(request: FastifyRequest): string {
  const value = cookieValue(request.headers.cookie, BROWSER_COOKIE);
  return isBrowserId(value) ? value : '';
}

/**
 * A path of this app to return to, never another site's: it must be an absolute path under the
 * base path (no `//host`, no backslash tricks), and not an auth route. Anything else: the app's root.
 */
export function safePage(page: string | undefined, deps: Pick<RouteDeps, 'prefix' | 'callbackPath'>): string {
  const root = `${deps.prefix}/`;
  if (!page || !page.startsWith('/') || page.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(page)) return root;
  const url = URL.parse(page, 'http://mini-st.invalid');
  if (!url || url.origin !== 'http://mini-st.invalid') return root;
  const path = url.pathname;
  // Dot segments can normalize "/..//host" into "//host": a protocol-relative URL.
  if (path.startsWith('//')) return root;
  if (deps.prefix && path !== deps.prefix && !path.startsWith(root)) return root;
  const inner = path.slice(deps.prefix.length);
  if (inner.startsWith('/auth/') || inner === deps.callbackPath) return root;
  return path + url.search;
}
