/**
 * The gallery: every element, widget and container of mini-st on one page. It is also the
 * fixture of the end-to-end tests (examples/e2e), which read and click what it shows.
 *
 * Run it: `pnpm gallery` from the repository root.
 */
import { st } from "mini-st";

st.title("mini-st gallery");
st.caption("Every element, widget and container, as in Streamlit.");

// --- Text ---------------------------------------------------------------------------------------
st.header("Text", { divider: true });
st.subheader("Markdown, text and code");
st.markdown(
  [
    "**Bold**, _italic_, `code` and a [link](https://streamlit.io).",
    "",
    "| fruit | count |",
    "| ----- | ----: |",
    "| apple | 3 |",
    "| pear  | 5 |",
    "",
    "<b>Raw HTML is escaped</b> unless you pass `unsafe_allow_html`.",
  ].join("\n"),
);
st.text("Fixed-width text,   shown   exactly.");
st.code("const greeting: string = 'hello';\nconsole.log(greeting);", { language: "typescript" });
st.json({ name: "mini-st", version: 1, tags: ["fast", "typed"] }, { expanded: true });
st.write("`st.write` takes", 3, "kinds of things:", [
  { kind: "string", drawn: "markdown" },
  { kind: "records", drawn: "table" },
]);
st.divider();
st.info("An info message.");
st.success("A success message.");
st.warning("A warning message.");
st.error("An error message.");
st.exception(new RangeError("An example exception (nothing is wrong)."));

// --- Widgets ------------------------------------------------------------------------------------
st.header("Widgets", { divider: true });
const name = st.text_input("Your name", { placeholder: "Ada", key: "name" });
st.write(`Hello, ${name || "stranger"}!`);

const bio = st.text_area("About you", { height: 80 });
if (bio) st.caption(`${bio.length} characters`);

const count = st.number_input("How many?", { min_value: 0, max_value: 10, value: 2 });
const age = st.slider("Age", { min_value: 0, max_value: 100, value: 30 });
const [low, high] = st.slider("Price range", { min_value: 0, max_value: 1000, value: [200, 800], step: 10 });
st.text(`count=${count} age=${age} range=${low}..${high}`);

const agree = st.checkbox("I agree");
const dark = st.toggle("Night mode");
st.text(`agree=${agree} night=${dark}`);

const flavour = st.radio("Flavour", ["vanilla", "chocolate", "strawberry"], { horizontal: true });
const fruit = st.selectbox("Fruit", ["apple", "banana", "cherry"]);
const toppings = st.multiselect("Toppings", ["nuts", "sprinkles", "cream"], { default: ["cream"] });
st.text(`flavour=${flavour} fruit=${fruit} toppings=${toppings.join(",")}`);

st.session_state.clicks ??= 0;
if (st.button("Click me", { type: "primary", on_click: () => (st.session_state.clicks += 1) })) {
  st.success("Clicked! (this message lasts one run)");
}
st.text(`clicks=${st.session_state.clicks}`);

// --- Layout -------------------------------------------------------------------------------------
st.header("Layout", { divider: true });
const [left, middle, right] = st.columns([2, 1, 1]);
left.markdown("**Left column**, twice as wide.");
middle.text("Middle");
right.with(() => {
  st.text("Right, via with()");
});

const [first, second] = st.tabs(["First tab", "Second tab"]);
first.write("Content of the first tab.");
second.write("Content of the second tab.");

st.expander("Open to see more").write("Hidden until expanded.");

const box = st.container({ border: true });
box.write("Inside a bordered container.");

const slot = st.empty();
slot.text("A placeholder, about to be replaced…");
slot.text("Placeholder replaced in place.");

st.sidebar.header("Sidebar");
const page = st.sidebar.radio("Section", ["All", "Text", "Widgets"]);
st.sidebar.caption(`Showing: ${page}`);

// --- Forms --------------------------------------------------------------------------------------
st.header("Form", { divider: true });
const form = st.form("signup", { clear_on_submit: true });
const email = form.text_input("Email");
const plan = form.selectbox("Plan", ["free", "pro"]);
if (form.form_submit_button("Sign up")) {
  st.success(`Signed up ${email} on the ${plan} plan.`);
}

// --- A slow section, to show streaming and the Stop control --------------------------------------
st.header("Streaming", { divider: true });
if (st.button("Run slowly")) {
  const progress = st.empty();
  for (let step = 1; step <= 5; step++) {
    progress.text(`Working… step ${step} of 5`);
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  progress.text("Done working.");
}
