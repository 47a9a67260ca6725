/**
 * The WebSocket at `/_stcore/stream`: checks the Origin before upgrading, then wraps each socket
 * as a `ClientConnection` and hands it to the `SessionHub`, forwarding text frames and the close.
 * The hub never sees `ws` or Fastify; this file never sees a session.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STREAM_PATH, type ServerMessage } from '@mini-st/protocol';
import type { Socket } from 'node:net';
import type { WebSocket, RawData } from 'ws';
import { MiniStError } from '../errors.js';
import type { ClientConnection, ConnectionHandler, SessionHub } from '../session/types.js';
import type { BrowserIdentity } from '../auth/types.js';
import type { Logger } from './logger.js';
import { isAllowedOrigin } from './origin.js';
import { DEFAULT_INBOUND_LIMITS, InboundGate, type InboundLimits } from './inbound-gate.js';

/** A dead peer (sleeping laptop, dropped NAT entry) is noticed after at most two intervals. */
export const PING_INTERVAL_MS = 30_000;
/** Close codes (RFC 6455). */
const GOING_AWAY = 1001;
const UNSUPPORTED_DATA = 1003;
const POLICY_VIOLATION = 1008;
const MESSAGE_TOO_BIG = 1009;
const INTERNAL_ERROR = 1011;
/**
 * Bytes a page may leave unread before it is cut off (it reconnects and is sent everything
 * afresh): far above one run's output, so only a page that stopped reading reaches it.
 */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * Installs @fastify/websocket on the root instance. Call once, before `registerStream`.
 *
 * @param maxMessageSize largest frame accepted from a page, in megabytes (`server.maxMessageSize`)
 * @param pingIntervalMs how often every socket is pinged (tests shorten it)
 */
export async function installWebSocket(app: FastifyInstance, maxMessageSize: number, logger: Logger, pingIntervalMs = PING_INTERVAL_MS): Promise<void> {
  await app.register(websocket, {
    // Not `allowSynchronousEvents: false` (one frame per loop turn): in ws 8.23.0 a client can
    // crash the process through it (docs/security.md). Fairness comes from the InboundGate.
    options: { maxPayload: Math.floor(maxMessageSize * 1024 * 1024) },
    errorHandler(error, socket) {
      // A peer that sent a bad frame or vanished: its problem, not a runtime fault.
      const code = (error as { code?: string }).code;
      if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        const known = new MiniStError('MST_ERR_MESSAGE_TOO_LARGE', { limit: maxMessageSize });
        logger.warn(`Warning [${known.code}]: ${known.message}`);
      } else {
        logger.warn(`WebSocket closed after an error: ${error.message}`);
      }
      // ws has already started the closing handshake for a bad frame (1009, 1007…): let the close
      // frame, and the error message before it, leave. ws destroys the socket if the peer never answers.
      if (socket.readyState !== socket.CLOSING) socket.terminate();
    },
    preClose(done) {
      // 1001 tells the page the server is going away, so it reconnects instead of giving up.
      // Not waiting for the closing handshakes: a page that never answers must not hold shutdown.
      for (const client of this.websocketServer.clients) client.close(GOING_AWAY, 'server shutting down');
      this.websocketServer.close();
      done();
    },
  });
  startHeartbeat(app, pingIntervalMs);
}

export interface StreamOptions {
  hub: SessionHub;
  /** Normalized `server.corsAllowedOrigins`. */
  allowedOrigins: readonly string[];
  logger: Logger;
  /** Reads who the browser is from the upgrade's cookies (the auth plugin's `identify`). */
  identify?: ((request: FastifyRequest) => BrowserIdentity) | undefined;
  /** `server.maxMessageSize` (megabytes), named in the error a too-large frame gets. */
  maxMessageSize: number;
  /** Flow control of each page's frames (tests lower them). */
  inboundLimits?: InboundLimits | undefined;
  /** Unread bytes after which a page is cut off (tests lower it). */
  maxBufferedBytes?: number | undefined;
}

/**
 * Adds the stream route to `scope` (the base-path scope). Sockets from foreign origins are refused
 * with 403 before any session exists.
 */
export function registerStream(scope: FastifyInstance, options: StreamOptions): void {
  const { hub, allowedOrigins, logger, identify, maxMessageSize } = options;
  const limits = options.inboundLimits ?? DEFAULT_INBOUND_LIMITS;
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;

  const checkOrigin = async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (isAllowedOrigin(origin, request.headers.host, allowedOrigins)) return;
    const error = new MiniStError('MST_ERR_WS_ORIGIN', { origin });
    logger.warn(`Error [${error.code}]: ${error.message}`);
    return reply.code(error.status ?? 403).send({ code: error.code, message: error.message });
  };

  scope.get(STREAM_PATH, { websocket: true, preValidation: checkOrigin }, (socket, request) => {
    // Deltas are small and latency-bound; Nagle would hold them back waiting for ACKs.
    request.raw.socket?.setNoDelay?.(true);
    explainOversize(socket, maxMessageSize);
    const connection = wrapSocket(socket, request.raw.socket, maxBuffered, (buffered) => {
      const error = new MiniStError('MST_ERR_SLOW_CLIENT', { buffered, limit: maxBuffered });
      logger.warn(`Warning [${error.code}]: ${error.message}`);
      // It is not reading, so a close frame would wait behind the backlog: cut the connection.
      socket.terminate();
    });
    let handler: ConnectionHandler;
    try {
      handler = hub.open(connection, {
        origin: request.headers.origin,
        remoteAddress: request.raw.socket?.remoteAddress ?? '',
        headers: request.headers,
        // Read after the origin check: a foreign page never gets as far as the cookies.
        ...(identify ? { identity: identify(request) } : {}),
      });
    } catch (error) {
      logger.error('Error [MST_ERR_INTERNAL]: the session hub refused a connection', error);
      socket.close(INTERNAL_ERROR, 'internal error');
      return;
    }
    const gate = new InboundGate(limits, {
      deliver(text) {
        try {
          handler.message(text);
        } catch (error) {
          logger.error('Error [MST_ERR_INTERNAL]: a session failed to handle a message', error);
        }
      },
      pause: () => socket.pause(),
      resume: () => socket.resume(),
      overflow() {
        const error = new MiniStError('MST_ERR_RATE_LIMITED', { rate: limits.rate, burst: limits.burst });
        logger.warn(`Warning [${error.code}]: ${error.message} (from ${request.raw.socket?.remoteAddress ?? 'unknown'})`);
        connection.send({ type: 'error', code: error.code, message: error.message });
        connection.close(POLICY_VIOLATION, error.code);
        // Read again, or the peer's answer to the close would never be seen; the gate drops the rest.
        socket.resume();
      },
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(UNSUPPORTED_DATA, 'mini-st speaks JSON text frames');
        return;
      }
      gate.push(textOf(data));
    });
    socket.once('close', () => {
      gate.close();
      try {
        handler.closed();
      } catch (error) {
        logger.error('Error [MST_ERR_INTERNAL]: a session failed to close', error);
      }
    });
  });
}

/**
 * The socket as the session layer sees it. Sends after the close are dropped, not thrown. Frames
 * sent in one tick (a rerun's run_started, deltas and run_finished) leave in one write: the TCP
 * socket is corked until the next tick.
 */
function wrapSocket(socket: WebSocket, tcp: Socket | undefined, maxBuffered: number, slow: (buffered: number) => void): ClientConnection {
  let corked = false;
  const uncork = () => {
    corked = false;
    tcp?.uncork();
  };
  const sendText = (text: string) => {
    if (socket.readyState !== socket.OPEN) return;
    // A page that stopped reading must not grow our memory without end.
    if (socket.bufferedAmount > maxBuffered) return slow(socket.bufferedAmount);
    if (tcp && !corked) {
      corked = true;
      tcp.cork();
      process.nextTick(uncork);
    }
    socket.send(text);
  };
  return {
    send(message: ServerMessage) {
      if (socket.readyState === socket.OPEN) sendText(JSON.stringify(message));
    },
    sendText,
    close(code: number, reason: string) {
      // A close reason may hold at most 123 bytes.
      socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
    },
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
  };
}

/**
 * ws answers a frame over maxPayload with a bare 1009 close. Say why first, in the protocol's
 * words, so the page can show the code; the close reason carries it too.
 */
function explainOversize(socket: WebSocket, maxMessageSize: number): void {
  const close = socket.close.bind(socket);
  socket.close = (code?: number, data?: string | Buffer) => {
    if (code === MESSAGE_TOO_BIG && data === undefined && socket.readyState === socket.OPEN) {
      const error = new MiniStError('MST_ERR_MESSAGE_TOO_LARGE', { limit: maxMessageSize });
      socket.send(JSON.stringify({ type: 'error', code: error.code, message: error.message } satisfies ServerMessage));
      close(code, error.code);
      return;
    }
    close(code, data);
  };
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Pings every socket; one that did not answer the previous ping is terminated. */
function startHeartbeat(app: FastifyInstance, intervalMs: number): void {
  const waiting = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const socket of app.websocketServer.clients) {
      if (waiting.has(socket)) {
        socket.terminate();
        continue;
      }
      waiting.add(socket);
      socket.once('pong', () => waiting.delete(socket));
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
