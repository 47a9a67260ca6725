/**
 * OpenID Connect through openid-client 6 (only this file and tenant-issuer.ts import it). Discovery runs once
 * per provider (cached; a failure is retried at the next login); each login gets a fresh PKCE
 * S256 verifier, state and nonce; the callback exchanges the code with every expectation passed
 * and ID-token signatures verified (non-repudiation checks). Every openid-client failure leaves
 * here as one of our MST_ERR_AUTH_* codes, with the original as `cause`.
 *
 * Microsoft Entra's multi-tenant metadata (`/common`, `/organizations`) names its issuer with a
 * literal `{tenantid}`; a token's `iss` must equal that template with the token's own `tid` put
 * in. openid-client handles this only for login.microsoftonline.com, so we do it wherever the
 * placeholder appears (sovereign clouds, local test providers): see tenant-issuer.ts.
 */
import * as client from 'openid-client';
import { MiniStError } from '../errors.js';
import { isLoopbackHost, type ProviderSettings } from './config.js';
import { isTenantTemplate, templateMatches, tenantGrant } from './tenant-issuer.js';

/** What a login needs to remember until the callback (kept in the login-state cookie). */
export interface LoginChecks {
  state: string;
  nonce: string;
  /** PKCE code verifier. */
  verifier: string;
}

/** Who logged in. */
export interface LoginResult {
  /** The ID token's claims, merged with userinfo when the ID token carried no profile claims. */
  claims: Record<string, unknown>;
  idToken: string;
  accessToken: string | undefined;
}

export interface OidcOptions {
  /** Seconds any request to a provider may take. */
  timeoutSeconds?: number;
  /** Runs before a provider's first discovery (the CLI starts the dev provider here). */
  beforeDiscovery?: (metadataUrl: URL) => Promise<void>;
}

interface Discovered {
  metadata: client.ServerMetadata;
  /** The issuer holds `{tenantid}` (Entra multi-tenant). */
  template: boolean;
  /** Loopback http provider: openid-client must be told to allow http. */
  insecure: boolean;
  /** Builds URLs; for non-template issuers also does the code exchange and userinfo. */
  config: client.Configuration;
  /** Template issuers: the JWKS cache shared by the per-login configurations. */
  jwks?: client.ExportedJWKSCache;
}

/** Claims that show the ID token already describes the person (else ask userinfo). */
const PROFILE_CLAIMS = ['name', 'email', 'preferred_username', 'given_name', 'family_name', 'nickname'];

/** The OpenID side of login and logout, for any number of providers. */
export class OidcClient {
  private readonly discovered = new Map<string, Promise<Discovered>>();
  private readonly timeout: number;
  private readonly beforeDiscovery: OidcOptions['beforeDiscovery'];

  constructor(options: OidcOptions = {}) {
    this.timeout = options.timeoutSeconds ?? 15;
    this.beforeDiscovery = options.beforeDiscovery;
  }

  /** Start discovery early (from `st.login()`), so the login route does not wait for it. */
  prefetch(provider: ProviderSettings): void {
    this.discover(provider).catch(() => undefined);
  }

  /**
   * The provider's authorization URL for a fresh login, and what the callback must check.
   *
   * @example
   * const { url, checks } = await oidc.startLogin(provider, 'http://localhost:8501/oauth2callback');
   */
  async startLogin(provider: ProviderSettings, redirectUri: string): Promise<{ url: URL; checks: LoginChecks }> {
    const found = await this.discover(provider);
    const checks: LoginChecks = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(found.config, {
      ...provider.authParams,
      redirect_uri: redirectUri,
      response_type: 'code',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
    });
    return { url, checks };
  }

  /**
   * Finish a login from the callback's parameters (query, or form body for form_post): validate
   * the response, exchange the code, validate the ID token, merge userinfo when needed.
   */
  async finishLogin(provider: ProviderSettings, redirectUri: string, params: URLSearchParams, checks: LoginChecks): Promise<LoginResult> {
    const found = await this.discover(provider);
    // The URL the provider redirected to is redirect_uri itself: use it rather than the request's
    // own URL, which differs behind a proxy and would break the token request's redirect_uri.
    const currentUrl = new URL(redirectUri);
    for (const [name, value] of params) currentUrl.searchParams.append(name, value);
    const expectations = {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    };
    let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    let config = found.config;
    try {
      if (found.template) {
        ({ tokens, config } = await tenantGrant({
          metadata: found.metadata,
          providerName: provider.name,
          currentUrl,
          expectations,
          configuration: (issuer, fetch) => this.configuration(found, provider, issuer, fetch),
        }));
        found.jwks = client.getJwksCache(config) ?? found.jwks;
      } else {
        tokens = await client.authorizationCodeGrant(config, currentUrl, expectations);
      }
    } catch (error) {
      throw wrapGrantError(error, provider);
    }
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new MiniStError('MST_ERR_AUTH_ID_TOKEN', { provider: provider.name, detail: 'no ID token' });
    const claims: Record<string, unknown> = { ...idClaims };
    for (const name of ['nonce', 'at_hash', 'c_hash', 's_hash']) delete claims[name];

    const describesPerson = PROFILE_CLAIMS.some((name) => claims[name] !== undefined);
    if (!describesPerson && found.metadata.userinfo_endpoint && tokens.access_token) {
      try {
        // fetchUserInfo refuses a userinfo `sub` other than the ID token's.
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        // The signed ID token wins over userinfo where both speak.
        Object.assign(claims, { ...info, ...claims });
      } catch (error) {
        throw new MiniStError('MST_ERR_AUTH_USERINFO', { provider: provider.name, detail: describe(error) }, { cause: error });
      }
    }
    return { claims, idToken: tokens.id_token, accessToken: tokens.access_token };
  }

  /**
   * RP-initiated logout: the provider's end-session URL, or undefined when it has none (or
   * discovery fails: logging out locally must never depend on the provider being up).
   */
  async logoutUrl(provider: ProviderSettings, options: { postLogoutRedirectUri: string; idTokenHint?: string }): Promise<URL | undefined> {
    const found = await this.discover(provider).catch(() => undefined);
    if (!found?.metadata.end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(found.config, {
      client_id: provider.clientId,
      post_logout_redirect_uri: options.postLogoutRedirectUri,
      ...(options.idTokenHint ? { id_token_hint: options.idTokenHint } : {}),
    });
  }

  private discover(provider: ProviderSettings): Promise<Discovered> {
    const key = JSON.stringify([provider.metadataUrl, provider.clientId, provider.clientSecret, provider.tokenEndpointAuthMethod]);
    let found = this.discovered.get(key);
    if (!found) {
      found = this.runDiscovery(provider);
      this.discovered.set(key, found);
      // A provider that was down is asked again at the next login.
      found.catch(() => this.discovered.delete(key));
    }
    return found;
  }

  private async runDiscovery(provider: ProviderSettings): Promise<Discovered> {
    const url = new URL(provider.metadataUrl);
    const insecure = url.protocol === 'http:';
    const fail = (detail: string, cause?: unknown) =>
      new MiniStError('MST_ERR_AUTH_DISCOVERY', { provider: provider.name, url: url.href, detail }, { cause });
    let metadata: client.ServerMetadata;
    try {
      await this.beforeDiscovery?.(url);
      const discovered = await client.discovery(url, provider.clientId, provider.clientSecret, undefined, {
        execute: insecure ? [client.allowInsecureRequests] : [],
        timeout: this.timeout,
      });
      metadata = discovered.serverMetadata();
    } catch (error) {
      // Given an issuer URL (not a well-known one), openid-client refuses a metadata issuer that
      // differs; a `{tenantid}` template that matches the URL is Entra's normal answer.
      const body = (error as { cause?: { body?: client.ServerMetadata } }).cause?.body;
      if (body?.issuer && isTenantTemplate(body.issuer) && templateMatches(body.issuer, url.href)) metadata = body;
      else throw fail(describe(error), error);
    }
    for (const name of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint', 'end_session_endpoint'] as const) {
      const endpoint = metadata[name];
      if (endpoint === undefined) {
        if (name === 'authorization_endpoint' || name === 'token_endpoint' || name === 'jwks_uri') throw fail(`the metadata has no ${name}`);
        continue;
      }
      const parsed = URL.parse(String(endpoint));
      if (!parsed || (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)))) {
        throw fail(`${name} ${String(endpoint)} is not https`);
      }
    }
    const template = isTenantTemplate(metadata.issuer);
    const found: Discovered = { metadata, template, insecure, config: undefined as unknown as client.Configuration };
    found.config = this.configuration(found, provider, metadata.issuer);
    return found;
  }

  /** A Configuration for one issuer (the discovered one, or a template filled with a `tid`). */
  private configuration(found: Discovered, provider: ProviderSettings, issuer: string, fetch?: client.CustomFetch): client.Configuration {
    const metadata: client.ServerMetadata = {
      ...found.metadata,
      issuer,
      // Entra sends no `iss` response parameter; a provider that does is checked by templateGrant.
      ...(found.template ? { authorization_response_iss_parameter_supported: false } : {}),
    };
    const config = new client.Configuration(metadata, provider.clientId, provider.clientSecret, clientAuth(provider, found.metadata));
    if (found.insecure) client.allowInsecureRequests(config);
    client.enableNonRepudiationChecks(config);
    config.timeout = this.timeout;
    if (fetch) config[client.customFetch] = fetch;
    if (found.jwks) client.setJwksCache(config, found.jwks);
    return config;
  }

}

/** How the client authenticates at the token endpoint: as configured, else as Authlib (Streamlit) does. */
function clientAuth(provider: ProviderSettings, metadata: client.ServerMetadata): client.ClientAuth {
  const supported = metadata.token_endpoint_auth_methods_supported;
  const method =
    provider.tokenEndpointAuthMethod ??
    (!supported || supported.includes('client_secret_basic') || !supported.includes('client_secret_post') ? 'client_secret_basic' : 'client_secret_post');
  switch (method) {
    case 'client_secret_basic':
      return client.ClientSecretBasic(provider.clientSecret);
    case 'client_secret_post':
      return client.ClientSecretPost(provider.clientSecret);
    case 'client_secret_jwt':
      return client.ClientSecretJwt(provider.clientSecret);
    case 'none':
      return client.None();
  }
}

/** openid-client's error, sorted into the step of the login that failed. */
function wrapGrantError(error: unknown, provider: ProviderSettings): MiniStError {
  if (error instanceof MiniStError) return error;
  const params = { provider: provider.name, detail: describe(error) };
  if (error instanceof client.AuthorizationResponseError) {
    const description = error.error_description ? ` (${error.error_description})` : '';
    return new MiniStError('MST_ERR_AUTH_PROVIDER_ERROR', { provider: provider.name, error: error.error, description }, { cause: error });
  }
  if (error instanceof client.ResponseBodyError) return new MiniStError('MST_ERR_AUTH_TOKEN_EXCHANGE', params, { cause: error });
  // openid-client says "invalid response encountered" and keeps the precise check in `cause`.
  const message = params.detail;
  const code = (error as { code?: string }).code ?? '';
  if (/response parameter|authorization code/i.test(message)) {
    return new MiniStError('MST_ERR_AUTH_RESPONSE_INVALID', params, { cause: error });
  }
  if (/JWT|ID Token|verification key/.test(message) || code.startsWith('OAUTH_JWT') || code === 'OAUTH_KEY_SELECTION_FAILED') {
    return new MiniStError('MST_ERR_AUTH_ID_TOKEN', params, { cause: error });
  }
  return new MiniStError('MST_ERR_AUTH_TOKEN_EXCHANGE', params, { cause: error });
}

/** The message of an error and of its causes, for the error page and the log. */
function describe(error: unknown): string {
  if (error instanceof client.ResponseBodyError) {
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''} (HTTP ${error.status})`;
  }
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 3; depth++) {
    if (!parts.includes(current.message) && current.message !== 'something went wrong') parts.push(current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}
