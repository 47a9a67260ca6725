/**
 * One browser tab's session: its script runner, its outgoing queue, and the connection it is
 * attached to (none while the page reconnects). It outlives a dropped socket, so a reconnecting
 * page resumes with its widget values and session_state; the manager disposes of it after the
 * disconnected-session TTL.
 */
import { PROTOCOL_VERSION, type ClientMessage, type HelloMessage, type ServerMessage } from '@mini-st/protocol';
import type { AuthGateway, BrowserIdentity, UserIdentity } from '../auth/types.js';
import type { WidgetValue } from '@mini-st/protocol';
import { MiniStError, type ErrorCode } from '../errors.js';
import type { RunnerToSession } from '../runner/messages.js';
import type { RestartReason, RunnerHandle, RunnerPool } from '../runner/runner-pool.js';
import { OutgoingQueue, type OutgoingMessage } from './outgoing-queue.js';
import { deltasText, hasText } from './wire-text.js';
import { pageAddress, pagePathOf } from './page-address.js';
import type { ClientConnection } from './types.js';
import type { MediaStore } from '../media/media-store.js';
import { SessionMedia } from '../media/session-media.js';

export interface AppSessionOptions {
  id: string;
  /** Where this session's script runner lives (main thread or a worker). */
  pool: RunnerPool;
  scriptName: string;
  runOnSave: boolean;
  /** Login and logout URLs; absent when the runtime runs without the auth plugin. */
  auth?: AuthGateway | undefined;
  /** The process's media storage and upload limit: without it, media from bytes and uploads are unavailable. */
  media?: { store: MediaStore; maxUploadSizeMb: number } | undefined;
  /** `server.baseUrlPath`: the page's path under it names the page of `st.navigation`. */
  baseUrlPath?: string;
}

export class AppSession {
  readonly id: string;
  private readonly options: AppSessionOptions;
  private readonly runner: RunnerHandle;
  private readonly outgoing: OutgoingQueue;
  /** Every widget value the page reported: a replacement runner starts from them. */
  private readonly widgets: Record<string, WidgetValue> = Object.create(null);
  private user: UserIdentity | null = null;
  private connection: ClientConnection | null = null;
  /** The page's path and query, for return-after-login. */
  private page = '/';
  /** The last `st.navigation` message sent to this connection (JSON), to skip unchanged ones. */
  private navigationSent = '';
  /** The browser this session belongs to (its browser-id cookie); tabs of one browser share it. */
  browserId: string | undefined;
  /** When the page went away (for the TTL), or null while connected. */
  disconnectedAt: number | null = null;
  /** Between a run's start and its end (a graceful shutdown waits for these). */
  isRunning = false;

  constructor(options: AppSessionOptions) {
    this.id = options.id;
    this.options = options;
    this.outgoing = new OutgoingQueue((messages) => this.write(messages));
    this.runner = options.pool.open(options.id, {
      message: (message) => this.fromRunner(message),
      restarted: (reason) => this.restarted(reason),
    });
    if (options.media) this.files = new SessionMedia(options.media.store, options.media.maxUploadSizeMb, (message) => this.runner.post(message));
  }

  /** Media this session's page shows and the files it uploaded (absent without media storage). */
  readonly files: SessionMedia | undefined;

  /**
   * A page said hello on `connection`: attach, greet, and run with the page's widget values and
   * the identity the server read from this connection's cookies.
   */
  attach(connection: ClientConnection, hello: HelloMessage, resumed: boolean, identity?: BrowserIdentity): void {
    if (this.connection && this.connection !== connection) this.connection.close(1000, 'session resumed elsewhere');
    this.connection = connection;
    this.disconnectedAt = null;
    this.page = hello.page;
    this.browserId = identity?.browserId;
    this.user = identity?.user ?? null;
    this.runner.post({ type: 'identity', user: this.user });
    this.runner.post({ type: 'query_params', query: queryOf(this.page) });
    this.runner.post({ type: 'page_path', path: pagePathOf(this.page, this.options.baseUrlPath ?? '') });
    this.runner.post({ type: 'connection', connected: true });
    Object.assign(this.widgets, hello.widgets);
    this.outgoing.reset();
    this.navigationSent = '';
    this.outgoing.send({
      type: 'session_start',
      protocol: PROTOCOL_VERSION,
      sessionId: this.id,
      resumed,
      scriptName: this.options.scriptName,
      runOnSave: this.options.runOnSave,
      ...(this.files ? { uploadToken: this.files.uploadToken, maxUploadSizeMb: this.files.maxUploadSizeMb } : {}),
    });
    this.runner.post({ type: 'rerun', widgets: hello.widgets, triggers: [] });
  }

  /** The socket closed; the session waits for the page to come back. */
  detach(connection: ClientConnection): void {
    if (this.connection !== connection) return;
    this.connection = null;
    this.disconnectedAt = Date.now();
    // Nobody is watching: `run_every` fragments pause until the page comes back.
    this.runner.post({ type: 'connection', connected: false });
  }

  get connected(): boolean {
    return this.connection !== null;
  }

  handle(message: Exclude<ClientMessage, HelloMessage>): void {
    switch (message.type) {
      case 'rerun':
        if (message.page !== undefined) {
          this.page = message.page;
          this.runner.post({ type: 'query_params', query: queryOf(message.page) });
          this.runner.post({ type: 'page_path', path: pagePathOf(message.page, this.options.baseUrlPath ?? '') });
        }
        Object.assign(this.widgets, message.widgets);
        this.outgoing.pageChanged(message.widgets);
        this.runner.post({
          type: 'rerun',
          widgets: message.widgets,
          triggers: message.trigger ? [message.trigger] : [],
          ...(message.fragmentId !== undefined ? { fragmentId: message.fragmentId } : {}),
        });
        return;
      case 'stop':
        this.runner.post({ type: 'stop' });
        return;
      default:
        message satisfies never;
    }
  }

  /** Another tab of this browser logged in or out: take the new identity and rerun. */
  identityChanged(user: UserIdentity | null): void {
    this.user = user;
    this.runner.post({ type: 'identity', user });
    this.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
  }

  /** A source file was saved. */
  sourceChanged(): void {
    if (this.options.runOnSave) this.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
    else this.outgoing.send({ type: 'source_changed' });
  }

  /** Tell the page about something that is not the script's doing (a banner with the code). */
  notice(error: MiniStError): void {
    this.outgoing.send({ type: 'error', code: error.code, message: error.message });
  }

  dispose(): void {
    this.files?.dispose();
    this.runner.close();
    this.connection?.close(1001, 'session closed');
    this.connection = null;
  }

  /**
   * The runner was replaced (a run that would not stop, a time limit, a crash): say so, end the
   * lost run for the page, and run again from the widget values the page reported.
   */
  private restarted(reason: RestartReason): void {
    const code: ErrorCode =
      reason === 'time_limit' ? 'MST_ERR_RUN_TIME_LIMIT' : reason === 'crashed' ? 'MST_ERR_WORKER_CRASHED' : 'MST_ERR_SCRIPT_STOPPED_FORCIBLY';
    const error = new MiniStError(code, {});
    this.isRunning = false;
    this.outgoing.abandonRun();
    this.outgoing.send({ type: 'error', code, message: `${error.message} Widget values were kept; session_state was reset.` });
    this.runner.post({ type: 'identity', user: this.user });
    this.runner.post({ type: 'query_params', query: queryOf(this.page) });
    this.runner.post({ type: 'page_path', path: pagePathOf(this.page, this.options.baseUrlPath ?? '') });
    this.files?.restarted();
    this.runner.post({ type: 'connection', connected: this.connection !== null });
    this.runner.post({ type: 'rerun', widgets: { ...this.widgets }, triggers: [] });
  }

  private fromRunner(message: RunnerToSession): void {
    switch (message.type) {
      case 'run_started':
        this.files?.runStarted(message.fragments !== undefined);
        this.isRunning = true;
        this.outgoing.runStarted(message.runId, message.fragments);
        return;
      case 'delta':
        this.files?.delta(message.delta);
        this.outgoing.delta(message.runId, message.delta);
        return;
      case 'delta_text':
        // Never a file_uploader (runner/text-delta.ts): the media have nothing to learn from it.
        this.outgoing.delta(message.runId, message.delta);
        return;
      case 'media':
        this.files?.receive(message.files, message.hold);
        return;
      case 'run_finished':
        this.files?.runFinished(message.status);
        this.isRunning = false;
        this.outgoing.runFinished(message.runId, message.status, message.counts);
        return;
      case 'navigate':
        this.outgoing.send({ type: 'navigate', url: message.url });
        return;
      case 'page_message':
        if (message.message.type === 'navigation') {
          // The page shows another page's address (a login started later returns there).
          if (pagePathOf(this.page, this.options.baseUrlPath ?? '') !== message.message.current) {
            this.page = pageAddress(message.message.current, this.options.baseUrlPath ?? '');
          }
          // Sent again only when menu or page changed (or on a new connection: attach forgets it);
          // `replace` alone changes nothing on a page that already shows that address.
          const text = JSON.stringify({ ...message.message, replace: undefined });
          if (text === this.navigationSent) return;
          this.navigationSent = text;
        }
        this.outgoing.send(message.message);
        return;
      case 'query_params':
        // Where the page now is: a login started later returns here.
        this.page = pathOf(this.page) + message.query;
        this.outgoing.send({ type: 'query_params', query: message.query });
        return;
      case 'login':
      case 'logout': {
        // checkLogin already passed inside the run, so the gateway exists here.
        const auth = this.options.auth;
        const browserId = this.browserId ?? '';
        if (!auth) return;
        const url =
          message.type === 'login'
            ? auth.loginUrl({ provider: message.provider, page: this.page, browserId })
            : auth.logoutUrl({ page: this.page, browserId });
        this.outgoing.send({ type: 'navigate', url });
        return;
      }
      default:
        message satisfies never;
    }
  }

  private write(messages: OutgoingMessage[]): void {
    const connection = this.connection;
    if (!connection) return;
    for (const message of messages) {
      if (message.type !== 'deltas' || !hasText(message)) connection.send(message as ServerMessage);
      // A worker's deltas are text already: the frame is built around them (wire-text.ts). A
      // connection that takes only messages (tests) gets what the page would parse.
      else if (connection.sendText) connection.sendText(deltasText(message));
      else connection.send(JSON.parse(deltasText(message)) as ServerMessage);
    }
  }
}

/** The query string of a page address (`/a?b=1#c` → `?b=1`), "" when it has none. */
function queryOf(page: string): string {
  const address = page.split('#')[0] ?? '';
  const at = address.indexOf('?');
  return at < 0 ? '' : address.slice(at);
}

/** The path of a page address, without query and hash. */
function pathOf(page: string): string {
  return page.split(/[?#]/)[0] ?? '/';
}
