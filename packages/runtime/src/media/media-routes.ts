/**
 * The HTTP side of media and uploads, inside the app's base path:
 * - `GET /_stcore/media/<id>`: a stored file, with its type, long cache headers, and byte ranges
 *   (206 / 416) for audio and video. Served with a sandboxing CSP, so a stored SVG or HTML file
 *   opened directly can never run script in the app's origin.
 * - `PUT /_stcore/upload_file/<sessionId>/<widgetId>`: one file for a `st.file_uploader`, the raw
 *   bytes as the body, its name in `x-mini-st-file-name` (URI-encoded).
 * - `DELETE /_stcore/upload_file/<sessionId>/<widgetId>/<fileId>`: the page removed a file.
 * Uploads are bound to the session by its upload token (`x-mini-st-upload-token`) and refused
 * from other sites by the same Origin rule as the WebSocket, plus `Sec-Fetch-Site`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MEDIA_PATH, UPLOAD_PATH, UPLOAD_TOKEN_HEADER } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import type { Logger } from '../server/logger.js';
import { isAllowedOrigin } from '../server/origin.js';
import { parseRange } from './http-range.js';
import type { MediaHub } from './media-hub.js';
import type { StoredMedia } from './media-store.js';

export const FILE_NAME_HEADER = 'x-mini-st-file-name';

export interface MediaRouteOptions {
  hub: MediaHub;
  /** `server.maxUploadSize`, in megabytes. */
  maxUploadSizeMb: number;
  /** Normalized `server.corsAllowedOrigins`. */
  allowedOrigins: readonly string[];
  logger: Logger;
}

/** A stored file's id: 40 hex digits of its hash and an extension. */
const MEDIA_ID = /^[0-9a-f]{40}\.[a-z0-9]{1,5}$/;
/** What a media response may do if opened as a document: nothing but show itself. */
const MEDIA_CSP = "default-src 'none'; img-src data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";

/**
 * Adds the media and upload routes to `scope` (the base-path scope).
 *
 * @example
 * await registerMediaRoutes(scope, { hub: sessions.media, maxUploadSizeMb: 200, allowedOrigins: [], logger });
 */
export async function registerMediaRoutes(scope: FastifyInstance, options: MediaRouteOptions): Promise<void> {
  await scope.register(async (media) => {
    const limit = Math.floor(options.maxUploadSizeMb * 1024 * 1024);
    // Runs after the app's own security headers hook, so this policy is the one that stays.
    media.addHook('onSend', async (request, reply, payload) => {
      if (request.url.includes(MEDIA_PATH)) reply.header('Content-Security-Policy', MEDIA_CSP);
      return payload;
    });
    // An upload body is the file itself, whatever its type.
    media.removeAllContentTypeParsers();
    media.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) => done(null, body));
    media.setErrorHandler((error, _request, reply) => {
      const known = error instanceof MiniStError ? error : (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? tooLarge(options) : undefined;
      if (known) return reply.code(known.status ?? 400).send({ code: known.code, message: known.message });
      throw error;
    });

    media.get(`${MEDIA_PATH}/:id`, async (request, reply) => {
      const { id } = request.params as { id: string };
      const file = MEDIA_ID.test(id) ? options.hub.store.get(id) : undefined;
      if (!file) throw new MiniStError('MST_ERR_MEDIA_NOT_FOUND', { name: id.slice(0, 80) });
      return sendMedia(request, reply, file);
    });

    const guard = (request: FastifyRequest) => {
      refuseCrossSite(request, options.allowedOrigins);
      const { sessionId } = request.params as { sessionId: string };
      const token = request.headers[UPLOAD_TOKEN_HEADER];
      const target = options.hub.uploadTarget(sessionId, typeof token === 'string' ? token : undefined);
      if (!target) throw new MiniStError('MST_ERR_UPLOAD_SESSION');
      return target;
    };

    media.put(`${UPLOAD_PATH}/:sessionId/:widgetId`, {
      // Checked before the body is read: a too-large upload costs nothing, and a foreign one neither.
      onRequest: async (request) => {
        guard(request);
        const length = Number(request.headers['content-length']);
        if (Number.isFinite(length) && length > limit) throw tooLarge(options);
      },
      handler: async (request, reply) => {
        const target = guard(request);
        const { widgetId } = request.params as { widgetId: string };
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const name = fileNameOf(request.headers[FILE_NAME_HEADER]);
        const type = String(request.headers['content-type'] ?? 'application/octet-stream').slice(0, 200);
        return reply.code(200).header('Cache-Control', 'no-store').send(target.upload(widgetId, name, type, body));
      },
    });

    media.delete(`${UPLOAD_PATH}/:sessionId/:widgetId/:fileId`, async (request, reply) => {
      const target = guard(request);
      const { fileId } = request.params as { fileId: string };
      target.remove(fileId);
      return reply.code(204).send();
    });
  });
}

function tooLarge(options: MediaRouteOptions): MiniStError {
  return new MiniStError('MST_ERR_UPLOAD_TOO_LARGE', { limit: options.maxUploadSizeMb });
}

/**
 * Uploads come only from the app's own pages: an Origin must pass the WebSocket's rule, and a
 * browser that says the request is cross-site must name an allowed Origin.
 */
function refuseCrossSite(request: FastifyRequest, allowedOrigins: readonly string[]): void {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  const allowed = isAllowedOrigin(origin, request.headers.host, allowedOrigins);
  if (!allowed || (origin === undefined && (site === 'cross-site' || site === 'same-site'))) {
    throw new MiniStError('MST_ERR_UPLOAD_ORIGIN', { origin: origin ?? `a ${String(site)} page` });
  }
}

/** The file name the page sent: decoded, without any path, at most 255 characters. */
function fileNameOf(raw: string | string[] | undefined): string {
  let name = typeof raw === 'string' ? raw : '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not URI-encoded: take it as it is.
  }
  name = name.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop() ?? '';
  return name.slice(0, 255) || 'file';
}

function sendMedia(request: FastifyRequest, reply: FastifyReply, file: StoredMedia) {
  const size = file.bytes.byteLength;
  const etag = `"${file.id.split('.')[0]}"`;
  reply
    .header('Content-Type', file.mimetype)
    .header('Accept-Ranges', 'bytes')
    .header('ETag', etag)
    // The id is the content's hash: the same URL always means the same bytes.
    .header('Cache-Control', 'private, max-age=31536000, immutable')
    .header('Content-Disposition', file.fileName === undefined ? 'inline' : contentDisposition(file.fileName));
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  const whole = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, size);
  const range = parseRange(request.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    const error = new MiniStError('MST_ERR_MEDIA_RANGE', { range: String(request.headers.range).slice(0, 80), size });
    return reply
      .code(416)
      .header('Content-Range', `bytes */${size}`)
      .removeHeader('Content-Disposition')
      .type('application/json; charset=utf-8')
      .send({ code: error.code, message: error.message });
  }
  if (range.kind === 'partial') {
    return reply
      .code(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
      .send(whole.subarray(range.start, range.end + 1));
  }
  return reply.send(whole);
}

/**
 * `Content-Disposition` for a download: an ASCII fallback name and the exact name, RFC 6266.
 *
 * @example
 * contentDisposition('résumé "v2".pdf')
 * // attachment; filename="r_sum_ _v2_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.pdf
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
