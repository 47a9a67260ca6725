/**
 * st.divider: a horizontal rule.
 */
/** Draws a `divider` element (st.divider). */
export function Divider() {
  return <hr className="st-divider" />;
}
