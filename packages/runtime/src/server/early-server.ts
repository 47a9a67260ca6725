/**
 * The port, open before Fastify has loaded (cold start, docs/performance.md). Loading Fastify and
 * its plugins is most of a start (about 300 modules); a plain `node:http` server opens the port
 * first, answers the health probe itself, and holds every other request and WebSocket upgrade,
 * in arrival order, until the Fastify app is attached. From then on it forwards each request and
 * upgrade to the app's own (never listening) server, whose listeners Fastify and
 * @fastify/websocket installed. Only cli.ts creates one; tests of the app use `inject`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** Requests and upgrades held while the app loads; past this a newcomer gets 503 at once. */
const MAX_HELD = 1024;

export interface EarlyServer {
  /** The listening server (pass it to `listen`). */
  readonly server: Server;
  /** Hands everything held, and everything later, to the app's server. */
  attach(app: Server): void;
  /** The app failed to load: what is held, and what comes later, gets a 500. */
  fail(): void;
  /** Stops accepting connections and cuts idle keep-alive ones (shutdown). */
  close(): void;
}

type Held =
  | { kind: 'request'; req: IncomingMessage; res: ServerResponse }
  | { kind: 'upgrade'; req: IncomingMessage; socket: Duplex; head: Buffer };

/**
 * @param healthPath the health probe's path, base path included (e.g. `/_stcore/health`).
 *
 * @example
 * const early = createEarlyServer('/_stcore/health');
 * await listen(early.server, config); // health answers from here on
 * const app = await buildServer(options);
 * await app.ready();
 * early.attach(app.server);
 */
export function createEarlyServer(healthPath: string): EarlyServer {
  let target: Server | undefined;
  let failed = false;
  const held: Held[] = [];

  const server = createServer((req, res) => {
    if (target) return void target.emit('request', req, res);
    if (failed) return void refuse(res, 500, 'Internal Server Error');
    if (isHealth(req, healthPath)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
      return void res.end(req.method === 'HEAD' ? undefined : 'ok');
    }
    if (held.length >= MAX_HELD) return void refuse(res, 503, 'Service Unavailable: starting');
    held.push({ kind: 'request', req, res });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (target) return void target.emit('upgrade', req, socket, head);
    if (failed || held.length >= MAX_HELD) return void socket.destroy();
    held.push({ kind: 'upgrade', req, socket, head });
  });

  return {
    server,
    attach(app) {
      target = app;
      // The app's own timeouts (Fastify's defaults differ from Node's), on the socket that serves.
      server.keepAliveTimeout = app.keepAliveTimeout;
      server.headersTimeout = app.headersTimeout;
      server.requestTimeout = app.requestTimeout;
      for (const entry of held.splice(0)) {
        if (entry.kind === 'request') app.emit('request', entry.req, entry.res);
        else app.emit('upgrade', entry.req, entry.socket, entry.head);
      }
    },
    fail() {
      failed = true;
      for (const entry of held.splice(0)) {
        if (entry.kind === 'request') refuse(entry.res, 500, 'Internal Server Error');
        else entry.socket.destroy();
      }
    },
    close() {
      server.close();
      server.closeIdleConnections();
    },
  };
}

function isHealth(req: IncomingMessage, healthPath: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '';
  const end = url.indexOf('?');
  return (end === -1 ? url : url.slice(0, end)) === healthPath;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end(text);
}
