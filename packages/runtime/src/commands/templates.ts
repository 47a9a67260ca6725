/**
 * The files `mini-st init` writes, as text. Kept apart from init.ts (which decides what to write
 * where) so each template reads as the file it becomes. The generated app type-checks with the
 * generated tsconfig.json against the installed package (examples/e2e/package.test.ts proves it).
 */
import { randomBytes } from 'node:crypto';
import { DEV_CLIENT, DEV_PROVIDER_PORT } from '../auth/dev-provider.js';

/**
 * What the app needs besides mini-st: TypeScript (the version this repository builds with) and
 * Node's types for the editor, and the development identity provider's package for local login.
 */
export const TEMPLATE_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@types/node': '^20.19.0',
  'oidc-provider': '^9.13.3',
  typescript: '^7.0.2',
};

export const TEMPLATE_SCRIPTS: Readonly<Record<string, string>> = {
  start: 'mini-st run app.ts',
  typecheck: 'tsc',
};

export const APP_TS = `import { st } from "mini-st";

// Edit this file and save: the page reruns it from the top.
st.title("My mini-st app");
st.caption("Every st call is typed: type \`st.\` in your editor to see them all.");

const name = st.text_input("Your name", { placeholder: "Ada" });
const stars = st.slider("How many stars?", { min_value: 1, max_value: 10, value: 3 });
if (st.button("Greet", { type: "primary" })) {
  st.success(\`Hello \${name || "stranger"}! \${"★".repeat(stars)}\`);
}

// Login: copy .streamlit/secrets.toml.example to .streamlit/secrets.toml. As it is, it logs in
// against a development identity provider on this machine; it also shows Microsoft Entra and Google.
st.sidebar.header("Account");
if (!st.user.is_logged_in) {
  st.sidebar.button("Log in", { on_click: st.login });
} else {
  st.sidebar.write(\`Logged in as \${st.user.name}.\`);
  st.sidebar.button("Log out", { on_click: st.logout });
}
`;

export const CONFIG_TOML = `# Options for \`mini-st run\` in this folder: Streamlit's file and names. See every option, with
# where each value comes from: npx mini-st config show
# Flags (--server.port 8502) and environment variables (MINI_ST_SERVER_PORT) win over this file.

[server]
# The port to listen on. Unset: 8501, or the next free port.
# port = 8501

# Rerun the open pages when app.ts, or a file it imports, is saved.
runOnSave = true
`;

/** A fresh random cookie_secret in the development variant, so the copied file works as is. */
export function secretsExample(): string {
  const secret = randomBytes(32).toString('hex');
  return `# Login for st.login(): copy this file to .streamlit/secrets.toml (.gitignore keeps that one
# out of git) and keep ONE of the [auth] tables below. Keys and names are Streamlit's, so its
# authentication docs apply; mini-st adds {port} in redirect_uri.

# --- 1. The development identity provider: no account needed --------------------------------
# \`mini-st run\` starts it on 127.0.0.1:${DEV_PROVIDER_PORT} at the first login. Log in as alice, bob or carol,
# with any password. Its client_secret is public: for this machine only, never for a real app.
# It needs the oidc-provider package (a devDependency of this app).
[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"   # {port}: the port the app listens on
cookie_secret = "${secret}"   # made by mini-st init; make your own: openssl rand -hex 32
client_id = "${DEV_CLIENT.client_id}"
client_secret = "${DEV_CLIENT.client_secret}"
server_metadata_url = "http://127.0.0.1:${DEV_PROVIDER_PORT}/.well-known/openid-configuration"

# --- 2. Microsoft Entra ID ------------------------------------------------------------------
# Entra admin center > App registrations > New registration; redirect URI of platform "Web":
# http://localhost:8501/oauth2callback. Copy the Application (client) ID; then Certificates &
# secrets > New client secret, and copy its Value. In the URL, "consumers" is for personal
# accounts; "organizations" (work and school), "common" (both) or your tenant id also work.
# [auth]
# redirect_uri = "http://localhost:8501/oauth2callback"
# cookie_secret = "…"                  # openssl rand -hex 32
# client_id = "…"                      # Application (client) ID
# client_secret = "…"                  # the client secret's Value
# server_metadata_url = "https://login.microsoftonline.com/consumers/v2.0/.well-known/openid-configuration"

# --- 3. Google ------------------------------------------------------------------------------
# Google Cloud console > APIs & Services > Credentials > Create credentials > OAuth client ID,
# type "Web application", authorized redirect URI http://localhost:8501/oauth2callback.
# [auth]
# redirect_uri = "http://localhost:8501/oauth2callback"
# cookie_secret = "…"                  # openssl rand -hex 32
# client_id = "….apps.googleusercontent.com"
# client_secret = "…"
# server_metadata_url = "https://accounts.google.com/.well-known/openid-configuration"

# --- Several providers at once --------------------------------------------------------------
# Keep redirect_uri and cookie_secret in [auth], give each provider its own table, and name it
# in the app: st.login("google").
# [auth.google]
# client_id = "…"
# client_secret = "…"
# server_metadata_url = "https://accounts.google.com/.well-known/openid-configuration"
`;
}

export const GITIGNORE = `node_modules/
# Secrets: the [auth] table's client_secret and cookie_secret, API keys.
.streamlit/secrets.toml
`;

/** Lines added to an existing .gitignore that does not mention secrets.toml yet. */
export const GITIGNORE_SECRETS = `# mini-st secrets: the [auth] table's client_secret and cookie_secret, API keys.
.streamlit/secrets.toml
`;

export const TSCONFIG_JSON = `{
  // mini-st compiles app.ts itself (with esbuild): tsc only checks the types (npm run typecheck).
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023"],
    "module": "preserve",
    "moduleResolution": "bundler",
    "types": ["node"],
    "strict": true,
    "noEmit": true,
    "allowImportingTsExtensions": true,
    "isolatedModules": true,
    "verbatimModuleSyntax": true,
    "skipLibCheck": true
  },
  "include": ["**/*.ts"]
}
`;

/** A new app's package.json. */
export function packageJson(name: string, miniStVersion: string): string {
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: TEMPLATE_SCRIPTS,
    dependencies: { 'mini-st': `^${miniStVersion}` },
    devDependencies: TEMPLATE_DEV_DEPENDENCIES,
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
