/**
 * The one registry of errors mini-st raises. Every error has a stable code (`MST_ERR_…`), one
 * message template and, where it answers an HTTP request, a status. `docs/errors.md` documents
 * every code; a test checks that none is missing there. Third-party errors are wrapped at the
 * boundary with the original kept as `cause`.
 */

interface ErrorSpec {
  /** Template with `{name}` placeholders filled from the params. */
  message: string;
  /** HTTP status when the error answers a request. */
  status?: number;
}

/** Every code, its message template and status. Add new codes here, then document them. */
export const ERRORS = {
  // --- configuration and command line -------------------------------------------------------
  MST_ERR_SCRIPT_NOT_FOUND: { message: 'Script not found: {path}' },
  MST_ERR_CONFIG_VALUE: { message: 'Bad value for "{key}" in {source}: {detail}' },
  MST_ERR_CONFIG_UNKNOWN_KEY: { message: 'Unknown option "{key}" in {source}' },
  MST_ERR_CONFIG_SYNTAX: { message: 'Cannot parse {file} at line {line}, column {column}: {detail}' },
  MST_ERR_PORT_IN_USE: { message: 'Port {port} is already in use (set by {source}). Stop the other server or choose another port with --server.port.' },
  MST_ERR_CLI_USAGE: { message: '{detail}\nRun `mini-st help` for usage.' },

  // --- init, hello and the installed package (added by the packaging room) ----------------------
  MST_ERR_INIT_FILE_EXISTS: {
    message: 'Will not overwrite {file}: mini-st init only writes new files. Move it away, or create the app in a new folder: mini-st init my-app',
  },
  MST_ERR_INIT_PACKAGE_JSON: { message: 'Cannot add mini-st to {file}: {detail}' },
  MST_ERR_DEV_PROVIDER_MISSING: {
    message:
      'The development identity provider needs the "oidc-provider" package, which is not installed. Install it beside mini-st: npm install --save-dev oidc-provider@9',
  },

  // --- the script and the st API ---------------------------------------------------------------
  MST_ERR_COMPILE: { message: '{file}:{line}:{column}: {detail}' },
  MST_ERR_DUPLICATE_WIDGET_ID: {
    message:
      'There are multiple `{kind}` widgets with the same ID (label "{label}"). To fix this, pass a unique `key` argument to each `st.{kind}`.',
  },
  MST_ERR_DUPLICATE_KEY: { message: 'There are multiple elements with the same `key="{key}"`. Keys must be unique within a run.' },
  MST_ERR_WIDGET_VALUE_SET_AFTER_RENDER: {
    message: '`st.session_state.{key}` cannot be modified after the widget with key `{key}` is instantiated.',
  },
  MST_ERR_BUTTON_VALUE_SET: { message: '`st.session_state.{key}` cannot be set: values of `st.{kind}` cannot be set through the session state API.' },
  MST_ERR_INVALID_ARGUMENT: { message: 'st.{fn}: {detail}' },
  // st.dataframe / st.data_editor (data room)
  MST_ERR_COLUMN_CONFIG: { message: 'st.{fn}: column_config for column "{column}": {detail}' },
  MST_ERR_DATA_EDITOR_VALUE: { message: 'st.data_editor: refused an edit from the page: {detail}' },
  MST_ERR_FORM_NESTED: { message: 'Forms cannot be nested in other forms (form "{key}").' },
  MST_ERR_FORM_DUPLICATE_KEY: { message: 'There are multiple identical forms with `key="{key}"`. To fix this, give each form a unique key.' },
  MST_ERR_FORM_BUTTON: { message: '`st.button()` cannot be used inside an `st.form()`. Use `st.form_submit_button()` instead.' },
  MST_ERR_FORM_SUBMIT_OUTSIDE: { message: '`st.form_submit_button()` must be used inside an `st.form()`.' },
  MST_ERR_FORM_CALLBACK: {
    message: 'Within a form, callbacks can only be defined on `st.form_submit_button`; `st.{kind}` "{label}" has one.',
  },
  MST_ERR_FORM_MISSING_SUBMIT: {
    message: 'Form "{key}" has no submit button: add `st.form_submit_button()` inside it, or users cannot submit it.',
  },
  MST_ERR_OUTSIDE_RUN: { message: '`st.{fn}` was called outside a script run: st works only while mini-st runs your script.' },
  MST_ERR_STALE_CONTAINER: { message: 'A container from an earlier run was used: containers live for one run; create it again in this run.' },
  MST_ERR_READ_ONLY: { message: '{what} is read-only.' },
  MST_ERR_AUTH_UNAVAILABLE: { message: '`st.login()` needs the mini-st server: login is not available where this script runs.' },
  // charts (st/charts.ts): a column named in x, y, color or size that the data does not have
  MST_ERR_CHART_COLUMN: { message: 'st.{fn}: {option} names the column {column}, which the data does not have (its columns: {columns}).' },

  // --- progress, chat, cache, query params (added by the everyday-API room) -----------------------
  MST_ERR_PROGRESS_VALUE: {
    message: 'st.progress: {value} is not a progress value. Pass a fraction from 0 to 1, or a whole percent from 2 to 100.',
  },
  MST_ERR_CHAT_INPUT_IN_FORM: { message: '`st.chat_input()` cannot be used inside an `st.form()`.' },
  MST_ERR_CACHE_UNSERIALIZABLE: {
    message:
      'st.cache_data cannot copy what `{fn}` returned ({detail}). Return plain data (objects, arrays, Maps, Sets, Dates, typed arrays), or use st.cache_resource to share the object itself.',
  },

  // --- fragments and dialogs (added by the fragments room) --------------------------------------
  MST_ERR_FRAGMENT_OUTSIDE_WRITE: {
    message:
      '`st.{fn}` inside a fragment wrote to a container outside the fragment. A fragment draws only into its own container: call the fragment inside the container instead (e.g. `st.sidebar.with(() => frag())`).',
  },
  MST_ERR_RERUN_FRAGMENT_SCOPE: {
    message: '`st.rerun({ scope: "fragment" })` is only valid inside a fragment during a fragment rerun; use `st.rerun()` to rerun the app.',
  },
  MST_ERR_DIALOG_ALREADY_OPEN: { message: 'Only one dialog is allowed to be opened at the same time: "{title}" was called while "{open}" is open.' },
  MST_ERR_RUN_EVERY: { message: 'st.fragment: run_every must be a positive number of seconds or a duration like "2s" or "500ms", got {value}.' },

  // --- server, sessions, protocol ---------------------------------------------------------------
  MST_ERR_WS_ORIGIN: { message: 'WebSocket origin {origin} is not allowed.', status: 403 },
  MST_ERR_PROTOCOL: { message: 'Bad message from the page: {detail}' },
  MST_ERR_PROTOCOL_VERSION: { message: 'The page speaks protocol {got}, this server speaks {want}: reload the page.' },
  MST_ERR_SCRIPT_STOPPED_FORCIBLY: {
    message: 'The script did not stop within runner.stopTimeout (a long computation or a loop without st calls), so it was stopped forcibly.',
  },
  MST_ERR_RUN_TIME_LIMIT: { message: 'The run took longer than runner.maxRunSeconds and was stopped.' },
  MST_ERR_WORKER_CRASHED: {
    message: 'The thread running the script ended (the script called process.exit(), ran out of memory, or crashed) and was restarted.',
  },
  MST_ERR_UNHANDLED_REJECTION: { message: 'A promise rejected and nothing handled it: {detail}' },
  MST_ERR_INTERNAL: { message: 'Internal error in mini-st: {detail}', status: 500 },

  // --- server (added by the server room) --------------------------------------------------------
  MST_ERR_PAGE_NOT_BUILT: {
    message: 'The mini-st page is not built: {dir} has no index.html. Run `pnpm build` at the repository root.',
    status: 503,
  },
  MST_ERR_LISTEN: { message: 'Cannot listen on {address} port {port}: {detail}' },

  // --- secrets and authentication (added by the auth room) ------------------------------------
  MST_ERR_SECRETS_SYNTAX: { message: 'Cannot parse {file} at line {line}, column {column}: {detail}' },
  MST_ERR_SECRETS_READ: { message: 'Cannot read {file}: {detail}' },
  // Configuration: each names the key and the file, and reaches the script through st.login().
  MST_ERR_AUTH_NOT_CONFIGURED: {
    message: 'To use st.login(), add an [auth] table with redirect_uri, cookie_secret and a provider to {file} (see docs/authentication.md).',
  },
  MST_ERR_AUTH_MISSING_REDIRECT_URI: {
    message: '[auth] in {file} is missing the "redirect_uri" key, e.g. redirect_uri = "http://localhost:8501/oauth2callback".',
  },
  MST_ERR_AUTH_MISSING_COOKIE_SECRET: {
    message: '[auth] in {file} is missing the "cookie_secret" key: set it to a long random string (e.g. `openssl rand -hex 32`).',
  },
  MST_ERR_AUTH_BAD_VALUE: { message: 'Bad value for "{key}" in {file}: {detail}' },
  MST_ERR_AUTH_UNKNOWN_PROVIDER: {
    message: 'There is no provider "{provider}" in [auth] of {file}. Configured providers: {providers}.',
  },
  MST_ERR_AUTH_PROVIDER_KEYS: { message: 'Provider "{provider}" ([{table}] in {file}) is missing these keys: {keys}.' },
  MST_ERR_AUTH_PROVIDER_NAME: {
    message: 'Provider name "{provider}" ([auth.{provider}] in {file}) contains "_": use a name without underscores.',
  },
  MST_ERR_AUTH_EXPOSE_TOKENS: {
    message: '"auth.expose_tokens" in {file} must be "id", "access" or ["id", "access"], got {value}.',
  },
  MST_ERR_AUTH_PROVIDER_REQUIRED: {
    message: 'st.login() needs a provider name: [auth] in {file} has only named providers ({providers}), e.g. st.login("{first}").',
  },
  MST_ERR_AUTH_INSECURE_ISSUER: {
    message: '"{key}" in {file} is plain http ({url}): http is allowed only for providers on this machine (localhost, 127.0.0.1, ::1).',
  },
  // The login flow: each answers a request with a small error page, never a raw 500.
  MST_ERR_AUTH_DISCOVERY: {
    message: 'Cannot read the OpenID configuration of provider "{provider}" from {url}: {detail}',
    status: 502,
  },
  MST_ERR_AUTH_LINK_INVALID: {
    message: 'This {action} link is not valid in this browser ({detail}). Go back to the app and try again.',
    status: 400,
  },
  MST_ERR_AUTH_STATE_MISSING: {
    message:
      'The login cannot finish: this browser has no login in progress (it expired, cookies are blocked, or the login began at another address). Start again from the app.',
    status: 400,
  },
  MST_ERR_AUTH_STATE_MISMATCH: {
    message: 'The login cannot finish: the answer from the provider does not belong to the login this browser started.',
    status: 400,
  },
  MST_ERR_AUTH_CALLBACK_REPLAYED: { message: 'This login answer was already used. Start again from the app.', status: 400 },
  MST_ERR_AUTH_PROVIDER_ERROR: { message: 'Provider "{provider}" did not log you in: {error}{description}', status: 400 },
  MST_ERR_AUTH_RESPONSE_INVALID: { message: 'The answer from provider "{provider}" is not valid: {detail}', status: 400 },
  MST_ERR_AUTH_TOKEN_EXCHANGE: {
    message: 'Provider "{provider}" did not exchange the login code for tokens: {detail}',
    status: 502,
  },
  MST_ERR_AUTH_ID_TOKEN: { message: 'The ID token from provider "{provider}" was rejected: {detail}', status: 401 },
  MST_ERR_AUTH_USERINFO: { message: 'The userinfo answer of provider "{provider}" was rejected: {detail}', status: 502 },
  // Cookies and reloads: logged, not shown, unless nothing of the identity fits.
  MST_ERR_AUTH_COOKIE_TOO_LARGE: {
    message: 'The identity cookie would exceed 4 KB; dropped {dropped} (see "Cookie size" in docs/authentication.md).',
  },
  MST_ERR_AUTH_COOKIE_INVALID: {
    message: 'Ignored an identity cookie that is tampered, expired or sealed with another cookie_secret: that browser is logged out.',
  },
  MST_ERR_AUTH_RESTART_REQUIRED: { message: '"{key}" changed in {file}: restart mini-st to use the new value.' },

  // --- multipage apps: st.Page, st.navigation, st.switch_page, st.page_link (navigation room) ---
  MST_ERR_PAGE_TITLE: { message: 'st.Page: cannot infer a title for {what}. Set the `title` option, e.g. st.Page(fn, { title: "Home" }).' },
  MST_ERR_PAGE_URL_PATH: { message: 'st.Page "{title}": {detail}' },
  MST_ERR_PAGE_SOURCE: {
    message:
      'st.Page({page}): a page given as a file path must be a string literal written in st.Page(…) of the script, so mini-st can bundle the file. Write st.Page(() => import("./pages/x.ts")) instead.',
  },
  MST_ERR_NAVIGATION_EMPTY: { message: '`st.navigation` must be called with at least one `st.Page`.' },
  MST_ERR_NAVIGATION_DUPLICATE_URL_PATH: {
    message:
      'Multiple pages have the URL path "{url_path}" ({titles}). URL paths must be unique: set `url_path` on st.Page (it is inferred from the function or file name).',
  },
  MST_ERR_NAVIGATION_MULTIPLE_DEFAULTS: { message: 'Multiple pages have `default: true` ({titles}). At most one page can be the default.' },
  MST_ERR_PAGE_NOT_FOUND: { message: 'Page not found: "/{path}" is not a page of this app, so its main page is shown.' },
  MST_ERR_SWITCH_PAGE_UNKNOWN: { message: 'st.{fn}: could not find page {page}. The pages of st.navigation are: {pages}.' },
  MST_ERR_PAGE_LINK_LABEL: { message: 'st.page_link: a link to another site ({url}) needs the `label` option.' },

  // --- hostile input, slow pages, restarts (added by the hardening room) -----------------------
  MST_ERR_MESSAGE_TOO_LARGE: {
    message: 'A message from the page was larger than server.maxMessageSize ({limit} MB), so the connection was closed.',
  },
  MST_ERR_RATE_LIMITED: {
    message: 'The page sent more messages than the server accepts ({rate} a second, bursts of {burst}), so the connection was closed.',
  },
  MST_ERR_SLOW_CLIENT: {
    message: 'The page did not read what the server sent ({buffered} bytes waiting, the limit is {limit}), so the connection was closed.',
  },
  MST_ERR_HOST_NOT_ALLOWED: { message: 'Host "{host}" is not one of server.allowedHosts.', status: 403 },
  MST_ERR_TOO_MANY_ELEMENTS: {
    message:
      'This run drew more than {limit} elements, so it was stopped there. Draw fewer: one st.table for many rows, or a page of the data at a time.',
  },
  MST_ERR_SESSION_EXPIRED: {
    message:
      'The session of this page was gone (it was away longer than server.disconnectedSessionTTL, or the server restarted): a new session started with the values on the page, and st.session_state starts empty.',
  },

  // --- media and files (st.image, st.audio, st.video, uploads, downloads; added by the media room)
  MST_ERR_MEDIA_URL: { message: 'st.{fn}: {url} is not a URL mini-st will load here; use {allowed}.' },
  MST_ERR_MEDIA_DATA: { message: 'st.{fn}: {detail}' },
  MST_ERR_MEDIA_NOT_FOUND: { message: 'No media file {name}: no session shows it any more.', status: 404 },
  MST_ERR_MEDIA_RANGE: { message: 'Range "{range}" cannot be served from a file of {size} bytes.', status: 416 },
  MST_ERR_MEDIA_STORAGE_FULL: {
    message: 'Media storage is full ({limit} MB held by files that pages show): {name} was not stored and will not load until pages show fewer files.',
  },
  MST_ERR_UPLOAD_SESSION: { message: 'Upload refused: no session of this page has that id and upload token (it may have expired; reload the page).', status: 403 },
  MST_ERR_UPLOAD_ORIGIN: { message: 'Upload refused: a page from {origin} may not upload to this app.', status: 403 },
  MST_ERR_UPLOAD_TOO_LARGE: { message: 'The file is larger than server.maxUploadSize ({limit} MB).', status: 413 },
  MST_ERR_UPLOAD_TYPE: { message: '{name}: this uploader accepts {accepted}, not {ext}.', status: 415 },
  MST_ERR_UPLOAD_WIDGET: { message: 'No file uploader {widget} is on this page any more.', status: 404 },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/**
 * An error raised by mini-st, with a stable code. Shown in the page when it comes from a misuse of
 * `st` (Streamlit's StreamlitAPIException), logged with its code when it is a fault of the runtime.
 *
 * @example
 * throw new MiniStError('MST_ERR_SCRIPT_NOT_FOUND', { path: 'app.ts' });
 */
export class MiniStError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  readonly params: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    const spec: ErrorSpec = ERRORS[code];
    super(formatMessage(spec.message, params), options);
    this.name = 'StreamlitAPIException';
    this.code = code;
    this.status = spec.status;
    this.params = params;
  }
}

function formatMessage(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
