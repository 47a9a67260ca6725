/**
 * `mini-st hello`: the demo a new user sees first. One app, four sections chosen in the sidebar:
 * a welcome, the widgets, a tour of the layouts, and login against the development identity
 * provider. It is an ordinary mini-st script: copy it, or start your own with `mini-st init`.
 */
import { st } from "mini-st";

const SECTIONS = ["Welcome", "Widgets", "Layout", "Login"] as const;

st.sidebar.header("mini-st hello");
// A login returns in a new session: open it on the Login demo, to show who logged in.
st.session_state.first_demo ??= st.user.is_logged_in ? SECTIONS.indexOf("Login") : 0;
const section = st.sidebar.radio("Choose a demo", SECTIONS, { index: st.session_state.first_demo });
if (st.user.is_logged_in) st.sidebar.success(`Logged in as ${st.user.name ?? st.user.sub}`);
st.sidebar.caption("Each demo is a few lines of TypeScript: every interaction reruns the script from the top.");

if (section === "Welcome") welcome();
else if (section === "Widgets") widgets();
else if (section === "Layout") layout();
else login();

if (typeof st.secrets.hello?.source === "string") {
  st.divider();
  st.caption(`This demo's source: ${st.secrets.hello.source}`);
}

function welcome(): void {
  st.title("Welcome to mini-st! 👋");
  st.markdown(
    [
      "**mini-st is Streamlit for TypeScript, with login built in.** Write a plain script that",
      "calls `st.*` from top to bottom; `mini-st run app.ts` makes it a web app. Every widget",
      "returns its value, and every interaction reruns the script.",
      "",
      "**Choose a demo in the sidebar** to see widgets, layouts and login.",
      "",
      "Start an app of your own:",
    ].join("\n"),
  );
  st.code("npx mini-st init my-app\ncd my-app && npm install\nnpx mini-st run app.ts", { language: "sh" });
  st.markdown("The app it makes, `app.ts`, starts like this:");
  st.code(
    [
      'import { st } from "mini-st";',
      "",
      'const name = st.text_input("Your name");',
      'if (st.button("Greet")) st.success(`Hello ${name}!`);',
    ].join("\n"),
    { language: "typescript" },
  );
}

function widgets(): void {
  st.header("Widgets", { divider: true });
  st.write("A widget call draws the widget and returns its value, synchronously.");

  const name = st.text_input("Your name", { placeholder: "Ada" });
  const mood = st.radio("Mood", ["fine", "great", "sleepy"], { horizontal: true });
  st.write(`Hello **${name || "stranger"}**, feeling ${mood}.`);

  const [left, right] = st.columns(2);
  const count = left.number_input("Bars", { min_value: 1, max_value: 12, value: 6 });
  const height = right.slider("Height", { min_value: 1, max_value: 20, value: 10 });
  const fruit = st.selectbox("Label the bars with", ["apples", "pears", "plums"]);
  const extras = st.multiselect("Extras", ["sorted", "doubled"], { default: ["sorted"] });

  // A chart drawn with text: each bar's length comes from the widgets above.
  let bars = Array.from({ length: count }, (_, i) => Math.round(height * (0.5 + 0.5 * Math.sin(i + height))) + 1);
  if (extras.includes("doubled")) bars = bars.map((n) => n * 2);
  if (extras.includes("sorted")) bars.sort((a, b) => b - a);
  st.code(bars.map((n, i) => `${fruit} ${String(i + 1).padStart(2)} ${"█".repeat(n)} ${n}`).join("\n"), { language: null });

  st.session_state.clicks ??= 0;
  if (st.button("Click me", { type: "primary", on_click: () => (st.session_state.clicks += 1) })) {
    st.success("Clicked! A button is true for exactly the run its click caused.");
  }
  st.caption(`Clicks so far (kept in st.session_state): ${st.session_state.clicks}`);

  const form = st.form("order");
  form.write("A form sends its widgets together, when submitted:");
  const dish = form.selectbox("Dish", ["soup", "salad", "pie"]);
  const spicy = form.toggle("Spicy");
  if (form.form_submit_button("Order")) st.info(`Ordered: ${spicy ? "spicy " : ""}${dish}.`);
}

function layout(): void {
  st.header("A tour of the layouts", { divider: true });

  st.subheader("Columns");
  const [wide, narrow] = st.columns([2, 1], { border: true });
  wide.write("A column twice as wide as its neighbour. `st.columns([2, 1])` returns both.");
  narrow.with(() => st.caption("Or draw into one with `col.with(() => …)`."));

  st.subheader("Tabs");
  const [code, result] = st.tabs(["Code", "Result"]);
  code.code('const [a, b] = st.tabs(["Code", "Result"]);\na.write("…");', { language: "typescript" });
  result.success("Every tab is drawn; the page shows the one you pick.");

  st.subheader("Expander, container, placeholder");
  st.expander("Open me").write("Hidden until expanded.");
  st.container({ border: true }).write("A bordered container groups elements.");
  const slot = st.empty();
  slot.text("A placeholder…");
  slot.markdown("…replaced in place: `st.empty()` holds one element at a time.");

  st.sidebar.divider();
  st.sidebar.write("This is `st.sidebar`: every element and widget works here too.");
}

function login(): void {
  st.header("Login", { divider: true });
  if (st.secrets.hello?.dev_provider_installed === false) {
    st.warning(
      "Login in this demo needs the development identity provider's package. Install it beside mini-st, " +
        "then run `mini-st hello` again: `npm install --save-dev oidc-provider@9`",
    );
    return;
  }
  if (!st.user.is_logged_in) {
    st.markdown(
      [
        "`st.login()` sends the browser to an OpenID Connect provider, configured by the `[auth]` table of",
        "`.streamlit/secrets.toml`, as in Streamlit. This demo uses mini-st's **development identity provider**,",
        "a real provider on this machine: log in as `alice`, `bob` or `carol`, with any password.",
      ].join(" "),
    );
    st.button("Log in", { type: "primary", on_click: st.login });
    st.caption("For Microsoft Entra or Google, see .streamlit/secrets.toml.example in an app made by mini-st init.");
    return;
  }
  st.success(`Welcome, ${st.user.name ?? st.user.sub}!`);
  st.write("`st.user` holds the ID token's claims:");
  st.json(st.user.to_dict(), { expanded: true });
  st.button("Log out", { on_click: st.logout });
}
