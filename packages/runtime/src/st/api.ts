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
import './charts.js';
import { cacheData, cacheResource, type CacheData, type CacheResource } from './cache.js';
import { queryParams, type QueryParams } from './query-params.js';
import { setPageConfig } from './page-config.js';
// Fragments room: st.fragment, st.dialog (and st.rerun's scope below).
import { makeFragment, type FragmentOptions } from './fragment.js';
import { makeDialog, type DialogDecorator, type DialogOptions } from './dialog.js';
import { currentFragment } from './fragment-scope.js';
import { MiniStError } from '../errors.js';
// Data room: st.dataframe, st.table, st.data_editor, st.column_config.
import './dataframe.js';
import './data-editor.js';
import './media.js';
import './files.js';
import { columnConfig, type ColumnConfigApi } from './column-config.js';
import { navigation, switchPage } from './navigation.js';
import { Page } from './page.js';

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
   * Column settings for `st.dataframe` and `st.data_editor`: `Column`, `TextColumn`,
   * `NumberColumn`, `CheckboxColumn`, `DateColumn`, `DatetimeColumn`, `LinkColumn`.
   * @example st.dataframe(rows, { column_config: { price: st.column_config.NumberColumn("Price", { format: "$%.2f" }) } });
   */
  readonly column_config: ColumnConfigApi = columnConfig;

  /**
   * A page of a multipage app: a function (sync or async) or a module of the app, with its title,
   * icon and URL path inferred from the name unless given.
   * @example
   * const home = st.Page(() => { st.title("Home"); }, { title: "Home", icon: "🏠" });
   * const settings = st.Page(() => import("./pages/settings.ts"));
   */
  readonly Page: typeof Page = Page;

  /**
   * Declare the app's pages (a list, or `{ "Section": [pages] }`) and get the page the address
   * names; call `.run()` on it. The menu is drawn in the sidebar unless `position` says otherwise.
   * @example
   * const pg = st.navigation([st.Page(home), st.Page(() => import("./pages/settings.ts"))]);
   * await pg.run();
   */
  readonly navigation: typeof navigation = navigation;

  /**
   * End this run and show another page of `st.navigation` (an `st.Page`, its URL path or its
   * file path); the address bar follows.
   * @example if (st.button("Go to settings")) st.switch_page("settings");
   */
  readonly switch_page: typeof switchPage = switchPage;

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
   * End this run now and run the script again from the top, or (`scope: "fragment"`, only inside
   * a fragment during a fragment rerun) run just that fragment again.
   * @example if (st.button("Reset")) { st.session_state.count = 0; st.rerun(); }
   * @example if (done) st.rerun({ scope: "fragment" });
   */
  rerun(options: { scope?: 'app' | 'fragment' } = {}): never {
    const context = currentRun('rerun');
    context.checkpoint();
    const scope = options.scope ?? 'app';
    if (scope !== 'app' && scope !== 'fragment') {
      throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'rerun', detail: `scope must be "app" or "fragment", got ${JSON.stringify(scope)}` });
    }
    if (scope === 'fragment') {
      const frame = currentFragment();
      if (!frame || context.scope === null) throw new MiniStError('MST_ERR_RERUN_FRAGMENT_SCOPE');
      context.rerunFragment = frame.id;
    }
    context.requestInterrupt('script_rerun');
    throw new ControlSignal('script_rerun');
  }

  /**
   * Turn a function into a fragment: calling it draws its output in its own container, and a
   * widget inside it reruns only the function (with the arguments of its last call), not the
   * whole script. `run_every` reruns it on a timer while the page is open.
   * @example
   * const counter = st.fragment(() => {
   *   st.session_state.n ??= 0;
   *   if (st.button("+1")) st.session_state.n += 1;
   *   st.write(`n = ${st.session_state.n}`);
   * });
   * counter();
   * @example
   * const clock = st.fragment(() => st.write(new Date().toLocaleTimeString()), { run_every: "1s" });
   * clock();
   */
  fragment<A extends unknown[], R>(fn: (...args: A) => R, options: FragmentOptions = {}): (...args: A) => R {
    return makeFragment(this, fn, options);
  }

  /**
   * A modal dialog: `st.dialog(title)` wraps a function; calling the result opens the dialog with
   * the function drawing its body. Widgets inside rerun only the dialog; `st.rerun()` inside runs
   * the app, which closes it; the person closes it with X, Escape or a click beside it (no rerun).
   * One dialog at a time.
   * @example
   * const vote = st.dialog("Cast your vote")((item: string) => {
   *   const why = st.text_input(`Why ${item}?`);
   *   if (st.button("Submit")) { st.session_state.vote = { item, why }; st.rerun(); }
   * });
   * if (st.button("A")) vote("A");
   */
  dialog(title: string, options: DialogOptions = {}): DialogDecorator {
    return makeDialog(this, title, options);
  }
}

/** The mini-st API, named and shaped like Streamlit's. */
export const st = new StreamlitApi();
