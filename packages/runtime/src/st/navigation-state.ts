/**
 * What one session remembers for `st.navigation` between runs: the page the address asks for
 * (set by the session from the page's URL, or by `st.switch_page`) and the pages of the last
 * `st.navigation` call (which `st.switch_page` and `st.page_link` look names up in).
 */
import type { StreamlitPage } from './page.js';

export class NavigationState {
  /** The page's path under the app's base: "" (the default page) or e.g. "settings". */
  urlPath = '';
  /** Set by `st.switch_page`: the next `st.navigation` makes a new history entry for the page. */
  switched = false;
  /** The pages of the last `st.navigation` call, the default one included. */
  pages: readonly StreamlitPage[] = [];
}
