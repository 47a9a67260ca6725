/**
 * `st.experimental_user` (alias `st.user`): who is logged in for the run that reads it, taken
 * from the run context (`currentRun(…).user`, which the session fills from the identity cookie
 * read by the auth plugin). Read-only: attribute and key access to every claim, `is_logged_in`,
 * `to_dict()`, and `tokens` when `[auth] expose_tokens` asks for them.
 */
import { MiniStError } from '../errors.js';
import { currentRun } from '../runner/run-context.js';
import type { UserIdentity } from '../auth/types.js';

/**
 * The logged-in user, as the provider described them. Common OpenID claims are typed; any other
 * claim (`groups`, `tid`, `hd`…) is readable by name as `unknown`.
 *
 * @example
 * if (!st.experimental_user.is_logged_in) st.button("Log in", { on_click: st.login });
 * else st.write(`Hello ${st.experimental_user.name} <${st.experimental_user["email"]}>`);
 */
export interface UserInfo {
  /** True once the browser came back from a successful login; false otherwise (also without [auth]). */
  readonly is_logged_in: boolean;
  readonly sub?: string;
  readonly name?: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly given_name?: string;
  readonly family_name?: string;
  readonly preferred_username?: string;
  readonly picture?: string;
  readonly locale?: string;
  /** The issuer and audience of the ID token. */
  readonly iss?: string;
  readonly aud?: string | string[];
  /** Microsoft Entra: tenant and object ids. */
  readonly tid?: string;
  readonly oid?: string;
  /** The raw tokens, present only when `[auth] expose_tokens` names them. */
  readonly tokens: { readonly id?: string; readonly access?: string };
  /** `is_logged_in` and every claim, as a plain object. */
  to_dict(): Record<string, unknown>;
  readonly [claim: string]: unknown;
}

const NO_TOKENS = Object.freeze({});

function user(): UserIdentity | null {
  return currentRun('experimental_user').user;
}

function fields(identity: UserIdentity | null): Record<string, unknown> {
  return identity ? { ...identity.claims, is_logged_in: true } : { is_logged_in: false };
}

const readOnly = (): never => {
  throw new MiniStError('MST_ERR_READ_ONLY', { what: 'st.experimental_user' });
};

/** The `st.experimental_user` / `st.user` object. */
export const experimentalUser: UserInfo = new Proxy({} as UserInfo, {
  get(_target, property) {
    if (typeof property === 'symbol') return undefined;
    if (property === 'to_dict') return () => structuredClone(fields(user()));
    if (property === 'tokens') return Object.freeze({ ...(user()?.tokens ?? NO_TOKENS) });
    const current = fields(user());
    return Object.hasOwn(current, property) ? current[property] : undefined;
  },
  has: (_target, property) => typeof property === 'string' && Object.hasOwn(fields(user()), property),
  ownKeys: () => Object.keys(fields(user())),
  getOwnPropertyDescriptor(_target, property) {
    const current = fields(user());
    if (typeof property !== 'string' || !Object.hasOwn(current, property)) return undefined;
    return { value: current[property], writable: false, enumerable: true, configurable: true };
  },
  set: readOnly,
  deleteProperty: readOnly,
  defineProperty: readOnly,
  setPrototypeOf: readOnly,
});
