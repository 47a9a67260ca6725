/**
 * Keys derived from `cookie_secret` (HKDF-SHA256, one key per purpose, so a value sealed for one
 * purpose is useless for another) and the signed login/logout links. A link carries an HMAC over
 * what it does, the page to return to, the browser it was made for and its expiry: another site
 * can neither forge `provider` nor log a user out, and a link from one browser fails in another.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** The three 32-byte keys one `cookie_secret` yields. */
export interface AuthKeys {
  /** Seals the identity cookie (@fastify/secure-session, XSalsa20-Poly1305). */
  identity: Buffer;
  /** Seals the short-lived login-state cookie. */
  loginState: Buffer;
  /** HMAC-SHA256 key of login/logout links. */
  links: Buffer;
}

/**
 * Derives the keys. HKDF rather than secure-session's `secret`+`salt`, whose argon2 costs about a
 * second at every start; `cookie_secret` is meant to be long and random, so no stretching is due.
 *
 * @example
 * const keys = deriveKeys('a long random cookie_secret');
 * keys.identity.length; // 32
 */
export function deriveKeys(cookieSecret: string): AuthKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', cookieSecret, 'mini-st auth v1', purpose, 32));
  return { identity: derive('identity cookie'), loginState: derive('login state cookie'), links: derive('login and logout links') };
}

/** What a link asks for. */
export interface LinkClaims {
  action: 'login' | 'logout';
  /** Provider name for a login; "" for a logout. */
  provider: string;
  /** Same-origin path (with query) to come back to. */
  page: string;
  browserId: string;
  /** Unix seconds after which the link is refused. */
  expires: number;
}

/** Ten minutes: the link is followed at once by the page that received it. */
export const LINK_TTL_SECONDS = 600;

/**
 * The signature of a link, base64url.
 *
 * @example
 * signLink(keys.links, { action: 'logout', provider: '', page: '/', browserId, expires });
 */
export function signLink(key: Buffer, claims: LinkClaims): string {
  return createHmac('sha256', key).update(canonical(claims)).digest('base64url');
}

/** Why a link is refused, or undefined when it is good. Constant-time on the signature. */
export function checkLink(key: Buffer, claims: LinkClaims, signature: string | undefined, now = Date.now()): string | undefined {
  if (!claims.browserId) return 'this browser has no mini-st cookie (are cookies blocked?)';
  if (!signature) return 'the link has no signature';
  const expected = Buffer.from(signLink(key, claims));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'the link was not made for this browser, or was changed';
  }
  if (!(claims.expires * 1000 > now)) return 'the link has expired';
  return undefined;
}

function canonical(claims: LinkClaims): string {
  // JSON of a fixed-order array: no separator in a value can shift the fields.
  return JSON.stringify([claims.action, claims.provider, claims.page, claims.browserId, claims.expires]);
}
