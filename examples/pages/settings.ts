/**
 * A module page of examples/multipage.ts: its top level is the page's body, run each time the page
 * is shown (mini-st bundles the module into the script, which is evaluated afresh every run).
 */
import { st } from "mini-st";

st.title("Settings");
const dense = st.toggle("Compact tables");
st.write(dense ? "Tables are compact." : "Tables have room to breathe.");
st.caption("Switch light and dark from the ⋮ menu at the top right.");
