import { beforeAll, describe, expect, it } from 'vitest';
import { cookieValue, createCookieCodec, IDENTITY_COOKIE, MAX_COOKIE_BYTES, sealIdentity, userOf, type CookieCodec } from './cookies.js';
import { checkLink, deriveKeys, signLink, type LinkClaims } from './keys.js';

const keys = deriveKeys('a-cookie-secret-for-these-tests-0123456789');
let codec: CookieCodec;
beforeAll(async () => {
  codec = await createCookieCodec(keys, 30 * 86_400);
});
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const cookieBytes = (value: string) => IDENTITY_COOKIE.length + 1 + encodeURIComponent(value).length;

describe('sealed cookies', () => {
  it('open only with their own key and purpose', async () => {
    const sealed = codec.seal('identity', { p: 'default', c: { sub: '1' }, exp: inAnHour() });
    expect(codec.open('identity', sealed)).toMatchObject({ p: 'default', c: { sub: '1' } });
    expect(codec.open('login', sealed)).toBeNull();
    const other = await createCookieCodec(deriveKeys('another-secret'), 30 * 86_400);
    expect(other.open('identity', sealed)).toBeNull();
    expect(codec.open('identity', 'garbage;garbage')).toBeNull();
    expect(codec.open('identity', undefined)).toBeNull();
  });

  it('refuse an identity past the expiry sealed inside it, whatever the cookie said', () => {
    const past = codec.seal('identity', { p: 'default', c: { sub: '1' }, exp: Math.floor(Date.now() / 1000) - 1 });
    expect(userOf(codec.open('identity', past), { id: false, access: false })).toBeNull();
    const current = codec.seal('identity', { p: 'default', c: { sub: '1' }, it: 'id.token.x', at: 'access', exp: inAnHour() });
    expect(userOf(codec.open('identity', current), { id: true, access: false })).toEqual({ claims: { sub: '1' }, tokens: { id: 'id.token.x' } });
  });
});

describe('the 4 KB limit', () => {
  it('keeps everything that fits', () => {
    const sealed = sealIdentity(codec, { p: 'default', c: { sub: '1', name: 'A' }, it: 'x'.repeat(900), exp: inAnHour() })!;
    expect(sealed.dropped).toEqual([]);
    expect(codec.open('identity', sealed.value)?.it).toHaveLength(900);
  });

  it('drops the access token, then the ID token, then the largest extra claims, never who the user is', () => {
    const groups = Array.from({ length: 120 }, (_, i) => `group-${i.toString().padStart(4, '0')}-0000-0000`);
    const sealed = sealIdentity(codec, {
      p: 'microsoft',
      c: { sub: 'u1', name: 'Ada', email: 'ada@example.com', tid: 't', oid: 'o', groups, roles: ['admin'] },
      it: 'i'.repeat(1500),
      at: 'a'.repeat(1500),
      exp: inAnHour(),
    })!;
    expect(sealed.dropped).toEqual(['tokens.access', 'tokens.id (and the logout hint)', 'claim "groups"']);
    expect(cookieBytes(sealed.value)).toBeLessThanOrEqual(MAX_COOKIE_BYTES);
    expect(codec.open('identity', sealed.value)?.c).toEqual({ sub: 'u1', name: 'Ada', email: 'ada@example.com', tid: 't', oid: 'o', roles: ['admin'] });
  });

  it('gives up only when the core claims alone are too large', () => {
    expect(sealIdentity(codec, { p: 'x', c: { sub: 's'.repeat(5000) }, exp: inAnHour() })).toBeUndefined();
  });
});

describe('signed links', () => {
  const claims: LinkClaims = { action: 'login', provider: 'google', page: '/?a=1', browserId: 'b'.repeat(22), expires: Math.floor(Date.now() / 1000) + 60 };

  it('verify only with the same key, action, provider, page, browser and expiry', () => {
    const sig = signLink(keys.links, claims);
    expect(checkLink(keys.links, claims, sig)).toBeUndefined();
    expect(checkLink(deriveKeys('other').links, claims, sig)).toMatch(/not made for this browser/);
    for (const change of [{ action: 'logout' as const }, { provider: 'evil' }, { page: '/x' }, { browserId: 'c'.repeat(22) }, { expires: claims.expires + 1 }]) {
      expect(checkLink(keys.links, { ...claims, ...change }, sig)).toMatch(/not made for this browser/);
    }
    expect(checkLink(keys.links, claims, undefined)).toMatch(/no signature/);
    expect(checkLink(keys.links, { ...claims, browserId: '' }, sig)).toMatch(/no mini-st cookie/);
    expect(checkLink(keys.links, claims, sig, (claims.expires + 1) * 1000)).toMatch(/expired/);
  });
});

describe('reading the identity at WebSocket connect', () => {
  it('parses the Cookie header', () => {
    expect(cookieValue('a=1; _mst_bid=xyz; b="q%3Bz"', '_mst_bid')).toBe('xyz');
    expect(cookieValue('a=1; b="q%3Bz"', 'b')).toBe('q;z');
    expect(cookieValue(['a=1', 'c=2'], 'c')).toBe('2');
    expect(cookieValue(undefined, 'c')).toBeUndefined();
  });

  // Its cost (target ≤ 0.2 ms) is measured by `pnpm bench`, not asserted here: machines are noisy.
  it('reads the identity from a realistic Cookie header of a WebSocket upgrade', () => {
    const sealed = sealIdentity(codec, {
      p: 'default',
      c: { sub: 'alice', name: 'Alice Liddell', email: 'alice@example.com', iss: 'https://login.example.com', aud: 'client' },
      it: 'x'.repeat(900),
      exp: inAnHour(),
    })!;
    const header = `_ga=GA1.1.123; _mst_bid=${'b'.repeat(22)}; ${IDENTITY_COOKIE}=${encodeURIComponent(sealed.value)}`;
    const user = userOf(codec.open('identity', cookieValue(header, IDENTITY_COOKIE)), { id: false, access: false });
    expect(user?.claims).toMatchObject({ sub: 'alice', name: 'Alice Liddell', email: 'alice@example.com' });
    expect(user?.tokens).toEqual({});
  });
});
