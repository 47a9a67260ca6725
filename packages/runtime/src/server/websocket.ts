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

/** A dead peer (sleeping laptop, dropped NAT entry) is noticed after at most two intervals. */
const PING_INTERVAL_MS = 30_000;
/** Close codes (RFC 6455). */
const GOING_AWAY = 1001;
const UNSUPPORTED_DATA = 1003;
const INTERNAL_ERROR = 1011;

/**
 * Installs @fastify/websocket on the root instance. Call once, before `registerStream`.
 *
 * @param maxMessageSize largest frame accepted from a page, in megabytes (`server.maxMessageSize`)
 */
export async function installWebSocket(app: FastifyInstance, maxMessageSize: number, logger: Logger): Promise<void> {
  await app.register(websocket, {
    options: { maxPayload: Math.floor(maxMessageSize * 1024 * 1024) },
    errorHandler(error, socket) {
      // A peer that sent a bad frame or vanished: its problem, not a runtime fault.
      logger.warn(`WebSocket closed after an error: ${error.message}`);
      socket.terminate();
    },
    preClose(done) {
      // 1001 tells the page the server is going away, so it reconnects instead of giving up.
      // Not waiting for the closing handshakes: a page that never answers must not hold shutdown.
      for (const client of this.websocketServer.clients) client.close(GOING_AWAY, 'server shutting down');
      this.websocketServer.close();
      done();
    },
  });
  startHeartbeat(app);
}

export interface StreamOptions {
  hub: SessionHub;
  /** Normalized `server.corsAllowedOrigins`. */
  allowedOrigins: readonly string[];
  logger: Logger;
  /** Reads who the browser is from the upgrade's cookies (the auth plugin's `identify`). */
  identify?: ((request: FastifyRequest) => BrowserIdentity) | undefined;
}

/**
 * Adds the stream route to `scope` (the base-path scope). Sockets from foreign origins are refused
 * with 403 before any session exists.
 */
export function registerStream(scope: FastifyInstance, options: StreamOptions): void {
  const { hub, allowedOrigins, logger, identify } = options;

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
    const connection = wrapSocket(socket, request.raw.socket);
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
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(UNSUPPORTED_DATA, 'mini-st speaks JSON text frames');
        return;
      }
      try {
        handler.message(textOf(data));
      } catch (error) {
        logger.error('Error [MST_ERR_INTERNAL]: a session failed to handle a message', error);
      }
    });
    socket.once('close', () => {
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
function wrapSocket(socket: WebSocket, tcp: Socket | undefined): ClientConnection {
  let corked = false;
  const uncork = () => {
    corked = false;
    tcp?.uncork();
  };
  return {
    send(message: ServerMessage) {
      if (socket.readyState !== socket.OPEN) return;
      if (tcp && !corked) {
        corked = true;
        tcp.cork();
        process.nextTick(uncork);
      }
      socket.send(JSON.stringify(message));
    },
    close(code: number, reason: string) {
      // A close reason may hold at most 123 bytes.
      socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
    },
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
  };
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Pings every socket; one that did not answer the previous ping is terminated. */
function startHeartbeat(app: FastifyInstance): void {
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
  }, PING_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
