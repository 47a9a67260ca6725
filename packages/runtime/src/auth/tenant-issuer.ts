/**
 * Issuers with a `{tenantid}` placeholder (Microsoft Entra's `/common` and `/organizations`): an ID
 * token is valid only when its `iss` is the template with the token's own `tid` put in. Keyed on
 * the placeholder wherever it appears, so sovereign clouds and local test providers work too.
 * oidc.ts calls `tenantGrant` instead of openid-client's code grant for such issuers.
 */
import * as client from 'openid-client';
import { MiniStError } from '../errors.js';

const PLACEHOLDER = '{tenantid}';

/** Whether an issuer is a `{tenantid}` template. */
export function isTenantTemplate(issuer: string): boolean {
  return issuer.includes(PLACEHOLDER);
}

export interface TenantGrantOptions {
  /** The discovered metadata; its issuer is the template. */
  metadata: client.ServerMetadata;
  providerName: string;
  /** redirect_uri with the callback's parameters. */
  currentUrl: URL;
  expectations: client.AuthorizationCodeGrantChecks;
  /** A Configuration for `issuer`, with `fetch` as its custom fetch. */
  configuration(issuer: string, fetch: client.CustomFetch): client.Configuration;
}

/**
 * The code exchange for a `{tenantid}` issuer, in two passes through openid-client's public API.
 * Pass one sends the token request and keeps the provider's answer, stopping before validation
 * (the expected issuer depends on the token's `tid`, unknown until then). Pass two validates
 * that same answer, replayed, against the template filled with that `tid`: signature, `iss`,
 * `aud`, `exp`, nonce, all checked by openid-client as for any other provider.
 */
export async function tenantGrant(options: TenantGrantOptions): Promise<{ tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers; config: client.Configuration }> {
  const { metadata, providerName, currentUrl, expectations, configuration } = options;
  const template = metadata.issuer;
  const tokenEndpoint = String(metadata.token_endpoint);
  const issParam = currentUrl.searchParams.get('iss');
  if (issParam !== null) {
    if (!templateMatches(template, issParam)) {
      throw new MiniStError('MST_ERR_AUTH_RESPONSE_INVALID', { provider: providerName, detail: `unexpected "iss" response parameter ${issParam}` });
    }
    currentUrl.searchParams.delete('iss');
  }

  let answer: { status: number; headers: [string, string][]; body: string } | undefined;
  const capture: client.CustomFetch = async (url, options) => {
    const response = await fetch(url, options as RequestInit);
    if (url !== tokenEndpoint || options.method !== 'POST') return response;
    answer = { status: response.status, headers: [...response.headers], body: await response.text() };
    throw new Error('token answer captured');
  };
  try {
    await client.authorizationCodeGrant(configuration(template, capture), currentUrl, expectations);
  } catch (error) {
    if (!answer) throw error;
  }
  const captured = answer!;
  const tid = tenantOf(captured.body);
  const issuer = tid === undefined ? template : template.replaceAll(PLACEHOLDER, tid);
  const replay: client.CustomFetch = async (url, options) =>
    url === tokenEndpoint && options.method === 'POST'
      ? new Response(captured.body, { status: captured.status, headers: captured.headers })
      : fetch(url, options as RequestInit);
  const config = configuration(issuer, replay);
  const tokens = await client.authorizationCodeGrant(config, currentUrl, expectations);
  if (issParam !== null && issParam !== issuer) {
    throw new MiniStError('MST_ERR_AUTH_RESPONSE_INVALID', { provider: providerName, detail: `"iss" response parameter ${issParam} is not the token's issuer ${issuer}` });
  }
  return { tokens, config };
}

/** The unverified `tid` of the ID token in a token response: only used to pick the issuer to verify against. */
function tenantOf(body: string): string | undefined {
  try {
    const idToken = (JSON.parse(body) as { id_token?: unknown }).id_token;
    if (typeof idToken !== 'string') return undefined;
    const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { tid?: unknown };
    // A tenant id is one path segment; anything else cannot make a valid issuer.
    return typeof payload.tid === 'string' && /^[A-Za-z0-9._-]+$/.test(payload.tid) ? payload.tid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `value` is the template with some single path segment in place of `{tenantid}`. */
export function templateMatches(template: string, value: string): boolean {
  const pattern = template.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('[^/?#]+');
  return new RegExp(`^${pattern}/?$`).test(value);
}
