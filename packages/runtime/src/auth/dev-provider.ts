/**
 * A real OpenID provider for development and tests, on 127.0.0.1, built on `oidc-provider`
 * (loaded only when started: an optional peer dependency of the installed mini-st, so a missing
 * package is MST_ERR_DEV_PROVIDER_MISSING, saying what to install). Its login form takes any password; a few demo users have names
 * and emails, and any other login becomes a user of that name. PKCE is required, consent is
 * implied for its clients, and `prompt=select_account` (Streamlit's default) shows the login form.
 *
 * Started by `mini-st auth dev-provider` (which prints the matching `[auth]` table), by the
 * tests, and by `mini-st run` itself when a provider's `server_metadata_url` is this provider's
 * fixed address and nothing answers there (`ensureDevProvider`): that is how the demo logs in on
 * a fresh machine with one command. Its values are for localhost only.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { MiniStError } from '../errors.js';

/** The fixed port of the development provider (the repository's secrets.toml points here). */
export const DEV_PROVIDER_PORT = 9421;
/** The client the repository's `.streamlit/secrets.toml` uses. Localhost only: never reuse. */
export const DEV_CLIENT = { client_id: 'mini-st-demo', client_secret: 'mini-st-demo-secret-for-localhost-only' } as const;

/** Demo users: log in as `alice`, `bob` or `carol` (or their emails), with any password. */
export const DEMO_USERS: Readonly<Record<string, { name: string; given_name: string; family_name: string; email: string }>> = {
  alice: { name: 'Alice Liddell', given_name: 'Alice', family_name: 'Liddell', email: 'alice@example.com' },
  bob: { name: 'Bob Kahn', given_name: 'Bob', family_name: 'Kahn', email: 'bob@example.com' },
  carol: { name: 'Carol Shaw', given_name: 'Carol', family_name: 'Shaw', email: 'carol@example.com' },
};

/** A client of the provider (oidc-provider client metadata). */
export interface DevClient {
  client_id: string;
  client_secret: string;
  /** Defaults: http://localhost/oauth2callback and http://127.0.0.1/oauth2callback, any port. */
  redirect_uris?: string[];
  post_logout_redirect_uris?: string[];
  token_endpoint_auth_method?: string;
  [key: string]: unknown;
}

export interface DevProviderOptions {
  /** 0 for any free port; default DEV_PROVIDER_PORT. */
  port?: number;
  /** Issuer path, e.g. "/tenant-1/v2.0" (tests of Entra-like issuers). */
  issuerPath?: string;
  /** Clients; default the demo client. */
  clients?: DevClient[];
  /** Private JWKs to sign with (tests that re-sign tokens); default a fresh RSA key. */
  jwks?: { keys: Record<string, unknown>[] };
  /** Put profile claims in the ID token too (as Entra does), not only at userinfo. */
  idTokenProfileClaims?: boolean;
  /** More claims for an account (e.g. Entra's `tid`), released with the `openid` scope. */
  extraClaims?: (accountId: string) => Record<string, unknown>;
  /** Keep oidc-provider's notices off the console (default true). */
  quiet?: boolean;
}

/** A running provider. */
export interface DevProvider {
  issuer: string;
  /** `<issuer>/.well-known/openid-configuration`. */
  metadataUrl: string;
  port: number;
  /** The `[auth]` table that logs in against this provider (for its first client). */
  authTable(options?: { redirectUri?: string; cookieSecret?: string }): string;
  close(): Promise<void>;
}

/**
 * Starts a provider on 127.0.0.1.
 *
 * @example
 * const idp = await startDevProvider({ port: 0 });
 * console.log(idp.authTable());
 * await idp.close();
 */
export async function startDevProvider(options: DevProviderOptions = {}): Promise<DevProvider> {
  const server = createServer();
  // Listen first: the issuer must name the port, which may be chosen by the OS.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEV_PROVIDER_PORT, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  const issuerPath = (options.issuerPath ?? '').replace(/\/$/, '');
  const issuer = `http://127.0.0.1:${port}${issuerPath}`;
  const clients = (options.clients ?? [DEV_CLIENT]).map(clientMetadata);
  let provider: import('oidc-provider').default;
  try {
    provider = await quietly(options.quiet ?? true, async () => {
      const { default: Provider, interactionPolicy } = await loadOidcProvider();
      const policy = interactionPolicy.base();
      // Consent is implied (see loadExistingGrant); by default native clients are asked every time.
      policy.get('consent').checks.remove('native_client_prompt');
      return new Provider(issuer, { ...configuration(options, clients), interactions: { policy } });
    });
  } catch (error) {
    server.close();
    throw error;
  }
  const handle = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = selectAccountMeansLogin(request.url ?? '/', issuerPath);
    request.url = url;
    if (issuerPath && (url === issuerPath || url.startsWith(`${issuerPath}/`) || url.startsWith(`${issuerPath}?`))) {
      // oidc-provider finds its mount path from originalUrl.
      (request as IncomingMessage & { originalUrl?: string }).originalUrl = url;
      request.url = url.slice(issuerPath.length) || '/';
    } else if (issuerPath) {
      response.writeHead(404).end();
      return;
    }
    handle(request, response);
  });
  server.keepAliveTimeout = 1000;

  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    port,
    authTable({ redirectUri = 'http://localhost:8501/oauth2callback', cookieSecret = randomBytes(32).toString('hex') } = {}) {
      const client = clients[0]!;
      return [
        '[auth]',
        `redirect_uri = ${JSON.stringify(redirectUri)}`,
        `cookie_secret = ${JSON.stringify(cookieSecret)}`,
        `client_id = ${JSON.stringify(client.client_id)}`,
        `client_secret = ${JSON.stringify(client.client_secret)}`,
        `server_metadata_url = ${JSON.stringify(`${issuer}/.well-known/openid-configuration`)}`,
      ].join('\n');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let autoStarted: Promise<DevProvider | undefined> | undefined;

/**
 * Before discovery at `metadataUrl`: when it is the development provider's fixed address and
 * nothing listens there, start the provider in this process (once). Any other URL: nothing.
 */
export async function ensureDevProvider(metadataUrl: URL, log: (message: string) => void): Promise<void> {
  const isDev =
    metadataUrl.protocol === 'http:' &&
    (metadataUrl.hostname === '127.0.0.1' || metadataUrl.hostname === 'localhost') &&
    Number(metadataUrl.port) === DEV_PROVIDER_PORT;
  if (!isDev || (await listening(DEV_PROVIDER_PORT))) return;
  autoStarted ??= startDevProvider().then(
    (provider) => {
      log(`Started the development identity provider at ${provider.issuer} (demo users: ${Object.keys(DEMO_USERS).join(', ')}; any password).`);
      return provider;
    },
    (error: unknown) => {
      autoStarted = undefined;
      // A missing package is the user's to fix: the login error page says what to install.
      if (error instanceof MiniStError && error.code === 'MST_ERR_DEV_PROVIDER_MISSING') throw error;
      log(`Could not start the development identity provider: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    },
  );
  await autoStarted;
}

/**
 * Loads `oidc-provider`, or throws MST_ERR_DEV_PROVIDER_MISSING when it is not installed (it is
 * an optional peer dependency). `load` is for tests.
 *
 * @example
 * const { default: Provider } = await loadOidcProvider();
 */
export async function loadOidcProvider(
  load: () => Promise<typeof import('oidc-provider')> = () => import('oidc-provider'),
): Promise<typeof import('oidc-provider')> {
  try {
    return await load();
  } catch (error) {
    const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
    const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String(message).includes("'oidc-provider'");
    if (missing) throw new MiniStError('MST_ERR_DEV_PROVIDER_MISSING', {}, { cause: error });
    throw error;
  }
}

/** Whether the development provider can start here (`oidc-provider` is installed). */
export async function devProviderAvailable(): Promise<boolean> {
  return quietly(true, () => loadOidcProvider()).then(
    () => true,
    () => false,
  );
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function clientMetadata(client: DevClient): DevClient {
  return {
    // "native" lets loopback redirect URIs match on any port (RFC 8252), so `{port}` works.
    application_type: 'native',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: ['http://localhost/oauth2callback', 'http://127.0.0.1/oauth2callback'],
    post_logout_redirect_uris: ['http://localhost/', 'http://127.0.0.1/'],
    ...client,
  };
}

function configuration(options: DevProviderOptions, clients: DevClient[]): Record<string, unknown> {
  const extra = options.extraClaims;
  return {
    clients,
    ...(options.jwks ? { jwks: options.jwks } : {}),
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    // Seconds; set so oidc-provider does not print a notice about each default.
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Grant: 14 * 86_400, Session: 14 * 86_400 },
    conformIdTokenClaims: !options.idTokenProfileClaims,
    claims: {
      openid: ['sub', ...Object.keys(extra?.('x') ?? {})],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({ sub: id, ...profileOf(id), ...(extra?.(id) ?? {}) }),
    }),
    // Consent is implied: the demo goes from the login form straight back to the app.
    async loadExistingGrant(ctx: { oidc: any }) {
      const { oidc } = ctx;
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope(String(oidc.params.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    renderError(ctx: { type: string; body: unknown }, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = page('Error', `<h1>${escape(out.error ?? 'error')}</h1><p>${escape(out.error_description ?? '')}</p>`);
    },
  };
}

function profileOf(login: string): Record<string, unknown> {
  const id = login.trim().toLowerCase();
  const known = DEMO_USERS[id] ?? DEMO_USERS[id.split('@')[0] ?? ''];
  if (known) return { ...known, email_verified: true, preferred_username: id.split('@')[0] };
  const name = id.split('@')[0] || 'user';
  return { name, email: id.includes('@') ? id : `${id}@example.com`, email_verified: false, preferred_username: name };
}

/**
 * Streamlit asks for `prompt=select_account`, which oidc-provider does not know; here the login
 * form is how one picks an account, so it becomes `prompt=login` (before oidc-provider sees the URL).
 */
function selectAccountMeansLogin(url: string, issuerPath: string): string {
  if (!url.startsWith(`${issuerPath}/auth?`)) return url;
  const parsed = new URL(url, 'http://dev.invalid');
  const prompt = parsed.searchParams.get('prompt');
  if (!prompt?.split(' ').includes('select_account')) return url;
  parsed.searchParams.set('prompt', [...new Set(prompt.split(' ').map((p) => (p === 'select_account' ? 'login' : p)))].join(' '));
  return parsed.pathname + parsed.search;
}

/** RP-initiated logout without a question: the app already asked (its "Log out" button). */
async function logoutSource(ctx: { body: unknown }, form: string): Promise<void> {
  ctx.body = page(
    'Signing out',
    `${form}<input type="hidden" form="op.logoutForm" name="logout" value="yes"><p>Signing out…</p>` +
      '<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>' +
      '<script>document.getElementById("op.logoutForm").submit()</script>',
  );
}

async function postLogoutSuccessSource(ctx: { body: unknown }): Promise<void> {
  ctx.body = page('Signed out', '<h1>Signed out</h1><p>You are signed out of the development provider.</p>');
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Runs `fn` with oidc-provider's own console notices filtered out (they are for its integrators). */
async function quietly<T>(enabled: boolean, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const { info, warn } = console;
  const filter =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider ')) return;
      write(...args);
    };
  console.info = filter(info);
  console.warn = filter(warn);
  try {
    return await fn();
  } finally {
    console.info = info;
    console.warn = warn;
  }
}
