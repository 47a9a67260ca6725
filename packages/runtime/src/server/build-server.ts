/**
 * Builds the Fastify app that serves one mini-st script: the page shell, its hashed assets, the
 * health probe and the WebSocket, all under `server.baseUrlPath`. It never listens: the CLI
 * opens the port, tests use `inject` / `injectWS`. Sockets go to the `SessionHub` it is given.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { join } from 'node:path';
import { HEALTH_PATH } from '@mini-st/protocol';
import type { Config } from '../config.js';
import { MiniStError } from '../errors.js';
import type { SessionHub } from '../session/types.js';
import type { Auth } from '../auth/index.js';
import { createConsoleLogger, type Logger } from './logger.js';
import { basePrefix, loadPage, locateComponentsDist, type Page } from './page.js';
import { addSecurityHeaders } from './security-headers.js';
import { chooseEncoding, etagOf, loadStaticAssets, type StaticAssets } from './static-assets.js';
import { installWebSocket, registerStream, type StreamOptions } from './websocket.js';
import { addHostCheck } from './allowed-hosts.js';
import { themeHead } from '../theme/theme-head.js';
import { registerMediaRoutes } from '../media/media-routes.js';

export interface BuildServerOptions {
  config: Config;
  /** Receives every accepted WebSocket. */
  hub: SessionHub;
  /**
   * A directory laid out like @mini-st/components' `dist/`: `index.html` (with `%BASE%`) and
   * `static/`. Defaults to the installed components package (tests pass a fixture).
   */
  staticDir?: string;
  /** Startup lines and runtime faults; the console by default. */
  logger?: Logger;
  /** Login: the auth routes and the reader of a socket's identity. Without it, nobody logs in. */
  auth?: Pick<Auth, 'plugin' | 'identify'>;
  /**
   * The port is already open (cli.ts's early server forwards to this app): load the page's
   * assets now rather than on Fastify's `onListen`, which never fires then.
   */
  listening?: boolean;
  /** Flow-control limits of the WebSocket (tests lower them; the defaults suit production). */
  streamLimits?: Pick<StreamOptions, 'inboundLimits' | 'maxBufferedBytes'> & { pingIntervalMs?: number };
}

/**
 * Builds the app without listening.
 *
 * @example
 * const app = await buildServer({ config, hub });
 * const res = await app.inject({ url: '/_stcore/health' }); // 200 "ok"
 * // only cli.ts serves it, through its early server (server/early-server.ts)
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { config, hub, logger = createConsoleLogger() } = options;
  const distDir = options.staticDir ?? locateComponentsDist();
  const base = config.server.baseUrlPath;
  const page = await loadPage(distDir, base, themeHead(config.theme));
  // The assets are read and compressed once the port is open (or at the first asset request):
  // health need not wait for them, nor share the CPU with them (cold start, docs/performance.md).
  let assets: Promise<StaticAssets> | undefined;
  const loadAssets = () => (assets ??= loadStaticAssets(join(distDir, 'static')));
  if (!page) {
    const error = new MiniStError('MST_ERR_PAGE_NOT_BUILT', { dir: distDir });
    logger.warn(`Warning [${error.code}]: ${error.message}`);
  }

  // Keep-alive connections would hold close() open until they idle out; shutdown should be prompt.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  // A failure here is reported by the asset requests, which meet the same rejection.
  if (options.listening) loadAssets().catch(() => undefined);
  else app.addHook('onListen', async () => void loadAssets().catch(() => undefined));
  addSecurityHeaders(app, {
    scriptHashes: page?.scriptHashes ?? [],
    styleHashes: page?.styleHashes ?? [],
    frameAncestors: config.server.frameAncestors,
  });
  addHostCheck(app, config.server.allowedHosts, logger);
  app.setErrorHandler((error, _request, reply) => sendError(reply, error, logger));
  await installWebSocket(app, config.server.maxMessageSize, logger, options.streamLimits?.pingIntervalMs);

  await app.register(
    async (scope) => {
      // First: its hook gives every page below the browser-id cookie.
      if (options.auth) await scope.register(options.auth.plugin);
      scope.get(HEALTH_PATH, async (_request, reply) => reply.header('Cache-Control', 'no-cache').type('text/plain').send('ok'));
      scope.get('/', async (request, reply) => sendPage(request, reply, page, distDir));
      scope.get('/static/*', async (request, reply) => sendAsset(request, reply, await loadAssets()));
      registerStream(scope, {
        hub,
        allowedOrigins: config.server.corsAllowedOrigins,
        logger,
        identify: options.auth?.identify,
        maxMessageSize: config.server.maxMessageSize,
        inboundLimits: options.streamLimits?.inboundLimits,
        maxBufferedBytes: options.streamLimits?.maxBufferedBytes,
      });
      if (hub.media) {
        await registerMediaRoutes(scope, {
          hub: hub.media,
          maxUploadSizeMb: config.server.maxUploadSize ?? 200,
          allowedOrigins: config.server.corsAllowedOrigins,
          logger,
        });
      }
      // Any other page-like URL under the base gets the shell: room for multipage apps.
      scope.setNotFoundHandler(async (request, reply) => {
        if (request.method === 'GET' && acceptsHtml(request)) return sendPage(request, reply, page, distDir);
        return reply.code(404).type('text/plain').send('Not Found');
      });
    },
    { prefix: base ? `/${base}` : '' },
  );
  if (base) {
    app.setNotFoundHandler(async (_request, reply) =>
      reply.code(404).type('text/plain').send(`Not Found: this server serves its app under ${basePrefix(base)}`),
    );
  }
  return app;
}

function sendPage(request: FastifyRequest, reply: FastifyReply, page: Page | undefined, distDir: string) {
  if (!page) throw new MiniStError('MST_ERR_PAGE_NOT_BUILT', { dir: distDir });
  reply.header('Cache-Control', 'no-cache').header('ETag', page.etag).type('text/html; charset=utf-8');
  if (matchesEtag(request.headers['if-none-match'], page.etag)) return reply.code(304).send();
  return reply.send(page.html);
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, assets: StaticAssets) {
  const path = (request.params as { '*': string })['*'];
  // Assets are looked up by exact name in memory, so nothing outside static/ is reachable anyway;
  // refusing dot segments outright keeps that obvious.
  const asset = /(^|\/)\.\.?(\/|$)|\\|\0/.test(path) ? undefined : assets.get(path);
  if (!asset) return reply.code(404).type('text/plain').send('Not Found');
  const encoding = chooseEncoding(request.headers['accept-encoding'], asset);
  const etag = etagOf(asset, encoding);
  reply
    .header('Cache-Control', 'public, max-age=31536000, immutable')
    .header('Vary', 'Accept-Encoding')
    .header('ETag', etag)
    .type(asset.contentType);
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  return reply.send(asset.bodies[encoding]);
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function sendError(reply: FastifyReply, error: unknown, logger: Logger) {
  if (error instanceof MiniStError) {
    // Only faults are logged: an unbuilt page was reported once at startup.
    if (error.code === 'MST_ERR_INTERNAL') logger.error(`Error [${error.code}]: ${error.message}`, error.cause);
    return reply.code(error.status ?? 500).send({ code: error.code, message: error.message });
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return reply.code(status).send({ message: (error as Error).message });
  }
  const fault = new MiniStError('MST_ERR_INTERNAL', { detail: (error as Error)?.message ?? String(error) }, { cause: error });
  logger.error(`Error [${fault.code}]: ${fault.message}`, error);
  return reply.code(500).send({ code: fault.code, message: fault.message });
}
