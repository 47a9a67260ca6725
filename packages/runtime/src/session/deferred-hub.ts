/**
 * A `SessionHub` that stands in for one still loading. `mini-st run` opens its port before it
 * loads the session layer (the script runner, esbuild, the worker threads), so that health
 * answers early; a page that connects in that window is not refused: its frames wait here, in
 * order, and reach the real hub once it is there. After that every call goes straight through.
 */
import type { MediaHub } from '../media/media-hub.js';
import { MediaStore } from '../media/media-store.js';
import type { ClientConnection, ConnectionHandler, ConnectionInfo, SessionHub } from './types.js';

/** Close codes (RFC 6455). */
const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;
/**
 * Frames held per waiting connection. A page sends one (hello) and waits for the session's answer,
 * so more is a client that is not a page: it is cut off rather than held in memory.
 */
export const MAX_WAITING_FRAMES = 32;

/**
 * Wraps the hub that `loading` resolves to.
 *
 * @example
 * const hub = deferHub(import('./session-manager.js').then((m) => m.createSessionManager(options)));
 * const app = await buildServer({ config, hub }); // accepts sockets at once
 */
export function deferHub(loading: Promise<SessionHub>, log: (message: string, error: unknown) => void = () => {}): SessionHub {
  let hub: SessionHub | undefined;
  // Settled either way, so close() and drain() never hang on a failed load.
  const settled = loading.then(
    (loaded) => {
      hub = loaded;
      return loaded;
    },
    (error: unknown) => {
      log('Error [MST_ERR_INTERNAL]: the session layer failed to load', error);
      return undefined;
    },
  );
  // The server registers the media routes when it is built, before the hub is there. Until then
  // no session exists, so there is no file to serve and nothing to upload to: an empty store.
  let idleStore: MediaStore | undefined;
  const media: MediaHub = {
    get store() {
      return hub?.media?.store ?? (idleStore ??= new MediaStore());
    },
    uploadTarget: (sessionId, token) => hub?.media?.uploadTarget(sessionId, token),
  };
  return {
    media,
    open(connection: ClientConnection, info: ConnectionInfo): ConnectionHandler {
      if (hub) return hub.open(connection, info);
      return waitingHandler(connection, info, settled, log);
    },
    get sessionCount() {
      return hub?.sessionCount ?? 0;
    },
    async drain(timeoutMs: number) {
      await (await settled)?.drain?.(timeoutMs);
    },
    async close() {
      await (await settled)?.close();
    },
  };
}

/** Holds one connection's frames (and its close) until the hub is there, then replays them. */
function waitingHandler(
  connection: ClientConnection,
  info: ConnectionInfo,
  settled: Promise<SessionHub | undefined>,
  log: (message: string, error: unknown) => void,
): ConnectionHandler {
  let handler: ConnectionHandler | undefined;
  let frames: string[] = [];
  let closed = false;
  void settled.then((hub) => {
    if (closed && frames.length === 0) return;
    if (!hub) {
      if (!closed) connection.close(INTERNAL_ERROR, 'internal error');
      return;
    }
    try {
      handler = hub.open(connection, info);
      const waiting = frames;
      frames = [];
      for (const raw of waiting) handler.message(raw);
      if (closed) handler.closed();
    } catch (error) {
      log('Error [MST_ERR_INTERNAL]: the session hub failed on a waiting connection', error);
      connection.close(INTERNAL_ERROR, 'internal error');
    }
  });
  return {
    message(raw) {
      if (handler) handler.message(raw);
      else if (closed) return;
      else if (frames.length < MAX_WAITING_FRAMES) frames.push(raw);
      else {
        frames = [];
        closed = true;
        connection.close(POLICY_VIOLATION, 'too many frames before the session started');
      }
    },
    closed() {
      if (handler) handler.closed();
      else closed = true;
    },
  };
}
