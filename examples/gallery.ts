/**
 * The gallery: every element, widget and container of mini-st on one page. It is also the
 * fixture of the end-to-end tests (examples/e2e), which read and click what it shows.
 *
 * Run it: `pnpm gallery` from the repository root.
 */
import { st } from "mini-st";
import { chartsSection } from "./gallery/charts.js";
import { dataSection } from "./gallery/data.js";
import { fragmentsSection } from "./gallery/fragments.js";
import { mediaSection } from "./gallery/media.js";

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

// --- Progress and status ------------------------------------------------------------------------
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

st.header("Progress and status", { divider: true });
if (st.button("Run with progress")) {
  await st.spinner("Preparing the work…", () => sleep(300));
  const bar = st.progress(0, { text: "Starting…" });
  const status = st.status("Working through 5 steps…", { expanded: true });
  for (let step = 1; step <= 5; step++) {
    await sleep(400);
    status.write(`Finished step ${step}.`);
    bar.progress(step * 20, { text: `Step ${step} of 5` });
  }
  status.update({ label: "All 5 steps finished", state: "complete" });
  st.toast("The work is finished!", { icon: "🎉" });
} else {
  st.progress(0.3, { text: "A bar at 30 %" });
  st.status("A finished task", { state: "complete" }).write("What the task did.");
  st.status("A failed task", { state: "error" }).write("Why it failed.");
}
if (st.button("Show a toast")) st.toast("Hello from a toast.", { icon: "👋" });

// --- Metrics ------------------------------------------------------------------------------------
st.header("Metrics", { divider: true });
const [weather, wind, humidity] = st.columns(3);
weather.metric("Temperature", "70 °F", { delta: "1.2 °F" });
wind.metric("Wind", "9 mph", { delta: "-8%" });
humidity.metric("Humidity", "86%", { delta: "4%", delta_color: "inverse", border: true });

// --- State and control --------------------------------------------------------------------------
st.header("State and control", { divider: true });
st.set_page_config({ page_title: "mini-st gallery", page_icon: "🎈" });

st.subheader("Query parameters");
st.text(`section=${st.query_params.section ?? "(none)"}`);
const [alpha, beta] = st.columns(2);
alpha.button("Go to alpha", { on_click: () => (st.query_params.section = "alpha") });
beta.button("Go to beta", { on_click: () => (st.query_params.section = "beta") });

st.subheader("Caching");
const slowSquare = st.cache_data(async (n: number) => {
  await sleep(300);
  return { n, square: n * n };
});
const base = st.number_input("Square of", { min_value: 0, max_value: 20, value: 4 });
const { square } = await slowSquare(base);
st.text(`${base} squared is ${square} (computed once per number, then cached)`);

// --- Chat ---------------------------------------------------------------------------------------
st.header("Chat", { divider: true });
type ChatLine = { role: "user" | "assistant"; content: string };
st.session_state.chat ??= [{ role: "assistant", content: "Hello! Type a message below and I will answer." }] as ChatLine[];
const history = st.session_state.chat as ChatLine[];
const conversation = st.container({ height: 320 });
for (const line of history) conversation.chat_message(line.role).markdown(line.content);

async function* answer(prompt: string) {
  for (const word of `You said: "${prompt}". That is ${prompt.length} characters.`.split(/(?<= )/)) {
    await sleep(60);
    yield word;
  }
}

const prompt = st.chat_input("Say something");
if (prompt) {
  history.push({ role: "user", content: prompt });
  conversation.chat_message("user").markdown(prompt);
  const reply = await conversation.chat_message("assistant").write_stream(answer(prompt));
  history.push({ role: "assistant", content: reply });
}

// --- More inputs --------------------------------------------------------------------------------
st.header("More inputs", { divider: true });
const [when, at] = st.columns(2);
const day = when.date_input("Day", { value: "2024-05-17" });
const time = at.time_input("Time", { value: "09:30" });
const [from, until] = st.date_input("Trip", { value: ["2024-06-01", "2024-06-14"] });
const color = st.color_picker("Color", { value: "#ff4b4b" });
const size = st.select_slider("Size", ["XS", "S", "M", "L", "XL"], { value: "M" });
const [low_size, high_size] = st.select_slider("Sizes in stock", ["XS", "S", "M", "L", "XL"], { value: ["S", "L"] });
const moods = st.pills("Moods", ["calm", "curious", "tired"], { selection_mode: "multi", default: ["curious"] });
const view = st.segmented_control("View", ["Day", "Week", "Month"], { default: "Week" });
const iso = (d: Date | undefined) => (d ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}` : "…");
st.text(`day=${iso(day)} time=${time} trip=${iso(from)}..${iso(until)} color=${color}`);
st.text(`size=${size} stock=${low_size}..${high_size} moods=${moods.join(",") || "none"} view=${view ?? "none"}`);

// --- The rest of the API, one file per family under gallery/ -----------------------------------
dataSection();
chartsSection();
mediaSection();
fragmentsSection();
