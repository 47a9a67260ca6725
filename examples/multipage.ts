/**
 * A multipage app: `st.navigation` with function pages and module pages, sections, a page link,
 * `st.switch_page`, and state that outlives a page switch. Each page has its own address
 * (`/`, `/second`, `/settings`, `/report`); back and forward work. Also the fixture of
 * e2e/navigation.test.ts.
 *
 *   mini-st run examples/multipage.ts
 */
import { st } from "mini-st";

// Outside any page: runs on every page, and its state is shared by all of them.
st.session_state.runs = ((st.session_state.runs as number | undefined) ?? 0) + 1;

function home() {
  st.title("Home");
  st.write("Every page of this app has its own address. Pick one in the sidebar, or:");
  st.page_link("pages/settings.ts", { label: "Open the settings", icon: "⚙️" });
  if (st.button("Go to the second page", { type: "primary" })) st.switch_page("second");
  // A widget of this page: its value is dropped when the person leaves the page, as in Streamlit.
  const note = st.text_input("A note on this page");
  if (note) st.write(`Your note: ${note}`);
}

function second() {
  st.title("Second page");
  st.write(`This session ran the script ${st.session_state.runs} times (session_state survives page switches).`);
  if (st.button("Back home")) st.switch_page(homePage);
}

const homePage = st.Page(home, { title: "Home", icon: "🏠" });

const pg = st.navigation({
  "": [homePage, st.Page(second, { title: "Second page", icon: "📄" })],
  "Module pages": [st.Page("pages/settings.ts", { title: "Settings", icon: "⚙️" }), st.Page(() => import("./pages/report.ts"), { icon: "📊" })],
});
st.sidebar.caption("This caption is drawn outside pg.run(): every page shows it.");
await pg.run();
