/**
 * The seam between authentication (this folder: routes, cookies, OpenID Connect) and the rest of
 * the runtime. Sessions see a browser's identity and ask for login/logout URLs through these types;
 * nothing outside `auth/` imports openid-client or knows how cookies are sealed.
 */

/** Who a browser is logged in as: the ID token's claims (merged with userinfo), and tokens if exposed. */
export interface UserIdentity {
  /** `sub`, `name`, `email`, … exactly as the provider released them. */
  claims: Record<string, unknown>;
  /** Present only when `[auth] expose_tokens` asks for them. */
  tokens: { id?: string; access?: string };
}

/** What the server learned about a WebSocket's browser when it accepted the socket. */
export interface BrowserIdentity {
  /** The logged-in user, or null (no cookie, expired, tampered, or sealed with another secret). */
  user: UserIdentity | null;
  /** A random id of this browser (its own cookie), binding login/logout URLs and grouping tabs. */
  browserId: string;
}

/** What sessions use to log a browser in and out. */
export interface AuthGateway {
  /**
   * Check, synchronously and inside a script run, that `st.login(provider)` can work: throws a
   * `MiniStError` with the configuration error's code (no [auth], missing key, unknown provider…).
   */
  checkLogin(provider: string | undefined): void;
  /** Where the browser goes for `st.login(provider)`; it comes back to `page` (a same-origin path). */
  loginUrl(options: { provider: string | undefined; page: string; browserId: string }): string;
  /** Where the browser goes for `st.logout()`; it comes back to `page`. */
  logoutUrl(options: { page: string; browserId: string }): string;
  /**
   * Subscribe to identity changes of a browser: a login finished (`user` is who logged in) or a
   * logout (`user` is null). Other tabs of that browser take the new identity at once. Returns
   * an unsubscribe function.
   */
  onIdentityChange(listener: (browserId: string, user: UserIdentity | null) => void): () => void;
}
