/**
 * The seed app: Streamlit's "Use Microsoft Entra to authenticate users" tutorial, ported line by
 * line. Against the built-in development identity provider it runs with no cloud account.
 */
import { st } from "mini-st";

function login_screen() {
  st.header("This app is private.");
  st.subheader("Please log in.");
  st.button("Log in with Microsoft", { on_click: st.login });
}

if (!st.experimental_user.is_logged_in) {
  login_screen();
} else {
  st.header(`Welcome, ${st.experimental_user.name}!`);
  st.button("Log out", { on_click: st.logout });
}
