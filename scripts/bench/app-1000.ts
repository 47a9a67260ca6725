/**
 * The bench's wire measure: one slider and a thousand text elements, one of which depends on the
 * slider. Moving the slider changes 1 of the 1,000 texts; `scripts/bench/wire.mjs` counts the
 * bytes that cross the wire for it (the slider itself is sent back too: protocol rule 5).
 */
import { st } from "mini-st";

const n = st.slider("n", { min_value: 0, max_value: 1000, value: 0, step: 1 });
for (let i = 0; i < 1000; i++) {
  st.text(i === 500 ? `Line ${i}: n = ${n}` : `Line ${i}: the same on every run.`);
}
