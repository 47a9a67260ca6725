/**
 * The `st` object users import: the root `DeltaGenerator` (elements, widgets, containers) plus
 * what belongs to the whole app: the sidebar, session state, `st.stop()` and `st.rerun()`.
 */
import { ControlSignal } from '../runner/control.js';
import { currentRun } from '../runner/run-context.js';
import { DeltaGenerator, RootDeltaGenerator } from './delta-generator.js';
import { secrets, type Secrets } from './secrets.js';
import { sessionState, type SessionState } from './session-state.js';
import { experimentalUser, type UserInfo } from './user.js';
import { SIDEBAR_TARGET } from './target.js';
import { toast } from './status.js';
import './metric.js';
import './chat.js';
import './pickers.js';
import './choices.js';
import { cacheData, cacheResource, type CacheData, type CacheResource } from './cache.js';
import { queryParams, type QueryParams } from './query-params.js';
import { setPageConfig } from './page-config.js';

export class StreamlitApi extends RootDeltaGenerator {
  /**
   * The sidebar: the same methods, drawn in a panel at the left.
   * @example st.sidebar.selectbox("Page", ["Home", "About"]);
   */
  readonly sidebar: DeltaGenerator = new DeltaGenerator(SIDEBAR_TARGET);

  /**
   * State that lives as long as the browser tab's session, across reruns.
   * @example
   * st.session_state.count ??= 0;
   * if (st.button("+1")) st.session_state.count += 1;
   */
  readonly session_state: SessionState = sessionState;

  /**
   * Who is logged in: `is_logged_in`, then the ID token's claims (`name`, `email`, `sub`, …) by
   * attribute or key, `to_dict()`, and `tokens` when `[auth] expose_tokens` asks for them.
   * Read-only. False `is_logged_in` until a login completes (and always without `[auth]`).
   * @example
   * if (!st.experimental_user.is_logged_in) st.button("Log in", { on_click: st.login });
   * else st.header(`Welcome, ${st.experimental_user.name}!`);
   */
  readonly experimental_user: UserInfo = experimentalUser;

  /** The same object as `st.experimental_user` (Streamlit's newer name). */
  readonly user: UserInfo = experimentalUser;

  /**
   * `.streamlit/secrets.toml` (over `~/.streamlit/secrets.toml`): read-only, attribute and key
   * access, reloaded when the file changes.
   * @example const password = st.secrets.db.password;
   */
  readonly secrets: Secrets = secrets;

  /**
   * Send the browser to the identity provider to log in. After the provider's callback the page
   * comes back where it was, in a new run that sees `st.experimental_user`. With named providers
   * in `[auth.<name>]`, pass the name. A function property, so `{ on_click: st.login }` works.
   * @example st.button("Log in", { on_click: st.login });
   * @example if (st.button("Log in with Google")) st.login("google");
   */
  readonly login = (provider?: string): void => {
    const context = currentRun('login');
    context.checkpoint();
    context.login(typeof provider === 'string' ? provider : undefined);
  };

  /**
   * Log the user out: the session forgets the user at once, the identity cookie is cleared, and
   * the provider's own logout runs when it offers one.
   * @example st.button("Log out", { on_click: st.logout });
   */
  readonly logout = (): void => {
    const context = currentRun('logout');
    context.checkpoint();
    context.logout();
  };

  /**
   * A short message in the bottom corner of the window, gone after a few seconds.
   * @example st.toast("Saved!", { icon: "✅" });
   */
  readonly toast: typeof toast = toast;

  /**
   * Cache what a function returns, by its source and its (deeply compared) arguments; callers get
   * copies. Caches live per worker thread. `st.cache_data.clear()` empties every one.
   * @example
   * const load = st.cache_data(async (url: string) => (await fetch(url)).json(), { ttl: 600 });
   */
  readonly cache_data: CacheData = cacheData;

  /**
   * Cache a shared object (a client, a model) by the function's source and its arguments; every
   * caller gets the same object. Caches live per worker thread.
   * @example const db = st.cache_resource(() => connect(st.secrets.db.url));
   */
  readonly cache_resource: CacheResource = cacheResource;

  /**
   * The page address's query parameters: read, assign and `delete` keys; the address bar follows
   * without a reload, and back/forward bring earlier values back.
   * @example
   * const tab = st.query_params.tab ?? "home";
   * st.query_params.tab = "settings";
   */
  readonly query_params: QueryParams = queryParams;

  /**
   * Configure the page: the tab's title and icon, the layout ("wide" or "centered") and whether
   * the sidebar starts open.
   * @example st.set_page_config({ page_title: "Sales", page_icon: "📈", layout: "wide" });
   */
  readonly set_page_config: typeof setPageConfig = setPageConfig;

  /**
   * End this run here, as if the script had finished. Nothing after it runs.
   * @example if (!name) { st.warning("Enter a name"); st.stop(); }
   */
  stop(): never {
    const context = currentRun('stop');
    context.checkpoint();
    context.requestInterrupt('script_stop');
    throw new ControlSignal('script_stop');
  }

  /**
   * End this run now and run the script again from the top.
   * @example if (st.button("Reset")) { st.session_state.count = 0; st.rerun(); }
   */
  rerun(): never {
    const context = currentRun('rerun');
    context.checkpoint();
    context.requestInterrupt('script_rerun');
    throw new ControlSignal('script_rerun');
  }
}

/** The mini-st API, named and shaped like Streamlit's. */
export const st = new StreamlitApi();
