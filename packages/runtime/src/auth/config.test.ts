import { describe, expect, it } from 'vitest';
import { MiniStError, type ErrorCode } from '../errors.js';
import type { SecretsSnapshot, SecretsStore } from '../secrets.js';
import { loadConfig } from '../config.js';
import { silentLogger } from '../server/logger.js';
import { createAuth } from './index.js';
import { parse } from 'smol-toml';
import { readAuthSettings, resolveProvider } from './config.js';

const FILE = '/app/.streamlit/secrets.toml';
const PROVIDER = `
client_id = "id"
client_secret = "secret"
server_metadata_url = "https://login.example.com/.well-known/openid-configuration"`;
const GENERAL = `
[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "0123456789abcdef0123456789abcdef"`;

function snapshot(toml: string): SecretsSnapshot {
  return { data: parse(toml), error: undefined, sourceOf: () => FILE };
}

/** The error `st.login(provider)` raises for these secrets. */
function loginError(toml: string, provider?: string): MiniStError {
  try {
    const settings = readAuthSettings(snapshot(toml));
    if (!settings) throw new Error('no [auth]');
    resolveProvider(settings, provider);
  } catch (error) {
    if (error instanceof MiniStError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

function expectError(error: MiniStError, code: ErrorCode, ...fragments: string[]) {
  expect(error.code).toBe(code);
  for (const fragment of [FILE, ...fragments]) expect(error.message).toContain(fragment);
}

describe('[auth] as Streamlit reads it', () => {
  it('reads one unnamed provider with Streamlit\'s defaults', () => {
    const settings = readAuthSettings(snapshot(GENERAL + PROVIDER))!;
    const provider = resolveProvider(settings, undefined);
    expect(provider).toMatchObject({ name: 'default', table: 'auth', clientId: 'id', clientSecret: 'secret' });
    expect(provider.authParams).toEqual({ scope: 'openid email profile', prompt: 'select_account' });
    expect(settings.cookieMaxAgeSeconds).toBe(30 * 86_400);
    expect(settings.exposeTokens).toEqual({ id: false, access: false });
    expect(settings.redirectPath).toBe('/oauth2callback');
    expect(settings.secure).toBe(false);
  });

  it('reads named providers and honours client_kwargs', () => {
    const toml = `${GENERAL}
cookie_max_age_days = 7
expose_tokens = ["id", "access"]
[auth.google]${PROVIDER}
client_kwargs = { prompt = "", login_hint = "a@b.c", hd = "b.c", token_endpoint_auth_method = "client_secret_post", code_challenge_method = "S256" }
[auth.microsoft]${PROVIDER}`;
    const settings = readAuthSettings(snapshot(toml))!;
    expect(settings.providerNames).toEqual(['google', 'microsoft']);
    expect(settings.cookieMaxAgeSeconds).toBe(7 * 86_400);
    expect(settings.exposeTokens).toEqual({ id: true, access: true });
    const google = resolveProvider(settings, 'google');
    expect(google.authParams).toEqual({ scope: 'openid email profile', login_hint: 'a@b.c', hd: 'b.c' });
    expect(google.tokenEndpointAuthMethod).toBe('client_secret_post');
    expect(resolveProvider(settings, 'microsoft').table).toBe('auth.microsoft');
  });

  it('accepts {port} in redirect_uri and marks https as secure', () => {
    const settings = readAuthSettings(snapshot(GENERAL.replace('http://localhost:8501', 'https://app.example.com:{port}') + PROVIDER))!;
    expect(settings.redirectUri).toBe('https://app.example.com:{port}/oauth2callback');
    expect(settings.secure).toBe(true);
  });

  it('has no settings without [auth] (nobody is logged in)', () => {
    expect(readAuthSettings(snapshot('title = "x"'))).toBeUndefined();
  });
});

describe('configuration errors name the key and the file', () => {
  it('MST_ERR_AUTH_NOT_CONFIGURED: st.login() without [auth], while nobody is logged in', async () => {
    const secrets: SecretsStore = {
      files: [FILE, '/home/u/.streamlit/secrets.toml'],
      current: () => snapshot('title = "no auth here"'),
      onChange: () => () => {},
      close() {},
    };
    const auth = await createAuth({ secrets, config: await loadConfig({ cwd: '/nonexistent' }), log: silentLogger });
    let error: unknown;
    try {
      auth.gateway.checkLogin(undefined);
    } catch (caught) {
      error = caught;
    }
    expectError(error as MiniStError, 'MST_ERR_AUTH_NOT_CONFIGURED', '[auth]');
    expect(auth.identify({ headers: {} }).user).toBeNull();
  });

  it('MST_ERR_AUTH_MISSING_REDIRECT_URI', () => {
    expectError(loginError(GENERAL.replace(/redirect_uri.*\n/, '') + PROVIDER), 'MST_ERR_AUTH_MISSING_REDIRECT_URI', 'redirect_uri');
  });

  it('MST_ERR_AUTH_MISSING_COOKIE_SECRET', () => {
    expectError(loginError(GENERAL.replace(/cookie_secret.*/, '') + PROVIDER), 'MST_ERR_AUTH_MISSING_COOKIE_SECRET', 'cookie_secret');
  });

  it('MST_ERR_AUTH_UNKNOWN_PROVIDER lists the configured providers', () => {
    const toml = `${GENERAL}\n[auth.google]${PROVIDER}\n[auth.okta]${PROVIDER}`;
    expectError(loginError(toml, 'github'), 'MST_ERR_AUTH_UNKNOWN_PROVIDER', '"github"', 'google, okta');
  });

  it('MST_ERR_AUTH_PROVIDER_KEYS lists which keys are missing', () => {
    const error = loginError(`${GENERAL}\n[auth.google]\nclient_id = "id"`, 'google');
    expectError(error, 'MST_ERR_AUTH_PROVIDER_KEYS', '"google"', 'auth.google', 'client_secret, server_metadata_url');
    expect(error.message).not.toContain('client_id,');
    expectError(loginError(GENERAL), 'MST_ERR_AUTH_PROVIDER_KEYS', 'client_id, client_secret, server_metadata_url');
  });

  it('MST_ERR_AUTH_PROVIDER_NAME refuses "_" in a provider name', () => {
    expectError(loginError(`${GENERAL}\n[auth.my_google]${PROVIDER}`, 'my_google'), 'MST_ERR_AUTH_PROVIDER_NAME', '"my_google"');
  });

  it('MST_ERR_AUTH_EXPOSE_TOKENS', () => {
    expectError(loginError(`${GENERAL}\nexpose_tokens = "refresh"${PROVIDER}`), 'MST_ERR_AUTH_EXPOSE_TOKENS', '"refresh"');
    expect(loginError(`${GENERAL}\nexpose_tokens = ["id", 3]${PROVIDER}`).code).toBe('MST_ERR_AUTH_EXPOSE_TOKENS');
  });

  it('MST_ERR_AUTH_PROVIDER_REQUIRED lists the named providers when st.login() has no argument', () => {
    const toml = `${GENERAL}\n[auth.google]${PROVIDER}\n[auth.okta]${PROVIDER}`;
    expectError(loginError(toml), 'MST_ERR_AUTH_PROVIDER_REQUIRED', 'google, okta', 'st.login("google")');
  });

  it('MST_ERR_AUTH_BAD_VALUE for a wrong type or shape', () => {
    expectError(loginError(GENERAL.replace('"http://localhost:8501/oauth2callback"', '"localhost/cb"') + PROVIDER), 'MST_ERR_AUTH_BAD_VALUE', 'auth.redirect_uri');
    expectError(loginError(`${GENERAL}\nclient_id = 3\nclient_secret = "s"\nserver_metadata_url = "https://x/"`), 'MST_ERR_AUTH_BAD_VALUE', 'auth.client_id');
    expectError(loginError(`${GENERAL}\ncookie_max_age_days = 0${PROVIDER}`), 'MST_ERR_AUTH_BAD_VALUE', 'auth.cookie_max_age_days');
    expectError(loginError(`${GENERAL}${PROVIDER}\nclient_kwargs = { scope = "email" }`), 'MST_ERR_AUTH_BAD_VALUE', 'auth.client_kwargs.scope', 'openid');
    expectError(loginError(`${GENERAL}${PROVIDER}\nclient_kwargs = { state = "x" }`), 'MST_ERR_AUTH_BAD_VALUE', 'auth.client_kwargs.state');
    expectError(loginError(`${GENERAL}${PROVIDER}\nclient_kwargs = { code_challenge_method = "plain" }`), 'MST_ERR_AUTH_BAD_VALUE', 'S256');
  });

  it('MST_ERR_AUTH_INSECURE_ISSUER allows plain http only on loopback', () => {
    const http = PROVIDER.replace('https://login.example.com', 'http://login.example.com');
    expectError(loginError(GENERAL + http), 'MST_ERR_AUTH_INSECURE_ISSUER', 'http://login.example.com');
    const loopback = PROVIDER.replace('https://login.example.com', 'http://127.0.0.1:9421');
    expect(resolveProvider(readAuthSettings(snapshot(GENERAL + loopback))!, undefined).metadataUrl).toContain('127.0.0.1');
  });

  it('passes on the secrets file\'s own syntax error', () => {
    const error = new MiniStError('MST_ERR_SECRETS_SYNTAX', { file: FILE, line: 3, column: 7, detail: 'x' });
    expect(() => readAuthSettings({ data: {}, error, sourceOf: () => FILE })).toThrow(error);
  });
});
