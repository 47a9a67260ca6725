/**
 * A module page of examples/multipage.ts written as a default-exported (async) function, which
 * st.Page calls after importing the module: handy for pages that await data.
 */
import { st } from "mini-st";

export default async function report() {
  st.title("Report");
  const rows = await Promise.resolve([
    { region: "North", sales: 120 },
    { region: "South", sales: 95 },
  ]);
  st.table(rows);
}
