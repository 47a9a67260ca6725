/**
 * The process's sessions: accepts sockets from the server, starts or resumes a session on each
 * page's hello, routes frames to it, and disposes of sessions whose page has not come back within
 * the TTL. It also owns the shared compiled script and reruns (or notifies) sessions when a
 * source file is saved.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { MiniStError } from '../errors.js';
import type { AuthGateway, UserIdentity } from '../auth/types.js';
import type { Config } from '../config.js';
import { InProcessPool, type RunnerPool } from '../runner/runner-pool.js';
import { ScriptSource } from '../runner/script-source.js';
import { WorkerPool } from '../runner/worker-pool.js';
import { SourceWatcher } from '../runner/watch.js';
import { AppSession } from './app-session.js';
import type { ClientConnection, ConnectionHandler, ConnectionInfo, SessionHub } from './types.js';
import { parseClientMessage } from './validate.js';
import { MediaStore } from '../media/media-store.js';
import { createMediaHub, type MediaHub } from '../media/media-hub.js';

/** Streamlit keeps a disconnected session this long by default (`server.disconnectedSessionTTL`). */
export const DISCONNECTED_SESSION_TTL_MS = 120_000;
/** Close code that tells a page the server is restarting (RFC 6455 "Service Restart"): it reconnects. */
const SERVICE_RESTART = 1012;

export interface SessionManagerOptions {
  /** Absolute path of the script. */
  scriptPath: string;
  /** Where `.streamlit/secrets.toml` is read from in script workers (default: the process's). */
  cwd?: string;
  config: Config;
  /** Login/logout (the auth plugin's gateway); without it `st.login()` explains it is unavailable. */
  auth?: AuthGateway;
  /** Override `server.disconnectedSessionTTL`, in milliseconds (tests). */
  disconnectedTtlMs?: number;
  log?: (message: string) => void;
}

export class SessionManager implements SessionHub {
  private readonly sessions = new Map<string, AppSession>();
  private readonly source: ScriptSource;
  private readonly pool: RunnerPool;
  private readonly watcher: SourceWatcher;
  private readonly options: SessionManagerOptions;
  private readonly sweeper: NodeJS.Timeout;
  private readonly ttl: number;
  private draining = false;
  private readonly log: (message: string) => void;
  /** Media storage and the upload targets, for the server's media routes. */
  readonly media: MediaHub;

  constructor(options: SessionManagerOptions) {
    this.options = options;
    this.log = options.log ?? ((message) => console.error(message));
    this.media = createMediaHub(new MediaStore({ log: this.log }), (id) => this.sessions.get(id));
    const configured = options.config.server?.disconnectedSessionTTL;
    this.ttl = options.disconnectedTtlMs ?? (configured === undefined ? DISCONNECTED_SESSION_TTL_MS : configured * 1000);
    this.source = new ScriptSource(options.scriptPath, this.log);
    this.pool = createPool(options, this.source, this.log);
    this.watcher = new SourceWatcher(() => void this.sourceChanged());
    this.sweeper = setInterval(() => this.sweep(), Math.max(100, Math.min(this.ttl, 10_000)));
    this.sweeper.unref();
    this.unsubscribeIdentity = options.auth?.onIdentityChange((browserId, user) => this.identityChanged(browserId, user));
  }

  private readonly unsubscribeIdentity: (() => void) | undefined;

  /**
   * Compile once up front, so errors show in the terminal and the first page is fast. The server
   * does not wait for it: health answers while the script compiles.
   */
  start(): Promise<void> {
    this.watcher.setFiles(this.source.files);
    return this.source.load().then(
      () => this.watcher.setFiles(this.source.files),
      () => undefined,
    );
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** A session by id (tests). */
  session(id: string): AppSession | undefined {
    return this.sessions.get(id);
  }

  open(connection: ClientConnection, info: ConnectionInfo): ConnectionHandler {
    let session: AppSession | null = null;
    return {
      message: (raw) => {
        try {
          const message = parseClientMessage(raw);
          if (message.type === 'hello') {
            if (session) throw new MiniStError('MST_ERR_PROTOCOL', { detail: 'hello sent twice' });
            // Shutting down: this page should find the next process (or replica), not a session here.
            if (this.draining) return connection.close(SERVICE_RESTART, 'server restarting');
            session = this.attach(connection, message, info);
          } else if (!session) {
            throw new MiniStError('MST_ERR_PROTOCOL', { detail: 'the first message must be hello' });
          } else {
            session.handle(message);
          }
        } catch (error) {
          const known = error instanceof MiniStError ? error : new MiniStError('MST_ERR_INTERNAL', { detail: String(error) }, { cause: error });
          if (known.code === 'MST_ERR_INTERNAL') this.log(`Error [${known.code}]: ${known.message}`);
          connection.send({ type: 'error', code: known.code, message: known.message });
          if (!session) connection.close(1008, known.code);
        }
      },
      closed: () => {
        session?.detach(connection);
      },
    };
  }

  /**
   * The first half of a graceful shutdown: new pages are turned away (they reconnect elsewhere),
   * and this resolves once no session has a run in progress, or after `timeoutMs`, whichever
   * comes first. The connections stay open, so the runs' output still reaches their pages.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && [...this.sessions.values()].some((session) => session.isRunning)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.unsubscribeIdentity?.();
    this.watcher.close();
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
    await this.pool.close();
    this.media.store.close();
  }

  private attach(connection: ClientConnection, hello: Parameters<AppSession['attach']>[1], info: ConnectionInfo): AppSession {
    const existing = hello.sessionId === undefined ? undefined : this.sessions.get(hello.sessionId);
    // A session id is a bearer token for its state: it resumes only from the browser that owns it.
    if (existing && existing.browserId === info.identity?.browserId) {
      existing.attach(connection, hello, true, info.identity);
      return existing;
    }
    const session = new AppSession({
      id: randomBytes(18).toString('base64url'),
      pool: this.pool,
      scriptName: path.basename(this.options.scriptPath),
      runOnSave: this.options.config.server.runOnSave,
      baseUrlPath: this.options.config.server.baseUrlPath,
      auth: this.options.auth,
      media: { store: this.media.store, maxUploadSizeMb: this.options.config.server.maxUploadSize ?? 200 },
    });
    this.sessions.set(session.id, session);
    session.attach(connection, hello, false, info.identity);
    // The page had a session: it expired, belonged to another browser, or this is a new process.
    if (hello.sessionId !== undefined) session.notice(new MiniStError('MST_ERR_SESSION_EXPIRED'));
    return session;
  }

  private identityChanged(browserId: string, user: UserIdentity | null): void {
    for (const session of this.sessions.values()) {
      if (session.browserId === browserId) session.identityChanged(user);
    }
  }

  private async sourceChanged(): Promise<void> {
    this.source.invalidate();
    this.pool.sourceChanged();
    await this.source.load().catch(() => undefined);
    this.watcher.setFiles(this.source.files);
    for (const session of this.sessions.values()) session.sourceChanged();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) {
      if (session.disconnectedAt !== null && now - session.disconnectedAt >= this.ttl) {
        session.dispose();
        this.sessions.delete(id);
      }
    }
  }
}

/** Scripts run in worker threads unless `runner.isolation = "none"`. */
function createPool(options: SessionManagerOptions, source: ScriptSource, log: (message: string) => void): RunnerPool {
  const runner = options.config.runner;
  const maxRunMs = runner.maxRunSeconds === undefined ? undefined : runner.maxRunSeconds * 1000;
  if (runner.isolation === 'none') {
    const auth = options.auth;
    return new InProcessPool({
      loader: source,
      maxRunMs,
      ...(auth ? { services: { checkLogin: (provider: string | undefined) => auth.checkLogin(provider) } } : {}),
    });
  }
  return new WorkerPool({
    scriptPath: options.scriptPath,
    cwd: options.cwd ?? process.cwd(),
    size: runner.workers,
    stopTimeoutMs: runner.stopTimeout * 1000,
    maxRunMs,
    maxOldGenerationSizeMb: runner.maxWorkerMemoryMb,
    log,
  });
}

/** Create the session layer for `mini-st run` (the CLI hands it to the server). */
export async function createSessionManager(options: SessionManagerOptions): Promise<SessionManager> {
  const manager = new SessionManager(options);
  void manager.start();
  return manager;
}
