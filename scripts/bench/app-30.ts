/**
 * The benchmark's app: thirty elements in the main area, three of which depend on the slider
 * "n". `scripts/bench.mjs` moves the slider and times each rerun, so what crosses the wire per
 * rerun is what a typical small app sends: a few changed elements among many unchanged ones.
 * The bench's browser measure clicks "Press" and waits for the greeting's count to change.
 */
import { st } from "mini-st";

st.title("Thirty elements");
st.markdown("The app that `pnpm bench` drives: move **n** and three lines below change.");
const n = st.slider("n", { min_value: 0, max_value: 1000, value: 0, step: 1 });
st.text(`n = ${n}`);
st.markdown(`n squared is **${n * n}**; n is ${n % 2 === 0 ? "even" : "odd"}.`);
st.write(`Half of n: ${n / 2}`);
st.header("Unchanged lines");
for (let i = 1; i <= 15; i++) {
  st.text(`Line ${i}: this text is the same on every run.`);
}
st.divider();
st.subheader("More widgets");
const name = st.text_input("Name", { value: "Ada" });
const shout = st.checkbox("Shout");
const color = st.selectbox("Color", ["red", "green", "blue"]);
if (st.button("Press")) st.session_state.presses = (st.session_state.presses ?? 0) + 1;
st.markdown(`Hello, ${shout ? name.toUpperCase() : name}. You like ${color}. Pressed ${st.session_state.presses ?? 0} times.`);
// The bench's "one session spins" measure checks this in a second session: a tight loop with no
// st calls, which only a worker thread keeps away from the other sessions.
if (st.checkbox("Spin forever")) {
  while (true) {}
}
