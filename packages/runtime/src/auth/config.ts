/**
 * Reads `[auth]` from the secrets exactly as Streamlit does: `redirect_uri` and `cookie_secret`,
 * then one unnamed provider (its keys directly in `[auth]`, called "default") or named providers
 * in `[auth.<name>]`. Providers are checked when used, so one broken provider does not break
 * another. Every mistake is a MiniStError naming the key and the file; `st.login()` raises it in
 * the script (through `AuthGateway.checkLogin`) and the login route shows it as a page.
 */
import { MiniStError } from '../errors.js';
import type { SecretsSnapshot } from '../secrets.js';

/** Streamlit's name for the provider whose keys sit directly in `[auth]`. */
export const DEFAULT_PROVIDER = 'default';
/** Our extension: days an identity cookie stays valid (Streamlit's is fixed at 30). */
export const DEFAULT_COOKIE_MAX_AGE_DAYS = 30;
/** Browsers cap cookie lifetimes at 400 days. */
const MAX_COOKIE_MAX_AGE_DAYS = 400;
const PROVIDER_KEYS = ['client_id', 'client_secret', 'server_metadata_url'] as const;
/** Authorization parameters mini-st sets itself; client_kwargs may not override them. */
const RESERVED_PARAMS = new Set(['response_type', 'client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge']);
const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'none'] as const;
export type TokenEndpointAuthMethod = (typeof AUTH_METHODS)[number];

/** `[auth]`'s general keys, valid for every provider. */
export interface AuthSettings {
  /** The file `[auth]` came from, for messages. */
  file: string;
  /** As written; may hold `{port}`, replaced by the server's port when used. */
  redirectUri: string;
  /** The path of `redirect_uri`, where the callback route listens. */
  redirectPath: string;
  /** `redirect_uri` is https: cookies get the Secure attribute. */
  secure: boolean;
  cookieSecret: string;
  /** How long a login lasts, in seconds (our `cookie_max_age_days`, 30 days by default). */
  cookieMaxAgeSeconds: number;
  exposeTokens: { id: boolean; access: boolean };
  /** Named providers (`[auth.<name>]`), and "default" when `[auth]` holds provider keys. */
  providerNames: string[];
  /** The secrets this was read from (providers are resolved from it on demand). */
  snapshot: SecretsSnapshot;
}

/** One provider, checked and ready for openid-client. */
export interface ProviderSettings {
  name: string;
  /** "auth" or "auth.<name>", for messages. */
  table: string;
  file: string;
  clientId: string;
  clientSecret: string;
  metadataUrl: string;
  /** Sent with every authorization request: scope, prompt, login_hint, response_mode… */
  authParams: Record<string, string>;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod | undefined;
}

/**
 * `[auth]` of the secrets, or undefined when there is none (nobody can log in; `is_logged_in` is
 * false). Throws the first configuration error of the general keys, or the secrets' read error.
 *
 * @example
 * const auth = readAuthSettings(secrets.current()); // throws MST_ERR_AUTH_MISSING_COOKIE_SECRET…
 */
export function readAuthSettings(snapshot: SecretsSnapshot): AuthSettings | undefined {
  if (snapshot.error) throw snapshot.error;
  const auth = snapshot.data.auth;
  const file = snapshot.sourceOf(['auth']);
  if (auth === undefined) return undefined;
  if (!isTable(auth)) throw bad('auth', file, 'expected a table ([auth])');
  const fileOf = (key: string) => snapshot.sourceOf(['auth', key]);

  if (auth.redirect_uri === undefined) throw new MiniStError('MST_ERR_AUTH_MISSING_REDIRECT_URI', { file });
  if (auth.cookie_secret === undefined) throw new MiniStError('MST_ERR_AUTH_MISSING_COOKIE_SECRET', { file });
  const redirectUri = nonEmptyString(auth.redirect_uri, 'auth.redirect_uri', fileOf('redirect_uri'));
  const redirect = parseRedirectUri(redirectUri, fileOf('redirect_uri'));
  const cookieSecret = nonEmptyString(auth.cookie_secret, 'auth.cookie_secret', fileOf('cookie_secret'));

  let days = DEFAULT_COOKIE_MAX_AGE_DAYS;
  if (auth.cookie_max_age_days !== undefined) {
    const value = auth.cookie_max_age_days;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_COOKIE_MAX_AGE_DAYS) {
      throw bad('auth.cookie_max_age_days', fileOf('cookie_max_age_days'), `expected a number of days above 0 and at most ${MAX_COOKIE_MAX_AGE_DAYS}, got ${show(value)}`);
    }
    days = value;
  }

  const providerNames = Object.entries(auth)
    .filter(([key, value]) => isTable(value) && key !== 'client_kwargs')
    .map(([key]) => key);
  if (PROVIDER_KEYS.some((key) => auth[key] !== undefined) && !providerNames.includes(DEFAULT_PROVIDER)) {
    providerNames.unshift(DEFAULT_PROVIDER);
  }

  return {
    file,
    redirectUri,
    redirectPath: redirect.pathname,
    secure: redirect.protocol === 'https:',
    cookieSecret,
    cookieMaxAgeSeconds: Math.round(days * 86_400),
    exposeTokens: parseExposeTokens(auth.expose_tokens, fileOf('expose_tokens')),
    providerNames,
    snapshot,
  };
}

/**
 * The provider `st.login(provider)` means, fully checked. Throws MST_ERR_AUTH_PROVIDER_NAME,
 * _PROVIDER_REQUIRED, _UNKNOWN_PROVIDER, _PROVIDER_KEYS, _BAD_VALUE or _INSECURE_ISSUER.
 *
 * @example
 * resolveProvider(settings, undefined); // the [auth] provider, "default"
 * resolveProvider(settings, 'google');  // [auth.google]
 */
export function resolveProvider(settings: AuthSettings, provider: string | undefined): ProviderSettings {
  const { snapshot, file } = settings;
  const auth = snapshot.data.auth as Record<string, unknown>;
  const named = settings.providerNames.filter((name) => name !== DEFAULT_PROVIDER || isTable(auth[DEFAULT_PROVIDER]));
  let name = provider ?? DEFAULT_PROVIDER;
  if (name.includes('_')) throw new MiniStError('MST_ERR_AUTH_PROVIDER_NAME', { provider: name, file });

  let table: Record<string, unknown>;
  let path: string[];
  if (isTable(auth[name])) {
    table = auth[name] as Record<string, unknown>;
    path = ['auth', name];
  } else if (name === DEFAULT_PROVIDER) {
    if (provider === undefined && named.length > 0 && !PROVIDER_KEYS.some((key) => auth[key] !== undefined)) {
      throw new MiniStError('MST_ERR_AUTH_PROVIDER_REQUIRED', { file, providers: named.join(', '), first: named[0] });
    }
    table = auth;
    path = ['auth'];
  } else {
    const providers = settings.providerNames.length > 0 ? settings.providerNames.join(', ') : '(none)';
    throw new MiniStError('MST_ERR_AUTH_UNKNOWN_PROVIDER', { provider: name, file, providers });
  }
  name = path.length === 1 ? DEFAULT_PROVIDER : name;
  const tableName = path.join('.');
  const tableFile = snapshot.sourceOf(path);
  const keyFile = (key: string) => snapshot.sourceOf([...path, key]);

  const missing = PROVIDER_KEYS.filter((key) => table[key] === undefined);
  if (missing.length > 0) {
    throw new MiniStError('MST_ERR_AUTH_PROVIDER_KEYS', { provider: name, table: tableName, file: tableFile, keys: missing.join(', ') });
  }
  const clientId = nonEmptyString(table.client_id, `${tableName}.client_id`, keyFile('client_id'));
  const clientSecret = nonEmptyString(table.client_secret, `${tableName}.client_secret`, keyFile('client_secret'));
  const metadataUrl = parseMetadataUrl(table.server_metadata_url, `${tableName}.server_metadata_url`, keyFile('server_metadata_url'));
  const kwargs = parseClientKwargs(table.client_kwargs, `${tableName}.client_kwargs`, keyFile('client_kwargs'));
  return { name, table: tableName, file: tableFile, clientId, clientSecret, metadataUrl, ...kwargs };
}

/** True for hosts that never leave this machine: the only ones where plain http is allowed. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function parseRedirectUri(value: string, file: string): URL {
  // `{port}` stands for the server's port, known only once it listens.
  const url = URL.parse(value.replaceAll('{port}', '8501'));
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.hash) {
    throw bad('auth.redirect_uri', file, `expected an absolute http(s) URL such as "http://localhost:8501/oauth2callback", got ${show(value)}`);
  }
  if (url.pathname === '/' || url.search) {
    throw bad('auth.redirect_uri', file, `its path names the callback route (normally /oauth2callback) and takes no query, got ${show(value)}`);
  }
  return url;
}

function parseMetadataUrl(value: unknown, key: string, file: string): string {
  const text = nonEmptyString(value, key, file);
  const url = URL.parse(text);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw bad(key, file, `expected the provider's https URL, e.g. "https://accounts.google.com/.well-known/openid-configuration", got ${show(value)}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new MiniStError('MST_ERR_AUTH_INSECURE_ISSUER', { key, file, url: text });
  }
  return text;
}

function parseClientKwargs(value: unknown, key: string, file: string): Pick<ProviderSettings, 'authParams' | 'tokenEndpointAuthMethod'> {
  if (value !== undefined && !isTable(value)) throw bad(key, file, 'expected a table, e.g. client_kwargs = { prompt = "login" }');
  const kwargs: Record<string, unknown> = { scope: 'openid email profile', prompt: 'select_account', ...(value ?? {}) };
  const authParams: Record<string, string> = {};
  let tokenEndpointAuthMethod: TokenEndpointAuthMethod | undefined;
  for (const [name, raw] of Object.entries(kwargs)) {
    const at = `${key}.${name}`;
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      throw bad(at, file, `expected a string, got ${show(raw)}`);
    }
    const text = String(raw);
    if (RESERVED_PARAMS.has(name)) throw bad(at, file, `mini-st sets "${name}" itself`);
    switch (name) {
      case 'token_endpoint_auth_method':
        if (!(AUTH_METHODS as readonly string[]).includes(text)) throw bad(at, file, `expected one of ${AUTH_METHODS.join(', ')}, got ${show(raw)}`);
        tokenEndpointAuthMethod = text as TokenEndpointAuthMethod;
        continue;
      case 'code_challenge_method':
        // PKCE S256 is always used; "plain" would only weaken it.
        if (text !== 'S256') throw bad(at, file, `only "S256" is supported (mini-st always uses PKCE S256), got ${show(raw)}`);
        continue;
      case 'scope':
        if (!text.split(/\s+/).includes('openid')) throw bad(at, file, `must include "openid", got ${show(raw)}`);
        break;
      case 'response_mode':
        if (text !== 'query' && text !== 'form_post') throw bad(at, file, `expected "query" or "form_post", got ${show(raw)}`);
        break;
    }
    // An empty value (prompt = "") means "do not send it".
    if (text !== '') authParams[name] = text;
  }
  return { authParams, tokenEndpointAuthMethod };
}

function parseExposeTokens(value: unknown, file: string): AuthSettings['exposeTokens'] {
  if (value === undefined) return { id: false, access: false };
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.some((item) => item !== 'id' && item !== 'access')) {
    throw new MiniStError('MST_ERR_AUTH_EXPOSE_TOKENS', { file, value: show(value) });
  }
  return { id: list.includes('id'), access: list.includes('access') };
}

function nonEmptyString(value: unknown, key: string, file: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw bad(key, file, `expected a non-empty string, got ${show(value)}`);
  return value;
}

function bad(key: string, file: string, detail: string): MiniStError {
  return new MiniStError('MST_ERR_AUTH_BAD_VALUE', { key, file, detail });
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return JSON.stringify(value);
  if (isTable(value)) return 'a table';
  return String(value);
}
