/**
 * The three cookies of login, and what is sealed in them. Sealing is @fastify/secure-session's
 * (libsodium secretbox: encrypted and authenticated), with a key per purpose from `keys.ts` and
 * the expiry checked inside the sealed payload, so a replayed old cookie is refused whatever its
 * `Max-Age` said. Nothing here keeps server state: any replica can open any cookie.
 *
 * - `_mst_user`: the identity (claims, the ID token for logout, tokens when exposed); 30 days.
 * - `_mst_login`: state, nonce, PKCE verifier, provider and return page of one login; 10 minutes,
 *   only sent to the callback path, cleared there (single use).
 * - `_mst_bid`: a random browser id; groups a browser's tabs and binds login/logout links.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import type { AuthKeys } from './keys.js';
import type { UserIdentity } from './types.js';

export const IDENTITY_COOKIE = '_mst_user';
export const LOGIN_COOKIE = '_mst_login';
export const BROWSER_COOKIE = '_mst_bid';
/** A login must finish within this many seconds of starting. */
export const LOGIN_STATE_TTL_SECONDS = 600;
/** Browsers keep a cookie at most 400 days; the browser id asks for that. */
export const BROWSER_ID_MAX_AGE_SECONDS = 400 * 86_400;
/** Browsers store at most 4096 bytes of name and value per cookie; keep a little room. */
export const MAX_COOKIE_BYTES = 4000;

/** What the identity cookie holds. Short keys: every byte counts against 4 KB. */
export interface IdentityPayload {
  /** Provider name. */
  p: string;
  /** Claims. */
  c: Record<string, unknown>;
  /** ID token: `tokens.id` when exposed, and `id_token_hint` at logout. */
  it?: string;
  /** Access token, only when exposed. */
  at?: string;
  /** Unix seconds after which the login is over. */
  exp: number;
}

/** What the login-state cookie holds between `/auth/login` and the callback. */
export interface LoginState {
  state: string;
  nonce: string;
  verifier: string;
  provider: string;
  /** Where to return after the login (a checked same-origin path). */
  page: string;
  browserId: string;
}

type Kind = 'identity' | 'login';

/** Seals and opens the two sealed cookies' values. */
export interface CookieCodec {
  seal(kind: Kind, data: object): string;
  /** The sealed object, or null when absent, tampered, expired or sealed with another key. */
  open(kind: Kind, value: string | undefined): Record<string, unknown> | null;
}

const quietLog = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => quietLog, level: 'silent' };

/**
 * Sets up @fastify/secure-session's sealing on a private Fastify instance that never serves
 * anything, so the WebSocket route (outside the auth plugin's scope) can open cookies too.
 *
 * @example
 * const codec = await createCookieCodec(deriveKeys(secret), 30 * 86_400);
 * codec.open('identity', codec.seal('identity', { p: 'default', c: { sub: '1' }, exp })); // { p, c, exp, __ts }
 */
export async function createCookieCodec(keys: AuthKeys, identityMaxAgeSeconds: number): Promise<CookieCodec> {
  // Loaded here, not at the top: libsodium is the heaviest part of starting (createAuth's `background`).
  const { default: secureSession } = await import('@fastify/secure-session');
  const sealer = Fastify({ logger: false });
  await sealer.register(secureSession, [
    { sessionName: 'identity', cookieName: IDENTITY_COOKIE, key: keys.identity, expiry: identityMaxAgeSeconds },
    { sessionName: 'login', cookieName: LOGIN_COOKIE, key: keys.loginState, expiry: LOGIN_STATE_TTL_SECONDS },
  ]);
  await sealer.ready();
  return {
    seal: (kind, data) => sealer.encodeSecureSession(sealer.createSecureSession({ ...data }), kind),
    open(kind, value) {
      if (!value) return null;
      try {
        return (sealer.decodeSecureSession(value, quietLog as never, kind)?.data() as Record<string, unknown> | undefined) ?? null;
      } catch {
        // Decrypted but not JSON: cannot happen for our own cookies; treat as foreign.
        return null;
      }
    },
  };
}

/** The user an identity payload describes, or null when it is missing or past its expiry. */
export function userOf(payload: Record<string, unknown> | null, exposeTokens: { id: boolean; access: boolean }, now = Date.now()): UserIdentity | null {
  if (!payload || typeof payload.exp !== 'number' || payload.exp * 1000 <= now) return null;
  const claims = payload.c;
  if (typeof claims !== 'object' || claims === null) return null;
  const tokens: UserIdentity['tokens'] = {};
  if (exposeTokens.id && typeof payload.it === 'string') tokens.id = payload.it;
  if (exposeTokens.access && typeof payload.at === 'string') tokens.access = payload.at;
  // Frozen: a script that pushes to `st.experimental_user.groups` must not change who the user is.
  return { claims: deepFreeze(claims as Record<string, unknown>), tokens };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Claims kept to the last when the identity is too large: who the person is. */
const CORE_CLAIMS = new Set(['sub', 'iss', 'aud', 'exp', 'iat', 'name', 'email', 'preferred_username', 'given_name', 'family_name', 'tid', 'oid']);

/**
 * Seals the identity, dropping what does not fit in one cookie, in a documented order: the access
 * token, then the ID token (so `tokens.id` and the logout hint), then non-core claims, largest
 * first (Entra `groups`, `roles`…). Returns what was dropped, or undefined when even the core
 * claims do not fit.
 */
export function sealIdentity(codec: CookieCodec, payload: IdentityPayload): { value: string; dropped: string[] } | undefined {
  const current: IdentityPayload = { ...payload, c: { ...payload.c } };
  const dropped: string[] = [];
  const fits = () => {
    const value = codec.seal('identity', current);
    // Cookies are written URI-encoded: base64's + / = and the ; of secure-session grow to 3 bytes.
    return IDENTITY_COOKIE.length + 1 + encodeURIComponent(value).length <= MAX_COOKIE_BYTES ? value : undefined;
  };
  let value = fits();
  const steps: (() => boolean)[] = [
    () => current.at !== undefined && (delete current.at, dropped.push('tokens.access'), true),
    () => current.it !== undefined && (delete current.it, dropped.push('tokens.id (and the logout hint)'), true),
    ...Object.entries(payload.c)
      .filter(([name]) => !CORE_CLAIMS.has(name))
      .sort(([, a], [, b]) => JSON.stringify(b ?? null).length - JSON.stringify(a ?? null).length)
      .map(([name]) => () => (delete current.c[name], dropped.push(`claim "${name}"`), true)),
  ];
  for (const step of steps) {
    if (value) break;
    if (step()) value = fits();
  }
  return value ? { value, dropped } : undefined;
}

/** A fresh browser id: 128 random bits, base64url. */
export function newBrowserId(): string {
  return randomBytes(16).toString('base64url');
}

/** Only ids we could have made are taken; anything else counts as no id. */
export function isBrowserId(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{22}$/.test(value);
}

/**
 * One cookie's value from a Cookie header, URI-decoded; cheap enough for every WebSocket connect.
 *
 * @example
 * cookieValue('a=1; _mst_bid=xyz', '_mst_bid'); // 'xyz'
 */
export function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return undefined;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
