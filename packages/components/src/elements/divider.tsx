/**
 * st.divider: a horizontal rule.
 */
export function Divider() {
  return <hr className="st-divider" />;
}
