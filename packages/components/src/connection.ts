/**
 * The page's one WebSocket to the runtime (no React). It says `hello` on every open, resuming the
 * last session after a drop, reconnects by itself with jittered exponential backoff, and handles
 * the session-level messages (session_start, navigate, error, source_changed) itself. Run
 * messages go on to the page store, which reduces them into the tree.
 */
import {
  PROTOCOL_VERSION,
  STREAM_PATH,
  type ClientMessage,
  type NavigationMessage,
  type PageConfigMessage,
  type RerunMessage,
  type ServerMessage,
  type WidgetValue,
} from '@mini-st/protocol';
import { pageHref, pagePathOf } from './page-url.js';
import { downloadFile } from './media-url.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

/** A fault the server reported, shown as a dismissible banner. */
export interface Notice {
  readonly id: number;
  readonly code: string;
  readonly message: string;
}

/** An `st.toast`, shown in a corner until `duration` seconds pass or it is dismissed. */
export interface Toast {
  readonly id: number;
  readonly body: string;
  readonly icon?: string;
  /** Seconds on screen; null until dismissed. */
  readonly duration: number | null;
}

/** What `st.set_page_config` asked for so far. */
export type PageConfig = Readonly<Omit<PageConfigMessage, 'type'>>;

/** The last `st.navigation` of the script: the menu and the page shown (null: a one-page app). */
export type Navigation = Readonly<Omit<NavigationMessage, 'type' | 'notFound' | 'replace'>>;

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** The session to resume after a drop; null until the first `session_start`. */
  readonly sessionId: string | null;
  readonly scriptName: string | null;
  readonly notices: readonly Notice[];
  /** The script changed on disk and the server waits for the page to ask for a rerun. */
  readonly sourceChanged: boolean;
  /** Reconnecting was given up: only a reload can help (the protocol versions differ). */
  readonly halted: boolean;
  /** Toasts on screen, oldest first. */
  readonly toasts: readonly Toast[];
  readonly pageConfig: PageConfig;
  /** The session's upload secret and size limit (from `session_start`), for `st.file_uploader`. */
  readonly uploads?: { readonly token: string; readonly maxSizeMb: number } | null;
  readonly navigation: Navigation | null;
}

/** The part of the browser's WebSocket the connection uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface ConnectionOptions {
  /** The stream URL, normally `streamUrl()`. */
  url: string | URL;
  /** Every committed widget value the page holds, for `hello`. */
  widgets(): Readonly<Record<string, WidgetValue>>;
  /** Receives every server message after the connection has looked at it. */
  onMessage(msg: ServerMessage): void;
  /** `location.pathname + location.search` by default. */
  page?(): string;
  /** `location.assign` by default. */
  navigate?(url: string): void;
  /**
   * Put `query` in the address bar without reloading: a new history entry when `push`, else in
   * place. `history.pushState` / `replaceState` by default.
   */
  setQuery?(query: string, push: boolean): void;
  /** Save a file a `st.download_button` function made (`downloadFile` by default). */
  download?(url: string, fileName: string): void;
  /** Show another page's address (`st.navigation`): a new history entry when `push`. History by default. */
  setAddress?(href: string, push: boolean): void;
  /** The app's base path ("/apps/demo/"); from the bundle's URL by default. */
  base?: string;
  openSocket?(url: string): SocketLike;
  /** Math.random by default; tests pin the jitter. */
  random?(): number;
}

/** First and largest reconnect delays, in ms. */
export const BACKOFF_START_MS = 200;
export const BACKOFF_CAP_MS = 5000;
/** How long a navigation may take before the page assumes it stayed and reconnects. */
const NAVIGATE_GRACE_MS = 3000;
const OPEN = 1;

/**
 * The stream URL: `../_stcore/stream` relative to the bundle, which is served from
 * `<base>/static/`, with ws or wss matching the page.
 *
 * @example
 * streamUrl('https://host/app/static/app-X.js', 'https:') // wss://host/app/_stcore/stream
 */
export function streamUrl(moduleUrl: string = import.meta.url, pageProtocol: string = location.protocol): URL {
  const url = new URL(`..${STREAM_PATH}`, moduleUrl);
  url.protocol = pageProtocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

/**
 * The delay before reconnect attempt `attempt` (0-based): doubling from 200 ms up to 5 s, then
 * jittered down by up to half so that a restarted server is not hit by every tab at once.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_START_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * A self-healing connection to one session.
 *
 * @example
 * const connection = new Connection({ url: streamUrl(), widgets: () => values, onMessage: reduce });
 * connection.start();
 * connection.rerun({ slider_1: 5 });
 */
export class Connection {
  readonly #options: ConnectionOptions;
  #state: ConnectionState = {
    status: 'connecting',
    sessionId: null,
    scriptName: null,
    notices: [],
    sourceChanged: false,
    halted: false,
    toasts: [],
    pageConfig: {},
    uploads: null,
    navigation: null,
  };
  readonly #listeners = new Set<() => void>();
  #socket: SocketLike | null = null;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  /** A rerun asked for while offline, sent after the next `hello`; a click in it is not lost. */
  #outbox: RerunMessage | null = null;
  #noticeSeq = 0;
  /** A person acted since the address last changed: the script's next query change is a new
   * history entry (so Back undoes it); changes from a page load or from Back itself are not. */
  #pushNext = false;

  constructor(options: ConnectionOptions) {
    this.#options = options;
  }

  getState = (): ConnectionState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  start(): void {
    this.#closed = false;
    this.#connect();
  }

  /** Closes for good (tests, teardown). */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
  }

  /** Skips the backoff wait, e.g. when the browser says it is back online. */
  reconnectNow(): void {
    if (this.#closed || this.#state.halted || this.#socket) return;
    clearTimeout(this.#timer);
    this.#connect();
  }

  /** Asks for a rerun with the widget values that changed and the button that caused it. */
  rerun(widgets: Readonly<Record<string, WidgetValue>>, trigger?: string, fragmentId?: string): void {
    const msg: RerunMessage = {
      type: 'rerun',
      widgets: { ...widgets },
      ...(trigger !== undefined ? { trigger } : {}),
      ...(fragmentId !== undefined ? { fragmentId } : {}),
    };
    if (trigger !== undefined || Object.keys(widgets).length > 0) this.#pushNext = true;
    if (this.#send(msg)) return;
    const queued = this.#outbox;
    // Two queued changes in one fragment stay that fragment's rerun; any other mix reruns the app.
    const fragment = !queued || queued.fragmentId === msg.fragmentId ? msg.fragmentId : undefined;
    this.#outbox = {
      type: 'rerun',
      widgets: { ...queued?.widgets, ...msg.widgets },
      ...((msg.trigger ?? queued?.trigger) !== undefined ? { trigger: msg.trigger ?? queued?.trigger } : {}),
      ...(fragment !== undefined ? { fragmentId: fragment } : {}),
    };
  }

  /**
   * The address changed under the page (back or forward): the script reruns with its query.
   * Offline nothing is queued: the next `hello` carries the address.
   */
  addressChanged(): void {
    this.#pushNext = false;
    this.#send({ type: 'rerun', widgets: {}, page: this.#page() });
  }

  /**
   * The person picked a page in the menu or a page link: its address goes in the address bar (a new
   * history entry, query cleared) and the script reruns on it. The menu marks it at once.
   */
  goToPage(urlPath: string): void {
    const href = pageHref(urlPath, this.#options.base);
    this.#setAddress(href, pagePathOf(this.#page().split('?')[0]!, this.#options.base) !== urlPath);
    const navigation = this.#state.navigation;
    if (navigation) this.#update({ navigation: { ...navigation, current: urlPath } });
    this.addressChanged();
  }

  /** The Stop control. Nothing is queued offline: a run that cannot be reached cannot be stopped. */
  stop(): void {
    this.#send({ type: 'stop' });
  }

  /** Removes a notice or a toast. */
  dismiss(noticeId: number): void {
    this.#update({ notices: this.#state.notices.filter((n) => n.id !== noticeId), toasts: this.#state.toasts.filter((t) => t.id !== noticeId) });
  }

  // -------------------------------------------------------------------------------------------

  #connect(): void {
    const url = String(this.#options.url);
    let socket: SocketLike;
    try {
      socket = this.#options.openSocket ? this.#options.openSocket(url) : (new WebSocket(url) as unknown as SocketLike);
    } catch {
      // A refused URL (a blocked port, a bad proxy rewrite) is retried like a dropped connection.
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    this.#update({ status: this.#state.sessionId === null ? 'connecting' : 'reconnecting' });
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      const page = this.#page();
      const sessionId = this.#state.sessionId;
      this.#pushNext = false;
      this.#send({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        ...(sessionId !== null ? { sessionId } : {}),
        widgets: { ...this.#options.widgets() },
        page,
      });
      const queued = this.#outbox;
      this.#outbox = null;
      if (queued) this.#send(queued);
    };
    socket.onmessage = (event) => {
      if (socket !== this.#socket) return;
      const msg = parse(event.data);
      if (msg) this.#handle(msg);
    };
    socket.onclose = () => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      this.#scheduleReconnect();
    };
    // An error is always followed by close, which does the work.
    socket.onerror = () => {};
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#state.halted) return;
    this.#update({ status: this.#state.sessionId === null ? 'connecting' : 'reconnecting' });
    const delay = backoffDelay(this.#attempt, this.#options.random);
    this.#attempt += 1;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#connect(), delay);
  }

  #handle(msg: ServerMessage): void {
    switch (msg.type) {
      case 'session_start':
        // Only a session proves the server healthy; an open socket that closes at once does not.
        this.#attempt = 0;
        // When the session was not resumed the page keeps its widget values: hello carried them.
        this.#update({ status: 'connected', sessionId: msg.sessionId, scriptName: msg.scriptName });
        this.#update({ uploads: msg.uploadToken === undefined ? null : { token: msg.uploadToken, maxSizeMb: msg.maxUploadSizeMb ?? 200 } });
        break;
      case 'run_started':
        // A run executes the current source, so the offer to rerun is answered.
        if (this.#state.sourceChanged) this.#update({ sourceChanged: false });
        break;
      case 'deltas':
      case 'run_finished':
        break;
      case 'navigate':
        this.#navigate(msg.url);
        break;
      case 'source_changed':
        this.#update({ sourceChanged: true });
        break;
      case 'toast': {
        const toast: Toast = { id: ++this.#noticeSeq, body: msg.body, duration: msg.duration, ...(msg.icon !== undefined ? { icon: msg.icon } : {}) };
        this.#update({ toasts: [...this.#state.toasts, toast].slice(-5) });
        break;
      }
      case 'page_config': {
        const { type: _type, ...config } = msg;
        this.#update({ pageConfig: { ...this.#state.pageConfig, ...config } });
        break;
      }
      case 'query_params':
        this.#setQuery(msg.query);
        break;
      case 'navigation':
        this.#navigation(msg);
        break;
      case 'download':
        (this.#options.download ?? downloadFile)(msg.url, msg.fileName);
        break;
      case 'error': {
        const last = this.#state.notices.at(-1);
        if (last?.code !== msg.code || last.message !== msg.message) {
          const notice: Notice = { id: ++this.#noticeSeq, code: msg.code, message: msg.message };
          this.#update({ notices: [...this.#state.notices, notice].slice(-3) });
        }
        // Talking across protocol versions cannot succeed; only a reload (new page) can.
        if (msg.code === 'MST_ERR_PROTOCOL_VERSION') this.#update({ halted: true });
        break;
      }
      default:
        msg satisfies never;
        return;
    }
    this.#options.onMessage(msg);
  }

  #navigate(url: string): void {
    // Only web addresses: a `javascript:` URL assigned to location would run in this page.
    if (!isWebUrl(url)) return;
    // The page is leaving: do not open a new session that would only be thrown away.
    this.#closed = true;
    clearTimeout(this.#timer);
    (this.#options.navigate ?? ((u: string) => location.assign(u)))(url);
    // If we are still here after a while (the URL was a download, or only a hash), carry on.
    this.#timer = setTimeout(() => {
      this.#closed = false;
      if (!this.#socket) this.#connect();
    }, NAVIGATE_GRACE_MS);
  }

  /** `st.navigation` ran: keep the menu, and put the shown page's address in the address bar. */
  #navigation(msg: NavigationMessage): void {
    const { type: _type, notFound, replace, ...navigation } = msg;
    this.#update({ navigation });
    if (notFound) this.#update({ notices: [...this.#state.notices, { id: ++this.#noticeSeq, ...notFound }].slice(-3) });
    if (pagePathOf(this.#page().split('?')[0]!, this.#options.base) !== msg.current) {
      this.#setAddress(pageHref(msg.current, this.#options.base), !replace);
      this.#pushNext = false;
    }
  }

  #setAddress(href: string, push: boolean): void {
    if (this.#options.setAddress) return this.#options.setAddress(href, push);
    if (push) history.pushState(null, '', href);
    else history.replaceState(null, '', href);
  }

  #page(): string {
    return this.#options.page?.() ?? location.pathname + location.search;
  }

  #setQuery(query: string): void {
    const push = this.#pushNext;
    this.#pushNext = false;
    if (this.#options.setQuery) return this.#options.setQuery(query, push);
    if (query === location.search) return;
    const url = location.pathname + query + location.hash;
    if (push) history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  }

  #send(msg: ClientMessage): boolean {
    const socket = this.#socket;
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(msg));
    return true;
  }

  #update(patch: Partial<ConnectionState>): void {
    const next = { ...this.#state, ...patch };
    const changed = (Object.keys(patch) as (keyof ConnectionState)[]).some((k) => next[k] !== this.#state[k]);
    if (!changed) return;
    this.#state = next;
    for (const listener of this.#listeners) listener();
  }
}

/** An http(s) URL, absolute or relative to the page. */
function isWebUrl(url: string): boolean {
  try {
    const base = typeof location === 'undefined' ? 'http://localhost/' : location.href;
    return ['http:', 'https:'].includes(new URL(url, base).protocol);
  } catch {
    return false;
  }
}

function parse(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const msg: unknown = JSON.parse(data);
    return typeof msg === 'object' && msg !== null && typeof (msg as { type?: unknown }).type === 'string' ? (msg as ServerMessage) : null;
  } catch {
    return null;
  }
}
