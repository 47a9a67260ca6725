/**
 * The seam between the server (which owns sockets) and the sessions (which own everything a tab
 * has). The server hands each accepted WebSocket to a `SessionHub`; the hub answers with a handler
 * for that socket's frames. Nothing here knows about Fastify or `ws`.
 */
import type { ServerMessage } from '@mini-st/protocol';
import type { BrowserIdentity } from '../auth/types.js';
import type { MediaHub } from '../media/media-hub.js';

/** One open WebSocket, as the session layer sees it. */
export interface ClientConnection {
  /** Queue one message; the connection serializes it as one JSON text frame. */
  send(message: ServerMessage): void;
  /**
   * Queue one frame already serialized (a `deltas` message built around a worker's texts,
   * wire-text.ts). Absent: the session parses the text and calls `send`.
   */
  sendText?(text: string): void;
  /** Close the socket (1000 normal, 1008 policy, 1011 server error…). */
  close(code: number, reason: string): void;
  /** Bytes queued in the socket and not yet written (for back-pressure). */
  readonly bufferedAmount: number;
}

/** What the server learned about a socket when it accepted it. */
export interface ConnectionInfo {
  /** The Origin header, already checked by the server. */
  origin: string | undefined;
  remoteAddress: string;
  /** Request headers of the upgrade. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Who the browser is, read from its cookies by the auth plugin (absent without one). */
  identity?: BrowserIdentity;
}

/** Receives the frames of one socket. */
export interface ConnectionHandler {
  /** One text frame from the page (not yet parsed or validated). */
  message(raw: string): void;
  /** The socket closed, for whatever reason. */
  closed(): void;
}

/** Accepts sockets; one per process. */
export interface SessionHub {
  open(connection: ClientConnection, info: ConnectionInfo): ConnectionHandler;
  /** Number of live sessions (connected or waiting for a reconnect). */
  readonly sessionCount: number;
  /**
   * Graceful shutdown, first half: turn new pages away and wait (at most `timeoutMs`) for the runs
   * in progress to finish, with the connections still open.
   */
  drain?(timeoutMs: number): Promise<void>;
  /** Media storage and upload targets; the server adds the media and upload routes when present. */
  readonly media?: MediaHub;
  /** Stop every run, drop every session, stop watching files. */
  close(): Promise<void>;
}
